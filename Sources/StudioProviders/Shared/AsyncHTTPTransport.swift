import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// `HTTPTransport` over AsyncHTTPClient.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    let maxReplyBytes: Int

    public init(client: HTTPClient, maxReplyBytes: Int = 64 << 20) {
        self.client = client
        self.maxReplyBytes = maxReplyBytes
    }

    public func send(_ call: HTTPCall) async throws(TransportError) -> HTTPReply {
        var request = HTTPClientRequest(url: call.url.absoluteString)
        request.method = .init(rawValue: call.method)
        for (name, value) in call.headers { request.headers.add(name: name, value: value) }
        // Sent in chunks of a few MB as it goes out, never copied whole.
        if let body = call.body { request.body = .bytes(body) }
        let (seconds, attoseconds) = call.timeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: maxReplyBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return HTTPReply(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error)
        }
    }

    static func classify(_ error: any Error) -> TransportError {
        if error is NIOTooManyBytesError { return .replyTooLarge }
        if let error = error as? HTTPClientError, error == .connectTimeout { return .notSent("connection timed out") }
        if error is NIOConnectionError { return .notSent("connection failed") }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return .notSent("connection refused")
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return .notSent("connection timed out") }
        return .maybeSent(String(describing: error))
    }
}
