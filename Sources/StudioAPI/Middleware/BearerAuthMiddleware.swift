import StudioCore
import Vapor

struct StudioUserKey: StorageKey {
    typealias Value = StudioUser
}

/// Requires `Authorization: Bearer <key>` and puts the key's user on the request.
struct BearerAuthMiddleware: AsyncMiddleware {
    let accounts: any AccountDirectory

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token, !token.isEmpty,
              let user = try await accounts.user(forAPIKey: token) else {
            throw APIError.unauthorized
        }
        request.storage[StudioUserKey.self] = user
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The authenticated user (routes behind `BearerAuthMiddleware`).
    func studioUser() throws -> StudioUser {
        guard let user = storage[StudioUserKey.self] else { throw APIError.unauthorized }
        return user
    }
}
