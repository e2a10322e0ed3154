/// Image encodings the studio reads and writes.
public enum ImageFormat: String, Sendable, Codable, CaseIterable, Hashable {
    case png, jpeg, webp, gif

    public init?(name: String) {
        switch name.lowercased() {
        case "png": self = .png
        case "jpeg", "jpg": self = .jpeg
        case "webp": self = .webp
        case "gif": self = .gif
        default: return nil
        }
    }

    public var mimeType: String { "image/\(rawValue)" }

    /// Formats the studio can write.
    public static let writable: [ImageFormat] = [.png, .jpeg, .webp]

    public var supportsAlpha: Bool { self != .jpeg }
}
