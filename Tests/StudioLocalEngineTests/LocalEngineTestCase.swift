import Foundation
import StudioCore
import StudioLocalEngine
import StudioTestSupport
import XCTest

/// Runs local models directly through the provider protocol and decodes what comes back.
class LocalEngineTestCase: XCTestCase {
    let registry = try! ModelRegistry.bundled()
    let engine = LocalEngineProvider()
    let toolkit = LocalToolkit()

    func run(_ modelID: String, _ image: Data, mask: Data? = nil, prompt: String? = nil, expansion: Expansion = .init(),
             options: [String: JSONValue] = [:], format: ImageFormat = .png) async throws -> Data {
        let header = try ImageHeader.sniff(image)
        let model = try XCTUnwrap(registry[modelID])
        let request = ProviderRequest(
            model: model, operation: model.capabilities[0], image: ImagePayload(data: image, header: header),
            mask: try mask.map { ImagePayload(data: $0, header: try ImageHeader.sniff($0)) },
            prompt: prompt, expansion: expansion, outputFormat: format, options: options)
        return try await engine.run(request).data
    }

    func pixels(_ data: Data) throws -> DecodedImage { try toolkit.decodePixels(data) }

    /// A mask of the image's size, white where `inside(x, y)`.
    func mask(width: Int, height: Int, inside: (Int, Int) -> Bool) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width where inside(x, y) { bytes[y * width + x] = 255 } }
        return try toolkit.encode(DecodedImage(width: width, height: height, bands: 1, bytes: bytes), as: .png)
    }

    func meanBrightness(_ image: DecodedImage, columns: Range<Int>? = nil) -> Double {
        let xs = columns ?? 0..<image.width
        var total = 0.0
        for y in 0..<image.height { for x in xs { total += image.pixel(x, y).prefix(3).map(Double.init).reduce(0, +) / 3 } }
        return total / Double(image.height * xs.count)
    }
}
