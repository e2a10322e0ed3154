import Foundation

/// How an image is brought within a model's resolution limits, keeping its aspect ratio.
public struct ImageFit: Sendable, Hashable {
    public let original: PixelSize
    public let target: PixelSize

    public var isNative: Bool { original == target }

    /// A sentence for the caller when the image had to be resized.
    public var note: String? {
        guard !isNative else { return nil }
        let verb = target.pixels < original.pixels ? "downscaled" : "upscaled"
        return "image \(verb) from \(original) to \(target) to fit the model's limits"
    }

    /// The fit of `size` to `model`, or why there is none.
    public static func of(_ size: PixelSize, to model: ModelDescriptor) -> Result<ImageFit, FitFailure> {
        let w = Double(size.width), h = Double(size.height), pixels = w * h
        var low = max(Double(model.minResolution.width) / w, Double(model.minResolution.height) / h)
        var high = min(Double(model.maxResolution.width) / w, Double(model.maxResolution.height) / h)
        if let minPixels = model.minPixels { low = max(low, (Double(minPixels) / pixels).squareRoot()) }
        if let maxPixels = model.maxPixels { high = min(high, (Double(maxPixels) / pixels).squareRoot()) }
        guard low <= high else {
            return .failure(FitFailure(reason: "its aspect ratio cannot meet both the minimum \(model.minResolution) and the maximum \(model.maxResolution)"))
        }
        if low <= 1, 1 <= high { return .success(ImageFit(original: size, target: size)) }
        let scale = 1 > high ? high : low
        let round: (Double) -> Double = 1 > high ? { $0.rounded(.down) } : { $0.rounded(.up) }
        let target = PixelSize(width: max(1, Int(round(w * scale))), height: max(1, Int(round(h * scale))))
        return .success(ImageFit(original: size, target: target))
    }
}

public struct FitFailure: Error, Sendable, Hashable {
    public let reason: String
}
