import Crypto
import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest

/// Records webhook deliveries; answers 500 to the first one.
actor WebhookInbox {
    struct Delivery { let headers: HTTPHeaders; let body: Data }
    var deliveries: [Delivery] = []
    func record(_ delivery: Delivery) -> Bool {
        deliveries.append(delivery)
        return deliveries.count > 1
    }
}

final class WebhookTests: EmulatedProvidersTestCase {
    static let secretBytes = Data("a webhook secret for tests".utf8)
    override var extraEnvironment: [String: String] {
        ["IMAGESTUDIO_WEBHOOK_SECRET": "whsec_" + Self.secretBytes.base64EncodedString(), "IMAGESTUDIO_WEBHOOK_RETRY_BASE_MS": "20"]
    }

    func testAFinishedAsyncJobIsPostedSignedAndRetried() async throws {
        let inbox = WebhookInbox()
        let receiver = try await Application.make(.testing)
        receiver.logger.logLevel = .critical
        receiver.post("hook") { req async throws -> HTTPStatus in
            let ok = await inbox.record(.init(headers: req.headers, body: Data(buffer: req.body.data ?? ByteBuffer())))
            return ok ? .noContent : .internalServerError
        }
        try await receiver.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try XCTUnwrap(receiver.http.server.shared.localAddress?.port)

        let (status, queued) = try await send(.POST, "api/image-studio/edit/process?async=true", json: [
            "image_base64": try base64("chelsea.png"), "operation": "upscale", "model": "local-resize", "options": ["scale": 0.5],
            "webhook_url": "http://127.0.0.1:\(port)/hook"])
        XCTAssertEqual(status, .accepted)
        let id = try XCTUnwrap(queued["job_id"] as? String)

        let end = Date().addingTimeInterval(10)
        while await inbox.deliveries.count < 2, Date() < end { try await Task.sleep(for: .milliseconds(50)) }
        let deliveries = await inbox.deliveries
        await receiver.server.shutdown()
        try await receiver.asyncShutdown()

        XCTAssertEqual(deliveries.count, 2, "the 500 was retried once, then accepted")
        let last = try XCTUnwrap(deliveries.last)
        let payload = try XCTUnwrap(try JSONSerialization.jsonObject(with: last.body) as? [String: Any])
        XCTAssertEqual(payload["type"] as? String, "job.succeeded")
        XCTAssertEqual((payload["data"] as? [String: Any])?["id"] as? String, id)
        let webhookID = try XCTUnwrap(last.headers.first(name: "webhook-id"))
        let timestamp = try XCTUnwrap(last.headers.first(name: "webhook-timestamp"))
        var message = Data("\(webhookID).\(timestamp).".utf8)
        message.append(last.body)
        let expected = "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Self.secretBytes))).base64EncodedString()
        XCTAssertEqual(last.headers.first(name: "webhook-signature"), expected)
    }

    func testAWebhookURLIsCheckedAndOnlyForAsyncJobs() async throws {
        let (bad, badBody) = try await send(.POST, "api/image-studio/edit/process?async=true", json: [
            "image_base64": try base64("chelsea.png"), "operation": "upscale", "webhook_url": "ftp://example"])
        XCTAssertEqual(bad, .badRequest)
        XCTAssertEqual(errorCode(badBody), "invalid_option")
        let (sync, syncBody) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("chelsea.png"), "operation": "upscale", "webhook_url": "http://127.0.0.1:9/x"])
        XCTAssertEqual(sync, .badRequest)
        XCTAssertEqual(errorCode(syncBody), "invalid_option")
    }
}
