import StudioCore
import Vapor

/// `POST /estimate-cost`: what a run would cost the caller now and whether the plan would take it.
struct QuoteController: RouteCollection {
    let studio: Studio

    func boot(routes: any RoutesBuilder) throws {
        routes.post("estimate-cost", use: estimate)
    }

    @Sendable func estimate(req: Request) async throws -> QuoteDTO {
        let user = try req.studioUser()
        let body = try req.content.decode(QuoteRequestDTO.self)
        return QuoteDTO(try await studio.quote(try body.query(for: user), modelID: body.model, count: body.numImages ?? 1, for: user))
    }
}
