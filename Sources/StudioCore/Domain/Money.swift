/// An amount of US dollars as an integer count of micro-dollars. Never a floating-point number.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }

    public static let zero = Money(micros: 0)

    /// Parses a decimal string of dollars such as "0.02" or "12" exactly (up to 6 decimals).
    public init?(dollars text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isNumber), let value = Int64(digits) else { return nil }
            fraction = value * Self.powerOfTen(6 - digits.count)
        }
        micros = whole * 1_000_000 + fraction
    }

    private static func powerOfTen(_ n: Int) -> Int64 { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// Dollars for display and JSON compatibility only; arithmetic stays in micros.
    public var dollars: Double { Double(micros) / 1_000_000 }

    public var description: String {
        let sign = micros < 0 ? "-" : ""
        let value = abs(micros)
        let cents = value % 1_000_000
        var fraction = String(cents)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)$\(value / 1_000_000).\(fraction)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.micros < rhs.micros }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros + rhs.micros) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros - rhs.micros) }
}
