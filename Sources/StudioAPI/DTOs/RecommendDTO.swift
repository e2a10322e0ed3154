import StudioCore
import Vapor

struct RecommendRequestDTO: Content {
    let operation: String
    let imageResolution: PixelSize?
    let userTier: String?
    let preferences: PreferencesDTO?
    let provider: String?
    let options: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case operation, preferences, provider, options
        case imageResolution = "image_resolution", userTier = "user_tier"
    }

    func query(for user: StudioUser) throws -> RecommendationQuery {
        guard let operation = ImageOperation(rawValue: operation) else { throw StudioError.unknownOperation(self.operation) }
        let tier = try userTier.map { name in
            guard let tier = PlanTier(rawValue: name) else {
                throw StudioError.invalidOption(name: "user_tier", reason: "must be free, basic, pro or enterprise")
            }
            return tier
        } ?? user.plan.id
        if let size = imageResolution, size.width < 1 || size.height < 1 {
            throw StudioError.invalidOption(name: "image_resolution", reason: "width and height must be positive")
        }
        return RecommendationQuery(operation: operation, imageSize: imageResolution, userTier: tier,
                                   preferences: preferences?.domain ?? .init(), provider: provider, options: options ?? [:])
    }
}

struct RecommendResponseDTO: Content {
    struct Alternative: Codable {
        let modelID: String
        let name: String
        let provider: String
        let cost: Double
        let reason: String
        enum CodingKeys: String, CodingKey { case name, provider, cost, reason; case modelID = "model_id" }
    }

    let recommendedModel: String
    let name: String
    let provider: String
    let reason: String
    let estimatedCost: Double
    let estimatedCostMicros: Int64
    let fittedResolution: PixelSize?
    let alternatives: [Alternative]

    init(_ recommendation: Recommendation) {
        recommendedModel = recommendation.model.id
        name = recommendation.model.name
        provider = recommendation.model.provider
        reason = recommendation.reason
        estimatedCost = recommendation.cost.dollars
        estimatedCostMicros = recommendation.cost.micros
        fittedResolution = recommendation.fit?.target
        alternatives = recommendation.alternatives.map {
            Alternative(modelID: $0.model.id, name: $0.model.name, provider: $0.model.provider, cost: $0.cost.dollars, reason: $0.reason)
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, provider, reason, alternatives
        case recommendedModel = "recommended_model", estimatedCost = "estimated_cost"
        case estimatedCostMicros = "estimated_cost_micros", fittedResolution = "fitted_resolution"
    }
}
