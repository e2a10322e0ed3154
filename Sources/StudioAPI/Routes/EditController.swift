import StudioCore
import Vapor

/// `/api/image-studio/edit/...`: decode → one studio call → encode.
struct EditController: RouteCollection {
    let studio: Studio

    func boot(routes: any RoutesBuilder) throws {
        let edit = routes.grouped("edit")
        edit.get("operations", use: operations)
        edit.get("models", use: models)
        edit.post("recommend", use: recommend)
        edit.post("process", use: process)
    }

    @Sendable func operations(req: Request) async throws -> OperationsResponse {
        OperationsResponse(studio: studio)
    }

    @Sendable func models(req: Request) async throws -> ModelsResponse {
        let operation = try req.query[String.self, at: "operation"].map { name in
            guard let operation = ImageOperation(rawValue: name) else { throw StudioError.unknownOperation(name) }
            return operation
        }
        let tier = try req.query[String.self, at: "tier"].map { name in
            guard let tier = ModelTier(rawValue: name) else {
                throw APIError.invalidQuery(name: "tier", reason: "must be free, budget, mid or premium")
            }
            return tier
        }
        let models = studio.listModels(operation: operation, tier: tier).map(ModelDTO.init)
        return ModelsResponse(models: models, total: models.count)
    }

    @Sendable func recommend(req: Request) async throws -> RecommendResponseDTO {
        let user = try req.studioUser()
        let query = try req.content.decode(RecommendRequestDTO.self).query(for: user)
        return RecommendResponseDTO(try await studio.recommend(query, for: user))
    }

    @Sendable func process(req: Request) async throws -> EditImageResponseDTO {
        let user = try req.studioUser()
        let body = try req.content.decode(EditImageRequestDTO.self)
        let result = try await studio.edit(try body.editRequest(), for: user)
        return EditImageResponseDTO(result, stylePreset: body.stylePreset)
    }
}
