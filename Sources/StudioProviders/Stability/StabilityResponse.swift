import Foundation
import StudioCore

/// Reads Stability's answers: image bytes with `finish-reason`, JSON `{image, finish_reason}`, `{id}`
/// for async services, and errors `{id, name, errors[]}`. Pure.
enum StabilityResponse {
    static let provider = "stability"

    static func verdict(_ reply: HTTPReply) -> ReplyVerdict {
        switch reply.status {
        case 200, 202: return .success
        case 403 where name(reply) == "content_moderation":
            return .fail(error(.contentPolicy, "Stability's moderation refused the request."))
        case 429, 500...:
            return .retry(error(statusKind(reply.status), "Stability answered \(reply.status)."), after: RetryPolicy.retryAfter(reply))
        case 404:
            return .fail(error(.taskFailed, "Stability does not know this generation (unknown or expired after 24 h)."))
        default:
            return .fail(error(statusKind(reply.status), "Stability answered \(reply.status) \(name(reply) ?? ""): \(messages(reply))"))
        }
    }

    /// The generation id of an async submit.
    static func generationID(_ reply: HTTPReply) throws(ProviderError) -> String {
        guard let id = Payloads.object(reply.body)?["id"] as? String, !id.isEmpty else {
            throw error(.malformedResponse, "Stability's async answer has no id.")
        }
        return id
    }

    /// The image of a finished generation (200), whichever `accept` form it came in.
    static func image(_ reply: HTTPReply) throws(ProviderError) -> Data {
        let contentType = reply.header("content-type") ?? ""
        if contentType.hasPrefix("application/json") {
            guard let object = Payloads.object(reply.body) else { throw error(.malformedResponse, "Stability sent invalid JSON.") }
            if (object["finish_reason"] as? String) == "CONTENT_FILTERED" { throw filtered }
            guard let base64 = object["image"] as? String, let data = Data(base64Encoded: base64) else {
                throw error(.malformedResponse, "Stability's JSON answer has no image.")
            }
            return data
        }
        if reply.header("finish-reason") == "CONTENT_FILTERED" { throw filtered }
        guard contentType.hasPrefix("image/"), !reply.body.isEmpty else {
            throw error(.malformedResponse, "Stability answered without an image.")
        }
        return reply.body
    }

    private static var filtered: ProviderError { error(.contentPolicy, "Stability filtered the output (finish reason CONTENT_FILTERED).") }

    private static func name(_ reply: HTTPReply) -> String? { Payloads.object(reply.body)?["name"] as? String }

    private static func messages(_ reply: HTTPReply) -> String {
        String(((Payloads.object(reply.body)?["errors"] as? [String]) ?? []).joined(separator: "; ").prefix(200))
    }

    private static func error(_ kind: ProviderError.Kind, _ text: String) -> ProviderError {
        ProviderError(kind, provider: provider, message: text)
    }
}
