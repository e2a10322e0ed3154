import Foundation
import StudioCore

/// Stability AI v2beta edit services: multipart in, image out; replace-background-and-relight is
/// asynchronous (`{id}`, then `GET /v2beta/results/{id}`: 202 pending, 200 done, 404 expired).
public struct StabilityProvider: HTTPBackedProvider {
    public let id = "stability"
    let settings: ProviderSettings
    let http: ProviderHTTP

    public init(settings: ProviderSettings, transport: any HTTPTransport, breaker: CircuitBreaker = .init()) {
        self.settings = settings
        self.http = ProviderHTTP(provider: "stability", transport: transport, breaker: breaker, tuning: settings.tuning)
    }

    private var auth: (String, String) { ("Authorization", "Bearer \(settings.apiKey)") }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        switch try await submit(request, context: context) {
        case .finished(let output): output
        case .accepted(let generation): try await poll(generation)
        }
    }

    public func submit(_ request: ProviderRequest, context: ProviderRunContext) async throws -> Submission {
        var form = try StabilityRequest.form(request)
        let url = settings.baseURL.appendingPathComponent(request.model.providerPath)
        let call = HTTPCall(method: "POST", url: url, headers: [auth, ("Content-Type", form.contentType), ("Accept", "image/*")],
                            body: form.finished(), timeout: settings.tuning.requestTimeout)
        try await context.submitting()
        let reply = try await http.send(call, createsWork: true, verdict: StabilityResponse.verdict)
        guard StabilityRequest.isAsync(request.model) else { return .finished(ProviderOutput(data: try StabilityResponse.image(reply))) }
        let generation = try StabilityResponse.generationID(reply)
        try await context.accepted(generation)
        return .accepted(taskID: generation)
    }

    public func resume(taskID: String, request: ProviderRequest) async throws -> ProviderOutput {
        try await poll(taskID)
    }

    private func poll(_ generation: String) async throws -> ProviderOutput {
        let deadline = ContinuousClock.now + settings.tuning.deadline
        let call = HTTPCall(method: "GET", url: settings.baseURL.appendingPathComponent("v2beta/results/\(generation)"),
                            headers: [auth, ("Accept", "image/*")], timeout: settings.tuning.requestTimeout)
        var polls = 0
        while true {
            let reply = try await http.send(call, createsWork: false, verdict: StabilityResponse.verdict)
            if reply.status == 200 { return ProviderOutput(data: try StabilityResponse.image(reply), providerTaskID: generation) }
            let wait = settings.tuning.pollDelay(attempt: polls)
            polls += 1
            guard ContinuousClock.now + wait < deadline else {
                throw ProviderError(.timeout, provider: id, message: "Stability generation \(generation) was still running at the deadline.")
            }
            try await Task.sleep(for: wait)
        }
    }
}
