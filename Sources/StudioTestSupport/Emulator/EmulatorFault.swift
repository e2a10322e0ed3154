import Foundation

/// A way for the emulated provider to misbehave, once per queued entry.
public enum EmulatorFault: Sendable, Codable, Equatable {
    /// Answer with this status (and the provider's error body), optionally with `Retry-After`.
    case status(Int, retryAfter: String? = nil)
    /// Wait this long before answering normally (longer than the client's timeout = a lost answer).
    case delay(milliseconds: Int)
    /// Close the connection after the request arrived, with no answer.
    case dropConnection
    /// Sync mode: a bare 504 with no task id (the task goes on).
    case syncGatewayTimeout
    /// Sync mode: 200 with `data.code` 5004, status processing, and the id to poll.
    case syncTimeout5004
    /// The task is accepted and then fails with this error text.
    case taskFails(String)
    /// The task completes with its output flagged by the safety checker (or moderation refuses it).
    case nsfw
    /// A 200 whose body is not valid JSON.
    case malformedJSON
    /// Outputs as URLs to download instead of base64.
    case outputsAsURL
    /// Hugging Face: 503 "model is loading" with this estimated time.
    case loading(seconds: Double)
}

/// Where in a provider's protocol a fault applies.
public enum EmulatorPhase: String, Sendable, Codable {
    case submit, poll, download
}

public enum EmulatedProvider: String, Sendable, Codable, CaseIterable {
    case wavespeed, stability, huggingface, openai
}
