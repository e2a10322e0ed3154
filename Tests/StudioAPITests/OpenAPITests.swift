import Foundation
import Vapor
import XCTest
import XCTVapor

final class OpenAPITests: APITestCase {
    func testEveryRegisteredRouteIsInTheOpenAPIDocument() async throws {
        var document: [String: Any] = [:]
        try await app.test(.GET, "openapi.json", afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            document = (try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]) ?? [:]
        })
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        var missing: [String] = []
        // The web studio's pages (`/`, `/ui/**`) are not API operations.
        let apiRoutes = app.routes.all.filter { route in
            guard case .constant(let first)? = route.path.first else { return false }
            return first != "ui"
        }
        for route in apiRoutes {
            let path = "/" + route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter(let name): "{\(name)}"
                case .anything, .catchall: "*"
                }
            }.joined(separator: "/")
            if paths[path]?[route.method.rawValue.lowercased()] == nil { missing.append("\(route.method.rawValue) \(path)") }
        }
        XCTAssertEqual(missing, [], "routes missing from openapi.json")
        let documented = paths.values.reduce(0) { $0 + $1.count }
        XCTAssertEqual(documented, apiRoutes.count, "every documented operation is a real route")
    }
}
