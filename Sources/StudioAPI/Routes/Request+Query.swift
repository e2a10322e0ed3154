import Vapor

extension Request {
    /// An optional integer query parameter; present but not an integer in `range` is an error, never ignored.
    func intQuery(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = query[String.self, at: name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalidQuery(name: name, reason: "must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }
}
