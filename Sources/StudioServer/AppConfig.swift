import Foundation
import StudioCore
import StudioProviders

/// Every setting, read once at start from the environment. All problems are reported together.
public struct AppConfig: Sendable {
    public struct HostedProvider: Sendable {
        public let id: String
        public let keyVariable: String
        public let apiKey: String?
        public let baseURL: URL
    }

    public var host: String
    public var port: Int
    public var dataDirectory: URL
    public var databaseURL: String?
    public var bootstrapKey: String?
    public var bootstrapPlan: PlanTier
    public var limits: InputLimits
    public var maxRequestBytes: Int
    public var providers: [HostedProvider]
    public var tuning: ProviderTuning
    /// Hosted providers point at the provider emulator (`make run EMULATE=1`): said on start and in health.
    public var providersEmulated: Bool
    /// Model names the OpenAI-compatible API accepts besides registry ids (`IMAGESTUDIO_MODEL_ALIASES=name=id,…`).
    public var modelAliases: [String: String]
    /// Signs webhooks ("whsec_" + base64). Unset: one is made and kept in the data directory.
    public var webhookSecret: String?
    public var webhookRetryBase: Duration
    /// Serve the web studio from this directory instead of the bundled copy (`IMAGESTUDIO_WEB_DIR`,
    /// for working on it without rebuilding).
    public var webDirectory: URL? = nil
    /// How many async jobs one server runs at once (`IMAGESTUDIO_MAX_ASYNC_JOBS`); more wait queued.
    public var maxAsyncJobs = 256

    public static let version = "0.1.0"

    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String { "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
    }

    public static func load(from env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let text = env[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                problems.append("\(name) must be a whole number between \(range.lowerBound) and \(range.upperBound), not '\(text)'")
                return fallback
            }
            return number
        }
        func url(_ name: String, default fallback: String) -> URL {
            let text = value(name) ?? fallback
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                problems.append("\(name) must be an http(s) URL, not '\(text)'")
                return URL(string: fallback)!
            }
            return url
        }
        let plan = value("IMAGESTUDIO_BOOTSTRAP_PLAN").flatMap(PlanTier.init(rawValue:))
        if let text = value("IMAGESTUDIO_BOOTSTRAP_PLAN"), plan == nil {
            problems.append("IMAGESTUDIO_BOOTSTRAP_PLAN must be free, basic, pro or enterprise, not '\(text)'")
        }
        if let database = value("DATABASE_URL"), !(database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")) {
            problems.append("DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)")
        }
        func milliseconds(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Duration {
            .milliseconds(integer(name, default: fallback, in: range))
        }
        let tuning = ProviderTuning(
            requestTimeout: milliseconds("IMAGESTUDIO_PROVIDER_TIMEOUT_MS", default: 120_000, in: 10...3_600_000),
            pollInterval: milliseconds("IMAGESTUDIO_POLL_INTERVAL_MS", default: 2_000, in: 1...60_000),
            maxPollInterval: value("IMAGESTUDIO_MAX_POLL_INTERVAL_MS") == nil ? nil
                : milliseconds("IMAGESTUDIO_MAX_POLL_INTERVAL_MS", default: 8_000, in: 1...300_000),
            deadline: milliseconds("IMAGESTUDIO_PROVIDER_DEADLINE_MS", default: 300_000, in: 100...86_400_000),
            retry: RetryPolicy(maxAttempts: integer("IMAGESTUDIO_RETRY_ATTEMPTS", default: 4, in: 1...20),
                               baseDelay: milliseconds("IMAGESTUDIO_RETRY_BASE_MS", default: 500, in: 1...60_000)))
        if let secret = value("IMAGESTUDIO_WEBHOOK_SECRET"),
           !(secret.hasPrefix("whsec_") && Data(base64Encoded: String(secret.dropFirst(6))) != nil) {
            problems.append("IMAGESTUDIO_WEBHOOK_SECRET must be whsec_ followed by base64")
        }
        var aliases = ["gpt-image-1": "openai-gpt-image-1"]
        for pair in (value("IMAGESTUDIO_MODEL_ALIASES") ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.append("IMAGESTUDIO_MODEL_ALIASES takes name=model-id pairs separated by commas, not '\(pair)'")
                continue
            }
            aliases[parts[0]] = parts[1]
        }
        let config = AppConfig(
            host: value("IMAGESTUDIO_HOST") ?? "127.0.0.1",
            port: integer("IMAGESTUDIO_PORT", default: 8080, in: 1...65535),
            dataDirectory: URL(fileURLWithPath: value("IMAGESTUDIO_DATA_DIR") ?? "./data", isDirectory: true).standardizedFileURL,
            databaseURL: value("DATABASE_URL"),
            bootstrapKey: value("IMAGESTUDIO_BOOTSTRAP_KEY"),
            bootstrapPlan: plan ?? .enterprise,
            limits: InputLimits(maxImageBytes: integer("IMAGESTUDIO_MAX_IMAGE_BYTES", default: 20 << 20, in: 1024...(1 << 30)),
                                maxPixels: integer("IMAGESTUDIO_MAX_PIXELS", default: 50_000_000, in: 1...400_000_000)),
            maxRequestBytes: integer("IMAGESTUDIO_MAX_REQUEST_BYTES", default: 64 << 20, in: 1024...(2 << 30)),
            providers: [
                HostedProvider(id: "wavespeed", keyVariable: "WAVESPEED_API_KEY", apiKey: value("WAVESPEED_API_KEY"),
                               baseURL: url("WAVESPEED_BASE_URL", default: "https://api.wavespeed.ai")),
                HostedProvider(id: "stability", keyVariable: "STABILITY_API_KEY", apiKey: value("STABILITY_API_KEY"),
                               baseURL: url("STABILITY_BASE_URL", default: "https://api.stability.ai")),
                HostedProvider(id: "huggingface", keyVariable: "HF_TOKEN", apiKey: value("HF_TOKEN"),
                               baseURL: url("HF_BASE_URL", default: "https://router.huggingface.co")),
                HostedProvider(id: "openai", keyVariable: "OPENAI_API_KEY", apiKey: value("OPENAI_API_KEY"),
                               baseURL: url("OPENAI_BASE_URL", default: "https://api.openai.com")),
            ],
            tuning: tuning,
            providersEmulated: value("IMAGESTUDIO_PROVIDERS_EMULATED") == "1",
            modelAliases: aliases,
            webhookSecret: value("IMAGESTUDIO_WEBHOOK_SECRET"),
            webhookRetryBase: milliseconds("IMAGESTUDIO_WEBHOOK_RETRY_BASE_MS", default: 1_000, in: 1...600_000))
        var result = config
        result.maxAsyncJobs = integer("IMAGESTUDIO_MAX_ASYNC_JOBS", default: 256, in: 1...100_000)
        if let web = value("IMAGESTUDIO_WEB_DIR") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: web, isDirectory: &isDirectory), isDirectory.boolValue {
                result.webDirectory = URL(fileURLWithPath: web, isDirectory: true).standardizedFileURL
            } else {
                problems.append("IMAGESTUDIO_WEB_DIR: '\(web)' is not a directory")
            }
        }
        guard problems.isEmpty else { throw Invalid(problems: problems) }
        return result
    }
}
