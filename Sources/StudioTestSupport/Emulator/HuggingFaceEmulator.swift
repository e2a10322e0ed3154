import Foundation
import StudioCore
import Vapor

/// Hugging Face Inference: `POST /hf-inference/models/{org}/{name}`, JSON `{inputs, parameters}` or raw bytes; image bytes back.
struct HuggingFaceEmulator: RouteCollection {
    let state: EmulatorState

    func boot(routes: any RoutesBuilder) throws {
        routes.post("hf-inference", "models", "**", use: infer)
    }

    static func error(_ code: Int, _ message: String) -> Response {
        EmulatorReply.json(HTTPResponseStatus(statusCode: code), ["error": message])
    }

    @Sendable func infer(req: Request) async throws -> Response {
        guard req.emulatorAuthorized(state) else { return Self.error(401, "Invalid credentials in Authorization header") }
        let model = req.parameters.getCatchall().joined(separator: "/")
        await state.countSubmit(.huggingface)
        let fault = await state.nextFault(.huggingface, .submit)
        if case .loading(let seconds) = fault {
            return EmulatorReply.json(.serviceUnavailable, ["error": "Model \(model) is currently loading", "estimated_time": seconds])
        }
        if let response = try await fault?.generic({ Self.error($0, "Emulated error \($0)") }) { return response }
        let body = Data(buffer: req.body.data ?? ByteBuffer())
        let image: Data?
        if req.headers.contentType == .json {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let inputs = object["inputs"] as? String else {
                return Self.error(400, "inputs must be a base64 image")
            }
            let parameters = object["parameters"] as? [String: Any]
            if let parameters, let width = parameters["width"] as? Int, let height = parameters["height"] as? Int {
                // Text-to-image: `inputs` is the prompt.
                guard !inputs.isEmpty, (64...2048).contains(width), (64...2048).contains(height) else {
                    return Self.error(422, "inputs (the prompt) is required; width and height must be 64 to 2048")
                }
                return EmulatorReply.bytes(try EmulatorReply.generatedImage(width: width, height: height), contentType: "image/png")
            }
            if let parameters, parameters["prompt"] as? String == nil {
                return Self.error(422, "parameters.prompt is required for image-to-image")
            }
            image = Data(base64Encoded: inputs)
        } else {
            image = body
        }
        guard let image, let header = try? ImageHeader.sniff(image) else { return Self.error(400, "could not read the input image") }
        return EmulatorReply.bytes(image, contentType: header.format.mimeType)
    }
}
