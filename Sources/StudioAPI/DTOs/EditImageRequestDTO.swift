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

    /// The domain request; base64 and names are checked here, images by the studio.
    func editRequest() throws -> EditRequest {
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
            operation: operation, image: try Base64Image.decode(imageBase64, field: "image_base64"),
            mask: try maskBase64.map { try Base64Image.decode($0, field: "mask_base64") },
            prompt: prompt, negativePrompt: negativePrompt, searchPrompt: searchPrompt, selectPrompt: selectPrompt,
            background: try backgroundImageBase64.map { try Base64Image.decode($0, field: "background_image_base64") },
            lighting: try lightingImageBase64.map { try Base64Image.decode($0, field: "lighting_image_base64") },
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

enum Base64Image {
    /// Raw base64 or a `data:…;base64,` URL. Whitespace is ignored; anything else is an error.
    static func decode(_ text: String, field: String) throws -> Data {
        var payload = Substring(text)
        if payload.hasPrefix("data:") {
            guard let comma = payload.firstIndex(of: ","), payload[..<comma].hasSuffix(";base64") else {
                throw StudioError.invalidBase64(field: field)
            }
            payload = payload[payload.index(after: comma)...]
        }
        let compact = payload.filter { !$0.isWhitespace }
        guard !compact.isEmpty, let data = Data(base64Encoded: String(compact)) else {
            throw StudioError.invalidBase64(field: field)
        }
        return data
    }

    static func dataURL(_ data: Data, mimeType: String) -> String {
        "data:\(mimeType);base64,\(data.base64EncodedString())"
    }
}
