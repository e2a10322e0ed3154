import AsyncHTTPClient
import Foundation
import StudioCore
import StudioLocalEngine
import StudioProviders
import StudioTestSupport
import XCTest

/// Real adapters over a real HTTP client against the emulator, with short timings.
class ContractTestCase: XCTestCase {
    var emulator: ProviderEmulator!
    var client: HTTPClient!
    let registry = try! ModelRegistry.bundled()
    let toolkit = LocalToolkit()

    static let tuning = ProviderTuning(requestTimeout: .milliseconds(700), pollInterval: .milliseconds(10), deadline: .seconds(10),
                                       retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40)),
                                       maxLoadingWait: .milliseconds(50))

    override func setUp() async throws {
        emulator = try await ProviderEmulator.start(processingTime: .milliseconds(20))
        client = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    override func tearDown() async throws {
        try await client.shutdown()
        await emulator.shutdown()
    }

    /// Fresh adapters (fresh circuit breakers) for every provider.
    func adapters() -> [String: any ImageProvider] {
        let settings = ProviderSettings(baseURL: emulator.baseURL, apiKey: emulator.apiKey, tuning: Self.tuning)
        let providers = AllProviders.make(settings: ["wavespeed": settings, "stability": settings, "huggingface": settings, "openai": settings],
                                          transport: AsyncHTTPTransport(client: client))
        return Dictionary(uniqueKeysWithValues: providers.map { ($0.id, $0) })
    }

    var hostedModels: [ModelDescriptor] { registry.models.filter { $0.provider != "local" } }

    /// A request the model accepts: the fixture fitted to its limits, with every field it needs.
    func request(for model: ModelDescriptor) throws -> ProviderRequest {
        let source = try Fixtures.data("chelsea.png")
        let size = try ImageHeader.sniff(source).size
        let fit = try ImageFit.of(size, to: model).get()
        let data = try toolkit.resize(source, to: fit.target, format: .png)
        let image = ImagePayload(data: data, header: ImageHeader(format: .png, size: fit.target))
        let maskPixels = DecodedImage(width: fit.target.width, height: fit.target.height, bands: 1,
                                      bytes: [UInt8](repeating: 255, count: fit.target.pixels))
        let whiteMask = try toolkit.encode(maskPixels, as: .png)
        // The mask in the convention the provider reads, as the pipeline hands it over.
        let maskData = model.request.readsMasksAs == .whiteEdits ? whiteMask : try toolkit.alphaMask(fromEditMask: whiteMask)
        let operation = model.capabilities[0]
        if operation == .generate {
            // Text-to-image: no image, the output size fitted to the model's limits.
            var call = ProviderRequest(model: model, operation: .generate, image: nil, prompt: "a lighthouse at dusk",
                                       seed: model.request.seed ? 7 : nil, outputFormat: model.request.defaultOutputFormat)
            call.outputSize = try ImageFit.of(PixelSize(width: 1024, height: 768), to: model).get().target
            return call
        }
        return ProviderRequest(
            model: model, operation: operation, image: image,
            mask: model.request.maskField != nil ? ImagePayload(data: maskData, header: ImageHeader(format: .png, size: fit.target)) : nil,
            references: operation == .faceSwap ? [image] : [],
            prompt: "a winter scene", searchPrompt: "cat", selectPrompt: "cat",
            expansion: operation == .outpaint ? Expansion(left: 32, right: 32) : Expansion(),
            seed: model.request.seed ? 7 : nil, outputFormat: model.request.defaultOutputFormat,
            options: operation == .translate ? ["target_language": .string("fr")] : [:])
    }

    /// The output is what the model produces: a readable image, or a GLB for 3D models.
    func assertOutput(_ data: Data, of model: ModelDescriptor, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        if model.outputKind == .model3D {
            XCTAssertEqual(data.prefix(4), Data("glTF".utf8), "\(label): a GLB", file: file, line: line)
        } else {
            XCTAssertNoThrow(try ImageHeader.sniff(data), label, file: file, line: line)
        }
    }
}
