import Foundation
import StudioCore
import Vapor

/// ALwrity's `EditImageRequest`, every field, plus `relight` and `preferences`.
struct EditImageRequestDTO: Content {
    let imageBase64: String
    let operation: String
    let prompt: String?
    let negativePrompt: String?
    let maskBase64: String?
    let searchPrompt: String?
    let selectPrompt: String?
    let backgroundImageBase64: String?
    let lightingImageBase64: String?
    let expandLeft: Int?
    let expandRight: Int?
    let expandUp: Int?
    let expandDown: Int?
    let provider: String?
    let model: String?
    let stylePreset: String?
    let guidanceScale: Double?
    let steps: Int?
    let seed: Int?
    let outputFormat: String?
    let options: [String: JSONValue]?
    let preferences: PreferencesDTO?
    let webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case operation, prompt, provider, model, steps, seed, options, preferences
        case webhookURL = "webhook_url"
        case imageBase64 = "image_base64", negativePrompt = "negative_prompt", maskBase64 = "mask_base64"
        case searchPrompt = "search_prompt", selectPrompt = "select_prompt"
        case backgroundImageBase64 = "background_image_base64", lightingImageBase64 = "lighting_image_base64"
        case expandLeft = "expand_left", expandRight = "expand_right", expandUp = "expand_up", expandDown = "expand_down"
        case stylePreset = "style_preset", guidanceScale = "guidance_scale", outputFormat = "output_format"
    }

    static let imageFields: Set<String> = ["image_base64", "mask_base64", "background_image_base64", "lighting_image_base64"]

    /// The domain request; base64 and names are checked here, images by the studio. `images` holds
    /// the image fields already decoded from the body's bytes (their strings are then empty here).
    func editRequest(images: [String: Data] = [:]) throws -> EditRequest {
        func image(_ field: String, _ text: String?) throws -> Data? {
            if let data = images[field] { guard !data.isEmpty else { throw StudioError.invalidBase64(field: field) }; return data }
            return try text.map { try Base64Image.decode($0, field: field) }
        }
        guard let operation = ImageOperation(rawValue: operation), operation.isEditing else {
            throw StudioError.unknownOperation(self.operation)
        }
        let format = try outputFormat.map { name in
            guard let format = ImageFormat(name: name), ImageFormat.writable.contains(format) else {
                throw StudioError.invalidOption(name: "output_format", reason: "must be png, jpeg or webp")
            }
            return format
        } ?? .png
        var request = EditRequest(
            operation: operation, image: try image("image_base64", imageBase64),
            mask: try image("mask_base64", maskBase64),
            prompt: prompt, negativePrompt: negativePrompt, searchPrompt: searchPrompt, selectPrompt: selectPrompt,
            background: try image("background_image_base64", backgroundImageBase64),
            lighting: try image("lighting_image_base64", lightingImageBase64),
            expansion: Expansion(left: expandLeft ?? 0, right: expandRight ?? 0, up: expandUp ?? 0, down: expandDown ?? 0),
            modelID: model, provider: provider, stylePreset: stylePreset, guidanceScale: guidanceScale, steps: steps,
            seed: seed, outputFormat: format, options: options ?? [:], preferences: preferences?.domain ?? .init())
        request.webhookURL = webhookURL
        return request
    }
}

struct PreferencesDTO: Content {
    let prioritizeCost: Bool?
    let prioritizeQuality: Bool?

    enum CodingKeys: String, CodingKey {
        case prioritizeCost = "prioritize_cost", prioritizeQuality = "prioritize_quality"
    }

    var domain: Preferences { Preferences(prioritizeCost: prioritizeCost ?? false, prioritizeQuality: prioritizeQuality ?? false) }
}
