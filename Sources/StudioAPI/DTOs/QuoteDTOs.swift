import StudioCore
import Vapor

/// `POST /estimate-cost`: the operation, an optional model (else the recommended one), the image's
/// size and how many runs (variations).
struct QuoteRequestDTO: Content {
    let operation: String
    let model: String?
    let provider: String?
    let imageResolution: PixelSize?
    let numImages: Int?
    let preferences: PreferencesDTO?
    let options: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case operation, model, provider, preferences, options
        case imageResolution = "image_resolution", numImages = "num_images"
    }

    func query(for user: StudioUser) throws -> RecommendationQuery {
        guard let operation = ImageOperation(rawValue: operation) else { throw StudioError.unknownOperation(self.operation) }
        if let size = imageResolution, !(1...100_000).contains(size.width) || !(1...100_000).contains(size.height) {
            throw StudioError.invalidOption(name: "image_resolution", reason: "width and height must be between 1 and 100000")
        }
        return RecommendationQuery(operation: operation, imageSize: imageResolution, userTier: user.plan.id,
                                   preferences: preferences?.domain ?? .init(), provider: provider, options: options ?? [:])
    }
}

/// The quote: model, price per run and in total, the plan's usage before it, and the refusal a run
/// would get now (`allowed` false), in the same shape as the error a run would return.
struct QuoteDTO: Content {
    let model: String
    let name: String
    let provider: String
    let tier: String
    let reason: String?
    let numImages: Int
    let estimatedCost: Double
    let estimatedCostMicros: Int64
    let totalCost: Double
    let totalCostMicros: Int64
    let fittedResolution: PixelSize?
    let usage: UsageDTO
    /// Money left under the cap after this run (nil: no cap).
    let remainingBudgetAfter: Double?
    let allowed: Bool
    let refusal: ErrorBody.Detail?

    init(_ quote: CostQuote) {
        model = quote.model.id; name = quote.model.name; provider = quote.model.provider; tier = quote.model.tier.rawValue
        reason = quote.reason; numImages = quote.count
        estimatedCost = quote.cost.dollars; estimatedCostMicros = quote.cost.micros
        totalCost = quote.total.dollars; totalCostMicros = quote.total.micros
        fittedResolution = quote.fit?.target
        usage = UsageDTO(quote.usage)
        remainingBudgetAfter = quote.usage.remainingBudget.map { ($0 - quote.total).dollars }
        allowed = quote.refusal == nil
        refusal = quote.refusal.map { error in
            let outcome = error.outcome
            return ErrorBody.Detail(code: outcome.code, message: outcome.message, usageInfo: outcome.usage.map(UsageDTO.init), rejections: nil)
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, name, provider, tier, reason, usage, allowed, refusal
        case numImages = "num_images", estimatedCost = "estimated_cost", estimatedCostMicros = "estimated_cost_micros"
        case totalCost = "total_cost", totalCostMicros = "total_cost_micros", fittedResolution = "fitted_resolution"
        case remainingBudgetAfter = "remaining_budget_after"
    }
}
