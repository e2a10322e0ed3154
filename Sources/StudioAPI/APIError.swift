import Logging
import StudioCore
import Vapor

/// Errors of the HTTP layer itself (before a request reaches the studio).
enum APIError: Error {
    case unauthorized
    case invalidQuery(name: String, reason: String)
    case invalidHeader(name: String, reason: String)
    case idempotencyConflict(String)
    case forbidden
    case invalidSignInLink
}

/// How an error leaves the server: status, stable code, message, log level, and extra details.
struct ErrorOutcome {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let level: Logger.Level
    var usage: UsageSnapshot?
    var rejections: [StudioError.Rejection]?
}

extension StudioError {
    /// The one exhaustive mapping of domain errors to HTTP.
    var outcome: ErrorOutcome {
        let (status, level): (HTTPResponseStatus, Logger.Level)
        switch self {
        case .invalidRequest, .invalidBase64, .invalidImage, .maskSizeMismatch, .unknownOperation, .unknownModel,
             .unsupportedOperation, .missingField, .invalidOption:
            (status, level) = (.badRequest, .info)
        case .imageTooLarge, .payloadTooLarge: (status, level) = (.payloadTooLarge, .info)
        case .imageDoesNotFit, .noModelAvailable: (status, level) = (.unprocessableEntity, .info)
        case .providerNotConfigured: (status, level) = (.serviceUnavailable, .notice)
        case .quotaExceeded: (status, level) = (.tooManyRequests, .info)
        case .budgetExceeded: (status, level) = (.paymentRequired, .info)
        case .notFound: (status, level) = (.notFound, .info)
        case .storage: (status, level) = (.internalServerError, .error)
        case .cancelled, .conflict: (status, level) = (.conflict, .info)
        case .provider(let error):
            switch error.kind {
            case .invalidInput, .contentPolicy: (status, level) = (.unprocessableEntity, .info)
            case .rateLimited: (status, level) = (.serviceUnavailable, .warning)
            case .unavailable, .malformedResponse, .authentication, .billing, .taskFailed: (status, level) = (.badGateway, .error)
            case .ambiguous: (status, level) = (.badGateway, .warning)
            case .timeout: (status, level) = (.gatewayTimeout, .warning)
            case .engineFailure: (status, level) = (.internalServerError, .error)
            }
        }
        var outcome = ErrorOutcome(status: status, code: code, message: message, level: level)
        switch self {
        case .quotaExceeded(let usage), .budgetExceeded(let usage, _): outcome.usage = usage
        case .noModelAvailable(_, let rejections): outcome.rejections = rejections
        default: break
        }
        return outcome
    }
}

extension APIError {
    var outcome: ErrorOutcome {
        switch self {
        case .unauthorized:
            ErrorOutcome(status: .unauthorized, code: "unauthorized",
                         message: "Send a valid API key as 'Authorization: Bearer <key>'.", level: .info)
        case .invalidQuery(let name, let reason):
            ErrorOutcome(status: .badRequest, code: "invalid_query", message: "\(name): \(reason).", level: .info)
        case .invalidHeader(let name, let reason):
            ErrorOutcome(status: .badRequest, code: "invalid_header", message: "\(name): \(reason).", level: .info)
        case .invalidSignInLink:
            ErrorOutcome(status: .unauthorized, code: "invalid_sign_in_link",
                         message: "This sign-in link is unknown, used or expired; restart the server for a new one, or sign in with an API key.",
                         level: .notice)
        case .forbidden:
            ErrorOutcome(status: .forbidden, code: "forbidden", message: "This needs an administrator's key.", level: .notice)
        case .idempotencyConflict(let message):
            ErrorOutcome(status: .conflict, code: "idempotency_conflict", message: message, level: .info)
        }
    }
}
