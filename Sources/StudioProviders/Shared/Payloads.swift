import Foundation
import StudioCore

enum Payloads {
    static func dataURI(_ payload: ImagePayload) -> String {
        "data:\(payload.header.format.mimeType);base64,\(payload.data.base64EncodedString())"
    }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// An output given as naked base64, a data URI, or nil when it is something else (a URL).
    static func inlineImage(_ text: String) -> Data? {
        if text.hasPrefix("http://") || text.hasPrefix("https://") { return nil }
        let payload = text.hasPrefix("data:") ? String(text.drop { $0 != "," }.dropFirst()) : text
        return Data(base64Encoded: payload, options: .ignoreUnknownCharacters)
    }

    /// Snaps width/height to the closest of `ratios` ("W:H").
    static func aspectRatio(_ size: PixelSize, among ratios: [String]) -> String {
        let actual = Double(size.width) / Double(size.height)
        return ratios.min { a, b in abs(log(value(a) / actual)) < abs(log(value(b) / actual)) } ?? "1:1"
    }

    private static func value(_ ratio: String) -> Double {
        let parts = ratio.split(separator: ":").compactMap { Double($0) }
        return parts.count == 2 && parts[1] > 0 ? parts[0] / parts[1] : 1
    }
}

/// multipart/form-data, built by hand: fields and files in order.
struct MultipartBody {
    let boundary = "imagestudio-\(UUID().uuidString)"
    private(set) var data = Data()

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }

    mutating func file(_ name: String, filename: String, mimeType: String, _ content: Data) {
        // Room for the file and the few small fields after it, so a big image is copied in once
        // (growing the buffer on a later append would copy it again, into twice the space).
        data.reserveCapacity(data.count + content.count + 4096)
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(mimeType)\r\n\r\n".utf8))
        data.append(content)
        data.append(Data("\r\n".utf8))
    }

    mutating func file(_ name: String, _ payload: ImagePayload) {
        file(name, filename: "\(name.filter(\.isLetter)).\(payload.header.format.rawValue)", mimeType: payload.header.format.mimeType, payload.data)
    }

    /// The body, closed (appended in place: a body holding a big image is not copied).
    mutating func finished() -> Data {
        data.append(Data("--\(boundary)--\r\n".utf8))
        return data
    }
}
