import Foundation
import StudioCore

/// WaveSpeed AI v3: `POST /api/v3/{model path}` (sync mode where the model has it), then polling of
/// `data.urls.get`, then the output (naked base64 or a URL) copied in at once.
public struct WaveSpeedProvider: HTTPBackedProvider {
    public let id = "wavespeed"
    let settings: ProviderSettings
    let http: ProviderHTTP

    public init(settings: ProviderSettings, transport: any HTTPTransport, breaker: CircuitBreaker = .init()) {
        self.settings = settings
        self.http = ProviderHTTP(provider: "wavespeed", transport: transport, breaker: breaker, tuning: settings.tuning)
    }

    var headers: [(String, String)] { [("Authorization", "Bearer \(settings.apiKey)"), ("Content-Type", "application/json")] }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        let deadline = ContinuousClock.now + settings.tuning.deadline
        let task = try await send(request, context: context)
        return try await finish(task, deadline: deadline)
    }

    public func submit(_ request: ProviderRequest, context: ProviderRunContext) async throws -> Submission {
        let deadline = ContinuousClock.now + settings.tuning.deadline
        let task = try await send(request, context: context)
        if case .pending(let taskID, _) = task { return .accepted(taskID: taskID) }
        return .finished(try await finish(task, deadline: deadline))
    }

    /// The submit on its own, so the request body (the image as base64) and the reply are freed before
    /// the wait: thousands of tasks may be in flight.
    private func send(_ request: ProviderRequest, context: ProviderRunContext) async throws -> WaveSpeedTask {
        let url = settings.baseURL.appendingPathComponent("api/v3").appendingPathComponent(request.model.providerPath)
        let call = HTTPCall(method: "POST", url: url, headers: headers, body: Payloads.json(WaveSpeedRequest.body(request)),
                            timeout: settings.tuning.requestTimeout)
        try await context.submitting()
        let reply = try await http.send(call, createsWork: true, verdict: WaveSpeedResponse.submitVerdict)
        let task = try WaveSpeedResponse.task(reply)
        try await context.accepted(task.id)
        return task
    }

    public func resume(taskID: String, request: ProviderRequest) async throws -> ProviderOutput {
        try await finish(.pending(id: taskID, pollURL: nil), deadline: ContinuousClock.now + settings.tuning.deadline)
    }

    private func finish(_ start: WaveSpeedTask, deadline: ContinuousClock.Instant) async throws -> ProviderOutput {
        var task = start
        var polls = 0
        while true {
            switch task {
            case .completed(let taskID, let output, let nsfw):
                guard !nsfw else {
                    throw ProviderError(.contentPolicy, provider: id, message: "WaveSpeed's safety checker flagged the output of task \(taskID).")
                }
                return ProviderOutput(data: try await outputData(output), providerTaskID: taskID)
            case .failed(_, let error):
                throw error
            case .pending(let taskID, let pollURL):
                let wait = settings.tuning.pollDelay(attempt: polls)
                polls += 1
                guard ContinuousClock.now + wait < deadline else {
                    throw ProviderError(.timeout, provider: id, message: "WaveSpeed task \(taskID) was still running at the deadline.")
                }
                try await Task.sleep(for: wait)
                let call = HTTPCall(method: "GET", url: resultURL(taskID, pollURL), headers: headers, timeout: settings.tuning.requestTimeout)
                task = try WaveSpeedResponse.task(try await http.send(call, createsWork: false, verdict: WaveSpeedResponse.pollVerdict))
            }
        }
    }

    /// `urls.get` when it points at the configured host; otherwise the documented result path.
    private func resultURL(_ taskID: String, _ pollURL: URL?) -> URL {
        if let pollURL, pollURL.host == settings.baseURL.host, pollURL.port == settings.baseURL.port { return pollURL }
        return settings.baseURL.appendingPathComponent("api/v3/predictions/\(taskID)/result")
    }

    private func outputData(_ output: String) async throws -> Data {
        if let inline = Payloads.inlineImage(output) { return inline }
        guard let url = URL(string: output), ["http", "https"].contains(url.scheme ?? "") else {
            throw ProviderError(.malformedResponse, provider: id, message: "WaveSpeed's output is neither base64 nor an http(s) URL.")
        }
        let call = HTTPCall(method: "GET", url: url, timeout: settings.tuning.requestTimeout)
        return try await http.send(call, createsWork: false) { reply in
            switch reply.status {
            case 200: .success
            case 429, 500...: .retry(ProviderError(statusKind(reply.status), provider: "wavespeed", message: "The output download failed (\(reply.status))."), after: nil)
            default: .fail(ProviderError(.malformedResponse, provider: "wavespeed", message: "The output download failed (\(reply.status))."))
            }
        }.body
    }
}
