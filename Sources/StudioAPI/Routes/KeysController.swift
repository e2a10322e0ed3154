import Foundation
import StudioCore
import Vapor

/// `/keys`: the caller's own API keys. Another user's key id answers 404.
struct KeysController: RouteCollection {
    let accounts: any AccountDirectory

    func boot(routes: any RoutesBuilder) throws {
        let keys = routes.grouped("keys")
        keys.get(use: list)
        keys.post(use: create)
        keys.delete(":id", use: revoke)
    }

    @Sendable func list(req: Request) async throws -> [KeyDTO] {
        try await accounts.keys(of: try req.studioUser().id).map(KeyDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.studioUser()
        let label = try req.content.decode(NewKeyRequest.self).label ?? "api"
        let key = try await accounts.createKey(for: user, label: label, key: nil)
        let response = Response(status: .created)
        try response.content.encode(NewKeyDTO(key: key, label: label))
        return response
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self),
              try await accounts.revokeKey(id: id, owner: try req.studioUser().id) else { throw StudioError.notFound("Key") }
        return .noContent
    }
}
