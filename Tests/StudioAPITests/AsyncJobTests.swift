import Foundation
import StudioCore
import StudioServer
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

final class AsyncJobTests: EmulatedProvidersTestCase {
    func submit(_ fields: [String: Any], key: String = TestStudio.apiKey) async throws -> (HTTPStatus, [String: Any]) {
        var body: [String: Any] = ["image_base64": try base64("chelsea.png")]
        body.merge(fields) { _, new in new }
        return try await send(.POST, "api/image-studio/edit/process?async=true", json: body, key: key)
    }

    func testAnAsyncEditAnswers202AndAWorkerCompletesItOnce() async throws {
        let (status, queued) = try await submit(["operation": "general_edit", "prompt": "snow", "model": "seedream-v4.5-edit"])
        XCTAssertEqual(status, .accepted)
        XCTAssertEqual(queued["status"] as? String, "queued")
        let id = try XCTUnwrap(queued["job_id"] as? String)
        XCTAssertEqual((queued["links"] as? [String: String])?["events"], "/api/image-studio/jobs/\(id)/events")
        let job = try await waitForJob(id)
        XCTAssertEqual(job["status"] as? String, "succeeded")
        let output = try XCTUnwrap(job["output_url"] as? String)
        try await app.test(.GET, String(output.dropFirst()), headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
        })
        let ledger = try await studio.sql("SELECT status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger, [["status": "settled", "cost_micros": "40000"]])
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 1)
    }

    func testRefusalsAreImmediateNotQueued() async throws {
        let (bad, badBody) = try await submit(["operation": "general_edit"])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "prompt_required")
        try await studio.sql("UPDATE plans SET monthly_operations = 0 WHERE id = 'free'")
        _ = try await studio.makeUser(plan: .free, key: "broke")
        let (quota, quotaBody) = try await submit(["operation": "upscale", "model": "local-resize"], key: "broke")
        XCTAssertEqual(quota, .tooManyRequests)
        XCTAssertEqual(errorCode(quotaBody), "quota_exceeded")
        let jobs = try await studio.sql("SELECT COUNT(*) AS n FROM jobs").first?["n"]
        XCTAssertEqual(jobs, "0")
    }

    func testEventsFollowTheJobToTheEnd() async throws {
        await emulator.state.setProcessingTime(.milliseconds(600))
        let (_, queued) = try await submit(["operation": "general_edit", "prompt": "snow", "model": "seedream-v4.5-edit"])
        let id = try XCTUnwrap(queued["job_id"] as? String)
        var stream = ""
        try await app.test(.GET, "api/image-studio/jobs/\(id)/events", headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.headers.contentType?.description, "text/event-stream")
            stream = res.body.string
        })
        let names = stream.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
        XCTAssertEqual(names.last, "done", stream)
        XCTAssertTrue(names.contains("provider_processing"), "\(names)")
        XCTAssertTrue(stream.contains("\"output_url\""))
    }

    func testAQueuedJobIsCancelledAndItsReservationReleased() async throws {
        await studio.services.worker.stop() // nothing claims: the job stays queued
        let (_, queued) = try await submit(["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"])
        let id = try XCTUnwrap(queued["job_id"] as? String)
        let held = try await studio.sql("SELECT reserved_micros FROM usage_periods").first?["reserved_micros"]
        XCTAssertEqual(held, "20000")
        let (status, job) = try await send(.DELETE, "api/image-studio/jobs/\(id)")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(job["status"] as? String, "failed")
        XCTAssertEqual((job["error"] as? [String: Any])?["code"] as? String, "cancelled")
        let usage = try await studio.sql("SELECT reserved_micros, operations_reserved FROM usage_periods").first
        XCTAssertEqual(usage, ["reserved_micros": "0", "operations_reserved": "0"])
        let (again, againBody) = try await send(.DELETE, "api/image-studio/jobs/\(id)")
        XCTAssertEqual(again, .conflict)
        XCTAssertEqual(errorCode(againBody), "conflict")
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 0)
    }

    func testARunningJobIsCancelledAndNothingIsCharged() async throws {
        await emulator.state.setProcessingTime(.seconds(10))
        let (_, queued) = try await submit(["operation": "general_edit", "prompt": "snow", "model": "seedream-v4.5-edit"])
        let id = try XCTUnwrap(queued["job_id"] as? String)
        _ = try await waitForJob(id, until: ["running"])
        try await Task.sleep(for: .milliseconds(200))
        let (status, job) = try await send(.DELETE, "api/image-studio/jobs/\(id)")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual((job["error"] as? [String: Any])?["code"] as? String, "cancelled")
        let ledger = try await studio.sql("SELECT status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger, [["status": "released", "cost_micros": "0"]])
    }

    /// A sync-mode model holds the HTTP request open: cancelling drops the connection, which must
    /// still read as a cancellation, not as an ambiguous provider failure.
    func testCancellingWhileTheProviderHoldsTheRequestIsACancellation() async throws {
        await emulator.state.setProcessingTime(.seconds(10))
        let (_, queued) = try await submit(["operation": "general_edit", "prompt": "snow", "model": "qwen-edit"])
        let id = try XCTUnwrap(queued["job_id"] as? String)
        _ = try await waitForJob(id, until: ["running"])
        try await Task.sleep(for: .milliseconds(300))
        let (status, _) = try await send(.DELETE, "api/image-studio/jobs/\(id)")
        XCTAssertEqual(status, .ok)
        let job = try await waitForJob(id, until: ["failed"])
        XCTAssertEqual((job["error"] as? [String: Any])?["code"] as? String, "cancelled")
        let ledger = try await studio.sql("SELECT status, cost_micros, error_code FROM ledger_entries")
        XCTAssertEqual(ledger, [["status": "released", "cost_micros": "0", "error_code": "cancelled"]])
    }

    func testAnotherUsersJobIsNotFoundEverywhere() async throws {
        let (_, queued) = try await submit(["operation": "upscale", "model": "local-resize", "options": ["scale": 0.5]])
        let id = try XCTUnwrap(queued["job_id"] as? String)
        _ = try await studio.makeUser(plan: .pro, key: "stranger")
        for (method, path) in [(HTTPMethod.GET, "jobs/\(id)"), (.GET, "jobs/\(id)/events"), (.DELETE, "jobs/\(id)")] {
            let (status, _) = try await send(method, "api/image-studio/\(path)", key: "stranger")
            XCTAssertEqual(status, .notFound, path)
        }
    }

    func testTwoWorkerPoolsOnOneQueueRunEveryJobExactlyOnce() async throws {
        let second = JobWorker(studio: studio.studio, concurrency: 4, idle: .milliseconds(20))
        await second.start()
        var ids: [String] = []
        for _ in 0..<30 {
            let (status, queued) = try await submit(["operation": "upscale", "model": "local-resize", "options": ["scale": 0.25]])
            XCTAssertEqual(status, .accepted)
            ids.append(try XCTUnwrap(queued["job_id"] as? String))
        }
        for id in ids { _ = try await waitForJob(id) }
        await second.stop()
        let succeeded = try await studio.sql("SELECT COUNT(*) AS n FROM jobs WHERE status = 'succeeded'").first?["n"]
        XCTAssertEqual(succeeded, "30")
        let settled = try await studio.sql("SELECT COUNT(*) AS n FROM ledger_entries WHERE status = 'settled'").first?["n"]
        XCTAssertEqual(settled, "30", "each job settled once")
        let used = try await studio.sql("SELECT operations_used, operations_reserved FROM usage_periods").first
        XCTAssertEqual(used, ["operations_used": "30", "operations_reserved": "0"])
    }
}
