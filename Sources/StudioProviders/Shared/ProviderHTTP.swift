import Foundation
import StudioCore

/// What a provider's reply means for the call that got it.
enum ReplyVerdict: Sendable {
    case success
    /// The provider refused without doing anything; the same call may be sent again after `after`.
    case retry(ProviderError, after: Duration?)
    case fail(ProviderError)
}

/// The one send loop every adapter uses: circuit breaker, retries with backoff and `Retry-After`,
/// and the rule that a call which creates work is never re-sent once it may have arrived.
struct ProviderHTTP: Sendable {
    let provider: String
    let transport: any HTTPTransport
    let breaker: CircuitBreaker
    let tuning: ProviderTuning

    /// `createsWork`: a POST that makes (and bills) something at the provider.
    func send(_ call: HTTPCall, createsWork: Bool, verdict: (HTTPReply) -> ReplyVerdict) async throws -> HTTPReply {
        let giveUp = ContinuousClock.now + tuning.deadline
        var attempt = 0
        while true {
            attempt += 1
            guard breaker.allow() else {
                throw ProviderError(.unavailable, provider: provider, message: "The \(provider) provider is failing; calls are paused (circuit open).")
            }
            let failure: ProviderError
            var retryAfter: Duration?
            do {
                let reply = try await transport.send(call)
                switch verdict(reply) {
                case .success:
                    breaker.recordSuccess()
                    return reply
                case .fail(let error):
                    if error.kind.countsAgainstProvider { breaker.recordFailure() }
                    throw error
                case .retry(let error, let after):
                    (failure, retryAfter) = (error, after)
                }
            } catch let error as TransportError {
                switch error {
                case .notSent(let why):
                    failure = ProviderError(.unavailable, provider: provider, message: "Cannot reach \(provider): \(why).")
                case .maybeSent where createsWork:
                    breaker.recordFailure()
                    throw ProviderError(.ambiguous, provider: provider, message:
                        "The connection to \(provider) was lost after the request was sent; the task may have been created at the provider, so it was not sent again.")
                case .maybeSent(let why):
                    failure = ProviderError(.timeout, provider: provider, message: "No answer from \(provider): \(why).")
                case .replyTooLarge:
                    throw ProviderError(.malformedResponse, provider: provider, message: "The \(provider) reply was too large.")
                }
            }
            guard let delay = tuning.retry.delay(afterAttempt: attempt, retryAfter: retryAfter),
                  ContinuousClock.now + delay < giveUp else {
                if failure.kind.countsAgainstProvider { breaker.recordFailure() }
                throw failure
            }
            try await Task.sleep(for: delay)
        }
    }
}

extension ProviderError.Kind {
    /// Failures that say the provider is unwell (as opposed to our input being wrong).
    var countsAgainstProvider: Bool {
        switch self {
        case .unavailable, .timeout, .rateLimited, .malformedResponse, .ambiguous: true
        default: false
        }
    }
}

/// The usual meaning of an HTTP status for a provider call.
func statusKind(_ status: Int) -> ProviderError.Kind {
    switch status {
    case 401, 403: .authentication
    case 402: .billing
    case 429: .rateLimited
    case 500...: .unavailable
    default: .invalidInput
    }
}

/// Hosted adapters report an open circuit breaker as ill health, so the recommender skips them.
protocol HTTPBackedProvider: ImageProvider {
    var http: ProviderHTTP { get }
}

extension HTTPBackedProvider {
    public var unhealthyReason: String? {
        http.breaker.isOpen ? "provider '\(id)' is failing (circuit open after repeated errors)" : nil
    }
}
