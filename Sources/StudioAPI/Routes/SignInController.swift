import StudioCore
import Vapor

/// `POST /auth/sign-in-link`: a one-time code from the server's start banner → a new API key for
/// the browser (labelled, listed and revocable like any other key).
struct SignInController: RouteCollection {
    let links: SignInLinks
    let accounts: any AccountDirectory

    struct Body: Content { let code: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "sign-in-link", use: redeem)
    }

    @Sendable func redeem(req: Request) async throws -> Response {
        let code = try req.content.decode(Body.self).code
        guard let id = await links.redeem(code), let user = try await accounts.user(id: id) else { throw APIError.invalidSignInLink }
        let key = try await accounts.createKey(for: user, label: "browser sign-in", key: nil)
        let response = Response(status: .created)
        try response.content.encode(NewUserDTO(user: UserDTO(user), apiKey: key))
        return response
    }
}
