/// A provider failure, already classified so the pipeline and the router can decide what to do.
public struct ProviderError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case invalidInput          // the provider (or local engine) refuses this input; not retryable
        case contentPolicy         // moderation refused it; not charged
        case rateLimited           // 429 upstream; retry later
        case unavailable           // 5xx / connection failure; retry elsewhere
        case timeout               // no answer in time; a submit may have happened
        case malformedResponse     // a 2xx we could not understand
        case authentication        // our key is wrong
        case billing               // our provider account cannot pay; not retryable
        case ambiguous             // a submit may have reached the provider; never re-sent
        case taskFailed            // the provider ran the task and it failed
        case engineFailure         // the local engine failed unexpectedly
    }

    public let kind: Kind
    public let provider: String
    public let message: String

    public init(_ kind: Kind, provider: String, message: String) {
        self.kind = kind; self.provider = provider; self.message = message
    }
}

extension ProviderError.Kind {
    /// Whether another provider should be tried for an auto-selected model: the provider (not the
    /// request) is the problem, and nothing may have been created there.
    public var allowsFailover: Bool {
        switch self {
        case .unavailable, .rateLimited, .timeout, .authentication, .billing, .malformedResponse, .taskFailed: true
        case .invalidInput, .contentPolicy, .ambiguous, .engineFailure: false
        }
    }
}
