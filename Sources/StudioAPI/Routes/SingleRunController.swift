import StudioCore
import Vapor

/// `POST /upscale`, `/translate` and `/image-to-3d`: one input image, one output, through the one
/// entry point (`?async=true` queues).
struct SingleRunController: RouteCollection {
    let runner: StudioRunner

    func boot(routes: any RoutesBuilder) throws {
        routes.post("upscale", use: upscale)
        routes.post("translate", use: translate)
        routes.post("image-to-3d", use: imageTo3D)
    }

    @Sendable func upscale(req: Request) async throws -> Response {
        let body = try req.content.decode(UpscaleRequestDTO.self)
        return try await runner.respond(try body.request(), req: req, mode: body.mode ?? "auto")
    }

    @Sendable func translate(req: Request) async throws -> Response {
        try await runner.respond(try req.content.decode(TranslateRequestDTO.self).request(), req: req)
    }

    @Sendable func imageTo3D(req: Request) async throws -> Response {
        try await runner.respond(try req.content.decode(ImageTo3DRequestDTO.self).request(), req: req)
    }
}

extension StudioRunner {
    /// Queues (`?async=true`) or runs one request and encodes its result (an image, or a 3D model).
    func respond(_ request: EditRequest, req: Request, mode: String? = nil) async throws -> Response {
        let user = try req.studioUser()
        try Self.checkWebhook(request, req: req)
        if Self.wantsAsync(req) { return try await enqueue([request], user: user) }
        let result = try await runOne(request, user: user)
        if result.model.outputKind == .model3D { return try await Model3DResponseDTO(result).encodeResponse(for: req) }
        var dto = try EditImageResponseDTO(result, stylePreset: request.stylePreset)
        dto.mode = mode
        return try await dto.encodeResponse(for: req)
    }
}
