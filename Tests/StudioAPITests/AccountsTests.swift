import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

final class AccountsTests: APITestCase {
    func testAUserHasSeveralKeysAndCanRevokeOne() async throws {
        let (status, created) = try await send(.POST, "api/image-studio/keys", json: ["label": "laptop"])
        XCTAssertEqual(status, .created)
        let newKey = try XCTUnwrap(created["key"] as? String)
        XCTAssertTrue(newKey.hasPrefix("isk_"))
        let (okStatus, _) = try await send(.GET, "api/image-studio/usage", key: newKey)
        XCTAssertEqual(okStatus, .ok, "the new key works")

        let (_, listing) = try await send(.GET, "api/image-studio/keys")
        _ = listing
        var keys: [[String: Any]] = []
        try await app.test(.GET, "api/image-studio/keys", headers: studio.bearer, afterResponse: { res async throws in
            keys = (try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [[String: Any]]) ?? []
        })
        XCTAssertEqual(keys.count, 2)
        XCTAssertFalse(keys.contains { ($0["key"] as? String) != nil }, "listings never show a key")
        let laptop = try XCTUnwrap(keys.first { $0["label"] as? String == "laptop" })
        XCTAssertEqual(laptop["prefix"] as? String, String(newKey.prefix(8)))

        let (revoked, _) = try await send(.DELETE, "api/image-studio/keys/\(laptop["id"] as! String)")
        XCTAssertEqual(revoked, .noContent)
        let (afterStatus, afterBody) = try await send(.GET, "api/image-studio/usage", key: newKey)
        XCTAssertEqual(afterStatus, .unauthorized)
        XCTAssertEqual(errorCode(afterBody), "unauthorized")
    }

    func testAnotherUsersKeyIdIsNotFound() async throws {
        _ = try await studio.makeUser(plan: .free, key: "mallory")
        var keys: [[String: Any]] = []
        try await app.test(.GET, "api/image-studio/keys", headers: studio.bearer, afterResponse: { res async throws in
            keys = (try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [[String: Any]]) ?? []
        })
        let adminKeyID = try XCTUnwrap(keys.first?["id"] as? String)
        let (status, body) = try await send(.DELETE, "api/image-studio/keys/\(adminKeyID)", key: "mallory")
        XCTAssertEqual(status, .notFound)
        XCTAssertEqual(errorCode(body), "not_found")
        let (stillWorks, _) = try await send(.GET, "api/image-studio/usage")
        XCTAssertEqual(stillWorks, .ok)
    }

    func testOnlyAdminsUseTheAdminAPI() async throws {
        _ = try await studio.makeUser(plan: .pro, key: "plain-user")
        let (status, body) = try await send(.GET, "api/image-studio/admin/users", key: "plain-user")
        XCTAssertEqual(status, .forbidden)
        XCTAssertEqual(errorCode(body), "forbidden")
    }

    func testAnAdminCreatesAUserChangesItsPlanAndReadsItsUsage() async throws {
        let (status, created) = try await send(.POST, "api/image-studio/admin/users", json: ["name": "ana", "plan": "basic"])
        XCTAssertEqual(status, .created)
        let user = try XCTUnwrap(created["user"] as? [String: Any])
        let id = try XCTUnwrap(user["id"] as? String)
        XCTAssertEqual((user["plan"] as? [String: Any])?["id"] as? String, "basic")
        XCTAssertEqual(user["role"] as? String, "user")
        let anaKey = try XCTUnwrap(created["api_key"] as? String)
        let (ok, _) = try await send(.GET, "api/image-studio/usage", key: anaKey)
        XCTAssertEqual(ok, .ok)

        let (patched, changed) = try await send(.PATCH, "api/image-studio/admin/users/\(id)", json: ["plan": "pro"])
        XCTAssertEqual(patched, .ok)
        XCTAssertEqual((changed["plan"] as? [String: Any])?["id"] as? String, "pro")

        let (usageStatus, usage) = try await send(.GET, "api/image-studio/admin/users/\(id)/usage")  // totals of that user
        XCTAssertEqual(usageStatus, .ok)
        XCTAssertEqual(usage["limit"] as? Int, 100)

        let (missing, _) = try await send(.PATCH, "api/image-studio/admin/users/\(UUID().uuidString)", json: ["plan": "pro"])
        XCTAssertEqual(missing, .notFound)
        let (bad, badBody) = try await send(.POST, "api/image-studio/admin/users", json: ["name": "x", "plan": "gold"])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_option")
    }

    func testAnAdminChangesAPlansLimits() async throws {
        let (status, plan) = try await send(.PUT, "api/image-studio/admin/plans/free", json: ["monthly_operations": 7, "monthly_cost_cap": "3.50"])
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(plan["monthly_operations"] as? Int, 7)
        XCTAssertEqual(plan["monthly_cost_cap_micros"] as? Int, 3_500_000)
        let (unlimited, body) = try await send(.PUT, "api/image-studio/admin/plans/free", json: ["monthly_operations": NSNull(), "monthly_cost_cap": NSNull()])
        XCTAssertEqual(unlimited, .ok)
        XCTAssertNil(body["monthly_operations"] as? Int)
        let (incomplete, err) = try await send(.PUT, "api/image-studio/admin/plans/free", json: ["monthly_operations": 3])
        XCTAssertEqual(incomplete, .badRequest)
        XCTAssertEqual(errorCode(err), "invalid_request")
    }
}

final class PlanFamilyAPITests: APITestCase {
    func testAdminsSetOtherFamiliesLimits() async throws {
        let (status, plan) = try await send(.PUT, "api/image-studio/admin/plans/basic", json: [
            "monthly_operations": 30, "monthly_cost_cap": "30.00", "operation_limits": ["generation": 12, "face_swap": NSNull()]])
        XCTAssertEqual(status, .ok)
        let limits = try XCTUnwrap(plan["operation_limits"] as? [String: Any])
        XCTAssertEqual(limits["editing"] as? Int, 30)
        XCTAssertEqual(limits["generation"] as? Int, 12)
        XCTAssertTrue(limits["face_swap"] is NSNull)
        XCTAssertEqual(limits["translation"] as? Int, 25, "untouched families keep their limit")
        let (bad, body) = try await send(.PUT, "api/image-studio/admin/plans/basic", json: [
            "monthly_operations": 30, "monthly_cost_cap": NSNull(), "operation_limits": ["editing": 3]])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(body), "invalid_option")
    }
}
