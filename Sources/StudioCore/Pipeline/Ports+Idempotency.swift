import Foundation

/// What an `Idempotency-Key` has seen.
public enum IdempotencyClaim: Sendable, Equatable {
    /// First use: run the request, then `complete` (or `abandon`) the key.
    case claimed
    /// Same key, same request, still running.
    case inProgress
    /// Same key, same request, finished: answer with this.
    case completed(status: Int, contentType: String, body: Data)
    /// Same key, another request.
    case mismatch
}

/// Remembers requests by (user, key) so a retried costly POST runs and is charged once.
public protocol IdempotencyStore: Sendable {
    func claim(user: UUID, key: String, requestHash: String) async throws -> IdempotencyClaim
    func complete(user: UUID, key: String, status: Int, contentType: String, body: Data) async throws
    /// Forgets a claim whose request failed without a lasting effect, so a retry runs again.
    func abandon(user: UUID, key: String) async throws
}
