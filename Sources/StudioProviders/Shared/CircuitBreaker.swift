import Foundation
import Synchronization

/// Opens after `threshold` consecutive provider failures; after `coolDown` lets one trial call
/// through (half-open) and closes again on its success.
public final class CircuitBreaker: Sendable {
    private struct State {
        var failures = 0
        var openedAt: ContinuousClock.Instant?
        var trialInFlight = false
    }

    private let state = Mutex(State())
    public let threshold: Int
    public let coolDown: Duration

    public init(threshold: Int = 5, coolDown: Duration = .seconds(30)) {
        self.threshold = threshold
        self.coolDown = coolDown
    }

    /// Whether a call may go out now.
    public func allow() -> Bool {
        state.withLock { state in
            guard let openedAt = state.openedAt else { return true }
            guard ContinuousClock.now - openedAt >= coolDown, !state.trialInFlight else { return false }
            state.trialInFlight = true
            return true
        }
    }

    /// Open (and not yet cooled down): the provider is treated as down.
    public var isOpen: Bool {
        state.withLock { state in
            guard let openedAt = state.openedAt else { return false }
            return ContinuousClock.now - openedAt < coolDown || state.trialInFlight
        }
    }

    public func recordSuccess() {
        state.withLock { $0 = State() }
    }

    public func recordFailure() {
        state.withLock { state in
            state.failures += 1
            state.trialInFlight = false
            if state.failures >= threshold || state.openedAt != nil { state.openedAt = ContinuousClock.now }
        }
    }
}
