import Foundation

/// One HTTP exchange, as the adapters describe it (no client types leak into them).
public struct HTTPCall: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?
    public var timeout: Duration

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil, timeout: Duration) {
        self.method = method; self.url = url; self.headers = headers; self.body = body; self.timeout = timeout
    }
}

public struct HTTPReply: Sendable {
    public let status: Int
    /// Header names lower-cased.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status; self.headers = headers; self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why an exchange produced no reply, in the one distinction that matters for a POST: whether the
/// request can have reached the server.
public enum TransportError: Error, Sendable {
    /// The connection was never made: nothing reached the server; safe to send again.
    case notSent(String)
    /// The request may have been received (timeout, connection lost after sending).
    case maybeSent(String)
    /// The reply was larger than allowed.
    case replyTooLarge
}

public protocol HTTPTransport: Sendable {
    func send(_ call: HTTPCall) async throws(TransportError) -> HTTPReply
}
