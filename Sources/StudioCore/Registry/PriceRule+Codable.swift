extension PriceRule: Codable {
    private enum Keys: String, CodingKey { case kind, usd, bands, option, `default`, prices }
    private struct BandEntry: Codable { let label: String; let upToLongSide: Int; let usd: String }
    private enum BandKeys: String, CodingKey { case label, upToLongSide = "up_to_long_side", usd }
    private struct SizeEntry: Codable { let square: String; let rectangular: String }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func money(_ text: String, _ key: Keys) throws -> Money {
            guard let value = Money(dollars: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a dollar amount")
            }
            return value
        }
        switch try c.decode(String.self, forKey: .kind) {
        case "free":
            self = .free
        case "flat":
            self = .flat(try money(c.decode(String.self, forKey: .usd), .usd))
        case "resolution_bands":
            let bands = try c.decode([BandEntry].self, forKey: .bands)
            self = .resolutionBands(try bands.map { Band(label: $0.label, upToLongSide: $0.upToLongSide, price: try money($0.usd, .bands)) })
        case "by_option":
            let prices = try c.decode([String: String].self, forKey: .prices)
            self = .byOption(option: try c.decode(String.self, forKey: .option),
                             defaultValue: try c.decode(String.self, forKey: .default),
                             prices: try prices.mapValues { try money($0, .prices) })
        case "quality_by_size":
            let prices = try c.decode([String: SizeEntry].self, forKey: .prices)
            self = .qualityBySize(option: try c.decode(String.self, forKey: .option),
                                  defaultValue: try c.decode(String.self, forKey: .default),
                                  prices: try prices.mapValues {
                                      SizePrices(square: try money($0.square, .prices), rectangular: try money($0.rectangular, .prices))
                                  })
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown price kind '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        func text(_ money: Money) -> String { String(money.description.dropFirst()) }
        switch self {
        case .free:
            try c.encode("free", forKey: .kind)
        case .flat(let price):
            try c.encode("flat", forKey: .kind); try c.encode(text(price), forKey: .usd)
        case .resolutionBands(let bands):
            try c.encode("resolution_bands", forKey: .kind)
            // Written with snake-case keys like the registry file, whatever the encoder's key strategy.
            var list = c.nestedUnkeyedContainer(forKey: .bands)
            for band in bands {
                var entry = list.nestedContainer(keyedBy: BandKeys.self)
                try entry.encode(band.label, forKey: .label)
                try entry.encode(band.upToLongSide, forKey: .upToLongSide)
                try entry.encode(text(band.price), forKey: .usd)
            }
        case .byOption(let option, let defaultValue, let prices):
            try c.encode("by_option", forKey: .kind); try c.encode(option, forKey: .option)
            try c.encode(defaultValue, forKey: .default); try c.encode(prices.mapValues(text), forKey: .prices)
        case .qualityBySize(let option, let defaultValue, let prices):
            try c.encode("quality_by_size", forKey: .kind); try c.encode(option, forKey: .option)
            try c.encode(defaultValue, forKey: .default)
            try c.encode(prices.mapValues { SizeEntry(square: text($0.square), rectangular: text($0.rectangular)) }, forKey: .prices)
        }
    }
}
