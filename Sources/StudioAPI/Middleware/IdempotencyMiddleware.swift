import Crypto
import StudioCore
import Vapor

/// `Idempotency-Key` on costly POSTs: the first request runs; a retry with the same key and body gets
/// the first answer again (header `Idempotent-Replayed: true`) and is not charged again; the same key
/// with another body is a 409. A first attempt that failed on the server side (5xx) is forgotten, so
/// its retry runs.
struct IdempotencyMiddleware: AsyncMiddleware {
    let store: any IdempotencyStore

    /// A JSON body with its keys sorted, so a client that re-serialises the same object (in another
    /// key order) is still recognised; any other body as it is.
    static func canonical(_ body: Data, json: Bool) -> Data {
        guard json, let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]) else { return body }
        return sorted
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let key = request.headers.first(name: "Idempotency-Key"), !key.isEmpty else {
            return try await next.respond(to: request)
        }
        guard key.count <= 255 else { throw APIError.invalidHeader(name: "Idempotency-Key", reason: "at most 255 characters") }
        let user = try request.studioUser()
        let body = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get() ?? ByteBuffer()
        var hasher = SHA256()
        hasher.update(data: Data(request.url.path.utf8))
        hasher.update(data: Self.canonical(Data(body.readableBytesView), json: request.headers.contentType == .json))
        let requestHash = hasher.finalize().map { String(format: "%02x", $0) }.joined()

        switch try await store.claim(user: user.id, key: key, requestHash: requestHash) {
        case .mismatch:
            throw APIError.idempotencyConflict("This Idempotency-Key was used with a different request.")
        case .inProgress:
            throw APIError.idempotencyConflict("A request with this Idempotency-Key is still running; retry later.")
        case .completed(let status, let contentType, let stored):
            let response = Response(status: HTTPResponseStatus(statusCode: status), body: .init(data: stored))
            response.headers.replaceOrAdd(name: .contentType, value: contentType)
            response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            return response
        case .claimed:
            let response: Response
            do {
                response = try await next.respond(to: request)
            } catch {
                // Errors become responses in the error middleware (outside this one): remember 4xx, forget 5xx.
                let outcome = APIErrorMiddleware.outcome(for: error)
                if outcome.status.code >= 500 {
                    try? await store.abandon(user: user.id, key: key)
                } else {
                    let rendered = try APIErrorMiddleware.response(for: outcome)
                    try await store.complete(user: user.id, key: key, status: Int(outcome.status.code),
                                             contentType: "application/json", body: rendered.body.data ?? Data())
                }
                throw error
            }
            let data = try await response.body.collect(on: request.eventLoop).get().map { Data($0.readableBytesView) } ?? Data()
            try await store.complete(user: user.id, key: key, status: Int(response.status.code),
                                     contentType: response.headers.first(name: .contentType) ?? "application/json", body: data)
            return response
        }
    }
}
