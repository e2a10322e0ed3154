import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// A studio whose hosted providers are the emulator (real adapters, real HTTP).
class EmulatedProvidersTestCase: APITestCase {
    var emulator: ProviderEmulator!

    static let fast = ["IMAGESTUDIO_POLL_INTERVAL_MS": "10", "IMAGESTUDIO_RETRY_BASE_MS": "5", "IMAGESTUDIO_RETRY_ATTEMPTS": "4",
                       "IMAGESTUDIO_PROVIDER_TIMEOUT_MS": "2000", "IMAGESTUDIO_PROVIDER_DEADLINE_MS": "10000"]

    /// WaveSpeed points at a closed port unless a test says otherwise.
    var waveSpeedDown: Bool { false }
    var extraEnvironment: [String: String] { [:] }
    var removedVariables: [String] { [] }

    override func setUp() async throws {
        emulator = try await ProviderEmulator.start(processingTime: .milliseconds(20))
        var env = emulator.environment.merging(Self.fast) { _, new in new }
        if waveSpeedDown { env["WAVESPEED_BASE_URL"] = "http://127.0.0.1:9" }
        env.merge(extraEnvironment) { _, new in new }
        for name in removedVariables { env[name] = nil }
        studio = try await TestStudio.make(environment: env)
    }

    override func tearDown() async throws {
        try await studio.shutdown()
        await emulator.shutdown()
    }

    func edit(_ fields: [String: Any]) async throws -> (HTTPStatus, [String: Any]) {
        var body: [String: Any] = ["image_base64": try base64("chelsea.png")]
        body.merge(fields) { _, new in new }
        return try await send(.POST, "api/image-studio/edit/process", json: body)
    }

    func waitForJob(_ id: String, until done: Set<String> = ["succeeded", "failed"], seconds: Double = 20) async throws -> [String: Any] {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let (_, job) = try await send(.GET, "api/image-studio/jobs/\(id)")
            if let status = job["status"] as? String, done.contains(status) { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("job \(id) did not reach \(done)")
        return [:]
    }

    func ledger() async throws -> [[String: String]] {
        try await studio.sql("SELECT model_id, status, cost_micros FROM ledger_entries ORDER BY created_at")
    }

}

/// The pipeline over real adapters and the emulator: retries, ambiguous submits, content policy.
final class HostedPipelineTests: EmulatedProvidersTestCase {
    func testThreeServerErrorsThenSuccessGiveOneImageAndOneCharge() async throws {
        await emulator.state.inject(.status(500), provider: .stability, times: 3)
        let (status, body) = try await edit(["operation": "search_replace", "prompt": "a dog", "search_prompt": "cat",
                                             "model": "stability-search-replace"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["cost"] as? Double, 0.04)
        let submits = await emulator.state.submitCount(.stability)
        XCTAssertEqual(submits, 4)
        let rows = try await ledger()
        XCTAssertEqual(rows, [["model_id": "stability-search-replace", "status": "settled", "cost_micros": "40000"]])
        XCTAssertEqual(studio.blobFiles().count, 1, "the emulator echoes the input, so input and output are one content-addressed file")
    }

    func testPollingErrorsAreRetriedWithoutResubmitting() async throws {
        await emulator.state.inject(.status(502), provider: .wavespeed, phase: .poll, times: 3)
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "snow", "model": "seedream-v4.5-edit"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["provider"] as? String, "wavespeed")
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 1)
        let job = try await studio.sql("SELECT status, phase, provider_task_id FROM jobs").first
        XCTAssertEqual(job?["status"], "succeeded")
        XCTAssertEqual(job?["phase"], "submitted")
        XCTAssertTrue(job?["provider_task_id"]?.hasPrefix("pred_") ?? false)
    }

    func testAnAmbiguousSubmitFailsClearlyReleasesAndIsNeverResent() async throws {
        await emulator.state.inject(.dropConnection, provider: .wavespeed)
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "snow", "model": "seedream-v4.5-edit"])
        XCTAssertEqual(status, .badGateway)
        XCTAssertEqual(errorCode(body), "provider_submit_ambiguous")
        let message = (body["error"] as? [String: Any])?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("may have been created at the provider"), message)
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 1)
        let rows = try await ledger()
        XCTAssertEqual(rows, [["model_id": "seedream-v4.5-edit", "status": "released", "cost_micros": "0"]])
        let usage = try await studio.sql("SELECT operations_reserved, reserved_micros, spent_micros FROM usage_periods").first
        XCTAssertEqual(usage, ["operations_reserved": "0", "reserved_micros": "0", "spent_micros": "0"])
        let job = try await studio.sql("SELECT status, phase, error_code FROM jobs").first
        XCTAssertEqual(job, ["status": "failed", "phase": "submitting", "error_code": "provider_submit_ambiguous"])
    }

    func testContentPolicyIsA422AndNotCharged() async throws {
        await emulator.state.inject(.nsfw, provider: .openai)
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "snow", "model": "openai-gpt-image-1"])
        XCTAssertEqual(status, .unprocessableEntity)
        XCTAssertEqual(errorCode(body), "content_policy_violation")
        let rows = try await ledger()
        XCTAssertEqual(rows.first?["status"], "released")
    }

    func testOpenAIGetsItsMaskAsAlphaAndTheOutputInTheRequestedFormat() async throws {
        let mask = try LocalToolkitFixtures.whiteMask(width: 451, height: 300)
        let (status, body) = try await edit(["operation": "inpaint", "prompt": "a hat", "model": "openai-gpt-image-1",
                                             "mask_base64": mask.base64EncodedString(), "output_format": "webp",
                                             "options": ["quality": "low"]])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["mime_type"] as? String, "image/webp")
        XCTAssertEqual(body["cost"] as? Double, 0.016, "low quality, rectangular")
    }
}

/// WaveSpeed unreachable: auto-selected edits fail over; explicit ones do not.
final class FailoverTests: EmulatedProvidersTestCase {
    override var waveSpeedDown: Bool { true }
    /// The HTTP client retries a refused connection until the request timeout: keep both short.
    override var extraEnvironment: [String: String] { ["IMAGESTUDIO_PROVIDER_TIMEOUT_MS": "300", "IMAGESTUDIO_RETRY_ATTEMPTS": "2"] }

    func testAnAutoSelectedEditFailsOverToTheNextAlternativeWithOneCharge() async throws {
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "snow", "preferences": ["prioritize_cost": true]])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertNotEqual(body["provider"] as? String, "wavespeed")
        let notes = (body["adjustments"] as? [String] ?? []).joined(separator: " ")
        XCTAssertTrue(notes.contains("(wavespeed) failed with provider_unavailable"), notes)
        let rows = try await ledger()
        XCTAssertEqual(rows.map { $0["status"] }, ["released", "settled"])
        XCTAssertTrue(rows.first?["model_id"]?.hasPrefix("qwen-edit") ?? false)
        XCTAssertEqual(rows.filter { $0["status"] == "settled" }.count, 1, "one charge, for the model that produced the image")
    }

    func testAnExplicitlyChosenModelDoesNotFailOver() async throws {
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"])
        XCTAssertEqual(status, .badGateway)
        XCTAssertEqual(errorCode(body), "provider_unavailable")
        let rows = try await ledger()
        XCTAssertEqual(rows.map { $0["status"] }, ["released"])
    }

    func testAfterRepeatedFailuresTheRecommenderSkipsTheProvider() async throws {
        for _ in 0..<5 { _ = try await edit(["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"]) }
        let (status, body) = try await send(.POST, "api/image-studio/edit/recommend", json: [
            "operation": "general_edit", "preferences": ["prioritize_cost": true]])
        XCTAssertEqual(status, .ok)
        XCTAssertNotEqual(body["provider"] as? String, "wavespeed")
        let (_, models) = try await send(.GET, "api/image-studio/edit/models?operation=general_edit")
        let qwen = (models["models"] as? [[String: Any]])?.first { $0["id"] as? String == "qwen-edit" }
        XCTAssertEqual(qwen?["available"] as? Bool, false)
        XCTAssertTrue((qwen?["unavailable_reason"] as? String ?? "").contains("circuit open"))
    }
}

/// Only a Hugging Face token: general edits fall back to it (ALwrity could not reach this path).
final class HuggingFaceFallbackTests: EmulatedProvidersTestCase {
    override var removedVariables: [String] { ["WAVESPEED_API_KEY", "OPENAI_API_KEY"] }

    func testGeneralEditsUseHuggingFaceWhenNoWaveSpeedKeyIsSet() async throws {
        let (status, body) = try await edit(["operation": "general_edit", "prompt": "make it winter"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["provider"] as? String, "huggingface")
        XCTAssertEqual(body["model"] as? String, "hf-image-to-image")
    }
}
