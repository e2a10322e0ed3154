import StudioCore
import Vapor

/// Turns every error into `{"success": false, "error": {"code", "message", …}}` with the right status.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return try Self.response(for: Self.logged(error, request))
        }
    }

    /// The outcome of an error, logged at its level.
    static func logged(_ error: any Error, _ request: Request) -> ErrorOutcome {
        let outcome = outcome(for: error)
        request.logger.log(level: outcome.level, "\(request.method) \(request.url.path) -> \(outcome.status.code) \(outcome.code): \(outcome.message)")
        return outcome
    }

    static func response(for outcome: ErrorOutcome) throws -> Response {
        let body = ErrorBody(error: .init(code: outcome.code, message: outcome.message,
                                          usageInfo: outcome.usage.map(UsageDTO.init), rejections: outcome.rejections.map {
                                              $0.map { .init(modelID: $0.modelID, reason: $0.reason) }
                                          }))
        let response = Response(status: outcome.status)
        try response.content.encode(body, as: .json)
        return response
    }

    static func outcome(for error: any Error) -> ErrorOutcome {
        switch error {
        case let error as StudioError: return error.outcome
        case let error as APIError: return error.outcome
        case let error as DecodingError:
            return ErrorOutcome(status: .badRequest, code: "invalid_request", message: describe(error), level: .info)
        case let error as any AbortError:
            let code: String = switch error.status {
            case .payloadTooLarge: "payload_too_large"
            case .notFound: "not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .unsupportedMediaType: "unsupported_media_type"
            default: error.status.code < 500 ? "invalid_request" : "internal_error"
            }
            return ErrorOutcome(status: error.status, code: code, message: error.reason, level: error.status.code < 500 ? .info : .error)
        default:
            return ErrorOutcome(status: .internalServerError, code: "internal_error",
                                message: "An unexpected error occurred.", level: .error)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "body" ? "" : parent + ".")\(key.stringValue) is required."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "The request body could not be read."
        }
    }
}
