import Foundation

/// One-time sign-in codes for the web studio: the server prints a link carrying one at start
/// (`/#sign-in=<code>`, a fragment, so it never reaches a log); the page trades it for a new API key.
/// Kept in memory: a code works once, on the process that printed it, until it expires.
public actor SignInLinks {
    private var codes: [String: (user: UUID, expires: Date)] = [:]
    private let lifetime: TimeInterval

    public init(lifetime: TimeInterval = 24 * 3600) { self.lifetime = lifetime }

    /// A new code for `user`.
    public func issue(for user: UUID, now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let code = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        codes = codes.filter { $0.value.expires > now }
        codes[code] = (user, now.addingTimeInterval(lifetime))
        return code
    }

    /// The user of a valid code, which is used up; nil when unknown, used or expired.
    func redeem(_ code: String, now: Date = Date()) -> UUID? {
        guard let entry = codes.removeValue(forKey: code), entry.expires > now else { return nil }
        return entry.user
    }
}
