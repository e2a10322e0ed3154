import StudioCore
import Vapor

/// `GET /models?category=&width=&height=`: the whole registry, or one operation's or one family's
/// models; with an image size, each priced for it.
struct ModelsController: RouteCollection {
    let studio: Studio

    func boot(routes: any RoutesBuilder) throws {
        routes.get("models", use: models)
    }

    @Sendable func models(req: Request) async throws -> ModelsResponse {
        var listings = studio.listModels(imageSize: try req.imageSizeQuery())
        if let category = req.query[String.self, at: "category"] {
            if let operation = ImageOperation(rawValue: category) {
                listings = listings.filter { $0.model.can(operation) }
            } else if let family = OperationFamily(rawValue: category) {
                listings = listings.filter { $0.model.capabilities.contains { $0.family == family } }
            } else {
                throw APIError.invalidQuery(name: "category", reason: "must be an operation (e.g. generate, upscale, face_swap, translate, image_to_3d, character) or a family (editing, generation, face_swap, translation, image_to_3d)")
            }
        }
        let models = listings.map(ModelDTO.init)
        return ModelsResponse(models: models, total: models.count)
    }
}
