import Foundation
import StudioCore

/// Hugging Face Inference image-to-image (`{inputs: <base64>, parameters}`) and text-to-image
/// (`{inputs: <prompt>, parameters: {width, height, …}}`) at `POST {base}/hf-inference/models/{model}`;
/// image bytes back; a 503 "loading" is waited out (capped).
public struct HuggingFaceProvider: HTTPBackedProvider {
    public let id = "huggingface"
    let settings: ProviderSettings
    let http: ProviderHTTP

    public init(settings: ProviderSettings, transport: any HTTPTransport, breaker: CircuitBreaker = .init()) {
        self.settings = settings
        self.http = ProviderHTTP(provider: "huggingface", transport: transport, breaker: breaker, tuning: settings.tuning)
    }

    static func body(_ request: ProviderRequest) throws(ProviderError) -> [String: Any] {
        var parameters: [String: Any] = [:]
        let generating = request.image == nil
        if !generating, let prompt = request.prompt, !prompt.isEmpty { parameters["prompt"] = prompt }
        if let negative = request.negativePrompt, !negative.isEmpty { parameters["negative_prompt"] = negative }
        if let range = request.model.request.guidance {
            parameters["guidance_scale"] = min(range.max, max(range.min, request.guidanceScale ?? range.default))
        }
        if let steps = request.steps { parameters["num_inference_steps"] = steps }
        if generating {
            guard let prompt = request.prompt, !prompt.isEmpty else {
                throw ProviderError(.invalidInput, provider: "huggingface", message: "Text-to-image needs a prompt.")
            }
            parameters["width"] = request.workingSize.width
            parameters["height"] = request.workingSize.height
            return ["inputs": prompt, "parameters": parameters]
        }
        return ["inputs": try request.requireImage("huggingface").data.base64EncodedString(), "parameters": parameters]
    }

    func verdict(_ reply: HTTPReply) -> ReplyVerdict {
        switch reply.status {
        case 200:
            return (reply.header("content-type") ?? "").hasPrefix("image/") ? .success
                : .fail(ProviderError(.malformedResponse, provider: id, message: "Hugging Face answered without an image."))
        case 503:
            // Loading: wait the estimated time, capped so a cold model cannot hold a request for minutes.
            let object = Payloads.object(reply.body)
            let estimate = (object?["estimated_time"] as? Double).map { Duration.milliseconds(Int($0 * 1000)) }
            return .retry(ProviderError(.unavailable, provider: id, message: "The Hugging Face model is loading or busy."),
                          after: estimate.map { min($0, settings.tuning.maxLoadingWait) } ?? RetryPolicy.retryAfter(reply))
        case 429, 500...:
            return .retry(ProviderError(statusKind(reply.status), provider: id, message: "Hugging Face answered \(reply.status)."),
                          after: RetryPolicy.retryAfter(reply))
        default:
            let detail = String((Payloads.object(reply.body)?["error"] as? String ?? "").prefix(200))
            return .fail(ProviderError(statusKind(reply.status), provider: id, message: "Hugging Face answered \(reply.status): \(detail)"))
        }
    }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        let url = settings.baseURL.appendingPathComponent("hf-inference/models").appendingPathComponent(request.model.providerPath)
        let call = HTTPCall(method: "POST", url: url,
                            headers: [("Authorization", "Bearer \(settings.apiKey)"), ("Content-Type", "application/json"), ("Accept", "image/png")],
                            body: Payloads.json(try Self.body(request)), timeout: settings.tuning.requestTimeout)
        try await context.submitting()
        return ProviderOutput(data: try await http.send(call, createsWork: true, verdict: verdict).body)
    }
}
