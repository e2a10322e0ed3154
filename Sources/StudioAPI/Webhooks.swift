import Crypto
import Foundation
import StudioCore
import Vapor

/// Delivers finished async jobs to their `webhook_url`, signed the Standard Webhooks way:
/// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256(secret, "id.timestamp.body")>`.
/// Retried with exponential backoff on failure or a non-2xx answer.
public struct WebhookSender: Sendable {
    let client: any Client
    let secret: SymmetricKey
    let attempts: Int
    let baseDelay: Duration
    let logger: Logger

    /// `secret`: "whsec_" followed by base64.
    public init?(client: any Client, secret: String, attempts: Int = 5, baseDelay: Duration = .seconds(1), logger: Logger) {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))), !key.isEmpty else { return nil }
        self.client = client; self.secret = SymmetricKey(data: key); self.attempts = attempts; self.baseDelay = baseDelay; self.logger = logger
    }

    public static func randomSecret() -> String {
        "whsec_" + Data((0..<24).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
    }

    public static func signature(secret: SymmetricKey, id: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: secret)).base64EncodedString()
    }

    /// Sends the job's final state if it asked for a webhook. Never throws: failures are logged.
    public func deliver(_ job: JobSummary, to url: String) async {
        let event = job.status == .succeeded ? "job.succeeded" : "job.failed"
        let body: Data
        do {
            let payload = WebhookPayload(type: event, timestamp: Date(), data: JobDTO(job))
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            body = try encoder.encode(payload)
        } catch { return }
        let id = "msg_\(job.id.uuidString.lowercased())_\(job.status.rawValue)"
        for attempt in 1...attempts {
            let timestamp = Int(Date().timeIntervalSince1970)
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
                                       ("webhook-signature", Self.signature(secret: secret, id: id, timestamp: timestamp, body: body))])
            headers.replaceOrAdd(name: .userAgent, value: "ImageStudio-Webhooks")
            let status = try? await client.post(URI(string: url), headers: headers) { $0.body = ByteBuffer(data: body) }.status
            if let status, (200..<300).contains(status.code) { return }
            logger.warning("Webhook for job \(job.id) to \(url) failed (attempt \(attempt) of \(attempts), status \(status.map { String($0.code) } ?? "none"))")
            guard attempt < attempts else { return }
            try? await Task.sleep(for: baseDelay * Int(pow(2, Double(attempt - 1))))
        }
    }
}

struct WebhookPayload: Content {
    let type: String
    let timestamp: Date
    let data: JobDTO
}
