/// What the recommender needs to know about a request.
public struct RecommendationQuery: Sendable {
    public var operation: ImageOperation
    public var imageSize: PixelSize?
    public var userTier: PlanTier
    public var preferences: Preferences
    /// Money left under the user's cap; models that cost more are not candidates.
    public var remainingBudget: Money?
    /// Fields the request carries; models that require others are not candidates. `nil`: not checked.
    public var presentFields: Set<RequestField>?
    /// Restrict to one provider (the request's `provider` field).
    public var provider: String?
    public var options: [String: JSONValue]
    /// How many input images the request carries (main image included).
    public var imageCount: Int = 1
    /// Providers that already failed this request (failover).
    public var excludedProviders: Set<String> = []

    public init(operation: ImageOperation, imageSize: PixelSize? = nil, userTier: PlanTier = .free,
                preferences: Preferences = .init(), remainingBudget: Money? = nil,
                presentFields: Set<RequestField>? = nil, provider: String? = nil, options: [String: JSONValue] = [:]) {
        self.operation = operation; self.imageSize = imageSize; self.userTier = userTier
        self.preferences = preferences; self.remainingBudget = remainingBudget
        self.presentFields = presentFields; self.provider = provider; self.options = options
    }

    /// The output size assumed for pricing when no image is given.
    static let assumedSize = PixelSize(width: 1024, height: 1024)
}

/// Whether a provider can take requests now (configured, healthy).
public protocol ProviderAvailability: Sendable {
    /// nil when available; otherwise why not.
    func unavailableReason(provider: String) -> String?
}

/// Every provider available: for planning and tests.
public struct AllProvidersAvailable: ProviderAvailability {
    public init() {}
    public func unavailableReason(provider: String) -> String? { nil }
}

public struct Recommendation: Sendable {
    public struct Alternative: Sendable {
        public let model: ModelDescriptor
        public let cost: Money
        public let reason: String
    }

    public let model: ModelDescriptor
    public let cost: Money
    public let fit: ImageFit?
    public let reason: String
    public let score: Double
    public let alternatives: [Alternative]
}
