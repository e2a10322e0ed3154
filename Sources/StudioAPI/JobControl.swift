import Foundation

public enum CancelOutcome: Sendable {
    case cancelled
    case notFound
    case alreadyFinished
    /// Running where this process cannot stop it (a synchronous request, or another server).
    case notCancellable
}

/// Cancelling jobs, implemented by the worker that runs them.
public protocol JobControl: Sendable {
    func cancel(job: UUID, owner: UUID) async throws -> CancelOutcome
}
