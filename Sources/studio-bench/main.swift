// The benchmark helper (`make bench` drives it): runs one local-engine operation in-process, exactly
// as the server's local provider does, so its wall time and peak memory can be set beside the `vips`
// CLI and Pillow doing the same work on the same file.
import Foundation
import StudioCore
import StudioLocalEngine

@main
struct StudioBench {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count == 3, let operation = Operation(rawValue: arguments[0]) else {
            FileHandle.standardError.write(Data("usage: studio-bench resize|outpaint|remove-background INPUT OUTPUT\n".utf8))
            exit(64)
        }
        do {
            let started = ContinuousClock.now
            let input = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
            let output = try await operation.run(input, format: ImageFormat(name: URL(fileURLWithPath: arguments[2]).pathExtension) ?? .png)
            try output.write(to: URL(fileURLWithPath: arguments[2]))
            let elapsed = ContinuousClock.now - started
            print(#"{"operation": "\#(operation.rawValue)", "seconds": \#(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)), "output_bytes": \#(output.count)}"#)
        } catch {
            FileHandle.standardError.write(Data("studio-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    enum Operation: String {
        case resize, outpaint
        case removeBackground = "remove-background"

        /// The registry model and request the local provider gets for this operation.
        func run(_ input: Data, format: ImageFormat) async throws -> Data {
            let registry = try ModelRegistry.bundled()
            let header = try ImageHeader.sniff(input)
            let image = ImagePayload(data: input, header: header)
            let request: ProviderRequest
            switch self {
            case .resize:
                request = ProviderRequest(model: registry["local-resize"]!, operation: .upscale, image: image, outputFormat: format,
                                          options: ["scale": .number(0.5)])
            case .outpaint:
                request = ProviderRequest(model: registry["local-expand"]!, operation: .outpaint, image: image,
                                          expansion: Expansion(left: 256, right: 256, up: 256, down: 256), outputFormat: format)
            case .removeBackground:
                request = ProviderRequest(model: registry["local-remove-background"]!, operation: .removeBackground, image: image,
                                          outputFormat: format)
            }
            return try await LocalEngineProvider().run(request).data
        }
    }
}
