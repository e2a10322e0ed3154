import Foundation
import StudioCore

/// An exposure / white-balance / light-direction adjustment.
struct LightingAdjustment: Equatable {
    var exposure: Double = 0          // EV stops
    var temperature: Double = 0       // -1 cool … 1 warm
    var direction: String?            // above, below, left, right
    var strength: Double = 0.4        // of the directional light, 0…1

    var isNeutral: Bool { exposure == 0 && temperature == 0 && direction == nil }

    /// Reads words of a prompt ("brighter, warm light from the left"), then lets options override.
    static func from(prompt: String?, options: [String: JSONValue]) throws -> LightingAdjustment {
        var adjustment = LightingAdjustment()
        let words = Set((prompt ?? "").lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        if !words.isDisjoint(with: ["bright", "brighter", "brighten", "lighter", "lit"]) { adjustment.exposure += 0.7 }
        if !words.isDisjoint(with: ["dark", "darker", "darken", "dim", "dimmer", "moody"]) { adjustment.exposure -= 0.7 }
        if !words.isDisjoint(with: ["warm", "warmer", "golden", "sunset", "sunrise"]) { adjustment.temperature += 0.5 }
        if !words.isDisjoint(with: ["cool", "cooler", "cold", "blue", "moonlight"]) { adjustment.temperature -= 0.5 }
        for (word, direction) in [("left", "left"), ("right", "right"), ("above", "above"), ("top", "above"),
                                  ("below", "below"), ("bottom", "below")] where words.contains(word) {
            adjustment.direction = direction
        }
        if let value = try options.number("exposure", in: -3...3) { adjustment.exposure = value }
        if let value = try options.number("temperature", in: -1...1) { adjustment.temperature = value }
        if let value = try options.number("light_source_strength", in: 0...1) { adjustment.strength = value }
        if let value = options["light_source_direction"]?.stringValue {
            guard ["above", "below", "left", "right"].contains(value) else {
                throw StudioError.invalidOption(name: "light_source_direction", reason: "must be above, below, left or right")
            }
            adjustment.direction = value
        }
        return adjustment
    }
}

extension LocalOperations {
    /// Relights by exposure (2^EV gain), white balance (red/blue gains) and an optional linear
    /// light falloff from one side. It does not replace the background or model 3D light.
    static func relight(_ image: VImage, prompt: String?, options: [String: JSONValue]) throws -> VImage {
        let adjustment = try LightingAdjustment.from(prompt: prompt, options: options)
        guard !adjustment.isNeutral else {
            throw StudioError.invalidOption(name: "prompt", reason:
                "say how to relight (brighter, darker, warmer, cooler, from the left/right/above/below) or set options exposure, temperature, light_source_direction")
        }
        var pixels = try image.pixels()
        let (w, h, bands) = (pixels.width, pixels.height, pixels.bands)
        let gain = pow(2, adjustment.exposure)
        let channel = [1 + 0.25 * adjustment.temperature, 1.0, 1 - 0.25 * adjustment.temperature]
        func directional(_ x: Int, _ y: Int) -> Double {
            guard let direction = adjustment.direction else { return 1 }
            let t: Double // 0 at the lit side, 1 at the far side
            switch direction {
            case "left": t = Double(x) / Double(max(1, w - 1))
            case "right": t = 1 - Double(x) / Double(max(1, w - 1))
            case "above": t = Double(y) / Double(max(1, h - 1))
            default: t = 1 - Double(y) / Double(max(1, h - 1))
            }
            return 1 + adjustment.strength * (1 - 1.6 * t)
        }
        for y in 0..<h {
            for x in 0..<w {
                let factor = gain * directional(x, y)
                let i = (y * w + x) * bands
                for band in 0..<3 {
                    pixels.bytes[i + band] = UInt8(max(0, min(255, (Double(pixels.bytes[i + band]) * factor * channel[band]).rounded())))
                }
            }
        }
        return try VImage.from(pixels)
    }
}
