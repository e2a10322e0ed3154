import CVips
import CVipsShim
import Foundation
import StudioCore

/// The free, offline provider: real libvips operations, each honest about what it is.
public struct LocalEngineProvider: ImageProvider {
    public let id = "local"

    public init() {}

    /// Local work creates nothing elsewhere, so resuming is running again.
    public func resume(taskID: String, request: ProviderRequest) async throws -> ProviderOutput {
        try await run(request, context: .none)
    }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        do {
            let path = request.model.providerPath
            let input = try request.requireImage(id).data
            // Geometry and format work streams through the image; pixel operations need it in memory.
            let streams = ["local/resize", "local/crop", "local/expand", "local/convert"].contains(path)
            let image = try (streams ? VImage.stream(input) : VImage.decode(input)).srgb8()
            let result: VImage
            switch path {
            case "local/resize": result = try LocalOperations.resize(image, options: request.options)
            case "local/crop": result = try LocalOperations.crop(image, options: request.options)
            case "local/expand": result = try LocalOperations.expand(image, by: request.expansion)
            case "local/remove-background": result = try LocalOperations.removeBackground(image, options: request.options)
            case "local/recolor": result = try LocalOperations.recolor(image, mask: try mask(request), prompt: request.prompt, options: request.options)
            case "local/relight": result = try LocalOperations.relight(image, prompt: request.prompt, options: request.options)
            case "local/convert": result = image
            default:
                throw ProviderError(.invalidInput, provider: id, message: "The local engine has no operation '\(request.model.providerPath)'.")
            }
            return ProviderOutput(data: try result.encode(request.outputFormat))
        } catch let error as VipsError {
            throw ProviderError(.engineFailure, provider: id, message: "The local engine failed: \(error.message)")
        }
    }

    private func mask(_ request: ProviderRequest) throws -> PixelBuffer {
        guard let mask = request.mask else {
            throw StudioError.missingField(.mask, reason: "the local engine needs a mask to know what to change")
        }
        return try VImage.decode(mask.data).srgb8(keepAlpha: false).pixels()
    }
}
