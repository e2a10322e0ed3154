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
        case engineFailure         // the local engine failed unexpectedly
    }

    public let kind: Kind
    public let provider: String
    public let message: String

    public init(_ kind: Kind, provider: String, message: String) {
        self.kind = kind; self.provider = provider; self.message = message
    }
}
