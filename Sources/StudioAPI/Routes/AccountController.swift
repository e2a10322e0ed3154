import StudioCore
import Vapor

/// Outputs and usage of the authenticated user.
struct AccountController: RouteCollection {
    let studio: Studio
    let outputs: any OutputReader

    func boot(routes: any RoutesBuilder) throws {
        routes.get("usage", use: usage)
        routes.get("outputs", ":hash", use: output)
    }

    @Sendable func usage(req: Request) async throws -> UsageDTO {
        UsageDTO(try await studio.usage(of: try req.studioUser()))
    }

    /// A stored output, only to its owner (anyone else gets the same 404 as for a missing one).
    @Sendable func output(req: Request) async throws -> Response {
        let user = try req.studioUser()
        guard let hash = req.parameters.get("hash"), let (data, mimeType) = try await outputs.output(hash, owner: user.id) else {
            throw StudioError.notFound("Output")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "image", subType: String(mimeType.dropFirst("image/".count)))
        response.headers.cacheControl = .init(isPrivate: true, maxAge: 86_400)
        return response
    }
}

/// Reads stored outputs for their owner.
public protocol OutputReader: Sendable {
    func output(_ hash: String, owner: UUID) async throws -> (Data, String)?
}
