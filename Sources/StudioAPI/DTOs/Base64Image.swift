import Foundation
import StudioCore

/// Base64 images in JSON bodies: raw base64 or a `data:…;base64,` URL; whitespace (and a JSON
/// escape of it, or of `/`) is ignored, anything else is an error. Decoded straight from bytes.
enum Base64Image {
    static func decode(_ text: String, field: String) throws -> Data {
        var text = text
        return try text.withUTF8 { try decode(UnsafeRawBufferPointer($0), field: field) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, field: String) throws -> Data {
        var start = 0
        if bytes.starts(with: "data:".utf8) {
            guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")),
                  bytes[..<comma].reversed().starts(with: ";base64".utf8.reversed()) else {
                throw StudioError.invalidBase64(field: field)
            }
            start = comma + 1
        }
        guard let data = decodeBase64(UnsafeRawBufferPointer(rebasing: bytes[start...])), !data.isEmpty else {
            throw StudioError.invalidBase64(field: field)
        }
        return data
    }

    /// Strict base64 (padding required, as Foundation's decoder) skipping whitespace and JSON escapes of it.
    private static func decodeBase64(_ bytes: UnsafeRawBufferPointer) -> Data? {
        var out = Data(count: bytes.count / 4 * 3 + 3)
        var written = 0, quad: UInt32 = 0, held = 0, padding = 0
        let ok = out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Bool in
            var i = 0
            while i < bytes.count {
                var c = bytes[i]
                i += 1
                if c == UInt8(ascii: "\\"), i < bytes.count {
                    // A JSON escape inside the string: \/ is '/', \n \r \t are whitespace.
                    switch bytes[i] {
                    case UInt8(ascii: "/"): c = UInt8(ascii: "/")
                    case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): i += 1; continue
                    default: return false
                    }
                    i += 1
                }
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
                if c == UInt8(ascii: "=") {
                    padding += 1
                    guard padding <= 2 else { return false }
                    quad <<= 6; held += 1
                } else {
                    let value = table[Int(c)]
                    guard value != 0xFF, padding == 0 else { return false }
                    quad = quad << 6 | UInt32(value); held += 1
                }
                if held == 4 {
                    target[written] = UInt8(truncatingIfNeeded: quad >> 16)
                    target[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                    target[written + 2] = UInt8(truncatingIfNeeded: quad)
                    written += 3 - padding
                    quad = 0; held = 0
                    if padding > 0 { break }
                }
            }
            // Nothing may follow the padding but whitespace.
            while i < bytes.count {
                let c = bytes[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return false }
                i += 1
            }
            return held == 0
        }
        guard ok else { return nil }
        out.count = written
        return out
    }

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    static func dataURL(_ data: Data, mimeType: String) -> String {
        "data:\(mimeType);base64,\(data.base64EncodedString())"
    }
}
