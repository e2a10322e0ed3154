/// The one place a price is computed from a model's price rule.
public struct CostEstimator: Sendable {
    public init() {}

    /// The cost of one run producing an image of `output` size. `options` may name the priced option
    /// (quality, rendering speed); an unknown value is an error, not a silent default.
    public func estimate(_ model: ModelDescriptor, output: PixelSize, options: [String: JSONValue] = [:]) throws(StudioError) -> Money {
        switch model.price {
        case .free:
            return .zero
        case .flat(let price):
            return price
        case .resolutionBands(let bands):
            let band = bands.sorted { $0.upToLongSide < $1.upToLongSide }.first { output.longSide <= $0.upToLongSide }
            return (band ?? bands.max { $0.upToLongSide < $1.upToLongSide })?.price ?? .zero
        case .byOption(let option, let defaultValue, let prices):
            return try price(prices, option: option, value: options[option]?.stringValue ?? defaultValue)
        case .qualityBySize(let option, let defaultValue, let prices):
            let sizes = try price(prices, option: option, value: options[option]?.stringValue ?? defaultValue)
            return output.width == output.height ? sizes.square : sizes.rectangular
        }
    }

    private func price<T>(_ prices: [String: T], option: String, value: String) throws(StudioError) -> T {
        guard let price = prices[value] else {
            throw .invalidOption(name: option, reason: "must be one of \(prices.keys.sorted().joined(separator: ", ")), not '\(value)'")
        }
        return price
    }

    /// The cheapest and dearest a run can cost, for listings.
    public func range(_ model: ModelDescriptor) -> ClosedRange<Money> {
        let amounts = model.price.amounts
        return (amounts.min() ?? .zero)...(amounts.max() ?? .zero)
    }
}
