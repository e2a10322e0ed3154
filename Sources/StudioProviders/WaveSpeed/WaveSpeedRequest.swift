import Foundation
import StudioCore

/// Builds a WaveSpeed model's flat JSON body from the registry's request shape. Pure.
enum WaveSpeedRequest {
    static let aspectRatios = ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "9:21"]

    static func body(_ request: ProviderRequest) -> [String: Any] {
        let model = request.model, shape = model.request
        var body: [String: Any] = ["enable_base64_output": true, "enable_sync_mode": shape.syncMode]
        if let prompt = request.prompt, !prompt.isEmpty { body["prompt"] = prompt }
        if let input = request.image {
            let image = Payloads.dataURI(input)
            if let faceField = shape.faceField {
                // Face swap: the photo in the image field, the face (the one reference) in the face field.
                body[shape.imageField] = shape.takesList ? [image] : image
                if let face = request.references.first.map(Payloads.dataURI) { body[faceField] = shape.faceList == true ? [face] : face }
            } else {
                body[shape.imageField] = shape.takesList ? [image] + request.references.map(Payloads.dataURI) : image
            }
        }
        // A mask goes in the model's own mask field, never as a second reference image.
        if let field = shape.maskField, let mask = request.mask { body[field] = Payloads.dataURI(mask) }
        switch shape.sizing {
        case .size:
            let size = outputSize(request)
            body["size"] = "\(size.width)*\(size.height)"
        case .aspectRatio:
            body["aspect_ratio"] = Payloads.aspectRatio(request.workingSize, among: aspectRatios)
        case .aspectRatioResolution:
            body["aspect_ratio"] = Payloads.aspectRatio(request.workingSize, among: aspectRatios)
            body["resolution"] = request.workingSize.longSide >= 4096 ? "8k" : "4k"
        case .expansion, .none:
            break
        }
        if shape.seed, let seed = request.seed { body["seed"] = seed }
        if let range = shape.guidance, let guidance = request.guidanceScale {
            body["guidance_scale"] = min(range.max, max(range.min, guidance))
        }
        if model.features.contains("negative_prompt"), let negative = request.negativePrompt, !negative.isEmpty {
            body["negative_prompt"] = negative
        }
        if model.features.contains("steps"), let steps = request.steps { body["num_inference_steps"] = steps }
        if model.outputKind == .image, shape.outputFormats.contains(request.outputFormat) { body["output_format"] = request.outputFormat.rawValue }
        for name in shape.passthrough ?? [] { if let value = request.options[name]?.plain { body[name] = value } }
        // Only the option the price depends on passes through; other caller options never leak into the body.
        switch model.price {
        case .byOption(let option, let fallback, _), .qualityBySize(let option, let fallback, _):
            body[option] = request.options[option]?.stringValue ?? fallback
        default:
            break
        }
        return body
    }

    /// The output size to ask for: the image, grown by the expansion when outpainting, kept within the model's limits.
    static func outputSize(_ request: ProviderRequest) -> PixelSize {
        let e = request.expansion
        var size = request.workingSize
        if request.operation == .outpaint {
            size = PixelSize(width: size.width + e.left + e.right, height: size.height + e.up + e.down)
        }
        if case .success(let fit) = ImageFit.of(size, to: request.model) { return fit.target }
        // No proportional fit (an extreme aspect ratio): clamp each side into the model's range.
        let (low, high) = (request.model.minResolution, request.model.maxResolution)
        return PixelSize(width: min(high.width, max(low.width, size.width)), height: min(high.height, max(low.height, size.height)))
    }
}
