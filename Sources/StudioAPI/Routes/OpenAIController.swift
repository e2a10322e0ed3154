import Foundation
import StudioCore
import Vapor

/// The OpenAI-compatible API: `POST /v1/images/edits` and `GET /v1/models`, through the same studio.
struct OpenAIController: RouteCollection {
    let studio: Studio
    /// OpenAI model names (and any configured alias) → registry ids.
    let aliases: [String: String]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("models", use: models)
        routes.post("images", "edits", use: edits)
        routes.post("images", "generations", use: generations)
    }

    @Sendable func generations(req: Request) async throws -> OpenAIImagesResponse {
        let user = try req.studioUser()
        let body = try req.content.decode(OpenAIGenerateBody.self)
        let common = try CommonFields(n: body.n, size: body.size, quality: body.quality, outputFormat: body.output_format,
                                      responseFormat: body.response_format)
        var request = EditRequest(operation: .generate, image: nil, prompt: body.prompt, modelID: modelID(body.model),
                                  outputFormat: common.format, options: common.options)
        request.outputSize = common.size
        var results: [EditResult] = []
        for _ in 0..<common.count { results.append(try await studio.edit(request, for: user)) }
        return respond(results, req: req, urls: common.urls, format: common.format, quality: body.quality, background: body.background)
    }

    /// The fields edits and generations share, checked once.
    struct CommonFields {
        let count: Int
        let size: PixelSize?
        let options: [String: JSONValue]
        let format: ImageFormat
        let urls: Bool

        init(n: Int?, size text: String?, quality: String?, outputFormat: String?, responseFormat: String?) throws {
            count = n ?? 1
            guard (1...10).contains(count) else { throw StudioError.invalidOption(name: "n", reason: "must be between 1 and 10") }
            if let text, text != "auto" {
                let parts = text.split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2 else { throw StudioError.invalidOption(name: "size", reason: "must be WIDTHxHEIGHT or auto") }
                size = PixelSize(width: parts[0], height: parts[1])
            } else {
                size = nil
            }
            guard ["b64_json", "url"].contains(responseFormat ?? "b64_json") else {
                throw StudioError.invalidOption(name: "response_format", reason: "must be b64_json or url")
            }
            urls = responseFormat == "url"
            if let quality, quality != "auto" {
                guard ["low", "medium", "high"].contains(quality) else { throw StudioError.invalidOption(name: "quality", reason: "must be low, medium, high or auto") }
                options = ["quality": .string(quality)]
            } else {
                options = [:]
            }
            guard let name = outputFormat else { format = .png; return }
            guard let parsed = ImageFormat(name: name), ImageFormat.writable.contains(parsed) else {
                throw StudioError.invalidOption(name: "output_format", reason: "must be png, jpeg or webp")
            }
            format = parsed
        }
    }

    /// A registry id from an OpenAI model name (aliases applied; `auto` lets the recommender choose).
    private func modelID(_ name: String?) -> String? {
        name.flatMap { $0 == "auto" ? nil : (aliases[$0] ?? $0) }
    }

    private func respond(_ results: [EditResult], req: Request, urls: Bool, format: ImageFormat, quality: String?, background: String?) -> OpenAIImagesResponse {
        let host = req.headers.first(name: .host) ?? "127.0.0.1"
        let items = results.map { result in
            urls ? OpenAIImagesResponse.Item(b64_json: nil, url: "http://\(host)/api/image-studio/outputs/\(result.blob.hash)", revised_prompt: nil)
                 : OpenAIImagesResponse.Item(b64_json: result.image.base64EncodedString(), url: nil, revised_prompt: nil)
        }
        return OpenAIImagesResponse(created: Int(Date().timeIntervalSince1970), data: items, output_format: format.rawValue,
                                    size: results.last?.header.map { "\($0.size.width)x\($0.size.height)" } ?? "auto",
                                    quality: quality ?? "auto", background: background ?? "auto")
    }

    @Sendable func models(req: Request) async throws -> OpenAIModelList {
        let available = studio.listModels().filter(\.available).filter { $0.model.capabilities.contains { $0.isEditing || $0 == .generate } }
        var data = available.map { OpenAIModelList.Model(id: $0.model.id, object: "model", created: 0, owned_by: $0.model.provider) }
        for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) where available.contains(where: { $0.model.id == target }) {
            data.append(.init(id: alias, object: "model", created: 0, owned_by: "alias of \(target)"))
        }
        return OpenAIModelList(object: "list", data: data)
    }

    @Sendable func edits(req: Request) async throws -> OpenAIImagesResponse {
        let user = try req.studioUser()
        let fields = try req.content.decode(OpenAIEditFields.self)
        guard let first = fields.image.first else {
            throw StudioError.missingField(.referenceImages, reason: "send the image as `image` (or several as `image[]`)")
        }
        guard let prompt = fields.prompt, !prompt.isEmpty else { throw StudioError.missingField(.prompt, reason: "an edit needs a prompt") }
        let common = try CommonFields(n: fields.n, size: fields.size, quality: fields.quality, outputFormat: fields.output_format,
                                      responseFormat: fields.response_format)
        let modelID = modelID(fields.model)
        // A named model that cannot do a general edit (or inpaint) runs its own editing operation.
        var operation: ImageOperation = fields.mask == nil ? .generalEdit : .inpaint
        if let model = modelID.flatMap({ studio.registry[$0] }), !model.can(operation),
           let own = model.capabilities.first(where: \.isEditing) {
            operation = own
        }
        // The parts' bytes are shared with the parsed body, not copied.
        func bytes(_ file: File) -> Data { Data(buffer: file.data, byteTransferStrategy: .noCopy) }
        var request = EditRequest(operation: operation, image: bytes(first), mask: fields.mask.map(bytes),
                                  prompt: prompt, references: fields.image.dropFirst().map(bytes),
                                  modelID: modelID, outputFormat: common.format, options: common.options)
        // OpenAI's masks are transparent where the edit goes; converted only for a provider that reads ours.
        request.maskConvention = .transparentEdits
        var results: [EditResult] = []
        for _ in 0..<common.count { results.append(try await studio.edit(request, for: user)) }
        return respond(results, req: req, urls: common.urls, format: common.format, quality: fields.quality, background: fields.background)
    }
}

/// Errors of `/v1` in OpenAI's shape, with our stable code in `code`.
struct OpenAIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let outcome = APIErrorMiddleware.logged(error, request)
            let type: String = switch outcome.status.code {
            case 401: "authentication_error"
            case 402, 429: outcome.code == "quota_exceeded" || outcome.code == "budget_exceeded" ? "insufficient_quota" : "rate_limit_error"
            case 500...: "server_error"
            default: "invalid_request_error"
            }
            let response = Response(status: outcome.status)
            try response.content.encode(OpenAIErrorBody(error: .init(message: outcome.message, type: type, param: Self.param(error), code: outcome.code)))
            return response
        }
    }

    static func param(_ error: any Error) -> String? {
        switch error as? StudioError {
        case .missingField(let field, _): field == .referenceImages ? "image" : field.rawValue
        case .invalidOption(let name, _): name
        case .invalidImage(let field, _), .imageTooLarge(let field, _, _), .payloadTooLarge(let field, _, _): field
        case .unknownModel, .unsupportedOperation, .noModelAvailable: "model"
        case .maskSizeMismatch: "mask"
        default: nil
        }
    }
}
