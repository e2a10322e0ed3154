import StudioCore
import Vapor

/// One entry of `GET /edit/models`: ALwrity's fields plus provider, availability, price rule and confidence.
struct ModelDTO: Content {
    let id: String
    let name: String
    let description: String
    let provider: String
    let cost: Double
    let cost8k: Double?
    let costMax: Double
    let price: PriceRule
    let tier: String
    let maxResolution: PixelSize
    let minResolution: PixelSize
    let capabilities: [String]
    let useCases: [String]
    let features: [String]
    let supportsMultiImage: Bool
    let maxReferenceImages: Int
    let supportsControlnet: Bool
    let supportsMask: Bool
    let requires: [String]
    let outputFormats: [String]
    let languages: [String]
    let confirmed: Confirmation
    let notes: String?
    let available: Bool
    let unavailableReason: String?
    /// With `width` and `height` in the query: the price of a run on that image, the size it would be
    /// fitted to, or why the model cannot take it.
    let estimatedCost: Double?
    let estimatedCostMicros: Int64?
    let fittedResolution: PixelSize?
    let fitError: String?
    /// What a run produces: image, or model_3d (a GLB).
    let output: String

    init(_ listing: ModelListing) {
        let model = listing.model
        id = model.id; name = model.name; description = model.description; provider = model.provider
        cost = listing.priceRange.lowerBound.dollars
        costMax = listing.priceRange.upperBound.dollars
        if case .resolutionBands(let bands) = model.price { cost8k = bands.first { $0.label == "8k" }?.price.dollars } else { cost8k = nil }
        price = model.price
        tier = model.tier.rawValue
        maxResolution = model.maxResolution; minResolution = model.minResolution
        capabilities = model.capabilities.map(\.rawValue)
        useCases = model.useCases; features = model.features
        supportsMultiImage = model.request.takesList; maxReferenceImages = model.request.maxReferences
        supportsControlnet = model.request.supportsControlnet
        supportsMask = model.request.maskField != nil
        requires = model.request.requires.map(\.rawValue)
        outputFormats = model.request.outputFormats.map(\.rawValue)
        languages = model.languages; confirmed = model.confirmed; notes = model.notes
        available = listing.available; unavailableReason = listing.unavailableReason
        estimatedCost = listing.estimate?.dollars; estimatedCostMicros = listing.estimate?.micros
        fittedResolution = listing.fit?.target; fitError = listing.fitFailure
        output = model.outputKind.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, provider, cost, price, tier, capabilities, features, requires, languages, output
        case confirmed, notes, available
        case cost8k = "cost_8k", costMax = "cost_max", maxResolution = "max_resolution", minResolution = "min_resolution"
        case useCases = "use_cases", supportsMultiImage = "supports_multi_image", maxReferenceImages = "max_reference_images"
        case supportsControlnet = "supports_controlnet", supportsMask = "supports_mask", outputFormats = "output_formats"
        case unavailableReason = "unavailable_reason", estimatedCost = "estimated_cost", estimatedCostMicros = "estimated_cost_micros"
        case fittedResolution = "fitted_resolution", fitError = "fit_error"
    }
}

struct ModelsResponse: Content {
    let models: [ModelDTO]
    let total: Int
}
