import CVips
import CVipsShim
import Foundation
import StudioCore

/// The local engine's operations. Geometry here; pixel operations in their own files.
enum LocalOperations {
    static let maxSide = 16384

    /// Lanczos-3 resize by `scale` (default 2) or to `target_width` / `target_height` (aspect kept if one is given).
    static func resize(_ image: VImage, options: [String: JSONValue]) throws -> VImage {
        let (sx, sy, target) = try resizeTarget(image.size, options: options)
        let resized = try image.apply("cannot resize") { cv_resize($0, $1, sx, sy) }
        return try exactly(resized, target)
    }

    /// Lanczos can land a pixel off the exact target: crop or pad (repeating the edge) to it.
    private static func exactly(_ image: VImage, _ target: PixelSize) throws -> VImage {
        guard image.size != target else { return image }
        return try image.apply("cannot trim") {
            cv_embed_extend($0, $1, 0, 0, Int32(target.width), Int32(target.height), Int32(VIPS_EXTEND_COPY.rawValue))
        }
    }

    private static func resizeTarget(_ size: PixelSize, options: [String: JSONValue]) throws -> (Double, Double, PixelSize) {
        let w = Double(size.width), h = Double(size.height)
        var sx: Double, sy: Double
        let tw = try options.number("target_width", in: 1...Double(maxSide))
        let th = try options.number("target_height", in: 1...Double(maxSide))
        switch (tw, th) {
        case let (tw?, th?): (sx, sy) = (tw / w, th / h)
        case let (tw?, nil): (sx, sy) = (tw / w, tw / w)
        case let (nil, th?): (sx, sy) = (th / h, th / h)
        case (nil, nil):
            let scale = try options.number("scale", in: 0.01...8) ?? 2
            (sx, sy) = (scale, scale)
        }
        let target = PixelSize(width: Int((w * sx).rounded()), height: Int((h * sy).rounded()))
        guard target.width >= 1, target.height >= 1, target.longSide <= maxSide else {
            throw StudioError.invalidOption(name: "scale", reason: "the result \(target) must be between 1 and \(maxSide) pixels per side")
        }
        return (sx, sy, target)
    }

    /// Cuts out `options.left, top, width, height`, which must lie inside the image.
    static func crop(_ image: VImage, options: [String: JSONValue]) throws -> VImage {
        guard let width = try options.number("width", in: 1...Double(image.width)),
              let height = try options.number("height", in: 1...Double(image.height)) else {
            throw StudioError.invalidOption(name: "options", reason: "crop needs width and height (and optionally left, top)")
        }
        let left = try options.number("left", in: 0...Double(image.width - 1)) ?? 0
        let top = try options.number("top", in: 0...Double(image.height - 1)) ?? 0
        guard left + width <= Double(image.width), top + height <= Double(image.height) else {
            throw StudioError.invalidOption(name: "options", reason: "the rectangle must lie inside the \(image.size) image")
        }
        return try image.apply("cannot crop") { cv_extract_area($0, $1, Int32(left), Int32(top), Int32(width), Int32(height)) }
    }

    /// Grows the canvas by the expansion, filling new pixels by repeating the edge pixels.
    static func expand(_ image: VImage, by e: Expansion) throws -> VImage {
        let width = image.width + e.left + e.right, height = image.height + e.up + e.down
        guard width <= maxSide, height <= maxSide else {
            throw StudioError.invalidOption(name: "expand", reason: "the result would exceed \(maxSide) pixels per side")
        }
        return try image.apply("cannot expand") {
            cv_embed_extend($0, $1, Int32(e.left), Int32(e.up), Int32(width), Int32(height), Int32(VIPS_EXTEND_COPY.rawValue))
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A numeric option within `range`, nil when absent; an error when present but wrong.
    func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let value = self[name], value != .null else { return nil }
        guard let number = value.doubleValue, range.contains(number) else {
            throw StudioError.invalidOption(name: name, reason: "must be a number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}
