import Foundation
import StudioCore
import StudioTestSupport
import Vapor
import XCTest

/// Generation through the pipeline (OpenAI-compatible route), counted in the generation family.
final class GenerationTests: EmulatedProvidersTestCase {
    func testAGenerationIsChargedOnceAndCountedAsGeneration() async throws {
        let (status, body) = try await send(.POST, "v1/images/generations", json: ["model": "gpt-image-1", "prompt": "a lighthouse", "size": "1024x1536", "quality": "high"])
        XCTAssertEqual(status, .ok, "\(body)")
        let data = try XCTUnwrap((body["data"] as? [[String: Any]])?.first?["b64_json"] as? String)
        let image = try XCTUnwrap(Data(base64Encoded: data))
        XCTAssertEqual(try ImageHeader.sniff(image).size, PixelSize(width: 1024, height: 1536))
        let ledger = try await studio.sql("SELECT operation, status, cost_micros FROM ledger_entries")
        XCTAssertEqual(ledger, [["operation": "generate", "status": "settled", "cost_micros": "250000"]])
        let first = try await studio.services.accounts.firstUser()
        let user = try XCTUnwrap(first)
        let generation = try await studio.studio.ledger.usage(of: user, period: studio.studio.currentPeriod, family: .generation)
        XCTAssertEqual(generation.operationsUsed, 1)
        let editing = try await studio.studio.ledger.usage(of: user, period: studio.studio.currentPeriod, family: .editing)
        XCTAssertEqual(editing.operationsUsed, 0)
    }

    func testGenerationErrorsAreInOpenAIShape() async throws {
        let (status, body) = try await send(.POST, "v1/images/generations", json: ["model": "local-relight", "prompt": "x"])
        XCTAssertEqual(status, .badRequest)
        let error = try XCTUnwrap(body["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "unsupported_operation")
        XCTAssertEqual(error["param"] as? String, "model")
        let (blank, blankBody) = try await send(.POST, "v1/images/generations", json: ["prompt": "  "])
        XCTAssertEqual(blank, .badRequest)
        XCTAssertEqual((blankBody["error"] as? [String: Any])?["code"] as? String, "prompt_required")
    }
}
