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
            guard let operation = ImageOperation(rawValue: name), operation.isEditing else { throw StudioError.unknownOperation(name) }
            return operation
        }
        let tier = try req.query[String.self, at: "tier"].map { name in
            guard let tier = ModelTier(rawValue: name) else {
                throw APIError.invalidQuery(name: "tier", reason: "must be free, budget, mid or premium")
            }
            return tier
        }
        let size = try req.imageSizeQuery()
        let models = studio.listModels(operation: operation, tier: tier, imageSize: size)
            .filter { $0.model.capabilities.contains(where: \.isEditing) }.map(ModelDTO.init)
        return ModelsResponse(models: models, total: models.count)
    }

    @Sendable func recommend(req: Request) async throws -> RecommendResponseDTO {
        let user = try req.studioUser()
        let query = try req.content.decode(RecommendRequestDTO.self).query(for: user)
        return RecommendResponseDTO(try await studio.recommend(query, for: user))
    }

    /// `?async=true`: checked, reserved and queued now (refusals are immediate); 202 with the job id.
    @Sendable func process(req: Request) async throws -> Response {
        let (body, images) = try req.decodeJSON(EditImageRequestDTO.self, imageFields: EditImageRequestDTO.imageFields)
        return try await StudioRunner(studio: studio).respond(try body.editRequest(images: images), req: req)
    }
}
