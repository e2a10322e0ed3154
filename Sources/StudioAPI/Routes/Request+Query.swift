import StudioCore
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

    /// `width` and `height` given together (an image's size, for per-image prices), or neither.
    func imageSizeQuery() throws -> PixelSize? {
        let width = try intQuery("width", in: 1...100_000), height = try intQuery("height", in: 1...100_000)
        if (width == nil) != (height == nil) { throw APIError.invalidQuery(name: "width, height", reason: "give both or neither") }
        return width.flatMap { w in height.map { PixelSize(width: w, height: $0) } }
    }
}
