import Foundation
import StudioCore

extension LocalOperations {
    /// Recolors the masked area: each pixel takes the target hue (and at least its saturation),
    /// keeps its own brightness, and is blended by the mask's grey level. Outside the mask nothing changes.
    static func recolor(_ image: VImage, mask: PixelBuffer, prompt: String?, options: [String: JSONValue]) throws -> VImage {
        let spec = options["color"]?.stringValue ?? prompt ?? ""
        guard let target = ColorName.parse(spec) else {
            throw StudioError.invalidOption(name: "prompt", reason:
                "name a colour (\(ColorName.table.map(\.0).joined(separator: ", "))) or give options.color as #RRGGBB")
        }
        var pixels = try image.pixels()
        let bands = pixels.bands
        for y in 0..<pixels.height {
            for x in 0..<pixels.width {
                let weight = Double(mask[x, y, 0]) / 255
                guard weight > 0 else { continue }
                let i = (y * pixels.width + x) * bands
                let old = (pixels.bytes[i], pixels.bytes[i + 1], pixels.bytes[i + 2])
                let hsv = HSV(r: old.0, g: old.1, b: old.2)
                let new = target.s == 0
                    ? HSV(h: 0, s: 0, v: min(1, hsv.v * 0.5 + target.v * 0.5)).rgb
                    : HSV(h: target.h, s: max(hsv.s, target.s * 0.8), v: hsv.v).rgb
                func blend(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - weight) + Double(b) * weight).rounded()) }
                pixels.bytes[i] = blend(old.0, new.0)
                pixels.bytes[i + 1] = blend(old.1, new.1)
                pixels.bytes[i + 2] = blend(old.2, new.2)
            }
        }
        return try VImage.from(pixels)
    }
}
