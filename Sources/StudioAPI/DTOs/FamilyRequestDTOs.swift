import Foundation
import StudioCore
import Vapor

/// Fields every family's request shares: model choice, preferences, output format, options, webhook.
struct CommonRunFields {
    static func format(_ name: String?) throws -> ImageFormat {
        guard let name else { return .png }
        guard let format = ImageFormat(name: name), ImageFormat.writable.contains(format) else {
            throw StudioError.invalidOption(name: "output_format", reason: "must be png, jpeg or webp")
        }
        return format
    }

    static func variations(_ count: Int?) throws -> Int {
        let count = count ?? 1
        guard (1...10).contains(count) else { throw StudioError.invalidOption(name: "num_variations", reason: "must be between 1 and 10") }
        return count
    }

    /// A request's variations: the same request, each with its own seed when one was given.
    static func repeated(_ request: EditRequest, count: Int) -> [EditRequest] {
        (0..<count).map { index in
            var copy = request
            if let seed = request.seed, seed >= 0 { copy.seed = (seed + index) % 4_294_967_295 }
            return copy
        }
    }
}

/// ALwrity's `CreateImageRequest` (`POST /create`).
struct CreateRequestDTO: Content {
    let prompt: String
    let provider: String?
    let model: String?
    let width: Int?
    let height: Int?
    let aspectRatio: String?
    let stylePreset: String?
    let quality: String?
    let negativePrompt: String?
    let guidanceScale: Double?
    let steps: Int?
    let seed: Int?
    let numVariations: Int?
    let outputFormat: String?
    let options: [String: JSONValue]?
    let preferences: PreferencesDTO?
    let webhookURL: String?
    let templateID: String?

    enum CodingKeys: String, CodingKey {
        case prompt, provider, model, width, height, quality, steps, seed, options, preferences
        case aspectRatio = "aspect_ratio", stylePreset = "style_preset", negativePrompt = "negative_prompt"
        case guidanceScale = "guidance_scale", numVariations = "num_variations", outputFormat = "output_format"
        case webhookURL = "webhook_url", templateID = "template_id"
    }

    func requests() throws -> [EditRequest] {
        var request = EditRequest(operation: .generate, image: nil, prompt: prompt, negativePrompt: negativePrompt,
                                  modelID: model, provider: provider == "auto" ? nil : provider, stylePreset: stylePreset,
                                  guidanceScale: guidanceScale, steps: steps, seed: seed, outputFormat: try CommonRunFields.format(outputFormat),
                                  options: options ?? [:], preferences: try qualityPreferences())
        request.outputSize = try size()
        request.webhookURL = webhookURL
        return CommonRunFields.repeated(request, count: try CommonRunFields.variations(numVariations))
    }

    /// ALwrity's quality levels as recommender preferences (draft favours cost, premium quality).
    private func qualityPreferences() throws -> Preferences {
        switch quality {
        case nil, "standard": return preferences?.domain ?? .init()
        case "draft": return Preferences(prioritizeCost: true)
        case "premium": return Preferences(prioritizeQuality: true)
        default: throw StudioError.invalidOption(name: "quality", reason: "must be draft, standard or premium")
        }
    }

    /// width × height, or an aspect ratio at about a megapixel, or nil (the model's default).
    private func size() throws -> PixelSize? {
        if width != nil || height != nil {
            guard let width, let height else { throw StudioError.invalidOption(name: "width", reason: "give width and height together") }
            return PixelSize(width: width, height: height)
        }
        guard let ratio = aspectRatio else { return nil }
        let parts = ratio.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0, (0.2...5).contains(parts[0] / parts[1]) else {
            throw StudioError.invalidOption(name: "aspect_ratio", reason: "must be like 16:9, between 1:5 and 5:1")
        }
        let scale = (1_048_576 / (parts[0] * parts[1])).squareRoot()
        func round64(_ value: Double) -> Int { max(64, Int((value / 64).rounded()) * 64) }
        return PixelSize(width: round64(parts[0] * scale), height: round64(parts[1] * scale))
    }
}

/// ALwrity's upscale request: `mode` fast, conservative, creative or auto (the recommender chooses).
struct UpscaleRequestDTO: Content {
    let imageBase64: String
    let mode: String?
    let model: String?
    let targetWidth: Int?
    let targetHeight: Int?
    let prompt: String?
    let negativePrompt: String?
    let preset: String?
    let seed: Int?
    let outputFormat: String?
    let options: [String: JSONValue]?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case mode, model, prompt, preset, seed, options, preferences
        case imageBase64 = "image_base64", targetWidth = "target_width", targetHeight = "target_height"
        case negativePrompt = "negative_prompt", outputFormat = "output_format", webhookURL = "webhook_url"
    }

    static let modes = ["fast": "stability-upscale-fast", "conservative": "stability-upscale-conservative",
                        "creative": "stability-upscale-creative"]

    func request() throws -> EditRequest {
        let mode = self.mode ?? "auto"
        guard mode == "auto" || Self.modes[mode] != nil else {
            throw StudioError.invalidOption(name: "mode", reason: "must be fast, conservative, creative or auto")
        }
        var options = self.options ?? [:]
        for (name, value) in [("target_width", targetWidth), ("target_height", targetHeight)] {
            guard let value else { continue }
            guard (1...16384).contains(value) else { throw StudioError.invalidOption(name: name, reason: "must be between 1 and 16384") }
            options[name] = .number(Double(value))
        }
        if options["target_resolution"] == nil, let side = [targetWidth, targetHeight].compactMap({ $0 }).max() {
            options["target_resolution"] = .string(side <= 2048 ? "2k" : side <= 4096 ? "4k" : "8k")
        }
        var request = EditRequest(operation: .upscale, image: try Base64Image.decode(imageBase64, field: "image_base64"),
                                  prompt: prompt, negativePrompt: negativePrompt, modelID: model ?? Self.modes[mode],
                                  stylePreset: preset, seed: seed, outputFormat: try CommonRunFields.format(outputFormat),
                                  options: options, preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return request
    }
}

/// ALwrity's face swap request.
struct FaceSwapRequestDTO: Content {
    let baseImageBase64: String
    let faceImageBase64: String
    let model: String?
    let targetFaceIndex: Int?
    let targetGender: String?
    let seed: Int?
    let outputFormat: String?
    let options: [String: JSONValue]?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case model, seed, options, preferences
        case baseImageBase64 = "base_image_base64", faceImageBase64 = "face_image_base64", targetFaceIndex = "target_face_index"
        case targetGender = "target_gender", outputFormat = "output_format", webhookURL = "webhook_url"
    }

    func request() throws -> EditRequest {
        var options = self.options ?? [:]
        if let index = targetFaceIndex {
            guard (0...20).contains(index) else { throw StudioError.invalidOption(name: "target_face_index", reason: "must be between 0 and 20") }
            options["target_face_index"] = .number(Double(index))
        }
        if let gender = targetGender {
            guard ["male", "female", "all"].contains(gender) else { throw StudioError.invalidOption(name: "target_gender", reason: "must be male, female or all") }
            options["target_gender"] = .string(gender)
        }
        var request = EditRequest(operation: .faceSwap, image: try Base64Image.decode(baseImageBase64, field: "base_image_base64"),
                                  references: [try Base64Image.decode(faceImageBase64, field: "face_image_base64")], modelID: model,
                                  seed: seed, outputFormat: try CommonRunFields.format(outputFormat), options: options,
                                  preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return request
    }
}

/// `POST /face-swap/recommend`: ALwrity's fields.
struct FaceSwapRecommendDTO: Content {
    let baseImageResolution: PixelSize?
    let faceImageResolution: PixelSize?
    let userTier: String?
    let preferences: PreferencesDTO?

    enum CodingKeys: String, CodingKey {
        case preferences
        case baseImageResolution = "base_image_resolution", faceImageResolution = "face_image_resolution", userTier = "user_tier"
    }

    func query(for user: StudioUser) throws -> RecommendationQuery {
        var query = try RecommendRequestDTO(operation: ImageOperation.faceSwap.rawValue, imageResolution: baseImageResolution, userTier: userTier,
                                            preferences: preferences, provider: nil, options: nil).query(for: user)
        query.imageCount = 2
        query.presentFields = [.faceImage]
        return query
    }
}

/// `POST /translate`.
struct TranslateRequestDTO: Content {
    let imageBase64: String
    let targetLanguage: String
    let sourceLanguage: String?
    let model: String?
    let outputFormat: String?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case model, preferences
        case imageBase64 = "image_base64", targetLanguage = "target_language", sourceLanguage = "source_language"
        case outputFormat = "output_format", webhookURL = "webhook_url"
    }

    func request() throws -> EditRequest {
        func language(_ code: String, _ name: String) throws -> JSONValue {
            let code = code.trimmingCharacters(in: .whitespaces)
            guard (2...35).contains(code.count), code.allSatisfy({ $0.isLetter || $0 == "-" || $0 == " " }) else {
                throw StudioError.invalidOption(name: name, reason: "must be a language name or code, like \"fr\" or \"Japanese\"")
            }
            return .string(code)
        }
        var options: [String: JSONValue] = ["target_language": try language(targetLanguage, "target_language")]
        if let source = sourceLanguage { options["source_language"] = try language(source, "source_language") }
        var request = EditRequest(operation: .translate, image: try Base64Image.decode(imageBase64, field: "image_base64"), modelID: model,
                                  outputFormat: try CommonRunFields.format(outputFormat), options: options,
                                  preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return request
    }
}

/// `POST /image-to-3d`.
struct ImageTo3DRequestDTO: Content {
    let imageBase64: String
    let model: String?
    let seed: Int?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case model, seed, preferences
        case imageBase64 = "image_base64", webhookURL = "webhook_url"
    }

    func request() throws -> EditRequest {
        var request = EditRequest(operation: .imageTo3D, image: try Base64Image.decode(imageBase64, field: "image_base64"), modelID: model,
                                  seed: seed, preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return request
    }
}

/// `POST /character`: new images of the character in `image_base64`.
struct CharacterRequestDTO: Content {
    let imageBase64: String
    let prompt: String
    let negativePrompt: String?
    let model: String?
    let style: String?
    let renderingSpeed: String?
    let seed: Int?
    let numVariations: Int?
    let outputFormat: String?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case prompt, model, style, seed, preferences
        case imageBase64 = "image_base64", negativePrompt = "negative_prompt", renderingSpeed = "rendering_speed"
        case numVariations = "num_variations", outputFormat = "output_format", webhookURL = "webhook_url"
    }

    func requests() throws -> [EditRequest] {
        var options: [String: JSONValue] = [:]
        if let style {
            guard ["Auto", "Fiction", "Realistic"].contains(style) else { throw StudioError.invalidOption(name: "style", reason: "must be Auto, Fiction or Realistic") }
            options["style"] = .string(style)
        }
        if let renderingSpeed { options["rendering_speed"] = .string(renderingSpeed) }
        var request = EditRequest(operation: .character, image: try Base64Image.decode(imageBase64, field: "image_base64"), prompt: prompt,
                                  negativePrompt: negativePrompt, modelID: model, seed: seed,
                                  outputFormat: try CommonRunFields.format(outputFormat), options: options,
                                  preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return CommonRunFields.repeated(request, count: try CommonRunFields.variations(numVariations))
    }
}
