import Foundation
import StudioCore
import Vapor

/// The web studio: `/` and `/ui/…`, static HTML, CSS and ES modules from one directory (the bundled
/// copy, or `IMAGESTUDIO_WEB_DIR` while developing it). Nothing is fetched from anywhere else, which
/// the Content-Security-Policy enforces.
struct WebController: RouteCollection {
    let root: URL

    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; "
            + "connect-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// The bundled web studio.
    static var bundled: URL? { Bundle.module.url(forResource: "web", withExtension: nil) }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
        routes.get("ui", "**", use: asset)
    }

    @Sendable func index(req: Request) async throws -> Response {
        try await serve(["index.html"], req: req)
    }

    @Sendable func asset(req: Request) async throws -> Response {
        try await serve(["ui"] + req.parameters.getCatchall(), req: req)
    }

    private func serve(_ components: [String], req: Request) async throws -> Response {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !components.isEmpty, components.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(allowed.contains) })
        else { throw StudioError.notFound("File") }
        let file = components.reduce(root) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StudioError.notFound("File")
        }
        let response = try await req.fileio.asyncStreamFile(at: file.path)
        for (name, value) in Self.securityHeaders { response.headers.replaceOrAdd(name: name, value: value) }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }
}
