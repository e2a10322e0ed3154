import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// The endpoints the web studio leans on: per-image prices, quotes, history, thumbnails, who-am-I,
/// one-time sign-in links and the static pages themselves.
final class StudioSupportEndpointsTests: APITestCase {
    let paid = StubProvider(id: "wavespeed")
    override var providers: [any ImageProvider] { [paid] }

    func localEdit(key: String = TestStudio.apiKey) async throws -> [String: Any] {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("chelsea.png"), "operation": "upscale", "model": "local-resize", "options": ["scale": 0.5],
        ], key: key)
        XCTAssertEqual(status, .ok, "\(body)")
        return body
    }

    func testModelsListedForAnImageCarryThePriceOfARunOnIt() async throws {
        let (status, body) = try await send(.GET, "api/image-studio/edit/models?operation=general_edit&width=6000&height=4000")
        XCTAssertEqual(status, .ok)
        let models = try XCTUnwrap(body["models"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: models.map { ($0["id"] as? String ?? "", $0) })
        XCTAssertEqual(byID["qwen-edit"]?["estimated_cost"] as? Double, 0.02)
        let fitted = try XCTUnwrap(byID["qwen-edit"]?["fitted_resolution"] as? [String: Int])
        XCTAssertEqual(fitted["width"], 1536, "a 6000×4000 image is fitted into qwen-edit's 1536 px")
        XCTAssertEqual(byID["nano-banana-pro-edit-ultra"]?["estimated_cost"] as? Double, 0.18, "a 6000 px run is in the 8k band")
        let (_, small) = try await send(.GET, "api/image-studio/edit/models?operation=general_edit&width=1000&height=800")
        let smallUltra = (small["models"] as? [[String: Any]])?.first { $0["id"] as? String == "nano-banana-pro-edit-ultra" }
        XCTAssertEqual(smallUltra?["estimated_cost"] as? Double, 0.15, "a 1000 px run is in the 4k band")
        let (plain, plainBody) = try await send(.GET, "api/image-studio/edit/models?operation=general_edit")
        XCTAssertEqual(plain, .ok)
        XCTAssertNil((plainBody["models"] as? [[String: Any]])?.first?["estimated_cost"] as? Double, "no image, no per-image price")
        for bad in ["width=100", "width=abc&height=5", "width=0&height=10"] {
            let (status, body) = try await send(.GET, "api/image-studio/edit/models?\(bad)")
            XCTAssertEqual(status, .badRequest, bad)
            XCTAssertEqual(errorCode(body), "invalid_query", bad)
        }
    }

    func testEstimateCostQuotesTheRunAndThePlansAnswerWithoutReservingAnything() async throws {
        try await studio.sql("UPDATE plans SET monthly_cost_cap_micros = 50000 WHERE id = 'basic'")
        _ = try await studio.makeUser(plan: .basic, key: "basic-user")
        let ask: [String: Any] = ["operation": "general_edit", "model": "qwen-edit", "image_resolution": ["width": 800, "height": 600]]
        let (status, quote) = try await send(.POST, "api/image-studio/estimate-cost", json: ask, key: "basic-user")
        XCTAssertEqual(status, .ok, "\(quote)")
        XCTAssertEqual(quote["estimated_cost"] as? Double, 0.02)
        XCTAssertEqual(quote["allowed"] as? Bool, true)
        XCTAssertEqual(quote["remaining_budget_after"] as? Double, 0.03)
        XCTAssertEqual((quote["usage"] as? [String: Any])?["cost_limit"] as? Double, 0.05)
        let reserved = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries")
        XCTAssertEqual(reserved.first?["n"], "0", "a quote reserves nothing")

        var three = ask; three["num_images"] = 3
        let (_, tooMany) = try await send(.POST, "api/image-studio/estimate-cost", json: three, key: "basic-user")
        XCTAssertEqual(tooMany["total_cost"] as? Double, 0.06)
        XCTAssertEqual(tooMany["allowed"] as? Bool, false)
        let refusal = try XCTUnwrap(tooMany["refusal"] as? [String: Any])
        XCTAssertEqual(refusal["code"] as? String, "budget_exceeded")
        XCTAssertEqual((refusal["usage_info"] as? [String: Any])?["remaining_budget"] as? Double, 0.05)

        let (_, auto) = try await send(.POST, "api/image-studio/estimate-cost", json: [
            "operation": "general_edit", "image_resolution": ["width": 800, "height": 600], "preferences": ["prioritize_cost": true],
        ], key: "basic-user")
        XCTAssertNotNil(auto["model"] as? String)
        XCTAssertFalse((auto["reason"] as? String ?? "").isEmpty, "an auto quote says why the model was chosen")

        for (bad, code) in [(["operation": "nope"], "unknown_operation"), (["operation": "general_edit", "model": "nope"], "unknown_model"),
                            (["operation": "general_edit", "num_images": 11], "invalid_option"),
                            (["operation": "remove_background", "model": "qwen-edit"], "unsupported_operation")] as [([String: Any], String)] {
            let (status, body) = try await send(.POST, "api/image-studio/estimate-cost", json: bad)
            XCTAssertEqual(status, .badRequest, "\(bad)")
            XCTAssertEqual(errorCode(body), code, "\(bad)")
        }
    }

    func testAQuoteAtTheOperationLimitCarriesTheRefusalARunWouldGet() async throws {
        _ = try await studio.makeUser(plan: .free, key: "free-user")
        for _ in 0..<5 { _ = try await localEdit(key: "free-user") }
        let (_, quote) = try await send(.POST, "api/image-studio/estimate-cost", json: ["operation": "upscale", "model": "local-resize"], key: "free-user")
        XCTAssertEqual(quote["allowed"] as? Bool, false)
        let refusal = try XCTUnwrap(quote["refusal"] as? [String: Any])
        XCTAssertEqual(refusal["code"] as? String, "quota_exceeded")
        XCTAssertEqual((refusal["usage_info"] as? [String: Any])?["limit"] as? Int, 5)
    }

    func testHistoryListsOnlyTheCallersJobsNewestFirstWithWhatEachCost() async throws {
        let first = try await localEdit()
        let (failed, _) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("chelsea.png"), "operation": "relight", "model": "stability-relight", "prompt": "dusk",
        ])
        XCTAssertEqual(failed, .serviceUnavailable, "stability has no key in this test")
        let second = try await localEdit()
        _ = try await studio.makeUser(plan: .pro, key: "other-user")
        _ = try await localEdit(key: "other-user")

        let (status, page) = try await send(.GET, "api/image-studio/jobs?per_page=10")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(page["total"] as? Int, 2, "another user's job is not listed; a refused request made no job")
        let jobs = try XCTUnwrap(page["data"] as? [[String: Any]])
        XCTAssertEqual(jobs.map { $0["id"] as? String }, [second["job_id"] as? String, first["job_id"] as? String])
        for job in jobs {
            XCTAssertEqual(job["status"] as? String, "succeeded")
            XCTAssertEqual(job["charged_cost_micros"] as? Int, 0, "the local engine is free")
            XCTAssertNotNil(job["duration_seconds"] as? Double)
            XCTAssertTrue((job["input_url"] as? String ?? "").hasPrefix("/api/image-studio/outputs/"))
            XCTAssertTrue((job["output_url"] as? String ?? "").hasPrefix("/api/image-studio/outputs/"))
        }
        let (_, second1) = try await send(.GET, "api/image-studio/jobs?per_page=1&page=2")
        XCTAssertEqual(((second1["data"] as? [[String: Any]])?.first?["id"] as? String), first["job_id"] as? String)
        let (bad, badBody) = try await send(.GET, "api/image-studio/jobs?per_page=500")
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_query")
    }

    func testAChargedJobShowsItsSettledCost() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("chelsea.png"), "operation": "general_edit", "model": "qwen-edit", "prompt": "snow",
        ])
        XCTAssertEqual(status, .ok, "\(body)")
        let (_, job) = try await send(.GET, "api/image-studio/jobs/\(body["job_id"] as? String ?? "")")
        XCTAssertEqual(job["charged_cost_micros"] as? Int, 20_000)
    }

    func testOutputThumbnailsFitTheAskedBoxAsWebP() async throws {
        let body = try await localEdit()
        let job = try XCTUnwrap(body["job_id"] as? String)
        let (_, summary) = try await send(.GET, "api/image-studio/jobs/\(job)")
        let url = try XCTUnwrap(summary["output_url"] as? String)
        try await app.test(.GET, String(url.dropFirst()) + "?thumb=64", headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.description, "image/webp")
            let header = try ImageHeader.sniff(Data(buffer: res.body))
            XCTAssertEqual(max(header.size.width, header.size.height), 64)
        })
        try await app.test(.GET, String(url.dropFirst()) + "?thumb=5", headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .badRequest)
        })
    }

    func testMeSaysWhoTheKeyBelongsToWithPlanAndUsage() async throws {
        let (status, me) = try await send(.GET, "api/image-studio/me")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual((me["user"] as? [String: Any])?["role"] as? String, "admin")
        XCTAssertNotNil((me["user"] as? [String: Any])?["plan"] as? [String: Any])
        XCTAssertEqual((me["usage"] as? [String: Any])?["current_calls"] as? Int, 0)
        let (denied, _) = try await send(.GET, "api/image-studio/me", key: "wrong")
        XCTAssertEqual(denied, .unauthorized)
    }

    func testASignInLinkGivesOneNewKeyOnce() async throws {
        let code = try XCTUnwrap(studio.services.signInCode)
        let (status, body) = try await send(.POST, "api/image-studio/auth/sign-in-link", json: ["code": code], key: nil)
        XCTAssertEqual(status, .created, "\(body)")
        let key = try XCTUnwrap(body["api_key"] as? String)
        let (me, _) = try await send(.GET, "api/image-studio/me", key: key)
        XCTAssertEqual(me, .ok, "the new key works")
        let (again, againBody) = try await send(.POST, "api/image-studio/auth/sign-in-link", json: ["code": code], key: nil)
        XCTAssertEqual(again, .unauthorized, "a code works once")
        XCTAssertEqual(errorCode(againBody), "invalid_sign_in_link")
    }

    func testTheStudioPageIsServedWithAStrictContentSecurityPolicyAndNothingOutsideItsFolder() async throws {
        try await app.test(.GET, "/", afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.type, "text")
            XCTAssertTrue(res.body.string.contains("Image Studio"))
            let policy = res.headers.first(name: "Content-Security-Policy") ?? ""
            XCTAssertTrue(policy.contains("default-src 'self'"), policy)
            XCTAssertTrue(policy.contains("script-src 'self'"), policy)
        })
        try await app.test(.GET, "ui/js/main.js", afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.subType, "javascript")
        })
        for path in ["ui/../index.html", "ui/%2e%2e/Package.swift", "ui/.hidden", "ui/js/missing.js", "ui/js"] {
            try await app.test(.GET, path, afterResponse: { res async throws in
                XCTAssertEqual(res.status, .notFound, path)
            })
        }
    }
}
