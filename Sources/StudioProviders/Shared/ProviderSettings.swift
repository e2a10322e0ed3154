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
    /// Between polls of an async task.
    public var pollInterval: Duration
    /// The whole call: submit, polling and download.
    public var deadline: Duration
    public var retry: RetryPolicy
    /// A Hugging Face "model loading" wait is capped at this.
    public var maxLoadingWait: Duration

    public init(requestTimeout: Duration = .seconds(120), pollInterval: Duration = .seconds(2), deadline: Duration = .seconds(300),
                retry: RetryPolicy = .init(), maxLoadingWait: Duration = .seconds(30)) {
        self.requestTimeout = requestTimeout; self.pollInterval = pollInterval; self.deadline = deadline
        self.retry = retry; self.maxLoadingWait = maxLoadingWait
    }
}
