import Foundation

/// The request's images, each checked: size in bytes, real format, declared pixels, intact data.
struct ValidatedInputs: Sendable {
    /// nil for generation.
    let image: ImagePayload?
    let mask: ImagePayload?
    var maskConvention: MaskConvention = .whiteEdits
    let background: ImagePayload?
    let lighting: ImagePayload?
    let references: [ImagePayload]
}

extension Studio {
    func validateInputs(_ request: EditRequest) throws -> ValidatedInputs {
        let image: ImagePayload?
        if request.operation.takesInputImage {
            guard let data = request.image else { throw StudioError.invalidRequest("\(request.operation.info.label) needs an input image.") }
            image = try checkedImage(data, field: "image")
        } else {
            guard request.image == nil else { throw StudioError.invalidOption(name: "image", reason: "generation takes no input image") }
            image = nil
            if let size = request.outputSize, !(64...4096).contains(size.width) || !(64...4096).contains(size.height) {
                throw StudioError.invalidOption(name: "size", reason: "each side must be between 64 and 4096 pixels")
            }
        }
        let mask = try request.mask.map { try checkedImage($0, field: "mask") }
        if let mask, let image, mask.header.size != image.header.size {
            throw StudioError.maskSizeMismatch(image: image.header.size, mask: mask.header.size)
        }
        if let mask, request.maskConvention == .transparentEdits, !((try? toolkit.hasAlpha(mask.data)) ?? false) {
            throw StudioError.invalidImage(field: "mask", reason: "it must be a PNG with an alpha channel (transparent = edit)")
        }
        try checkParameters(request)
        guard request.references.count <= 15 else {
            throw StudioError.invalidOption(name: "image", reason: "at most 16 input images")
        }
        return ValidatedInputs(image: image, mask: mask, maskConvention: request.maskConvention,
                               background: try request.background.map { try checkedImage($0, field: "background_image") },
                               lighting: try request.lighting.map { try checkedImage($0, field: "lighting_image") },
                               references: try request.references.enumerated().map { try checkedImage($1, field: "image[\($0 + 1)]") })
    }

    /// Refuses by byte count, then by the header's declared pixel count, before any pixel is decoded.
    private func checkedImage(_ data: Data, field: String) throws -> ImagePayload {
        guard data.count <= limits.maxImageBytes else {
            throw StudioError.payloadTooLarge(field: field, bytes: data.count, maxBytes: limits.maxImageBytes)
        }
        let header: ImageHeader
        do {
            header = try ImageHeader.sniff(data)
        } catch {
            throw StudioError.invalidImage(field: field, reason: Self.describe(error))
        }
        guard header.size.pixels <= limits.maxPixels else {
            throw StudioError.imageTooLarge(field: field, size: header.size, maxPixels: limits.maxPixels)
        }
        do {
            _ = try toolkit.verifyIntact(data)
        } catch {
            throw StudioError.invalidImage(field: field, reason: "the \(header.format.rawValue) data is truncated or corrupt")
        }
        return ImagePayload(data: data, header: header)
    }

    private static func describe(_ error: ImageHeaderError) -> String {
        switch error {
        case .notAnImage: "not a PNG, JPEG, WebP or GIF file"
        case .truncated: "the header is truncated"
        case .zeroSize: "the header declares a zero width or height"
        }
    }

    private func checkParameters(_ request: EditRequest) throws {
        let e = request.expansion
        for (side, value) in [("expand_left", e.left), ("expand_right", e.right), ("expand_up", e.up), ("expand_down", e.down)]
        where !(0...2000).contains(value) {
            throw StudioError.invalidOption(name: side, reason: "must be between 0 and 2000 pixels")
        }
        if let steps = request.steps, !(1...150).contains(steps) {
            throw StudioError.invalidOption(name: "steps", reason: "must be between 1 and 150")
        }
        if let hook = request.webhookURL {
            guard let url = URL(string: hook), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw StudioError.invalidOption(name: "webhook_url", reason: "must be an http(s) URL")
            }
        }
        if let seed = request.seed, !(-1...4_294_967_294).contains(seed) {
            throw StudioError.invalidOption(name: "seed", reason: "must be -1 (random) or between 0 and 4294967294")
        }
        let missing = request.operation.info.requires.subtracting(request.presentFields)
        if let field = missing.sorted(by: { $0.rawValue < $1.rawValue }).first {
            throw StudioError.missingField(field, reason: "\(request.operation.rawValue) needs it")
        }
    }

    /// Checks an explicitly chosen model against the request.
    func checkModel(_ model: ModelDescriptor, for request: EditRequest) throws {
        guard model.can(request.operation) else {
            throw StudioError.unsupportedOperation(model: model.id, operation: request.operation)
        }
        if (request.image == nil ? 0 : 1) + request.references.count > model.request.maxReferences {
            throw StudioError.invalidOption(name: "image", reason: "model '\(model.id)' takes at most \(model.request.maxReferences) input image(s)")
        }
        let missing = Set(model.request.requires).subtracting(request.presentFields)
        if let field = missing.sorted(by: { $0.rawValue < $1.rawValue }).first {
            throw StudioError.missingField(field, reason: "model '\(model.id)' needs it")
        }
        if let guidance = request.guidanceScale, let range = model.request.guidance, !(range.min...range.max).contains(guidance) {
            throw StudioError.invalidOption(name: "guidance_scale", reason: "must be between \(range.min) and \(range.max) for '\(model.id)'")
        }
    }
}
