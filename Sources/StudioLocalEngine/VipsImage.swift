import CVips
import CVipsShim
import Foundation
import StudioCore

/// A libvips failure, with libvips' own message.
struct VipsError: Error, Sendable {
    let message: String

    static func last(_ context: String) -> VipsError {
        let detail = String(cString: cv_error_buffer()).trimmingCharacters(in: .whitespacesAndNewlines)
        cv_error_clear()
        return VipsError(message: detail.isEmpty ? context : "\(context): \(detail)")
    }
}

/// Starts libvips once per process (libvips itself is process-wide state).
enum VipsRuntime {
    private static let started: Bool = cv_init("imagestudio") == 0

    static func ensureStarted() throws {
        guard started else { throw VipsError(message: "libvips failed to start") }
    }
}

/// Bytes libvips reads from, kept alive by it.
final class DataBox: @unchecked Sendable {
    let data: Data
    init(_ data: Data) { self.data = data }
}

/// An owned reference to a libvips image. Every image the engine makes is decoded into memory
/// first, so no image ever points into a Swift buffer that could go away.
final class VImage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) { self.pointer = pointer }
    deinit { cv_unref(pointer) }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var bands: Int { Int(vips_image_get_bands(pointer)) }
    var size: PixelSize { PixelSize(width: width, height: height) }
    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }

    /// A lazy, sequential image over `data` itself (not a copy): pixels are decoded as a pipeline pulls
    /// them, so streaming work (resize, crop, embed, convert) never holds the whole image. libvips keeps
    /// `data` alive (a retained box, released when the image and everything made from it close);
    /// truncated or corrupt data is an error, not a warning.
    static func stream(_ data: Data) throws -> VImage {
        try VipsRuntime.ensureStarted()
        guard data.count >= 64 else {
            // Tiny Data may live inline (its bytes are only addressable inside the closure): copied.
            let image = data.withUnsafeBytes { raw in cv_load_buffer_stream(raw.baseAddress, raw.count, 1) }
            guard let image else { throw VipsError.last("cannot decode image") }
            return VImage(image)
        }
        let box = Unmanaged.passRetained(DataBox(data))
        // A Data held unmutated by the box keeps its bytes where they are.
        let image = box.takeUnretainedValue().data.withUnsafeBytes { raw in
            cv_load_buffer_stream_owned(raw.baseAddress, raw.count, 1, box.toOpaque()) { owner in
                owner.map { Unmanaged<DataBox>.fromOpaque($0).release() }
            }
        }
        guard let image else {
            box.release()
            throw VipsError.last("cannot decode image")
        }
        return VImage(image)
    }

    /// The whole image decoded into memory (for operations that read pixels in any order).
    static func decode(_ data: Data) throws -> VImage {
        try VipsRuntime.ensureStarted()
        let loaded: VImage = try data.withUnsafeBytes { raw in
            guard let image = cv_load_buffer(raw.baseAddress, raw.count, 1) else { throw VipsError.last("cannot decode image") }
            let lazy = VImage(image)
            guard let copy = vips_image_copy_memory(lazy.pointer) else { throw VipsError.last("cannot decode image") }
            return VImage(copy)
        }
        return loaded
    }

    /// Applies a libvips operation that writes one output image.
    func apply(_ context: String, _ body: (UnsafeMutablePointer<VipsImage>, UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32) throws -> VImage {
        var out: UnsafeMutablePointer<VipsImage>?
        guard body(pointer, &out) == 0, let out else { throw VipsError.last(context) }
        return VImage(out)
    }
}
