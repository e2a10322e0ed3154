import Foundation

/// What a run would cost now, and whether the plan would take it, without reserving anything.
public struct CostQuote: Sendable {
    public let model: ModelDescriptor
    /// How the image would be fitted to the model (nil without an image size).
    public let fit: ImageFit?
    /// The price of one run.
    public let cost: Money
    /// How many runs were quoted (variations), and their total.
    public let count: Int
    public var total: Money { Money(micros: cost.micros * Int64(count)) }
    /// Why the model was chosen, when the recommender chose it.
    public let reason: String?
    /// The period's usage of the operation's family, before this run.
    public let usage: UsageSnapshot
    /// The refusal the run would get now (quota or budget), or nil when it would be reserved.
    public let refusal: StudioError?
}

extension Studio {
    /// Quotes `query` on `modelID` (or the recommended model): the price rule applied to the fitted
    /// image, and the plan's answer. Nothing is reserved, so a run may still be refused if usage moves.
    public func quote(_ query: RecommendationQuery, modelID: String?, count: Int = 1, for user: StudioUser) async throws -> CostQuote {
        guard (1...10).contains(count) else { throw StudioError.invalidOption(name: "num_images", reason: "must be between 1 and 10") }
        let usage = try await ledger.usage(of: user, period: currentPeriod, family: query.operation.family)
        let size = query.imageSize
        let model: ModelDescriptor, fit: ImageFit?, cost: Money, reason: String?
        if let id = modelID, !id.isEmpty {
            guard let found = registry[id] else { throw StudioError.unknownModel(id) }
            guard found.can(query.operation) else { throw StudioError.unsupportedOperation(model: found.id, operation: query.operation) }
            if let size {
                switch ImageFit.of(size, to: found) {
                case .success(let fitted): fit = fitted
                case .failure(let failure): throw StudioError.imageDoesNotFit(model: found.id, size: size, reason: failure.reason)
                }
            } else {
                fit = nil
            }
            model = found; reason = nil
            cost = try estimator.estimate(found, output: fit?.target ?? RecommendationQuery.assumedSize, options: query.options)
        } else {
            var budgeted = query
            budgeted.remainingBudget = usage.remainingBudget.map { Money(micros: $0.micros / Int64(count)) }
            let recommendation: Recommendation
            do {
                recommendation = try recommender.recommend(budgeted, availability: providers)
            } catch {
                // Nothing fits the budget: quote the model that would run with money left, and refuse.
                recommendation = try recommender.recommend(query, availability: providers)
            }
            model = recommendation.model; fit = recommendation.fit; cost = recommendation.cost; reason = recommendation.reason
        }
        let total = Money(micros: cost.micros * Int64(count))
        return CostQuote(model: model, fit: fit, cost: cost, count: count, reason: reason, usage: usage,
                         refusal: Self.refusal(usage, runs: count, total: total))
    }

    /// The refusal the ledger's reservations would give, from a snapshot.
    static func refusal(_ usage: UsageSnapshot, runs: Int, total: Money) -> StudioError? {
        if let left = usage.remainingOperations, left < runs { return .quotaExceeded(usage) }
        if let budget = usage.remainingBudget, total > budget { return .budgetExceeded(usage, cost: total) }
        return nil
    }
}
