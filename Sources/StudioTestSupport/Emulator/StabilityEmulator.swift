import Foundation
import StudioCore
import Vapor

/// Stability v2beta: multipart edit, upscale and generate services, `accept` image/* or JSON, async
/// services (relight, creative upscale) with `/v2beta/results/{id}`.
struct StabilityEmulator: RouteCollection {
    let state: EmulatorState
    let registry: ModelRegistry

    struct Form: Content {
        var image: File?
        var subject_image: File?
        var mask: File?
        var background_reference: File?
        var prompt: String?
        var search_prompt: String?
        var select_prompt: String?
        var background_prompt: String?
        var left: Int?, right: Int?, up: Int?, down: Int?
        var output_format: String?
        var style_preset: String?
        var seed: Int?
        var aspect_ratio: String?
        var creativity: Double?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("v2beta", "stable-image", ":group", ":service", use: edit)
        routes.get("v2beta", "results", ":id", use: result)
    }

    static func error(_ code: Int, _ name: String, _ message: String) -> Response {
        EmulatorReply.json(HTTPResponseStatus(statusCode: code), ["id": UUID().uuidString.lowercased(), "name": name, "errors": [message]])
    }

    static func errorName(_ code: Int) -> String {
        switch code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 402: "payment_required"
        case 403: "content_moderation"
        case 413: "payload_too_large"
        case 429: "rate_limit_exceeded"
        default: "internal_error"
        }
    }

    @Sendable func edit(req: Request) async throws -> Response {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "unauthorized", "authorization: invalid or missing header value") }
        let service = req.parameters.get("service") ?? "", group = req.parameters.get("group") ?? ""
        guard let model = registry.models.first(where: { $0.provider == "stability" && $0.providerPath.hasSuffix("/\(group)/\(service)") }) else {
            return Self.error(404, "not_found", "unknown service \(service)")
        }
        await state.countSubmit(.stability)
        let fault = await state.nextFault(.stability, .submit)
        if let response = try await fault?.generic({ Self.error($0, Self.errorName($0), "Emulated error \($0)") }) { return response }
        if fault == .nsfw { return Self.error(403, "content_moderation", "Your request was flagged by our content moderation system.") }
        guard (req.body.data?.readableBytes ?? 0) <= 10 << 20 else { return Self.error(413, "payload_too_large", "payloads cannot be larger than 10MiB in size") }
        guard let form = try? req.content.decode(Form.self) else { return Self.error(400, "bad_request", "the body must be multipart/form-data") }
        let image: Data
        do {
            image = group == "generate" ? try generate(form) : try check(form, service: service, model: model)
        } catch { return Self.error(400, "bad_request", error.description) }
        if model.features.contains("async") {
            let id = (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
            await state.addTask(.init(id: id, model: service, output: image, readyAt: ContinuousClock.now + (await state.processingTime),
                                      failure: nil, nsfw: false, base64: false))
            return EmulatorReply.json(.ok, ["id": id])
        }
        return respond(image, req: req, filtered: fault == .taskFails("CONTENT_FILTERED"))
    }

    @Sendable func result(req: Request) async throws -> Response {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "unauthorized", "authorization: invalid or missing header value") }
        await state.countPoll(.stability)
        if let response = try await state.nextFault(.stability, .poll)?.generic({ Self.error($0, Self.errorName($0), "Emulated error \($0)") }) {
            return response
        }
        guard let id = req.parameters.get("id"), let task = await state.pollTask(id) else {
            return Self.error(404, "not_found", "generation not found or expired")
        }
        guard ContinuousClock.now >= task.readyAt else { return EmulatorReply.json(.accepted, ["id": id, "status": "in-progress"]) }
        return respond(task.output, req: req, filtered: false)
    }

    private func respond(_ image: Data, req: Request, filtered: Bool) -> Response {
        let reason = filtered ? "CONTENT_FILTERED" : "SUCCESS"
        if req.headers.first(name: .accept) == "application/json" {
            return EmulatorReply.json(.ok, ["image": image.base64EncodedString(), "finish_reason": reason, "seed": 42])
        }
        let format = (try? ImageHeader.sniff(image).format) ?? .png
        return EmulatorReply.bytes(image, contentType: format.mimeType, headers: [("finish-reason", reason), ("seed", "42")])
    }

    /// Text-to-image: a prompt and a known aspect ratio; answers a grey image of that ratio.
    private func generate(_ form: Form) throws(WaveSpeedValidation.Failure) -> Data {
        if (form.prompt ?? "").isEmpty { throw .init("prompt: is required") }
        if form.image != nil { throw .init("image: is not accepted by text-to-image services") }
        let ratios = ["16:9": (1344, 768), "1:1": (1024, 1024), "21:9": (1536, 640), "2:3": (832, 1216), "3:2": (1216, 832),
                      "4:5": (896, 1088), "5:4": (1088, 896), "9:16": (768, 1344), "9:21": (640, 1536)]
        guard let (width, height) = ratios[form.aspect_ratio ?? "1:1"] else { throw .init("aspect_ratio: must be one of \(ratios.keys.sorted().joined(separator: ", "))") }
        do { return try EmulatorReply.generatedImage(width: width, height: height) } catch { throw .init("could not draw") }
    }

    /// The checks of each service: required fields, image type and pixel limits.
    private func check(_ form: Form, service: String, model: ModelDescriptor) throws(WaveSpeedValidation.Failure) -> Data {
        let field = service == "replace-background-and-relight" ? "subject_image" : "image"
        guard let file = field == "image" ? form.image : form.subject_image else { throw .init("\(field): is required") }
        let data = Data(buffer: file.data)
        guard let header = try? ImageHeader.sniff(data), header.format != .gif else { throw .init("\(field): must be jpeg, png or webp") }
        let pixels = header.size.pixels
        if header.size.width < model.minResolution.width || header.size.height < model.minResolution.height || pixels < (model.minPixels ?? 4096) || pixels > (model.maxPixels ?? 9_437_184) {
            throw .init("\(field): dimensions \(header.size) are outside the allowed range")
        }
        func required(_ value: String?, _ name: String) throws(WaveSpeedValidation.Failure) {
            if (value ?? "").isEmpty { throw .init("\(name): is required") }
        }
        switch service {
        case "inpaint", "conservative", "creative": try required(form.prompt, "prompt")
        case "fast":
            if max(header.size.width, header.size.height) > 1536 || min(header.size.width, header.size.height) < 32 {
                throw .init("image: sides must be between 32 and 1536 pixels")
            }
        case "search-and-replace": try required(form.prompt, "prompt"); try required(form.search_prompt, "search_prompt")
        case "search-and-recolor": try required(form.prompt, "prompt"); try required(form.select_prompt, "select_prompt")
        case "outpaint":
            if [form.left, form.right, form.up, form.down].allSatisfy({ ($0 ?? 0) == 0 }) { throw .init("at least one of left, right, up, down is required") }
        case "replace-background-and-relight":
            if (form.background_prompt ?? "").isEmpty && form.background_reference == nil { throw .init("background_prompt or background_reference is required") }
        default: break
        }
        if let mask = form.mask, (try? ImageHeader.sniff(Data(buffer: mask.data))) == nil { throw .init("mask: must be an image") }
        let formats = service == "remove-background" ? ["png", "webp"] : ["png", "jpeg", "webp"]
        if let format = form.output_format, !formats.contains(format) { throw .init("output_format: must be one of \(formats.joined(separator: ", "))") }
        return data
    }
}
