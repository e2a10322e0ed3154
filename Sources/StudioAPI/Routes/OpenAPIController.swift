import Foundation
import Vapor

/// `GET /openapi.json`: the OpenAPI 3.1 document of every route (no auth). `OpenAPITests` keeps it
/// true: every registered route must be in it.
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let document = try Self.document()
        routes.get("openapi.json") { _ in
            let response = Response(status: .ok, body: .init(data: document))
            response.headers.contentType = .json
            return response
        }
    }

    static func document() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw Abort(.internalServerError, reason: "openapi.json is missing from the StudioAPI bundle")
        }
        return try Data(contentsOf: url)
    }
}
