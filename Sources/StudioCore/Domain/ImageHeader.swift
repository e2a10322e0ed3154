import Foundation

/// What an image's first bytes say it is, read without decoding any pixels.
public struct ImageHeader: Sendable, Hashable {
    public let format: ImageFormat
    public let size: PixelSize

    public init(format: ImageFormat, size: PixelSize) {
        self.format = format
        self.size = size
    }
}

public enum ImageHeaderError: Error, Equatable, Sendable {
    case notAnImage
    case truncated
    case zeroSize
}

extension ImageHeader {
    /// Sniffs PNG, JPEG, WebP and GIF headers. Throws for anything else, so callers can refuse a
    /// decompression bomb by its declared size before any decoder touches it.
    public static func sniff(_ data: Data) throws(ImageHeaderError) -> ImageHeader {
        let bytes = [UInt8](data.prefix(64 * 1024))
        let header: ImageHeader
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            header = try png(bytes)
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            header = try jpeg(bytes)
        } else if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            header = try webp(bytes)
        } else if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            guard bytes.count >= 10 else { throw .truncated }
            header = ImageHeader(format: .gif, size: PixelSize(width: le16(bytes, 6), height: le16(bytes, 8)))
        } else {
            throw .notAnImage
        }
        guard header.size.width > 0, header.size.height > 0 else { throw .zeroSize }
        return header
    }

    private static func png(_ b: [UInt8]) throws(ImageHeaderError) -> ImageHeader {
        guard b.count >= 24 else { throw .truncated }
        guard Array(b[12..<16]) == Array("IHDR".utf8) else { throw .notAnImage }
        return ImageHeader(format: .png, size: PixelSize(width: be32(b, 16), height: be32(b, 20)))
    }

    private static func jpeg(_ b: [UInt8]) throws(ImageHeaderError) -> ImageHeader {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { throw .notAnImage }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            let length = be16(b, i + 2)
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                return ImageHeader(format: .jpeg, size: PixelSize(width: be16(b, i + 7), height: be16(b, i + 5)))
            }
            guard length >= 2 else { throw .notAnImage }
            i += 2 + length
        }
        throw .truncated
    }

    private static func webp(_ b: [UInt8]) throws(ImageHeaderError) -> ImageHeader {
        guard b.count >= 30 else { throw .truncated }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            return ImageHeader(format: .webp, size: PixelSize(width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF))
        case "VP8L":
            let bits = UInt32(b[21]) | UInt32(b[22]) << 8 | UInt32(b[23]) << 16 | UInt32(b[24]) << 24
            return ImageHeader(format: .webp, size: PixelSize(width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1))
        case "VP8X":
            let w = Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16
            let h = Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16
            return ImageHeader(format: .webp, size: PixelSize(width: w + 1, height: h + 1))
        default:
            throw .notAnImage
        }
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }
}
