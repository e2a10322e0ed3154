import Foundation
import NIOCore
import StudioCore
import Vapor

/// A JSON body whose big base64 image fields are decoded straight from the body's bytes: a 60 MB
/// body never becomes a 60 MB Swift String (nor the decoder's copies of one). Each named top-level
/// string field is taken out, leaving `""` in its place for the DTO; the images come back by name.
struct JSONImageFields {
    let rest: Data
    let images: [String: Data]

    init(_ body: ByteBuffer, fields: Set<String>) throws {
        var images: [String: Data] = [:]
        var rest = Data()
        try body.withUnsafeReadableBytes { p in
            rest.reserveCapacity(min(p.count, 1 << 16))
            var i = 0, depth = 0, copied = 0
            /// The index of the closing quote of the string opening at `open`.
            func stringEnd(_ open: Int) throws -> Int {
                var j = open + 1
                while j < p.count, p[j] != UInt8(ascii: "\"") { j += p[j] == UInt8(ascii: "\\") ? 2 : 1 }
                guard j < p.count else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The JSON body is malformed: a string never ends."))
                }
                return j
            }
            func skipSpace(_ k: Int) -> Int {
                var k = k
                while k < p.count, [0x20, 0x0A, 0x0D, 0x09].contains(p[k]) { k += 1 }
                return k
            }
            while i < p.count {
                switch p[i] {
                case UInt8(ascii: "\""):
                    let end = try stringEnd(i)
                    let colon = skipSpace(end + 1)
                    if depth == 1, colon < p.count, p[colon] == UInt8(ascii: ":") {
                        let key = String(decoding: UnsafeRawBufferPointer(rebasing: p[(i + 1)..<end]), as: UTF8.self)
                        let value = skipSpace(colon + 1)
                        if fields.contains(key), value < p.count, p[value] == UInt8(ascii: "\"") {
                            let valueEnd = try stringEnd(value)
                            let text = UnsafeRawBufferPointer(rebasing: p[(value + 1)..<valueEnd])
                            images[key] = text.isEmpty ? Data() : try Base64Image.decode(text, field: key)
                            rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[copied...value]))
                            copied = valueEnd
                            i = valueEnd + 1
                            continue
                        }
                    }
                    i = end + 1
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; i += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; i += 1
                default: i += 1
                }
            }
            rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[copied...]))
        }
        self.rest = rest
        self.images = images
    }
}

extension Request {
    /// Decodes a JSON body into `T`, its `fields` (base64 images) decoded from the bytes and returned apart.
    func decodeJSON<T: Decodable>(_ type: T.Type, imageFields fields: Set<String>) throws -> (T, [String: Data]) {
        guard let body = body.data, headers.contentType == .json else { return (try content.decode(T.self), [:]) }
        let parsed = try JSONImageFields(body, fields: fields)
        return (try JSONDecoder().decode(T.self, from: parsed.rest), parsed.images)
    }
}
