import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// Each test gets its own application, database and data directory.
class APITestCase: XCTestCase {
    var studio: TestStudio!
    var environment: [String: String] { [:] }
    var providers: [any ImageProvider] { [] }

    override func setUp() async throws {
        studio = try await TestStudio.make(environment: environment, providers: providers)
    }

    override func tearDown() async throws {
        try await studio.shutdown()
    }

    var app: Application { studio.app }

    /// Sends a JSON body with the test key and returns status and decoded JSON.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, key: String? = TestStudio.apiKey,
              file: StaticString = #filePath, line: UInt = #line) async throws -> (HTTPStatus, [String: Any]) {
        var status = HTTPStatus.ok
        var body: [String: Any] = [:]
        try await app.test(method, path, beforeRequest: { req in
            if let key { req.headers.bearerAuthorization = .init(token: key) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            }
        }, afterResponse: { res async throws in
            status = res.status
            body = (try? JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]) ?? [:]
        })
        return (status, body)
    }

    func base64(_ name: String) throws -> String { try Fixtures.data(name).base64EncodedString() }

    func errorCode(_ body: [String: Any]) -> String? { (body["error"] as? [String: Any])?["code"] as? String }

    /// Asserts nothing was charged, stored or recorded.
    func assertNothingRecorded(file: StaticString = #filePath, line: UInt = #line) async throws {
        let ledger = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries").first?["n"]
        let jobs = try await studio.sql("SELECT COUNT(*) AS n FROM jobs").first?["n"]
        XCTAssertEqual(ledger, "0", "ledger", file: file, line: line)
        XCTAssertEqual(jobs, "0", "jobs", file: file, line: line)
        XCTAssertEqual(studio.blobFiles(), [], "blobs", file: file, line: line)
        let reserved = try await studio.sql("SELECT CAST(COALESCE(SUM(operations_reserved + operations_used), 0) AS BIGINT) AS n FROM usage_periods")
        XCTAssertEqual(reserved.first?["n"], "0", "usage", file: file, line: line)
    }
}
