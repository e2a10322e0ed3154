import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// Every family beyond editing, end to end over HTTP against the emulators: the same pipeline,
/// quotas per family, the ledger, async jobs and idempotency.
final class FamilyTests: EmulatedProvidersTestCase {
    func usage(_ family: OperationFamily) async throws -> UsageSnapshot {
        let first = try await studio.services.accounts.firstUser()
        return try await studio.studio.ledger.usage(of: try XCTUnwrap(first), period: studio.studio.currentPeriod, family: family)
    }

    func testCreateMakesThreeVariationsEachChargedOnceAsGeneration() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/create", json: [
            "prompt": "a lighthouse at dusk", "model": "flux-dev", "width": 1024, "height": 768, "num_variations": 3, "seed": 10,
        ])
        XCTAssertEqual(status, .ok, "\(body)")
        let results = try XCTUnwrap(body["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(results.map { $0["variation"] as? Int }, [1, 2, 3])
        XCTAssertEqual(results.map { $0["seed"] as? Int }, [10, 11, 12], "each variation has its own seed")
        for result in results {
            XCTAssertEqual(result["width"] as? Int, 1024)
            XCTAssertEqual(result["height"] as? Int, 768)
        }
        XCTAssertEqual(body["total_generated"] as? Int, 3)
        XCTAssertEqual(body["total_cost_micros"] as? Int, 36_000)
        let ledger = try await studio.sql("SELECT operation, status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger, Array(repeating: ["operation": "generate", "status": "settled", "cost_micros": "12000"], count: 3))
        let generation = try await usage(.generation)
        XCTAssertEqual(generation.operationsUsed, 3)
        let editing = try await usage(.editing)
        XCTAssertEqual(editing.operationsUsed, 0)
    }

    func testCreateWithoutAModelFollowsTheQualityLevel() async throws {
        let (_, draft) = try await send(.POST, "api/image-studio/create", json: ["prompt": "a cat", "quality": "draft"])
        let (_, premium) = try await send(.POST, "api/image-studio/create", json: ["prompt": "a cat", "quality": "premium"])
        let cheap = try XCTUnwrap((draft["results"] as? [[String: Any]])?.first)
        let best = try XCTUnwrap((premium["results"] as? [[String: Any]])?.first)
        XCTAssertLessThan(cheap["cost_micros"] as? Int ?? .max, best["cost_micros"] as? Int ?? 0)
        let registry = studio.studio.registry
        XCTAssertEqual(registry[best["model"] as? String ?? ""]?.tier, .premium)
        for (bad, code) in [(["prompt": "x", "num_variations": 11], "invalid_option"), (["prompt": "x", "quality": "ultra"], "invalid_option"),
                            (["prompt": "x", "model": "qwen-edit"], "unsupported_operation"), (["prompt": " "], "prompt_required")] as [([String: Any], String)] {
            let (status, body) = try await send(.POST, "api/image-studio/create", json: bad)
            XCTAssertEqual(status, .badRequest, "\(bad)")
            XCTAssertEqual(errorCode(body), code, "\(bad)")
        }
        let refused = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries")
        XCTAssertEqual(refused.first?["n"], "2", "refused requests left no ledger row")
    }

    func testUpscaleModesRunTheirModelsAndAutoRecommends() async throws {
        let image = try base64("chelsea.png")
        let (fast, fastBody) = try await send(.POST, "api/image-studio/upscale", json: ["image_base64": image, "mode": "fast"])
        XCTAssertEqual(fast, .ok, "\(fastBody)")
        XCTAssertEqual(fastBody["model"] as? String, "stability-upscale-fast")
        XCTAssertEqual(fastBody["mode"] as? String, "fast")
        let (_, conservative) = try await send(.POST, "api/image-studio/upscale", json: ["image_base64": image, "mode": "conservative"])
        XCTAssertEqual(errorCode(conservative), "prompt_required", "conservative upscaling needs a prompt")
        let (auto, autoBody) = try await send(.POST, "api/image-studio/upscale", json: [
            "image_base64": image, "target_width": 902, "preferences": ["prioritize_cost": true],
        ])
        XCTAssertEqual(auto, .ok, "\(autoBody)")
        XCTAssertEqual(autoBody["model"] as? String, "local-resize", "the free local engine is the cheapest upscaler")
        XCTAssertEqual(autoBody["width"] as? Int, 902)
        let (bad, badBody) = try await send(.POST, "api/image-studio/upscale", json: ["image_base64": image, "mode": "huge"])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_option")
    }

    func testFaceSwapRunsModelsAndRecommendsThroughTheOneRecommender() async throws {
        let image = try base64("chelsea.png"), face = try base64("astronaut.png")
        let (status, body) = try await send(.POST, "api/image-studio/face-swap/process", json: [
            "base_image_base64": image, "face_image_base64": face, "model": "image-face-swap-pro",
        ])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["operation"] as? String, "face_swap")
        XCTAssertEqual(body["cost_micros"] as? Int, 25_000)
        let faceSwap = try await usage(.faceSwap)
        XCTAssertEqual(faceSwap.operationsUsed, 1)
        let (_, models) = try await send(.GET, "api/image-studio/face-swap/models")
        let ids = Set(((models["models"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        XCTAssertEqual(ids, ["image-face-swap", "image-face-swap-pro", "image-head-swap", "infinite-you", "akool-face-swap"])
        let (_, recommended) = try await send(.POST, "api/image-studio/face-swap/recommend", json: [
            "base_image_resolution": ["width": 1024, "height": 768], "preferences": ["prioritize_quality": true],
        ])
        XCTAssertEqual(recommended["recommended_model"] as? String, "akool-face-swap")
        let (missing, missingBody) = try await send(.POST, "api/image-studio/face-swap/process", json: ["base_image_base64": image])
        XCTAssertEqual(missing, .badRequest)
        XCTAssertEqual(errorCode(missingBody), "invalid_request")
    }

    func testAFamilyLimitRefusesOnlyThatFamily() async throws {
        let (set, _) = try await send(.PUT, "api/image-studio/admin/plans/enterprise", json: [
            "monthly_operations": NSNull(), "monthly_cost_cap": NSNull(), "operation_limits": ["face_swap": 1]])
        XCTAssertEqual(set, .ok)
        let swap: [String: Any] = ["base_image_base64": try base64("chelsea.png"), "face_image_base64": try base64("astronaut.png"),
                                   "model": "image-face-swap"]
        let (first, _) = try await send(.POST, "api/image-studio/face-swap/process", json: swap)
        XCTAssertEqual(first, .ok)
        let (second, body) = try await send(.POST, "api/image-studio/face-swap/process", json: swap)
        XCTAssertEqual(second, .tooManyRequests)
        XCTAssertEqual((body["error"] as? [String: Any]).flatMap { ($0["usage_info"] as? [String: Any])?["family"] as? String }, "face_swap")
        let (create, _) = try await send(.POST, "api/image-studio/create", json: ["prompt": "a cat", "model": "flux-schnell"])
        XCTAssertEqual(create, .ok, "generation has its own count")
    }

    func testTranslateNeedsATargetLanguage() async throws {
        let image = try base64("chelsea.png")
        let (status, body) = try await send(.POST, "api/image-studio/translate", json: ["image_base64": image, "target_language": "fr"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["operation"] as? String, "translate")
        XCTAssertTrue(["image-translator", "qwen-image-translate"].contains(body["model"] as? String ?? ""))
        let translation = try await usage(.translation)
        XCTAssertEqual(translation.operationsUsed, 1)
        let (missing, _) = try await send(.POST, "api/image-studio/translate", json: ["image_base64": image])
        XCTAssertEqual(missing, .badRequest)
        let (bad, badBody) = try await send(.POST, "api/image-studio/translate", json: ["image_base64": image, "target_language": "<script>"])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_option")
    }

    func testAnAsyncImageTo3DJobStoresTheGLB() async throws {
        let (status, queued) = try await send(.POST, "api/image-studio/image-to-3d?async=true", json: [
            "image_base64": try base64("chelsea.png"), "model": "hunyuan3d-v3",
        ])
        XCTAssertEqual(status, .accepted, "\(queued)")
        let job = try await waitForJob(try XCTUnwrap(queued["job_id"] as? String))
        XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
        let url = try XCTUnwrap(job["output_url"] as? String)
        try await app.test(.GET, String(url.dropFirst()), headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.first(name: .contentType), "model/gltf-binary")
            XCTAssertEqual(Data(buffer: res.body).prefix(4), Data("glTF".utf8))
        })
        let ledger = try await studio.sql("SELECT operation, status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger, [["operation": "image_to_3d", "status": "settled", "cost_micros": "250000"]])
        let threeD = try await usage(.imageTo3D)
        XCTAssertEqual(threeD.operationsUsed, 1)

        let (sync, body) = try await send(.POST, "api/image-studio/image-to-3d", json: ["image_base64": try base64("chelsea.png"), "model": "sam-3d-objects"])
        XCTAssertEqual(sync, .ok, "\(body)")
        XCTAssertEqual(body["mime_type"] as? String, "model/gltf-binary")
        XCTAssertGreaterThan(body["byte_count"] as? Int ?? 0, 20)
    }

    func testCharacterMakesVariationsOfTheReference() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/character", json: [
            "image_base64": try base64("astronaut.png"), "prompt": "on the moon", "num_variations": 2, "style": "Realistic",
            "rendering_speed": "Turbo",
        ])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual((body["results"] as? [Any])?.count, 2)
        XCTAssertEqual(body["total_cost_micros"] as? Int, 200_000, "Turbo is $0.10 a run")
        let generation = try await usage(.generation)
        XCTAssertEqual(generation.operationsUsed, 2)
    }

    /// The same JSON object, serialised each time (key order may differ), is the same request.
    func testCreateIsIdempotentAndAsync() async throws {
        var replayed: [String] = [], jobIDs: [String] = []
        for _ in 0..<2 {
            let body = try JSONSerialization.data(withJSONObject: ["prompt": "a fox", "model": "flux-schnell", "num_variations": 2])
            try await app.test(.POST, "api/image-studio/create?async=true", beforeRequest: { req in
                req.headers.bearerAuthorization = .init(token: TestStudio.apiKey)
                req.headers.replaceOrAdd(name: "Idempotency-Key", value: "create-2")
                req.headers.contentType = .json
                req.body = ByteBuffer(data: body)
            }, afterResponse: { res async throws in
                XCTAssertEqual(res.status, .accepted, res.body.string)
                replayed.append(res.headers.first(name: "Idempotent-Replayed") ?? "false")
                let jobs = (try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])?["jobs"] as? [[String: Any]]
                XCTAssertEqual(jobs?.count, 2)
                jobIDs = (jobs ?? []).compactMap { $0["job_id"] as? String }
            })
        }
        XCTAssertEqual(replayed, ["false", "true"])
        let rows = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries")
        XCTAssertEqual(rows.first?["n"], "2", "two variations reserved once")
        for id in jobIDs {
            let job = try await waitForJob(id)
            XCTAssertEqual(job["status"] as? String, "succeeded", "a queued generation (no input image) runs on a worker: \(job)")
        }
    }

    func testModelsListsTheRegistryByCategory() async throws {
        let (_, all) = try await send(.GET, "api/image-studio/models")
        XCTAssertGreaterThanOrEqual(all["total"] as? Int ?? 0, 40)
        let (_, threeD) = try await send(.GET, "api/image-studio/models?category=image_to_3d")
        let models = try XCTUnwrap(threeD["models"] as? [[String: Any]])
        XCTAssertEqual(models.count, 5)
        XCTAssertTrue(models.allSatisfy { $0["output"] as? String == "model_3d" })
        let (_, generation) = try await send(.GET, "api/image-studio/models?category=generation")
        let ids = ((generation["models"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(ids.contains("ideogram-character") && ids.contains("stability-ultra"))
        let (bad, badBody) = try await send(.GET, "api/image-studio/models?category=video")
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_query")
    }

    func testEstimateCostCoversGeneration() async throws {
        let (_, quote) = try await send(.POST, "api/image-studio/estimate-cost", json: [
            "operation": "generate", "model": "flux-dev", "num_images": 2, "image_resolution": ["width": 1024, "height": 1024],
        ])
        XCTAssertEqual(quote["total_cost"] as? Double, 0.024)
        XCTAssertEqual((quote["usage"] as? [String: Any])?["family"] as? String, "generation")
    }
}
