import AsyncHTTPClient
import Foundation
import NIOCore
import StudioCore
import StudioTestSupport
import Vapor
import XCTest

/// Real HTTP against a running server: 200 simultaneous requests, 50 operations (or 50 × $0.02) left.
final class ConcurrentQuotaTests: APITestCase {
    let paid = StubProvider(id: "wavespeed")
    override var providers: [any ImageProvider] { [paid] }
    var client: HTTPClient!
    var port = 0

    override func setUp() async throws {
        try await super.setUp()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        port = try XCTUnwrap(app.http.server.shared.localAddress?.port)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 200)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    override func tearDown() async throws {
        try await client.shutdown()
        await app.server.shutdown()
        try await super.tearDown()
    }

    /// Fires `count` identical edits at once and returns the status codes.
    func burst(_ count: Int, key: String, fields: [String: Any], idempotencyKey: String? = nil) async throws -> [Int] {
        let image = try LocalToolkitFixtures.whiteMask(width: 64, height: 48).base64EncodedString()
        var body = fields
        body["image_base64"] = image
        let data = try JSONSerialization.data(withJSONObject: body)
        let url = "http://127.0.0.1:\(port)/api/image-studio/edit/process"
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count {
                group.addTask { [client] in
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(key)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
                    request.body = .bytes(ByteBuffer(bytes: data))
                    let response = try await client!.execute(request, timeout: .seconds(120))
                    _ = try await response.body.collect(upTo: 1 << 22)
                    return Int(response.status.code)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    func testTwoHundredConcurrentRequestsWithFiftyOperationsLeftRunExactlyFifty() async throws {
        try await studio.sql("UPDATE plans SET monthly_operations = 50 WHERE id = 'pro'")
        _ = try await studio.makeUser(plan: .pro, key: "busy-user")
        let statuses = try await burst(200, key: "busy-user", fields: ["operation": "upscale", "model": "local-resize"])
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 50)
        XCTAssertEqual(statuses.filter { $0 == 429 }.count, 150)
        try await assertSummaryEqualsLedger(settled: 50)
    }

    func testTwoHundredConcurrentRequestsWithFiftyEditsOfBudgetLeftChargeExactlyTheCap() async throws {
        try await studio.sql("UPDATE plans SET monthly_operations = NULL, monthly_cost_cap_micros = 1000000 WHERE id = 'basic'")
        _ = try await studio.makeUser(plan: .basic, key: "spender")
        let statuses = try await burst(200, key: "spender", fields: ["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"])
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 50)
        XCTAssertEqual(statuses.filter { $0 == 402 }.count, 150)
        let calls = await paid.calls
        XCTAssertEqual(calls, 50, "refused requests never reach the provider")
        try await assertSummaryEqualsLedger(settled: 50)
        let spent = try await studio.sql("SELECT spent_micros FROM usage_periods").first?["spent_micros"]
        XCTAssertEqual(spent, "1000000", "exactly the cap, never over")
    }

    func testConcurrentRetriesWithOneIdempotencyKeyRunOnceAndChargeOnce() async throws {
        let statuses = try await burst(20, key: TestStudio.apiKey, fields: ["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"],
                                       idempotencyKey: "same-retry")
        XCTAssertTrue(statuses.allSatisfy { $0 == 200 || $0 == 409 }, "\(statuses)")
        XCTAssertGreaterThanOrEqual(statuses.filter { $0 == 200 }.count, 1)
        let calls = await paid.calls
        XCTAssertEqual(calls, 1)
        try await assertSummaryEqualsLedger(settled: 1)
    }

    func assertSummaryEqualsLedger(settled: Int, file: StaticString = #filePath, line: UInt = #line) async throws {
        let summary = try await studio.sql("SELECT CAST(SUM(operations_used) AS BIGINT) AS ops, CAST(SUM(spent_micros) AS BIGINT) AS spent, CAST(SUM(operations_reserved) AS BIGINT) AS held FROM usage_periods").first
        let ledger = try await studio.sql("SELECT COUNT(*) AS ops, CAST(COALESCE(SUM(cost_micros), 0) AS BIGINT) AS spent FROM ledger_entries WHERE status = 'settled'").first
        XCTAssertEqual(summary?["ops"], String(settled), file: file, line: line)
        XCTAssertEqual(summary?["ops"], ledger?["ops"], file: file, line: line)
        XCTAssertEqual(summary?["spent"], ledger?["spent"], file: file, line: line)
        XCTAssertEqual(summary?["held"], "0", file: file, line: line)
    }
}
