import CVips
import CVipsShim
import Foundation
import StudioCore

/// 8-bit interleaved pixels, for the operations written as plain loops.
struct PixelBuffer: Sendable {
    var width: Int
    var height: Int
    var bands: Int
    var bytes: [UInt8]

    subscript(x: Int, y: Int, band: Int) -> UInt8 {
        get { bytes[(y * width + x) * bands + band] }
        set { bytes[(y * width + x) * bands + band] = newValue }
    }
}

extension VImage {
    /// The image as 8-bit sRGB, with alpha kept when `keepAlpha` and present.
    func srgb8(keepAlpha: Bool = true) throws -> VImage {
        var image = try apply("cannot convert to sRGB") { cv_colourspace_srgb($0, $1) }
        if image.hasAlpha, !keepAlpha {
            image = try image.apply("cannot flatten alpha") { cv_flatten($0, $1, 255, 255, 255) }
        }
        if vips_image_get_format(image.pointer) != VIPS_FORMAT_UCHAR {
            image = try image.apply("cannot cast to 8 bits") { cv_cast_uchar($0, $1) }
        }
        return image
    }

    func pixels() throws -> PixelBuffer {
        var length = 0
        guard let memory = cv_write_to_memory(pointer, &length) else { throw VipsError.last("cannot read pixels") }
        defer { cv_free(memory) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: memory, count: length))
        return PixelBuffer(width: width, height: height, bands: bands, bytes: bytes)
    }

    static func from(_ buffer: PixelBuffer) throws -> VImage {
        try VipsRuntime.ensureStarted()
        let image = buffer.bytes.withUnsafeBytes { raw in
            cv_new_from_memory_copy(raw.baseAddress, raw.count, Int32(buffer.width), Int32(buffer.height), Int32(buffer.bands))
        }
        guard let image else { throw VipsError.last("cannot build image from pixels") }
        return VImage(image)
    }
}
