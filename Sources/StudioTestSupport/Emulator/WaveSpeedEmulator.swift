import Foundation
import StudioCore
import Vapor

/// WaveSpeed v3: `POST /api/v3/{model path}`, `GET /api/v3/predictions/{id}[/result]`, sync mode, base64 or URL outputs.
struct WaveSpeedEmulator: RouteCollection {
    let state: EmulatorState
    let registry: ModelRegistry

    func boot(routes: any RoutesBuilder) throws {
        routes.post("api", "v3", "**", use: submit)
        routes.get("api", "v3", "predictions", ":id", "result", use: result)
        routes.get("api", "v3", "predictions", ":id", use: result)
        routes.get("_emulator", "files", ":id", use: file)
    }

    static func error(_ code: Int, _ message: String) -> Response {
        EmulatorReply.json(HTTPResponseStatus(statusCode: code), ["code": code, "message": message, "data": NSNull()])
    }

    @Sendable func submit(req: Request) async throws -> Response {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "Invalid API key") }
        let path = req.parameters.getCatchall().joined(separator: "/")
        guard let model = registry.models.first(where: { $0.provider == "wavespeed" && $0.providerPath == path }) else {
            return Self.error(404, "Model \(path) not found")
        }
        await state.countSubmit(.wavespeed)
        let fault = await state.nextFault(.wavespeed, .submit)
        if let response = try await fault?.generic({ Self.error($0, "Emulated error \($0)") }) { return response }
        guard let body = try? JSONSerialization.jsonObject(with: Data(buffer: req.body.data ?? ByteBuffer())) as? [String: Any] else {
            return Self.error(400, "The body must be a JSON object")
        }
        let image: Data
        do { image = try WaveSpeedValidation.check(body, model: model) } catch { return Self.error(400, error.description) }
        let processing = await state.processingTime
        let id = "pred_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        var failure: String?, nsfw = false, base64 = (body["enable_base64_output"] as? Bool) ?? false
        switch fault {
        case .taskFails(let text): failure = text
        case .nsfw: nsfw = true
        case .outputsAsURL: base64 = false
        default: break
        }
        await state.addTask(.init(id: id, model: path, output: image, readyAt: ContinuousClock.now + processing,
                                  failure: failure, nsfw: nsfw, base64: base64))
        let sync = (body["enable_sync_mode"] as? Bool ?? false) && model.request.syncMode
        if sync {
            if fault == .syncGatewayTimeout { return Self.error(504, "Gateway Timeout") }
            if fault == .syncTimeout5004 {
                var data = envelope(id, status: "processing", req: req, task: nil)
                data["code"] = 5004
                data["error"] = "Sync mode timed out after 90 seconds. The prediction is still processing asynchronously."
                return EmulatorReply.json(.ok, ["code": 200, "message": "success", "data": data])
            }
            try await Task.sleep(for: processing)
            guard let task = await state.pollTask(id) else { return Self.error(404, "Task not found") }
            return EmulatorReply.json(.ok, ["code": 200, "message": "success", "data": view(task, req: req)])
        }
        return EmulatorReply.json(.ok, ["code": 200, "message": "success", "data": envelope(id, status: "created", req: req, task: nil)])
    }

    @Sendable func result(req: Request) async throws -> Response {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "Invalid API key") }
        await state.countPoll(.wavespeed)
        if let response = try await state.nextFault(.wavespeed, .poll)?.generic({ Self.error($0, "Emulated error \($0)") }) { return response }
        guard let id = req.parameters.get("id"), let task = await state.pollTask(id) else { return Self.error(404, "Task not found") }
        return EmulatorReply.json(.ok, ["code": 200, "message": "success", "data": view(task, req: req)])
    }

    @Sendable func file(req: Request) async throws -> Response {
        if let response = try await state.nextFault(.wavespeed, .download)?.generic({ Self.error($0, "Emulated error \($0)") }) { return response }
        guard let id = req.parameters.get("id"), let task = await state.tasks[id] else { return Self.error(404, "Not found") }
        let format = (try? ImageHeader.sniff(task.output).format) ?? .png
        return EmulatorReply.bytes(task.output, contentType: format.mimeType)
    }

    private func view(_ task: EmulatorState.Task, req: Request) -> [String: Any] {
        let status = ContinuousClock.now < task.readyAt ? (task.polls <= 1 ? "created" : "processing") : (task.failure == nil ? "completed" : "failed")
        return envelope(task.id, status: status, req: req, task: task)
    }

    private func envelope(_ id: String, status: String, req: Request, task: EmulatorState.Task?) -> [String: Any] {
        var outputs: [String] = []
        if status == "completed", let task {
            outputs = [task.base64 ? task.output.base64EncodedString() : "\(req.emulatorBase)/_emulator/files/\(id)"]
        }
        return ["id": id, "model": task?.model ?? "", "status": status, "outputs": outputs,
                "urls": ["get": "\(req.emulatorBase)/api/v3/predictions/\(id)/result"],
                "has_nsfw_contents": outputs.map { _ in task?.nsfw ?? false },
                "created_at": "2026-11-22T00:00:00.000Z", "error": status == "failed" ? (task?.failure ?? "") : "",
                "timings": ["inference": 50]]
    }
}

/// What WaveSpeed checks of a submit, per model (from the registry's request shape).
enum WaveSpeedValidation {
    static let aspectRatios: Set<String> = ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "9:21"]

    /// Checks a submit; returns what the task will output (the input image echoed, a generated
    /// image, or a GLB for 3D models).
    static func check(_ body: [String: Any], model: ModelDescriptor) throws(Failure) -> Data {
        let shape = model.request
        let needsPrompt = model.can(.generalEdit) || model.can(.inpaint) || model.can(.generate) || model.can(.character)
        if needsPrompt, (body["prompt"] as? String ?? "").isEmpty { throw Failure("prompt is required") }
        try checkCommon(body, model: model)
        if shape.imageField.isEmpty {
            guard body["image"] == nil, body["images"] == nil else { throw Failure("this text-to-image model takes no image") }
            let size = (body["size"] as? String)?.split(separator: "*").compactMap { Int($0) } ?? []
            do { return try EmulatorReply.generatedImage(width: size.first ?? 1024, height: size.last ?? 1024) } catch { throw Failure("could not draw") }
        }
        let first = try checkImages(body, model: model)
        return model.outputKind == .model3D ? EmulatorReply.glb() : first
    }

    private static func checkImages(_ body: [String: Any], model: ModelDescriptor) throws(Failure) -> Data {
        let shape = model.request
        if let faceField = shape.faceField {
            let face: String? = shape.faceList == true ? (body[faceField] as? [String])?.first : body[faceField] as? String
            guard let face, EmulatorReply.decodeImage(face) != nil else {
                throw Failure("\(faceField) is required (\(shape.faceList == true ? "a list of face images" : "one face image"))")
            }
        }
        if shape.requires.contains(.targetLanguage), (body["target_language"] as? String ?? "").isEmpty {
            throw Failure("target_language is required")
        }
        if let resolution = body["target_resolution"] as? String, !["2k", "4k", "8k"].contains(resolution) {
            throw Failure("target_resolution must be 2k, 4k or 8k")
        }
        let images: [String]
        if shape.takesList {
            guard let list = body[shape.imageField] as? [String] else { throw Failure("\(shape.imageField) must be an array of images") }
            guard (1...shape.maxReferences).contains(list.count) else { throw Failure("\(shape.imageField) takes 1 to \(shape.maxReferences) images") }
            images = list
        } else {
            guard let one = body[shape.imageField] as? String else { throw Failure("\(shape.imageField) must be a single image string") }
            images = [one]
        }
        guard let first = EmulatorReply.decodeImage(images[0]) else { throw Failure("\(shape.imageField) could not be read as an image") }
        return first
    }

    private static func checkCommon(_ body: [String: Any], model: ModelDescriptor) throws(Failure) {
        let shape = model.request
        if shape.requires.contains(.mask) {
            guard let field = shape.maskField, let mask = body[field] as? String, EmulatorReply.decodeImage(mask) != nil else {
                throw Failure("\(shape.maskField ?? "mask") is required")
            }
        }
        if let size = body["size"] as? String {
            let parts = size.split(separator: "*").compactMap { Int($0) }
            guard parts.count == 2,
                  (model.minResolution.width...model.maxResolution.width).contains(parts[0]),
                  (model.minResolution.height...model.maxResolution.height).contains(parts[1]) else {
                throw Failure("size must be \"W*H\" within \(model.minResolution)–\(model.maxResolution)")
            }
        }
        if let ratio = body["aspect_ratio"] as? String, !aspectRatios.contains(ratio) { throw Failure("aspect_ratio \(ratio) is not supported") }
        if let guidance = body["guidance_scale"] as? Double, let range = shape.guidance, !(range.min...range.max).contains(guidance) {
            throw Failure("guidance_scale must be between \(range.min) and \(range.max)")
        }
        if let format = body["output_format"] as? String, !shape.outputFormats.map(\.rawValue).contains(format) {
            throw Failure("output_format \(format) is not supported")
        }
        if let seed = body["seed"] as? Int, !(-1...2_147_483_647).contains(seed) { throw Failure("seed is out of range") }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ value: String) { description = value }
    }
}
