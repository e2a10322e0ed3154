/// How a model is priced. Amounts are exact decimal dollars in the registry file.
public enum PriceRule: Sendable, Hashable {
    /// Free (the local engine).
    case free
    /// The same price for every run.
    case flat(Money)
    /// Priced by the output's long side: the first band whose `upToLongSide` holds it.
    case resolutionBands([Band])
    /// Priced by a named option (for example `rendering_speed`).
    case byOption(option: String, defaultValue: String, prices: [String: Money])
    /// Priced by a quality option and whether the output is square (OpenAI image models).
    case qualityBySize(option: String, defaultValue: String, prices: [String: SizePrices])

    public struct Band: Sendable, Hashable {
        public let label: String
        public let upToLongSide: Int
        public let price: Money
    }

    public struct SizePrices: Sendable, Hashable {
        public let square: Money
        public let rectangular: Money
    }

    /// Every amount the rule can charge, to validate and to show a range.
    public var amounts: [Money] {
        switch self {
        case .free: [.zero]
        case .flat(let price): [price]
        case .resolutionBands(let bands): bands.map(\.price)
        case .byOption(_, _, let prices): Array(prices.values)
        case .qualityBySize(_, _, let prices): prices.values.flatMap { [$0.square, $0.rectangular] }
        }
    }
}
