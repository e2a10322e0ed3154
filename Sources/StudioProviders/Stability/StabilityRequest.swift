import Foundation
import StudioCore

/// Builds a Stability v2beta multipart form for one edit service. Pure.
enum StabilityRequest {
    static let stylePresets: Set<String> = ["3d-model", "analog-film", "anime", "cinematic", "comic-book", "digital-art", "enhance",
                                            "fantasy-art", "isometric", "line-art", "low-poly", "modeling-compound", "neon-punk",
                                            "origami", "photographic", "pixel-art", "tile-texture"]

    /// The service is asynchronous (answers `{id}`, result polled).
    static func isAsync(_ model: ModelDescriptor) -> Bool { model.features.contains("async") }

    static let aspectRatios = ["16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"]

    static func form(_ request: ProviderRequest) throws(ProviderError) -> MultipartBody {
        let path = request.model.providerPath
        var form = MultipartBody()
        if path.contains("/generate/") {
            // Text-to-image: no file part, the size as an aspect ratio.
            form.field("aspect_ratio", Payloads.aspectRatio(request.workingSize, among: aspectRatios))
        } else {
            form.file(request.model.request.imageField, try request.requireImage("stability"))
        }
        func text(_ name: String, _ value: String?) { if let value, !value.isEmpty { form.field(name, value) } }
        func option(_ name: String) {
            if let value = request.options[name] {
                form.field(name, value.stringValue ?? value.doubleValue.map { String($0) } ?? "")
            }
        }
        if path.hasSuffix("replace-background-and-relight") {
            text("background_prompt", request.prompt)
            if let background = request.background { form.file("background_reference", background) }
            if let lighting = request.lighting { form.file("light_reference", lighting) }
            guard request.prompt?.isEmpty == false || request.background != nil else {
                throw ProviderError(.invalidInput, provider: "stability", message: "Relighting needs a prompt (background_prompt) or a background image.")
            }
            ["foreground_prompt", "preserve_original_subject", "original_background_depth", "keep_original_background",
             "light_source_direction", "light_source_strength"].forEach(option)
        } else if !path.hasSuffix("remove-background") {
            text("prompt", request.prompt)
            text("negative_prompt", request.negativePrompt)
            text("search_prompt", request.searchPrompt)
            text("select_prompt", request.selectPrompt)
            if let mask = request.mask, request.model.request.maskField != nil { form.file("mask", mask) }
            if path.hasSuffix("outpaint") {
                let e = request.expansion
                for (name, value) in [("left", e.left), ("right", e.right), ("up", e.up), ("down", e.down)] where value > 0 {
                    form.field(name, String(value))
                }
            }
            if let preset = request.stylePreset, stylePresets.contains(preset) { form.field("style_preset", preset) }
            option("grow_mask")
            (request.model.request.passthrough ?? []).forEach(option)
        }
        if let seed = request.seed, seed > 0 { form.field("seed", String(seed)) }
        form.field("output_format", request.model.request.outputFormats.contains(request.outputFormat)
                   ? request.outputFormat.rawValue : request.model.request.defaultOutputFormat.rawValue)
        return form
    }
}
