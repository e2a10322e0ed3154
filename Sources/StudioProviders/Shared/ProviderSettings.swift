import Foundation

/// Where and how to call one hosted provider. Injected; adapters never read the environment.
public struct ProviderSettings: Sendable {
    public var baseURL: URL
    public var apiKey: String
    public var tuning: ProviderTuning

    public init(baseURL: URL, apiKey: String, tuning: ProviderTuning = .init()) {
        self.baseURL = baseURL; self.apiKey = apiKey; self.tuning = tuning
    }
}

/// Timeouts, polling and retries. Production defaults; tests shorten them.
public struct ProviderTuning: Sendable {
    /// Per HTTP exchange (a sync-mode submit may take long).
    public var requestTimeout: Duration
    /// Between the first polls of an async task; each wait then grows by half, up to `maxPollInterval`,
    /// so thousands of long tasks in flight do not poll the provider flat out.
    public var pollInterval: Duration
    public var maxPollInterval: Duration
    /// The whole call: submit, polling and download.
    public var deadline: Duration
    public var retry: RetryPolicy
    /// A Hugging Face "model loading" wait is capped at this.
    public var maxLoadingWait: Duration

    public init(requestTimeout: Duration = .seconds(120), pollInterval: Duration = .seconds(2), maxPollInterval: Duration? = nil,
                deadline: Duration = .seconds(300), retry: RetryPolicy = .init(), maxLoadingWait: Duration = .seconds(30)) {
        self.requestTimeout = requestTimeout; self.pollInterval = pollInterval; self.deadline = deadline
        self.maxPollInterval = max(pollInterval, maxPollInterval ?? pollInterval * 4)
        self.retry = retry; self.maxLoadingWait = maxLoadingWait
    }
}

extension ProviderTuning {
    /// The wait before poll number `attempt` (0 first): `pollInterval` × 1.5^attempt, capped.
    func pollDelay(attempt: Int) -> Duration {
        let grown = pollInterval * pow(1.5, Double(min(attempt, 30)))
        return min(grown, maxPollInterval)
    }
}
