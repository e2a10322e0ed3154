import Foundation

/// Picks a model for a request: filters out every model that cannot serve it, then scores cost,
/// quality, the user's plan tier and how well the image fits, with weights that each matter.
public struct Recommender: Sendable {
    public let registry: ModelRegistry
    public let estimator: CostEstimator

    public init(registry: ModelRegistry, estimator: CostEstimator = .init()) {
        self.registry = registry
        self.estimator = estimator
    }

    /// A model that can serve `query`, with a reason and up to three alternatives.
    public func recommend(_ query: RecommendationQuery, availability: any ProviderAvailability) throws(StudioError) -> Recommendation {
        let (candidates, rejections) = self.candidates(query, availability: availability)
        let ranked = rank(candidates, query: query)
        guard let best = ranked.first else {
            throw .noModelAvailable(operation: query.operation, rejections: rejections)
        }
        let alternatives = ranked.dropFirst().prefix(3).map {
            Recommendation.Alternative(model: $0.candidate.model, cost: $0.candidate.cost, reason: alternativeReason($0, best: best))
        }
        return Recommendation(model: best.candidate.model, cost: best.candidate.cost, fit: best.candidate.fit,
                              reason: reason(best, among: ranked, query: query), score: best.score,
                              alternatives: Array(alternatives))
    }

    struct Candidate {
        let model: ModelDescriptor
        let cost: Money
        let fit: ImageFit?
    }

    /// The models that can serve the query, and why each other model of the operation cannot.
    func candidates(_ query: RecommendationQuery, availability: any ProviderAvailability) -> ([Candidate], [StudioError.Rejection]) {
        var candidates: [Candidate] = []
        var rejections: [StudioError.Rejection] = []
        for model in registry.models(for: query.operation) {
            switch candidate(model, query: query, availability: availability) {
            case .success(let candidate): candidates.append(candidate)
            case .failure(let failure): rejections.append(.init(modelID: model.id, reason: failure.reason))
            }
        }
        return (candidates, rejections)
    }

    private func candidate(_ model: ModelDescriptor, query: RecommendationQuery,
                           availability: any ProviderAvailability) -> Result<Candidate, FitFailure> {
        if let provider = query.provider, provider != model.provider {
            return .failure(FitFailure(reason: "not from provider '\(provider)'"))
        }
        if query.imageCount > model.request.maxReferences {
            return .failure(FitFailure(reason: "takes at most \(model.request.maxReferences) input image(s)"))
        }
        if query.excludedProviders.contains(model.provider) {
            return .failure(FitFailure(reason: "provider '\(model.provider)' failed for this request"))
        }
        if let why = availability.unavailableReason(provider: model.provider) { return .failure(FitFailure(reason: why)) }
        if let present = query.presentFields {
            let missing = Set(model.request.requires).subtracting(present)
            if !missing.isEmpty {
                return .failure(FitFailure(reason: "needs \(missing.map(\.rawValue).sorted().joined(separator: ", "))"))
            }
        }
        var fit: ImageFit?
        if let size = query.imageSize {
            switch ImageFit.of(size, to: model) {
            case .success(let value): fit = value
            case .failure(let failure): return .failure(failure)
            }
        }
        guard let cost = try? estimator.estimate(model, output: fit?.target ?? RecommendationQuery.assumedSize, options: query.options) else {
            return .failure(FitFailure(reason: "its price option is not valid for these options"))
        }
        if let budget = query.remainingBudget, cost > budget {
            return .failure(FitFailure(reason: "costs \(cost), more than the \(max(budget, .zero)) left in this month's budget"))
        }
        return .success(Candidate(model: model, cost: cost, fit: fit))
    }
}
