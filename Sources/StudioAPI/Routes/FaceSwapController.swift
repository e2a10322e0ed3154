import StudioCore
import Vapor

/// ALwrity's face swap routes: process, models, recommend — the one pipeline and the one recommender.
struct FaceSwapController: RouteCollection {
    let runner: StudioRunner

    func boot(routes: any RoutesBuilder) throws {
        let faceSwap = routes.grouped("face-swap")
        faceSwap.post("process", use: process)
        faceSwap.get("models", use: models)
        faceSwap.post("recommend", use: recommend)
    }

    @Sendable func process(req: Request) async throws -> Response {
        try await runner.respond(try req.content.decode(FaceSwapRequestDTO.self).request(), req: req)
    }

    @Sendable func models(req: Request) async throws -> ModelsResponse {
        let tier = try req.query[String.self, at: "tier"].map { name in
            guard let tier = ModelTier(rawValue: name) else { throw APIError.invalidQuery(name: "tier", reason: "must be free, budget, mid or premium") }
            return tier
        }
        let models = runner.studio.listModels(operation: .faceSwap, tier: tier).map(ModelDTO.init)
        return ModelsResponse(models: models, total: models.count)
    }

    @Sendable func recommend(req: Request) async throws -> RecommendResponseDTO {
        let user = try req.studioUser()
        return RecommendResponseDTO(try await runner.studio.recommend(try req.content.decode(FaceSwapRecommendDTO.self).query(for: user), for: user))
    }
}
