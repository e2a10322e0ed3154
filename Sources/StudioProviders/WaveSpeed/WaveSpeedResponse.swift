import Foundation
import StudioCore

/// Where a WaveSpeed prediction stands.
enum WaveSpeedTask: Sendable, Equatable {
    case pending(id: String, pollURL: URL?)
    case completed(id: String, output: String, nsfw: Bool)
    case failed(id: String, ProviderError)

    var id: String {
        switch self {
        case .pending(let id, _), .completed(let id, _, _), .failed(let id, _): id
        }
    }
}

/// Reads WaveSpeed's envelope `{code, message, data: {id, status, outputs, urls.get, has_nsfw_contents, error}}`. Pure.
enum WaveSpeedResponse {
    static let provider = "wavespeed"

    /// A submit is never retried once it may have reached WaveSpeed (no idempotency key): only a 429,
    /// which rejects the task outright, is retried.
    static func submitVerdict(_ reply: HTTPReply) -> ReplyVerdict {
        switch reply.status {
        case 200: return bodyVerdict(reply)
        case 429: return .retry(error(.rateLimited, "WaveSpeed rate limit reached."), after: RetryPolicy.retryAfter(reply))
        case 500...: return .fail(error(.ambiguous,
            "WaveSpeed answered \(reply.status) to the submit; the task may have been created at the provider, so it was not sent again."))
        default: return .fail(statusError(reply))
        }
    }

    /// Polling and downloads are safe to repeat.
    static func pollVerdict(_ reply: HTTPReply) -> ReplyVerdict {
        switch reply.status {
        case 200: return bodyVerdict(reply)
        case 429, 500...: return .retry(error(statusKind(reply.status), "WaveSpeed answered \(reply.status) while polling."), after: RetryPolicy.retryAfter(reply))
        case 404: return .fail(error(.taskFailed, "WaveSpeed does not know this task (unknown or expired id)."))
        default: return .fail(statusError(reply))
        }
    }

    /// HTTP 200 with a body `code` other than 200 is an error too.
    private static func bodyVerdict(_ reply: HTTPReply) -> ReplyVerdict {
        guard let object = Payloads.object(reply.body) else {
            return .fail(error(.malformedResponse, "WaveSpeed sent a body that is not JSON."))
        }
        guard let code = object["code"] as? Int, code != 200 else { return .success }
        let kind = statusKind(code)
        let failure = error(kind, "WaveSpeed refused the request (code \(code)): \(message(object))")
        return kind == .rateLimited ? .retry(failure, after: nil) : .fail(failure)
    }

    static func task(_ reply: HTTPReply) throws(ProviderError) -> WaveSpeedTask {
        guard let data = Payloads.object(reply.body)?["data"] as? [String: Any], let id = data["id"] as? String, !id.isEmpty else {
            throw error(.malformedResponse, "WaveSpeed's reply has no task id.")
        }
        let status = (data["status"] as? String ?? "").lowercased()
        let pollURL = ((data["urls"] as? [String: Any])?["get"] as? String).flatMap(URL.init(string:))
        switch status {
        case "created", "processing", "queued", "starting":
            return .pending(id: id, pollURL: pollURL)
        case "completed", "succeeded":
            guard let output = (data["outputs"] as? [Any])?.first as? String, !output.isEmpty else {
                throw error(.malformedResponse, "WaveSpeed reported task \(id) completed without an output.")
            }
            let nsfw = (data["has_nsfw_contents"] as? [Bool])?.first ?? false
            return .completed(id: id, output: output, nsfw: nsfw)
        default:
            let reason = data["error"] as? String ?? ""
            let policy = ["nsfw", "sensitive", "content policy", "safety", "moderation"].contains { reason.lowercased().contains($0) }
            return .failed(id: id, error(policy ? .contentPolicy : .taskFailed,
                                         "WaveSpeed task \(id) ended \(status.isEmpty ? "without a status" : status)" + (reason.isEmpty ? "." : ": \(reason.prefix(200))")))
        }
    }

    private static func statusError(_ reply: HTTPReply) -> ProviderError {
        let detail = Payloads.object(reply.body).map(message) ?? ""
        return error(statusKind(reply.status), "WaveSpeed answered \(reply.status)" + (detail.isEmpty ? "." : ": \(detail)"))
    }

    private static func message(_ object: [String: Any]) -> String {
        String((object["message"] as? String ?? "").prefix(200))
    }

    private static func error(_ kind: ProviderError.Kind, _ text: String) -> ProviderError {
        ProviderError(kind, provider: provider, message: text)
    }
}
