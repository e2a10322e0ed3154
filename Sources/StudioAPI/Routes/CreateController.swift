import StudioCore
import Vapor

/// `POST /create` (text-to-image, 1–10 variations) and `POST /character` (new images of a
/// character), through the one entry point: decode → run or queue → encode.
struct CreateController: RouteCollection {
    let runner: StudioRunner

    func boot(routes: any RoutesBuilder) throws {
        routes.post("create", use: create)
        routes.post("character", use: character)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await variations(try req.content.decode(CreateRequestDTO.self).requests(), req: req)
    }

    @Sendable func character(req: Request) async throws -> Response {
        try await variations(try req.content.decode(CharacterRequestDTO.self).requests(), req: req)
    }

    private func variations(_ requests: [EditRequest], req: Request) async throws -> Response {
        let user = try req.studioUser()
        try StudioRunner.checkWebhook(requests[0], req: req)
        if StudioRunner.wantsAsync(req) { return try await runner.enqueue(requests, user: user) }
        let outcomes = await runner.run(requests, user: user)
        return try await GeneratedImagesDTO(outcomes, seeds: requests.map(\.seed)).encodeResponse(for: req)
    }
}
