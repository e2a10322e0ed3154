import Foundation
import StudioCore
import Vapor

/// The multipart fields of `POST /v1/images/edits`, as OpenAI names them.
struct OpenAIEditFields: Content {
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

struct OpenAISingleImage: Content { var image: File }
struct OpenAIImageList: Content { var image: [File] }

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
