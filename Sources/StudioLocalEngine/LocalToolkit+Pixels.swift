import Foundation
import StudioCore

/// Decoded 8-bit pixels, interleaved (RGB or RGBA), for checks and synthetic images.
public struct DecodedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let bands: Int
    public let bytes: [UInt8]

    public init(width: Int, height: Int, bands: Int, bytes: [UInt8]) {
        self.width = width; self.height = height; self.bands = bands; self.bytes = bytes
    }

    public func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * width + x) * bands
        return Array(bytes[start..<start + bands])
    }
}

extension LocalToolkit {
    /// Decodes any supported image to 8-bit sRGB pixels (alpha kept).
    public func decodePixels(_ data: Data) throws -> DecodedImage {
        let pixels = try VImage.decode(data).srgb8().pixels()
        return DecodedImage(width: pixels.width, height: pixels.height, bands: pixels.bands, bytes: pixels.bytes)
    }

    /// Encodes 8-bit pixels (1, 3 or 4 bands) as an image file.
    public func encode(_ image: DecodedImage, as format: ImageFormat) throws -> Data {
        try VImage.from(PixelBuffer(width: image.width, height: image.height, bands: image.bands, bytes: image.bytes)).encode(format)
    }
}
