import Foundation
import StudioCore

/// OpenAI Images: `POST /v1/images/edits` multipart with an explicit model; `b64_json` back.
/// OpenAI reads transparent = edit masks: the registry says so, and the pipeline hands the mask over in that convention.
public struct OpenAIProvider: HTTPBackedProvider {
    public let id = "openai"
    let settings: ProviderSettings
    let http: ProviderHTTP

    public init(settings: ProviderSettings, transport: any HTTPTransport, breaker: CircuitBreaker = .init()) {
        self.settings = settings
        self.http = ProviderHTTP(provider: "openai", transport: transport, breaker: breaker, tuning: settings.tuning)
    }

    /// The supported size closest to the image's aspect ratio.
    static func size(_ image: PixelSize) -> String {
        let ratio = Double(image.width) / Double(image.height)
        return ratio > 1.25 ? "1536x1024" : ratio < 0.8 ? "1024x1536" : "1024x1024"
    }

    func form(_ request: ProviderRequest) throws -> MultipartBody {
        let image = try request.requireImage(id)
        var form = MultipartBody()
        form.field("model", request.model.providerPath)
        form.field("prompt", request.prompt ?? "")
        if request.references.isEmpty {
            form.file("image", image)
        } else {
            for payload in [image] + request.references { form.file("image[]", payload) }
        }
        if let mask = request.mask {
            form.file("mask", filename: "mask.png", mimeType: "image/png", mask.data)
        }
        form.field("size", Self.size(image.header.size))
        if case .qualityBySize(let option, let fallback, _) = request.model.price {
            form.field("quality", request.options[option]?.stringValue ?? fallback)
        }
        form.field("output_format", request.outputFormat == .jpeg || request.outputFormat == .webp ? request.outputFormat.rawValue : "png")
        form.field("n", "1")
        return form
    }

    func verdict(_ reply: HTTPReply) -> ReplyVerdict {
        let error = Payloads.object(reply.body)?["error"] as? [String: Any]
        let code = error?["code"] as? String
        let message = String((error?["message"] as? String ?? "").prefix(200))
        switch reply.status {
        case 200:
            return .success
        case 400 where code == "moderation_blocked" || error?["type"] as? String == "image_generation_user_error":
            return .fail(ProviderError(.contentPolicy, provider: id, message: "OpenAI's safety system rejected the request."))
        case 429 where code == "insufficient_quota":
            return .fail(ProviderError(.billing, provider: id, message: "The OpenAI account has no quota left."))
        case 408, 409, 429, 500...:
            return .retry(ProviderError(statusKind(reply.status), provider: id, message: "OpenAI answered \(reply.status)."),
                          after: RetryPolicy.retryAfter(reply))
        default:
            return .fail(ProviderError(statusKind(reply.status), provider: id, message: "OpenAI answered \(reply.status): \(message)"))
        }
    }

    /// `POST /v1/images/generations`: JSON with an explicit model, size and quality.
    func generationBody(_ request: ProviderRequest) -> Data {
        var body: [String: Any] = ["model": request.model.providerPath, "prompt": request.prompt ?? "", "n": 1,
                                   "size": Self.size(request.workingSize),
                                   "output_format": request.outputFormat == .jpeg || request.outputFormat == .webp ? request.outputFormat.rawValue : "png"]
        if case .qualityBySize(let option, let fallback, _) = request.model.price {
            body["quality"] = request.options[option]?.stringValue ?? fallback
        }
        return Payloads.json(body)
    }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        let call: HTTPCall
        if request.operation == .generate {
            call = HTTPCall(method: "POST", url: settings.baseURL.appendingPathComponent("v1/images/generations"),
                            headers: [("Authorization", "Bearer \(settings.apiKey)"), ("Content-Type", "application/json")],
                            body: generationBody(request), timeout: settings.tuning.requestTimeout)
        } else {
            var form = try form(request)
            call = HTTPCall(method: "POST", url: settings.baseURL.appendingPathComponent("v1/images/edits"),
                            headers: [("Authorization", "Bearer \(settings.apiKey)"), ("Content-Type", form.contentType)],
                            body: form.finished(), timeout: settings.tuning.requestTimeout)
        }
        try await context.submitting()
        let reply = try await http.send(call, createsWork: true, verdict: verdict)
        guard let first = (Payloads.object(reply.body)?["data"] as? [[String: Any]])?.first,
              let base64 = first["b64_json"] as? String, let data = Data(base64Encoded: base64) else {
            throw ProviderError(.malformedResponse, provider: id, message: "OpenAI's answer has no b64_json image.")
        }
        return ProviderOutput(data: data)
    }
}
