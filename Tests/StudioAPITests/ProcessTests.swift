import Foundation
import StudioCore
import StudioLocalEngine
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

final class ProcessTests: APITestCase {
    func testProcessRunsALocalOperationAndReportsModelCostJobAndRealMime() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": "data:image/png;base64," + (try base64("chelsea.png")),
            "operation": "outpaint", "expand_left": 20, "expand_right": 30, "output_format": "webp"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["success"] as? Bool, true)
        XCTAssertEqual(body["model"] as? String, "local-expand")
        XCTAssertEqual(body["provider"] as? String, "local")
        XCTAssertEqual(body["cost"] as? Double, 0)
        XCTAssertEqual(body["mime_type"] as? String, "image/webp")
        XCTAssertEqual(body["width"] as? Int, 501)
        XCTAssertEqual(body["height"] as? Int, 300)
        let dataURL = try XCTUnwrap(body["image_base64"] as? String)
        XCTAssertTrue(dataURL.hasPrefix("data:image/webp;base64,"))
        let image = try XCTUnwrap(Data(base64Encoded: String(dataURL.dropFirst("data:image/webp;base64,".count))))
        XCTAssertEqual(try ImageHeader.sniff(image), ImageHeader(format: .webp, size: PixelSize(width: 501, height: 300)))
        XCTAssertNotNil(UUID(uuidString: body["job_id"] as? String ?? ""))
        XCTAssertNotNil(body["recommendation_reason"] as? String)

        let job = try await studio.sql("SELECT status, model_id FROM jobs").first
        XCTAssertEqual(job?["status"], "succeeded")
        let jobID = try XCTUnwrap(body["job_id"] as? String)
        let (jobStatus, shown) = try await send(.GET, "api/image-studio/jobs/\(jobID)")
        XCTAssertEqual(jobStatus, .ok)
        XCTAssertEqual(shown["status"] as? String, "succeeded")
        XCTAssertEqual(shown["model"] as? String, "local-expand")
        XCTAssertEqual(shown["output_url"] as? String, body["output_url"] as? String)
        _ = try await studio.makeUser(plan: .pro, key: "job-snoop")
        let (hidden, hiddenBody) = try await send(.GET, "api/image-studio/jobs/\(jobID)", key: "job-snoop")
        XCTAssertEqual(hidden, .notFound, "another user's job id is a 404")
        XCTAssertEqual(errorCode(hiddenBody), "not_found")
        let ledger = try await studio.sql("SELECT status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger.count, 1)
        XCTAssertEqual(ledger.first?["status"], "settled")
        XCTAssertEqual(studio.blobFiles().count, 2, "the input (kept for crash recovery) and the output")

        // The stored output is served to its owner, and to nobody else.
        let outputURL = try XCTUnwrap(body["output_url"] as? String)
        var fetched = Data()
        try await app.test(.GET, String(outputURL.dropFirst()), headers: studio.bearer, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.description, "image/webp")
            fetched = Data(buffer: res.body)
        })
        XCTAssertEqual(fetched, image)
        _ = try await studio.makeUser(plan: .pro, key: "someone-else")
        try await app.test(.GET, String(outputURL.dropFirst()), headers: ["Authorization": "Bearer someone-else"], afterResponse: { res async throws in
            XCTAssertEqual(res.status, .notFound)
        })
    }

    func testRelightIsAccepted() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("coffee.png"), "operation": "relight", "prompt": "warmer, light from the right"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["model"] as? String, "local-relight")
    }

    func testAnExplicitModelIsUsedAndItsOptionsPassThrough() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("rocket.jpg"), "operation": "crop", "model": "local-crop",
            "options": ["left": 10, "top": 10, "width": 100, "height": 80], "output_format": "jpeg"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["width"] as? Int, 100)
        XCTAssertEqual(body["height"] as? Int, 80)
        XCTAssertEqual(body["mime_type"] as? String, "image/jpeg")
    }

    func testRecolorWithAMaskOfTheSameSize() async throws {
        let toolkit = LocalToolkit()
        let mask = try toolkit.encode(DecodedImage(width: 451, height: 300, bands: 1, bytes: [UInt8](repeating: 255, count: 451 * 300)), as: .png)
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": try base64("chelsea.png"), "operation": "search_recolor", "prompt": "turn it green",
            "mask_base64": mask.base64EncodedString()])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["model"] as? String, "local-recolor")
    }
}
