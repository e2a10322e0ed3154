import CVips
import CVipsShim
import Foundation
import StudioCore

/// The pipeline's image work (decode checks, fitting, format conversion) on libvips.
public struct LocalToolkit: ImageToolkit {
    public init() {}

    public func verifyIntact(_ data: Data) throws -> ImageHeader {
        let header = try ImageHeader.sniff(data)
        if header.format == .png {
            // Every chunk's CRC covers its bytes (the compressed pixels included): checking them
            // finds truncation and corruption without inflating a pixel.
            let status = data.withUnsafeBytes { cv_png_intact($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
            switch status {
            case 0: return header
            case 2: throw VipsError(message: "a PNG chunk's checksum does not match")
            case 3: throw VipsError(message: "the PNG has no image data")
            default: throw VipsError(message: "the PNG is truncated")
            }
        }
        // Other formats carry no checksums: every pixel is decoded, a strip at a time.
        let image = try VImage.stream(data)
        var average = 0.0
        guard cv_average(image.pointer, &average) == 0 else { throw VipsError.last("cannot decode image") }
        return ImageHeader(format: header.format, size: image.size)
    }

    public func hasAlpha(_ data: Data) throws -> Bool {
        try VImage.stream(data).hasAlpha
    }

    public func alphaMask(fromEditMask data: Data) throws -> Data {
        let grey = try VImage.decode(data).srgb8(keepAlpha: false).pixels()
        var rgba = PixelBuffer(width: grey.width, height: grey.height, bands: 4, bytes: [UInt8](repeating: 0, count: grey.width * grey.height * 4))
        for i in 0..<(grey.width * grey.height) {
            rgba.bytes[i * 4 + 3] = 255 - grey.bytes[i * grey.bands]
        }
        return try VImage.from(rgba).encode(.png)
    }

    public func editMask(fromAlphaMask data: Data) throws -> Data? {
        let image = try VImage.decode(data).srgb8()
        guard image.hasAlpha else { return nil }
        let rgba = try image.pixels()
        var grey = PixelBuffer(width: rgba.width, height: rgba.height, bands: 1, bytes: [UInt8](repeating: 0, count: rgba.width * rgba.height))
        for i in 0..<(rgba.width * rgba.height) { grey.bytes[i] = 255 - rgba.bytes[i * rgba.bands + rgba.bands - 1] }
        return try VImage.from(grey).encode(.png)
    }

    public func resize(_ data: Data, to size: PixelSize, format: ImageFormat) throws -> Data {
        let image = try VImage.stream(data).srgb8()
        guard image.size != size else { return try image.encode(format) }
        let resized = try image.apply("cannot resize") {
            cv_resize($0, $1, Double(size.width) / Double(image.width), Double(size.height) / Double(image.height))
        }
        // Lanczos scaling can land a pixel off the exact target; crop or pad to it.
        let exact = try resized.size == size ? resized : resized.apply("cannot trim") {
            cv_embed_extend($0, $1, 0, 0, Int32(size.width), Int32(size.height), Int32(VIPS_EXTEND_COPY.rawValue))
        }
        return try exact.encode(format)
    }
}
