import AsyncHTTPClient
import Foundation
import StudioCore
import StudioProviders
import StudioTestSupport
import XCTest

/// Jobs left behind by a stopped process, one per phase, recovered by the studio.
final class RecoveryTests: EmulatedProvidersTestCase {
    let model = "step1x-edit"

    func leftBehind(phase: JobPhase, taskID: String? = nil) async throws -> JobRecord {
        let core = studio.studio
        let first = try await studio.services.accounts.firstUser()
        let user = try XCTUnwrap(first)
        let descriptor = try XCTUnwrap(core.registry[model])
        let id = UUID()
        let reservation = try await core.ledger.reserve(ChargeRequest(user: user, jobID: id, model: descriptor, operation: .generalEdit,
                                                                      estimate: Money(dollars: "0.03")!, period: core.currentPeriod))
        let input = try await core.blobs.put(try Fixtures.data("chelsea.png"), mimeType: "image/png", owner: user.id)
        let parameters = JobRecord.Parameters(prompt: "snow", expansion: .init(), requestedFormat: .png, providerFormat: .png, options: [:])
        let record = JobRecord(id: id, userID: user.id, operation: .generalEdit, modelID: model, provider: "wavespeed",
                               reservation: reservation, inputHash: input.hash, maskHash: nil, backgroundHash: nil, lightingHash: nil,
                               parameters: parameters)
        try await core.jobs.create(record)
        if phase != .prepared { try await core.jobs.markSubmitting(id: id) }
        if let taskID { try await core.jobs.setTaskID(id: id, taskID: taskID) }
        return record
    }

    /// A task the emulator accepted before "the crash".
    func acceptedTask() async throws -> String {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let image = "data:image/png;base64," + (try Fixtures.data("chelsea.png")).base64EncodedString()
        let reply = try await AsyncHTTPTransport(client: client).send(HTTPCall(
            method: "POST", url: emulator.baseURL.appendingPathComponent("api/v3/wavespeed-ai/step1x-edit"),
            headers: [("Authorization", "Bearer \(emulator.apiKey)"), ("Content-Type", "application/json")],
            body: try JSONSerialization.data(withJSONObject: ["prompt": "snow", "image": image]), timeout: .seconds(5)))
        try await client.shutdown()
        let data = try XCTUnwrap((try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])?["data"] as? [String: Any])
        return try XCTUnwrap(data["id"] as? String)
    }

    func testEachPhaseIsRecoveredTheSafeWay() async throws {
        let taskID = try await acceptedTask()
        let submitted = try await leftBehind(phase: .submitted, taskID: taskID)
        let prepared = try await leftBehind(phase: .prepared)
        let submitting = try await leftBehind(phase: .submitting)

        let report = try await studio.studio.recoverUnfinishedJobs()
        var expected = RecoveryReport()
        expected.resumed = 1; expected.rerun = 1; expected.failed = 1
        XCTAssertEqual(report, expected)

        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 2, "the accepted task was polled, not resubmitted; only the never-sent job was sent")
        let statuses = try await studio.sql("SELECT status, COALESCE(error_code, '') AS error_code, phase FROM jobs ORDER BY phase")
        // The never-sent job was sent during recovery, so it too ends `submitted`.
        XCTAssertEqual(statuses.map { "\($0["phase"]!):\($0["status"]!):\($0["error_code"]!)" }.sorted(),
                       ["submitted:succeeded:", "submitted:succeeded:", "submitting:failed:provider_submit_ambiguous"])
        let ledger = try await studio.sql("SELECT status FROM ledger_entries")
        XCTAssertEqual(ledger.filter { $0["status"] == "settled" }.count, 2)
        XCTAssertEqual(ledger.filter { $0["status"] == "released" }.count, 1)
        let usage = try await studio.sql("SELECT operations_used, operations_reserved, spent_micros FROM usage_periods").first
        XCTAssertEqual(usage, ["operations_used": "2", "operations_reserved": "0", "spent_micros": "60000"])
        _ = (submitted, prepared, submitting)

        let again = try await studio.studio.recoverUnfinishedJobs()
        XCTAssertEqual(again, RecoveryReport(), "nothing is recovered twice")
    }
}
