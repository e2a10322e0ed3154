import Foundation
import StudioCore
import StudioLocalEngine
import Vapor

/// OpenAI Images: `POST /v1/images/edits` multipart (`image` or repeated `image[]`, alpha `mask`); `b64_json` back.
struct OpenAIEmulator: RouteCollection {
    let state: EmulatorState
    static let models: Set<String> = ["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2", "dall-e-2"]

    struct Single: Content { var image: File; var mask: File?; var model: String?; var prompt: String?; var size: String?; var quality: String? }
    struct Many: Content {
        var image: [File]; var mask: File?; var model: String?; var prompt: String?; var size: String?; var quality: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("v1", "images", "edits", use: edits)
        routes.post("v1", "images", "generations", use: generations)
    }

    struct GenerateBody: Content { var model: String?; var prompt: String?; var size: String?; var quality: String?; var n: Int? }

    @Sendable func generations(req: Request) async throws -> Response {
        if let refused = try await preflight(req) { return refused }
        guard let body = try? req.content.decode(GenerateBody.self) else { return Self.error(400, "the body must be JSON") }
        guard let model = body.model, Self.models.contains(model) else { return Self.error(400, "model must be given explicitly", param: "model") }
        guard !(body.prompt ?? "").isEmpty else { return Self.error(400, "prompt is required", param: "prompt") }
        let sizes = ["1024x1024": (1024, 1024), "1536x1024": (1536, 1024), "1024x1536": (1024, 1536)]
        guard let (width, height) = sizes[body.size ?? "1024x1024"] else { return Self.error(400, "Invalid size", param: "size") }
        if let quality = body.quality, !["low", "medium", "high", "auto"].contains(quality) { return Self.error(400, "Invalid quality", param: "quality") }
        let png = try EmulatorReply.generatedImage(width: width, height: height)
        return EmulatorReply.json(.ok, ["created": Int(Date().timeIntervalSince1970), "data": [["b64_json": png.base64EncodedString()]],
                                        "output_format": "png", "size": body.size ?? "1024x1024", "quality": body.quality ?? "auto"])
    }

    /// What both routes do first: the key, the submit count, and any scripted fault.
    private func preflight(_ req: Request) async throws -> Response? {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "Incorrect API key provided.", code: "invalid_api_key") }
        await state.countSubmit(.openai)
        let fault = await state.nextFault(.openai, .submit)
        if let response = try await fault?.generic({ Self.error($0, "Emulated error \($0)", type: $0 >= 500 ? "server_error" : "invalid_request_error") }) {
            return response
        }
        if fault == .nsfw {
            return Self.error(400, "Your request was rejected by the safety system.", type: "image_generation_user_error", code: "moderation_blocked")
        }
        return nil
    }

    static func error(_ status: Int, _ message: String, type: String = "invalid_request_error", param: String? = nil, code: String? = nil) -> Response {
        EmulatorReply.json(HTTPResponseStatus(statusCode: status), ["error": ["message": message, "type": type,
                                                                              "param": param ?? NSNull(), "code": code ?? NSNull()] as [String: Any]])
    }

    @Sendable func edits(req: Request) async throws -> Response {
        if let refused = try await preflight(req) { return refused }
        let form: Many
        if let single = try? req.content.decode(Single.self) {
            form = Many(image: [single.image], mask: single.mask, model: single.model, prompt: single.prompt, size: single.size, quality: single.quality)
        } else if let many = try? req.content.decode(Many.self) {
            form = many
        } else {
            return Self.error(400, "image is required", param: "image")
        }
        guard let model = form.model, Self.models.contains(model) else { return Self.error(400, "model must be given explicitly", param: "model") }
        guard !(form.prompt ?? "").isEmpty else { return Self.error(400, "prompt is required", param: "prompt") }
        guard (1...16).contains(form.image.count), let first = form.image.first,
              let header = try? ImageHeader.sniff(Data(buffer: first.data)) else { return Self.error(400, "image must be png, webp or jpg", param: "image") }
        if let size = form.size, !["1024x1024", "1536x1024", "1024x1536", "auto"].contains(size) {
            return Self.error(400, "Invalid size '\(size)'", param: "size")
        }
        if let quality = form.quality, !["low", "medium", "high", "auto"].contains(quality) { return Self.error(400, "Invalid quality", param: "quality") }
        if let mask = form.mask {
            let data = Data(buffer: mask.data)
            guard let maskHeader = try? ImageHeader.sniff(data), maskHeader.format == .png, maskHeader.size == header.size,
                  let pixels = try? LocalToolkit().decodePixels(data), pixels.bands == 4 else {
                return Self.error(400, "mask must be a PNG with an alpha channel, the same size as the image", param: "mask")
            }
        }
        // Like the real API, the output has the size asked for (the input scaled to it).
        var output = Data(buffer: first.data)
        let parts = (form.size ?? "auto").split(separator: "x").compactMap { Int($0) }
        if parts.count == 2, let scaled = try? LocalToolkit().resize(output, to: PixelSize(width: parts[0], height: parts[1]), format: .png) {
            output = scaled
        }
        return EmulatorReply.json(.ok, ["created": Int(Date().timeIntervalSince1970), "data": [["b64_json": output.base64EncodedString()]],
                                        "output_format": "png", "size": form.size ?? "auto", "quality": form.quality ?? "auto",
                                        "usage": ["input_tokens": 50, "output_tokens": 4160, "total_tokens": 4210,
                                                  "input_tokens_details": ["image_tokens": 40, "text_tokens": 10]]])
    }
}
