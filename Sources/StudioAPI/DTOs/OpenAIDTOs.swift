import Foundation
import StudioCore
import Vapor

/// The multipart fields of `POST /v1/images/edits`, as OpenAI names them; the body is parsed once.
struct OpenAIEditFields: Content {
    /// `image` (one file) or `image[]` (several).
    var image: [File]
    var prompt: String?
    var model: String?
    var mask: File?
    var n: Int?
    var size: String?
    var quality: String?
    var background: String?
    var output_format: String?
    var response_format: String?
    var user: String?

    enum CodingKeys: String, CodingKey {
        case image, prompt, model, mask, n, size, quality, background, output_format, response_format, user
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let one = try? c.decode(File.self, forKey: .image) { image = [one] }
        else { image = (try? c.decode([File].self, forKey: .image)) ?? [] }
        prompt = try c.decodeIfPresent(String.self, forKey: .prompt)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        mask = try c.decodeIfPresent(File.self, forKey: .mask)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        size = try c.decodeIfPresent(String.self, forKey: .size)
        quality = try c.decodeIfPresent(String.self, forKey: .quality)
        background = try c.decodeIfPresent(String.self, forKey: .background)
        output_format = try c.decodeIfPresent(String.self, forKey: .output_format)
        response_format = try c.decodeIfPresent(String.self, forKey: .response_format)
        user = try c.decodeIfPresent(String.self, forKey: .user)
    }
}

/// The JSON body of `POST /v1/images/generations`.
struct OpenAIGenerateBody: Content {
    var prompt: String
    var model: String?
    var n: Int?
    var size: String?
    var quality: String?
    var background: String?
    var output_format: String?
    var response_format: String?
    var user: String?
}


struct OpenAIImagesResponse: Content {
    struct Item: Codable {
        let b64_json: String?
        let url: String?
        let revised_prompt: String?
    }
    let created: Int
    let data: [Item]
    let output_format: String
    let size: String
    let quality: String
    let background: String
}

struct OpenAIModelList: Content {
    struct Model: Codable {
        let id: String
        let object: String
        let created: Int
        let owned_by: String
    }
    let object: String
    let data: [Model]
}

/// OpenAI's error body: `{"error": {message, type, param, code}}`.
struct OpenAIErrorBody: Content {
    struct Detail: Codable {
        let message: String
        let type: String
        let param: String?
        let code: String?
    }
    let error: Detail
}
