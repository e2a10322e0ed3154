import Foundation
import StudioCore
import StudioLocalEngine
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// Every bad input gets a 4xx with a stable code; nothing is stored or charged; the server keeps serving.
final class BadInputTests: APITestCase {
    override var environment: [String: String] {
        ["IMAGESTUDIO_MAX_PIXELS": "1000000", "IMAGESTUDIO_MAX_IMAGE_BYTES": "600000", "IMAGESTUDIO_MAX_REQUEST_BYTES": "1500000"]
    }

    func process(_ fields: [String: Any]) async throws -> (HTTPStatus, String?) {
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: fields)
        return (status, errorCode(body))
    }

    func testEachBadInputIsRefusedWithItsCodeAndNothingIsRecorded() async throws {
        let chelsea = try base64("chelsea.png")
        let rocket = try Fixtures.data("rocket.jpg")
        var bomb = try Fixtures.data("chelsea.png")
        bomb.replaceSubrange(16..<24, with: [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0])
        let smallMask = try LocalToolkit().encode(DecodedImage(width: 10, height: 10, bands: 1, bytes: [UInt8](repeating: 255, count: 100)), as: .png)
        var cases: [(String, [String: Any], HTTPStatus, String)] = []
        cases += [
            ("not an image", ["image_base64": Data("plain text, not pixels".utf8).base64EncodedString(), "operation": "upscale"], .badRequest, "invalid_image"),
            ("not base64", ["image_base64": "@@@not base64@@@", "operation": "upscale"], .badRequest, "invalid_base64"),
            ("truncated", ["image_base64": rocket.prefix(rocket.count / 2).base64EncodedString(), "operation": "upscale"], .badRequest, "invalid_image"),
            ("over the pixel cap (header only)", ["image_base64": bomb.base64EncodedString(), "operation": "upscale"], .payloadTooLarge, "image_too_large"),
        ]
        cases += [
            ("mask of another size", ["image_base64": chelsea, "operation": "search_recolor", "prompt": "blue", "mask_base64": smallMask.base64EncodedString()], .badRequest, "mask_size_mismatch"),
            ("unknown operation", ["image_base64": chelsea, "operation": "teleport"], .badRequest, "unknown_operation"),
            ("not an editing operation", ["image_base64": chelsea, "operation": "face_swap"], .badRequest, "unknown_operation"),
            ("unknown model", ["image_base64": chelsea, "operation": "upscale", "model": "dall-e-9"], .badRequest, "unknown_model"),
        ]
        cases += [
            ("model cannot do it", ["image_base64": chelsea, "operation": "crop", "model": "local-resize"], .badRequest, "unsupported_operation"),
            ("missing prompt", ["image_base64": chelsea, "operation": "general_edit"], .badRequest, "prompt_required"),
            ("blank prompt", ["image_base64": chelsea, "operation": "inpaint", "prompt": "   "], .badRequest, "prompt_required"),
            ("missing expansion", ["image_base64": chelsea, "operation": "outpaint"], .badRequest, "expansion_required"),
        ]
        cases += [
            ("model needs a mask", ["image_base64": chelsea, "operation": "search_recolor", "prompt": "blue", "model": "local-recolor"], .badRequest, "mask_required"),
            ("negative expansion", ["image_base64": chelsea, "operation": "outpaint", "expand_left": -5], .badRequest, "invalid_option"),
            ("model and provider disagree", ["image_base64": chelsea, "operation": "upscale", "model": "local-resize", "provider": "openai"], .badRequest, "invalid_option"),
            ("bad output format", ["image_base64": chelsea, "operation": "convert", "output_format": "bmp"], .badRequest, "invalid_option"),
            ("missing image", ["operation": "upscale"], .badRequest, "invalid_request"),
        ]
        cases += [
            ("hosted provider not configured", ["image_base64": chelsea, "operation": "general_edit", "prompt": "snow", "model": "qwen-edit"], .serviceUnavailable, "provider_not_configured"),
            ("no model available", ["image_base64": chelsea, "operation": "general_edit", "prompt": "snow"], .unprocessableEntity, "no_model_available"),
        ]
        for (name, fields, status, code) in cases {
            let (gotStatus, gotCode) = try await process(fields)
            XCTAssertEqual(gotStatus, status, name)
            XCTAssertEqual(gotCode, code, name)
        }
        try await assertNothingRecorded()

        let (status, _) = try await process(["image_base64": chelsea, "operation": "upscale", "options": ["scale": 0.5]])
        XCTAssertEqual(status, .ok, "the server keeps serving")
    }

    func testAProviderRefusalIsRecordedReleasedAndNeverCharged() async throws {
        let (status, code) = try await process(["image_base64": try base64("coffee.png"), "operation": "remove_background"])
        XCTAssertEqual(status, .unprocessableEntity)
        XCTAssertEqual(code, "provider_rejected_input")
        let ledger = try await studio.sql("SELECT status, cost_micros, error_code FROM ledger_entries")
        XCTAssertEqual(ledger, [["status": "released", "cost_micros": "0", "error_code": "provider_rejected_input"]])
        let job = try await studio.sql("SELECT status, error_code FROM jobs")
        XCTAssertEqual(job, [["status": "failed", "error_code": "provider_rejected_input"]])
    }

    func testAnUploadOverTheByteCapIsRefused() async throws {
        // Decoded image over IMAGESTUDIO_MAX_IMAGE_BYTES (600 kB), request under the body cap.
        let (status, code) = try await process(["image_base64": try base64("astronaut.png"), "operation": "upscale"])
        XCTAssertEqual(status, .payloadTooLarge)
        XCTAssertEqual(code, "payload_too_large")
        // A body over IMAGESTUDIO_MAX_REQUEST_BYTES (1.5 MB) is refused before it is read.
        let big = String(repeating: "A", count: 2_000_000)
        let (status2, code2) = try await process(["image_base64": big, "operation": "upscale"])
        XCTAssertEqual(status2, .payloadTooLarge)
        XCTAssertEqual(code2, "payload_too_large")
        try await assertNothingRecorded()
    }

    func testMalformedJSONIsABadRequest() async throws {
        var status = HTTPStatus.ok
        try await app.test(.POST, "api/image-studio/edit/process", headers: studio.bearer.merging(["Content-Type": "application/json"]),
                           body: ByteBuffer(string: "{\"image_base64\": "), afterResponse: { res async throws in
            status = res.status
            XCTAssertTrue(res.body.string.contains("invalid_request"), res.body.string)
        })
        XCTAssertEqual(status, .badRequest)
    }
}

extension HTTPHeaders {
    func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var copy = self
        for (name, value) in other { copy.replaceOrAdd(name: name, value: value) }
        return copy
    }
}
