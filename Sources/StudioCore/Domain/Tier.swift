/// A model's price/quality class.
public enum ModelTier: String, Sendable, Codable, CaseIterable, Comparable {
    case free, budget, mid, premium

    public var rank: Int {
        switch self {
        case .free: 0
        case .budget: 1
        case .mid: 2
        case .premium: 3
        }
    }

    public static func < (lhs: ModelTier, rhs: ModelTier) -> Bool { lhs.rank < rhs.rank }
}

/// A user's subscription plan tier.
public enum PlanTier: String, Sendable, Codable, CaseIterable {
    case free, basic, pro, enterprise

    /// The model tier rank this plan is most at home with (0 free … 3 premium), used by the recommender.
    public var preferredModelRank: Double {
        switch self {
        case .free: 1
        case .basic: 1.5
        case .pro: 2.5
        case .enterprise: 3
        }
    }
}
