import Foundation

/// Caps on untrusted input.
public struct InputLimits: Sendable, Hashable {
    public var maxImageBytes: Int
    public var maxPixels: Int

    public init(maxImageBytes: Int = 20 * 1024 * 1024, maxPixels: Int = 50_000_000) {
        self.maxImageBytes = maxImageBytes
        self.maxPixels = maxPixels
    }
}

/// The unified entry point: every route, the CLI and the web studio run operations through it.
public struct Studio: Sendable {
    public let registry: ModelRegistry
    public let providers: ProviderDirectory
    public let ledger: any UsageLedger
    public let jobs: any JobStore
    public let blobs: any BlobStore
    public let toolkit: any ImageToolkit
    public let limits: InputLimits
    public let clock: any Clock
    public let estimator = CostEstimator()

    public init(registry: ModelRegistry, providers: ProviderDirectory, ledger: any UsageLedger, jobs: any JobStore,
                blobs: any BlobStore, toolkit: any ImageToolkit, limits: InputLimits = .init(), clock: any Clock = SystemClock()) {
        self.registry = registry; self.providers = providers; self.ledger = ledger; self.jobs = jobs
        self.blobs = blobs; self.toolkit = toolkit; self.limits = limits; self.clock = clock
    }

    public var recommender: Recommender { Recommender(registry: registry, estimator: estimator) }

    public var currentPeriod: String { BillingPeriod.of(clock.now()) }

    public func usage(of user: StudioUser) async throws -> UsageSnapshot {
        try await ledger.usage(of: user, period: currentPeriod)
    }

    /// A recommendation among the models this server can call, within the user's remaining budget.
    public func recommend(_ query: RecommendationQuery, for user: StudioUser) async throws -> Recommendation {
        var query = query
        query.remainingBudget = try await usage(of: user).remainingBudget
        return try recommender.recommend(query, availability: providers)
    }

    /// The registry filtered for listings, each model with whether it can be used here and now; with
    /// `imageSize`, each also with the price of a run on that image (fitted to the model's limits).
    public func listModels(operation: ImageOperation? = nil, tier: ModelTier? = nil, imageSize: PixelSize? = nil) -> [ModelListing] {
        registry.models
            .filter { operation.map($0.can) ?? true }
            .filter { tier == nil || $0.tier == tier }
            .map { model in
                var listing = ModelListing(model: model, unavailableReason: providers.unavailableReason(provider: model.provider),
                                           priceRange: estimator.range(model))
                if let imageSize {
                    switch ImageFit.of(imageSize, to: model) {
                    case .success(let fit):
                        listing.fit = fit
                        listing.estimate = try? estimator.estimate(model, output: fit.target)
                    case .failure(let failure):
                        listing.fitFailure = failure.reason
                    }
                }
                return listing
            }
    }
}

public struct ModelListing: Sendable {
    public let model: ModelDescriptor
    public let unavailableReason: String?
    public let priceRange: ClosedRange<Money>
    /// For a listing made for one image: how it would be fitted and what a run would cost.
    public var fit: ImageFit?
    public var estimate: Money?
    /// For a listing made for one image the model cannot take: why.
    public var fitFailure: String?

    public var available: Bool { unavailableReason == nil }
}

/// What an edit produced.
public struct EditResult: Sendable {
    public let jobID: UUID
    public let model: ModelDescriptor
    public let operation: ImageOperation
    public let image: Data
    /// nil for outputs that are not images (3D models).
    public let header: ImageHeader?
    public let mimeType: String
    public let cost: Money
    public let blob: StoredBlob
    /// What the pipeline changed on the way (resizing to the model's limits, format conversion).
    public let adjustments: [String]
    public let recommendationReason: String?
}
