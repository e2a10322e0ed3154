import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

final class IdempotencyTests: APITestCase {
    let paid = StubProvider(id: "wavespeed")
    let failing = StubProvider(id: "stability", failing: .unavailable)
    override var providers: [any ImageProvider] { [paid, failing] }

    func post(_ fields: [String: Any], key: String?) async throws -> (HTTPStatus, [String: Any], HTTPHeaders) {
        var result: (HTTPStatus, [String: Any], HTTPHeaders) = (.ok, [:], [:])
        var body = fields
        body["image_base64"] = try base64("chelsea.png")
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        var headers = studio.bearer
        headers.contentType = .json
        if let key { headers.add(name: "Idempotency-Key", value: key) }
        try await app.test(.POST, "api/image-studio/edit/process", headers: headers, body: ByteBuffer(data: data),
                           afterResponse: { res async throws in
            result = (res.status, (try? JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]) ?? [:], res.headers)
        })
        return result
    }

    let edit: [String: Any] = ["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"]

    func testARetryWithTheSameKeyReturnsTheFirstResultAndIsChargedOnce() async throws {
        let (s1, first, h1) = try await post(edit, key: "retry-1")
        let (s2, second, h2) = try await post(edit, key: "retry-1")
        XCTAssertEqual(s1, .ok); XCTAssertEqual(s2, .ok)
        XCTAssertEqual(first["job_id"] as? String, second["job_id"] as? String)
        XCTAssertNil(h1.first(name: "Idempotent-Replayed"))
        XCTAssertEqual(h2.first(name: "Idempotent-Replayed"), "true")
        let calls = await paid.calls
        XCTAssertEqual(calls, 1)
        let charged = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries WHERE status = 'settled'").first?["n"]
        XCTAssertEqual(charged, "1")
    }

    func testTheSameKeyWithAnotherBodyIsAConflict() async throws {
        _ = try await post(edit, key: "k-2")
        var other = edit
        other["prompt"] = "rain"
        let (status, body, _) = try await post(other, key: "k-2")
        XCTAssertEqual(status, .conflict)
        XCTAssertEqual(errorCode(body), "idempotency_conflict")
    }

    func testWithoutAKeyEveryRequestRuns() async throws {
        _ = try await post(edit, key: nil)
        _ = try await post(edit, key: nil)
        let calls = await paid.calls
        XCTAssertEqual(calls, 2)
    }

    func testAClientErrorIsRememberedButAServerSideFailureCanBeRetried() async throws {
        let (s1, _, _) = try await post(["operation": "general_edit"], key: "bad-1") // no prompt
        let (s2, _, h2) = try await post(["operation": "general_edit"], key: "bad-1")
        XCTAssertEqual(s1, .badRequest); XCTAssertEqual(s2, .badRequest)
        XCTAssertEqual(h2.first(name: "Idempotent-Replayed"), "true")

        let relight: [String: Any] = ["operation": "relight", "prompt": "sunset", "model": "stability-relight"]
        let (f1, _, _) = try await post(relight, key: "fail-1")
        let (f2, _, h3) = try await post(relight, key: "fail-1")
        XCTAssertEqual(f1, .badGateway); XCTAssertEqual(f2, .badGateway)
        XCTAssertNil(h3.first(name: "Idempotent-Replayed"), "a 5xx is not replayed: the retry ran")
        let calls = await failing.calls
        XCTAssertEqual(calls, 2)
    }

    func testKeysBelongToTheirUser() async throws {
        _ = try await post(edit, key: "shared-key")
        _ = try await studio.makeUser(plan: .pro, key: "other-user")
        var headers: HTTPHeaders = ["Authorization": "Bearer other-user"]
        headers.contentType = .json
        headers.add(name: "Idempotency-Key", value: "shared-key")
        var body = edit
        body["image_base64"] = try base64("chelsea.png")
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        try await app.test(.POST, "api/image-studio/edit/process", headers: headers, body: ByteBuffer(data: data),
                           afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertNil(res.headers.first(name: "Idempotent-Replayed"), "another user's key is another key")
        })
    }
}
