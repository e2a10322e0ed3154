import Foundation
import Vapor
import XCTest
import XCTVapor

final class ReadEndpointsTests: APITestCase {
    func testHealthNeedsNoKeyAndSaysWhichProvidersWork() async throws {
        let (status, body) = try await send(.GET, "api/image-studio/health", key: nil)
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(body["status"] as? String, "ok")
        XCTAssertEqual((body["providers"] as? [String: Bool])?["local"], true)
        XCTAssertEqual((body["providers"] as? [String: Bool])?["wavespeed"], false)
    }

    func testEveryOtherRouteNeedsAValidBearerKey() async throws {
        for key in [nil, "wrong-key"] {
            for (method, path) in [(HTTPMethod.GET, "edit/operations"), (.GET, "edit/models"), (.POST, "edit/recommend"), (.POST, "edit/process"), (.GET, "usage")] {
                let (status, body) = try await send(method, "api/image-studio/\(path)", json: [:], key: key)
                XCTAssertEqual(status, .unauthorized, path)
                XCTAssertEqual(errorCode(body), "unauthorized", path)
            }
        }
    }

    func testOperationsListsRelightWithFieldsAndAvailability() async throws {
        let (status, body) = try await send(.GET, "api/image-studio/edit/operations")
        XCTAssertEqual(status, .ok)
        let operations = try XCTUnwrap(body["operations"] as? [String: [String: Any]])
        XCTAssertEqual(Set(operations.keys), ["general_edit", "inpaint", "outpaint", "erase", "remove_background", "search_replace",
                                              "search_recolor", "relight", "upscale", "crop", "convert"])
        XCTAssertEqual(operations["relight"]?["available"] as? Bool, true)
        XCTAssertEqual(operations["relight"]?["provider"] as? String, "local")
        XCTAssertEqual(operations["general_edit"]?["available"] as? Bool, false)
        XCTAssertEqual((operations["outpaint"]?["fields"] as? [String: Bool])?["expansion"], true)
        XCTAssertEqual(operations["search_replace"]?["required"] as? [String], ["prompt", "search_prompt"])
    }

    func testModelsWorkWithoutProviderKeysAndSayWhyAModelIsUnavailable() async throws {
        let (status, body) = try await send(.GET, "api/image-studio/edit/models")
        XCTAssertEqual(status, .ok)
        let models = try XCTUnwrap(body["models"] as? [[String: Any]])
        XCTAssertEqual(body["total"] as? Int, models.count)
        XCTAssertEqual(models.count, 36, "every model that can do an editing operation (upscalers included), not the other families")
        let qwen = try XCTUnwrap(models.first { $0["id"] as? String == "qwen-edit" })
        XCTAssertEqual(qwen["available"] as? Bool, false)
        XCTAssertTrue((qwen["unavailable_reason"] as? String ?? "").contains("WAVESPEED_API_KEY"))
        XCTAssertEqual(qwen["cost"] as? Double, 0.02)
        let nano = try XCTUnwrap(models.first { $0["id"] as? String == "nano-banana-pro-edit-ultra" })
        XCTAssertEqual(nano["cost_8k"] as? Double, 0.18)
        XCTAssertEqual(models.first { $0["id"] as? String == "local-crop" }?["available"] as? Bool, true)
    }

    func testModelsFilterByOperationAndTier() async throws {
        let (_, body) = try await send(.GET, "api/image-studio/edit/models?operation=remove_background&tier=free")
        let ids = (body["models"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["local-remove-background"])
        let (status, bad) = try await send(.GET, "api/image-studio/edit/models?tier=gold")
        XCTAssertEqual(status, .badRequest)
        XCTAssertEqual(errorCode(bad), "invalid_query")
        let (status2, bad2) = try await send(.GET, "api/image-studio/edit/models?operation=teleport")
        XCTAssertEqual(status2, .badRequest)
        XCTAssertEqual(errorCode(bad2), "unknown_operation")
    }

    func testRecommendPicksAnAvailableModelWithReasonAndAlternatives() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/recommend", json: [
            "operation": "remove_background", "image_resolution": ["width": 800, "height": 600]])
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(body["recommended_model"] as? String, "local-remove-background")
        XCTAssertFalse((body["reason"] as? String ?? "").isEmpty)
        XCTAssertEqual((body["alternatives"] as? [Any])?.count, 0, "the Stability model is not configured")
    }

    func testRecommendSaysWhenNoModelIsAvailable() async throws {
        let (status, body) = try await send(.POST, "api/image-studio/edit/recommend", json: ["operation": "general_edit"])
        XCTAssertEqual(status, .unprocessableEntity)
        XCTAssertEqual(errorCode(body), "no_model_available")
        let rejections = (body["error"] as? [String: Any])?["rejections"] as? [[String: Any]]
        XCTAssertEqual(rejections?.count, 15, "13 WaveSpeed general-edit models, Hugging Face and OpenAI")
    }

    func testRecommendRefusesBadInput() async throws {
        let (s1, b1) = try await send(.POST, "api/image-studio/edit/recommend", json: ["operation": "nope"])
        XCTAssertEqual(s1, .badRequest); XCTAssertEqual(errorCode(b1), "unknown_operation")
        let (s2, b2) = try await send(.POST, "api/image-studio/edit/recommend", json: ["operation": "relight", "user_tier": "platinum"])
        XCTAssertEqual(s2, .badRequest); XCTAssertEqual(errorCode(b2), "invalid_option")
        let (s3, b3) = try await send(.POST, "api/image-studio/edit/recommend", json: ["image_resolution": ["width": 1]])
        XCTAssertEqual(s3, .badRequest); XCTAssertEqual(errorCode(b3), "invalid_request")
    }

    func testUnknownRoutesAnswerJSON404() async throws {
        let (status, body) = try await send(.GET, "api/image-studio/nothing-here")
        XCTAssertEqual(status, .notFound)
        XCTAssertEqual(errorCode(body), "not_found")
    }
}
