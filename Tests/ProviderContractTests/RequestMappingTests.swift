import Foundation
import StudioCore
@testable import StudioProviders
import StudioTestSupport
import XCTest

/// The pure request builders, read field by field.
final class RequestMappingTests: XCTestCase {
    let registry = try! ModelRegistry.bundled()

    func request(_ id: String, size: PixelSize, mask: Bool = false, options: [String: JSONValue] = [:],
                 guidance: Double? = nil, seed: Int? = nil) throws -> ProviderRequest {
        let header = ImageHeader(format: .png, size: size)
        let image = ImagePayload(data: Data([0x89]), header: header)
        return ProviderRequest(model: try XCTUnwrap(registry[id]), operation: registry[id]!.capabilities[0], image: image,
                               mask: mask ? image : nil, prompt: "snow", guidanceScale: guidance, seed: seed,
                               outputFormat: .png, options: options)
    }

    func testSingleImageModelsGetAStringAndListModelsAList() throws {
        XCTAssertTrue(WaveSpeedRequest.body(try request("qwen-edit", size: .init(width: 1024, height: 768)))["image"] is String)
        XCTAssertEqual((WaveSpeedRequest.body(try request("seedream-v4.5-edit", size: .init(width: 1024, height: 1024)))["images"] as? [String])?.count, 1)
    }

    func testSizeIsWTimesH() throws {
        XCTAssertEqual(WaveSpeedRequest.body(try request("qwen-edit", size: .init(width: 1024, height: 768)))["size"] as? String, "1024*768")
    }

    func testNanoBananaSendsAspectRatioAndResolutionNotSize() throws {
        let small = WaveSpeedRequest.body(try request("nano-banana-pro-edit-ultra", size: .init(width: 3000, height: 2000)))
        XCTAssertEqual(small["aspect_ratio"] as? String, "3:2")
        XCTAssertEqual(small["resolution"] as? String, "4k")
        XCTAssertNil(small["size"])
        let large = WaveSpeedRequest.body(try request("nano-banana-pro-edit-ultra", size: .init(width: 6000, height: 4000)))
        XCTAssertEqual(large["resolution"] as? String, "8k")
    }

    func testTheMaskGoesInTheModelsMaskFieldAndNotInTheImages() throws {
        let body = WaveSpeedRequest.body(try request("z-image-turbo-inpaint", size: .init(width: 512, height: 512), mask: true))
        XCTAssertNotNil(body["mask_image"] as? String)
        XCTAssertTrue(body["image"] is String)
        let gpt = WaveSpeedRequest.body(try request("gpt-image-1-wavespeed", size: .init(width: 1024, height: 1024), mask: true))
        XCTAssertEqual((gpt["images"] as? [String])?.count, 1, "the mask is never a second reference image")
        XCTAssertNotNil(gpt["mask"])
    }

    func testGuidanceIsClampedAndSeedOnlyWhereSupported() throws {
        let kontext = WaveSpeedRequest.body(try request("flux-kontext-pro", size: .init(width: 1024, height: 1024), guidance: 50, seed: 3))
        XCTAssertEqual(kontext["guidance_scale"] as? Double, 20)
        XCTAssertNil(kontext["seed"], "flux-kontext-pro takes no seed")
        let qwen = WaveSpeedRequest.body(try request("qwen-edit", size: .init(width: 1024, height: 1024), seed: 3))
        XCTAssertEqual(qwen["seed"] as? Int, 3)
    }

    func testOnlyThePricedOptionPassesThrough() throws {
        let body = WaveSpeedRequest.body(try request("ideogram-character", size: .init(width: 1024, height: 1024),
                                                     options: ["rendering_speed": .string("Turbo"), "api_key": .string("leak")]))
        XCTAssertEqual(body["rendering_speed"] as? String, "Turbo")
        XCTAssertNil(body["api_key"])
    }

    func testSyncModeOnlyForModelsThatHaveIt() throws {
        XCTAssertEqual(WaveSpeedRequest.body(try request("qwen-edit", size: .init(width: 512, height: 512)))["enable_sync_mode"] as? Bool, true)
        XCTAssertEqual(WaveSpeedRequest.body(try request("step1x-edit", size: .init(width: 512, height: 512)))["enable_sync_mode"] as? Bool, false)
    }

    func testRetryAfterInSecondsMillisecondsAndHTTPDates() {
        XCTAssertEqual(RetryPolicy.retryAfter(HTTPReply(status: 429, headers: ["retry-after": "2"], body: Data())), .seconds(2))
        XCTAssertEqual(RetryPolicy.retryAfter(HTTPReply(status: 429, headers: ["retry-after-ms": "150"], body: Data())), .milliseconds(150))
        let now = Date(timeIntervalSince1970: 1_000_000)
        let reply = HTTPReply(status: 503, headers: ["retry-after": "Mon, 12 Jan 1970 13:46:50 GMT"], body: Data())
        XCTAssertEqual(RetryPolicy.retryAfter(reply, now: now), .seconds(10))
        XCTAssertNil(RetryPolicy().delay(afterAttempt: 1, retryAfter: .seconds(120)), "a Retry-After over the cap ends the retries")
        let jittered = RetryPolicy(baseDelay: .milliseconds(100)).delay(afterAttempt: 3, retryAfter: nil)!
        XCTAssertTrue((Duration.milliseconds(200)...Duration.milliseconds(400)).contains(jittered))
    }
}
