import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

final class QuotaTests: APITestCase {
    let paid = StubProvider(id: "wavespeed")
    override var providers: [any ImageProvider] { [paid, StubProvider(id: "stability", failing: .unavailable)] }

    func edit(key: String, model: String = "local-resize", operation: String = "upscale", prompt: String? = nil) async throws -> (HTTPStatus, [String: Any]) {
        var fields: [String: Any] = ["image_base64": try base64("chelsea.png"), "operation": operation, "model": model,
                                     "options": ["scale": 0.5]]
        if let prompt { fields["prompt"] = prompt }
        return try await send(.POST, "api/image-studio/edit/process", json: fields, key: key)
    }

    func testAtTheOperationLimitTheNextRequestIsRefusedWithUsageAndNothingCharged() async throws {
        _ = try await studio.makeUser(plan: .free, key: "free-user")
        for _ in 0..<5 {
            let (status, body) = try await edit(key: "free-user")
            XCTAssertEqual(status, .ok, "\(body)")
        }
        let (status, body) = try await edit(key: "free-user")
        XCTAssertEqual(status, .tooManyRequests)
        XCTAssertEqual(errorCode(body), "quota_exceeded")
        let usage = try XCTUnwrap((body["error"] as? [String: Any])?["usage_info"] as? [String: Any])
        XCTAssertEqual(usage["current_calls"] as? Int, 5)
        XCTAssertEqual(usage["limit"] as? Int, 5)
        XCTAssertEqual(usage["remaining"] as? Int, 0)
        let ledger = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries")
        XCTAssertEqual(ledger.first?["n"], "5", "the refused request left no ledger row")
        try await assertSummaryEqualsLedger()
    }

    func testAtTheCostCapTheNextRequestIsRefusedWith402() async throws {
        try await studio.sql("UPDATE plans SET monthly_cost_cap_micros = 50000 WHERE id = 'basic'")
        _ = try await studio.makeUser(plan: .basic, key: "basic-user")
        for _ in 0..<2 {
            let (status, body) = try await edit(key: "basic-user", model: "qwen-edit", operation: "general_edit", prompt: "snow")
            XCTAssertEqual(status, .ok, "\(body)")
            XCTAssertEqual(body["cost"] as? Double, 0.02)
            XCTAssertEqual(body["provider"] as? String, "wavespeed")
        }
        let (status, body) = try await edit(key: "basic-user", model: "qwen-edit", operation: "general_edit", prompt: "snow")
        XCTAssertEqual(status, .paymentRequired)
        XCTAssertEqual(errorCode(body), "budget_exceeded")
        let usage = try XCTUnwrap((body["error"] as? [String: Any])?["usage_info"] as? [String: Any])
        XCTAssertEqual(usage["current_cost"] as? Double, 0.04)
        XCTAssertEqual(usage["cost_limit"] as? Double, 0.05)
        XCTAssertEqual(usage["remaining_budget"] as? Double, 0.01)
        let calls = await paid.calls
        XCTAssertEqual(calls, 2, "the refused request never reached the provider")
        try await assertSummaryEqualsLedger()
    }

    func testAProviderFailureReleasesTheReservationAndRecordsTheCall() async throws {
        let (status, body) = try await edit(key: TestStudio.apiKey, model: "stability-relight", operation: "relight", prompt: "sunset")
        XCTAssertEqual(status, .badGateway)
        XCTAssertEqual(errorCode(body), "provider_unavailable")
        let ledger = try await studio.sql("SELECT status, cost_micros, estimate_micros, error_code FROM ledger_entries")
        XCTAssertEqual(ledger.count, 1)
        XCTAssertEqual(ledger.first?["status"], "released")
        XCTAssertEqual(ledger.first?["cost_micros"], "0")
        XCTAssertEqual(ledger.first?["estimate_micros"], "80000")
        let job = try await studio.sql("SELECT status FROM jobs").first?["status"]
        XCTAssertEqual(job, "failed")
        let usage = try await studio.sql("SELECT operations_used, operations_reserved, spent_micros, reserved_micros FROM usage_periods").first
        XCTAssertEqual(usage, ["operations_used": "0", "operations_reserved": "0", "spent_micros": "0", "reserved_micros": "0"])
    }

    func testUsageEndpointReportsTheCurrentPeriod() async throws {
        _ = try await edit(key: TestStudio.apiKey, model: "qwen-edit", operation: "general_edit", prompt: "snow")
        _ = try await edit(key: TestStudio.apiKey)
        let (status, report) = try await send(.GET, "api/image-studio/usage")
        XCTAssertEqual(status, .ok)
        let body = try XCTUnwrap(report["totals"] as? [String: Any])
        XCTAssertEqual(body["current_calls"] as? Int, 2)
        XCTAssertEqual(body["current_cost_micros"] as? Int, 20_000)
        XCTAssertNil(body["limit"] as? Int, "enterprise has no operation limit")
        func lines(_ name: String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: ((report[name] as? [[String: Any]]) ?? []).map { ($0["key"] as! String, $0["operations"] as! Int) })
        }
        XCTAssertEqual(lines("by_model"), ["qwen-edit": 1, "local-resize": 1])
        XCTAssertEqual(lines("by_provider"), ["wavespeed": 1, "local": 1])
        XCTAssertEqual(lines("by_operation"), ["general_edit": 1, "upscale": 1])
        XCTAssertEqual(lines("daily").values.reduce(0, +), 2)

        let (_, page1) = try await send(.GET, "api/image-studio/usage/logs?per_page=1")
        XCTAssertEqual(page1["total"] as? Int, 2)
        XCTAssertEqual((page1["data"] as? [Any])?.count, 1)
        let (_, page2) = try await send(.GET, "api/image-studio/usage/logs?per_page=1&page=2")
        XCTAssertNotEqual(((page1["data"] as? [[String: Any]])?.first?["id"] as? String), ((page2["data"] as? [[String: Any]])?.first?["id"] as? String))
        let (bad, badBody) = try await send(.GET, "api/image-studio/usage/logs?per_page=5000")
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_query")
    }

    func testUsageOfAnotherUserIsNotFoundUnlessTheCallerIsAnAdmin() async throws {
        let other = try await studio.makeUser(plan: .free, key: "other")
        _ = try await edit(key: "other")
        let (denied, body) = try await send(.GET, "api/image-studio/usage/logs?user_id=\(other.id.uuidString)", key: "free-user-none")
        XCTAssertEqual(denied, .unauthorized)
        _ = body
        _ = try await studio.makeUser(plan: .free, key: "nosy")
        let (hidden, hiddenBody) = try await send(.GET, "api/image-studio/usage/logs?user_id=\(other.id.uuidString)", key: "nosy")
        XCTAssertEqual(hidden, .notFound)
        XCTAssertEqual(errorCode(hiddenBody), "not_found")
        let (seen, page) = try await send(.GET, "api/image-studio/usage/logs?user_id=\(other.id.uuidString)")
        XCTAssertEqual(seen, .ok, "the admin sees everyone's")
        XCTAssertEqual(page["total"] as? Int, 1)
    }

    /// The per-period summary equals the sum of the ledger, user by user.
    func assertSummaryEqualsLedger(file: StaticString = #filePath, line: UInt = #line) async throws {
        let summary = try await studio.sql("SELECT CAST(SUM(operations_used) AS BIGINT) AS ops, CAST(SUM(spent_micros) AS BIGINT) AS spent, CAST(SUM(operations_reserved) AS BIGINT) AS held FROM usage_periods").first
        let ledger = try await studio.sql("SELECT COUNT(*) AS ops, CAST(COALESCE(SUM(cost_micros), 0) AS BIGINT) AS spent FROM ledger_entries WHERE status = 'settled'").first
        XCTAssertEqual(summary?["ops"], ledger?["ops"], file: file, line: line)
        XCTAssertEqual(summary?["spent"], ledger?["spent"], file: file, line: line)
        XCTAssertEqual(summary?["held"], "0", file: file, line: line)
    }
}
