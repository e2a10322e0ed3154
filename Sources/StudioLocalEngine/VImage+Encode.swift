import CVips
import CVipsShim
import Foundation
import StudioCore

extension VImage {
    /// Encodes as png, jpeg (alpha flattened on white) or webp.
    func encode(_ format: ImageFormat) throws -> Data {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .png:
            status = cv_save_png(pointer, &buffer, &length)
        case .jpeg:
            let opaque = try srgb8(keepAlpha: false)
            status = cv_save_jpeg(opaque.pointer, &buffer, &length, 90)
        case .webp:
            status = cv_save_webp(pointer, &buffer, &length, 90, 0)
        case .gif:
            throw VipsError(message: "writing gif is not supported")
        }
        guard status == 0, let buffer else { throw VipsError.last("cannot encode \(format.rawValue)") }
        defer { cv_free(buffer) }
        return Data(bytes: buffer, count: length)
    }
}
