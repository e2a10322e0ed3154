import Foundation

/// The weights of the four score terms. Each term is normalised to 0…1, so no term swamps the others.
public struct ScoreWeights: Sendable, Hashable {
    public let cost: Double
    public let quality: Double
    public let tier: Double
    public let fit: Double

    public static func `for`(_ preferences: Preferences) -> ScoreWeights {
        switch (preferences.prioritizeCost, preferences.prioritizeQuality) {
        case (true, false): ScoreWeights(cost: 0.60, quality: 0.15, tier: 0.15, fit: 0.10)
        case (false, true): ScoreWeights(cost: 0.10, quality: 0.60, tier: 0.20, fit: 0.10)
        default: ScoreWeights(cost: 0.35, quality: 0.30, tier: 0.25, fit: 0.10)
        }
    }
}

extension Recommender {
    struct Scored {
        let candidate: Candidate
        let score: Double
        let costScore: Double
        let qualityScore: Double
        let tierScore: Double
    }

    /// Scores and sorts candidates, best first. Ties go to the cheaper model, then to the id, so the
    /// order never depends on the registry's order.
    func rank(_ candidates: [Candidate], query: RecommendationQuery) -> [Scored] {
        guard !candidates.isEmpty else { return [] }
        let weights = ScoreWeights.for(query.preferences)
        // Cost on a log scale (a cent as the unit) so $0 is fine and one dear model does not flatten the rest.
        let logCost: (Money) -> Double = { log1p(Double($0.micros) / 10_000) }
        let costs = candidates.map { logCost($0.cost) }
        let qualities = candidates.map { Double($0.model.quality) }
        let (minCost, maxCost) = (costs.min()!, costs.max()!)
        let (minQuality, maxQuality) = (qualities.min()!, qualities.max()!)
        let preferred = query.userTier.preferredModelRank

        let scored = candidates.map { candidate -> Scored in
            let costScore = maxCost > minCost ? 1 - (logCost(candidate.cost) - minCost) / (maxCost - minCost) : 1
            let qualityScore = maxQuality > minQuality ? (Double(candidate.model.quality) - minQuality) / (maxQuality - minQuality) : 1
            let tierScore = 1 - abs(Double(candidate.model.tier.rank) - preferred) / 3
            let fitScore = candidate.fit.map(candidate.model.resizesInputs) ?? false ? 0.5 : 1.0
            let score = weights.cost * costScore + weights.quality * qualityScore + weights.tier * tierScore + weights.fit * fitScore
            return Scored(candidate: candidate, score: score, costScore: costScore, qualityScore: qualityScore, tierScore: tierScore)
        }
        return scored.sorted { a, b in
            if abs(a.score - b.score) > 1e-9 { return a.score > b.score }
            if a.candidate.cost != b.candidate.cost { return a.candidate.cost < b.candidate.cost }
            return a.candidate.model.id < b.candidate.model.id
        }
    }

    func reason(_ best: Scored, among ranked: [Scored], query: RecommendationQuery) -> String {
        var parts: [String] = []
        if ranked.count == 1 { parts.append("The only available model that can do \(query.operation.rawValue)") }
        if best.costScore >= 1, ranked.count > 1 { parts.append(best.candidate.cost == .zero ? "Free" : "Lowest cost option") }
        if best.qualityScore >= 1, ranked.count > 1 { parts.append("Best quality") }
        if best.tierScore >= 0.8 { parts.append("\(best.candidate.model.tier.rawValue.capitalized) tier suits the \(query.userTier.rawValue) plan") }
        if query.preferences.prioritizeQuality { parts.append("quality prioritised") }
        if query.preferences.prioritizeCost { parts.append("cost prioritised") }
        if let fit = best.candidate.fit {
            let resized = best.candidate.model.resizesInputs(for: fit) ? fit.note : nil
            parts.append(resized.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Supports \(fit.original) natively")
        }
        if parts.isEmpty { parts.append("Best balance of cost, quality and tier") }
        return parts.joined(separator: "; ") + " (\(best.candidate.cost) per edit)."
    }

    func alternativeReason(_ alternative: Scored, best: Scored) -> String {
        let model = alternative.candidate.model
        var text = "Alternative: \(model.tier.rawValue.capitalized) tier"
        let delta = alternative.candidate.cost - best.candidate.cost
        if delta > .zero { text += ", \(delta) more" } else if delta < .zero { text += ", \(Money.zero - delta) less" }
        if model.quality > best.candidate.model.quality { text += ", higher quality" }
        if model.quality < best.candidate.model.quality { text += ", lower quality" }
        if let note = alternative.candidate.fit?.note { text += "; \(note)" }
        return text
    }
}
