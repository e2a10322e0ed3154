import Foundation
import StudioCore
import StudioTestSupport
import XCTest

final class ImageHeaderTests: XCTestCase {
    func testSniffsFixtureFormatsAndSizes() throws {
        XCTAssertEqual(try ImageHeader.sniff(Fixtures.data("chelsea.png")), ImageHeader(format: .png, size: .init(width: 451, height: 300)))
        XCTAssertEqual(try ImageHeader.sniff(Fixtures.data("rocket.jpg")), ImageHeader(format: .jpeg, size: .init(width: 640, height: 427)))
    }

    func testRefusesNonImagesAndTruncatedHeaders() throws {
        XCTAssertThrowsError(try ImageHeader.sniff(Data("hello, I am text".utf8))) { XCTAssertEqual($0 as? ImageHeaderError, .notAnImage) }
        XCTAssertThrowsError(try ImageHeader.sniff(Fixtures.data("chelsea.png").prefix(20))) { XCTAssertEqual($0 as? ImageHeaderError, .truncated) }
    }

    func testReadsADecompressionBombsDeclaredSizeWithoutDecoding() throws {
        var png = try Fixtures.data("chelsea.png")
        png.replaceSubrange(16..<24, with: [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0]) // 100000 × 100000
        XCTAssertEqual(try ImageHeader.sniff(png).size, PixelSize(width: 100_000, height: 100_000))
    }
}

final class ImageFitTests: XCTestCase {
    let registry = try! ModelRegistry.bundled()

    func testNativeWhenWithinLimits() {
        let fit = try! ImageFit.of(.init(width: 1024, height: 768), to: registry["qwen-edit"]!).get()
        XCTAssertTrue(fit.isNative)
    }

    func testDownscalesKeepingAspectToTheMaximum() {
        let fit = try! ImageFit.of(.init(width: 4000, height: 3000), to: registry["qwen-edit"]!).get()
        XCTAssertEqual(fit.target, PixelSize(width: 1536, height: 1152))
        XCTAssertTrue(fit.note?.contains("downscaled") ?? false)
    }

    func testUpscalesSmallImagesToTheMinimum() {
        let fit = try! ImageFit.of(.init(width: 512, height: 512), to: registry["seedream-v4.5-edit"]!).get()
        XCTAssertEqual(fit.target, PixelSize(width: 1024, height: 1024))
    }

    func testRespectsTotalPixelLimits() {
        let fit = try! ImageFit.of(.init(width: 4000, height: 4000), to: registry["stability-remove-background"]!).get()
        XCTAssertLessThanOrEqual(fit.target.pixels, 4_194_304)
    }

    func testAnExtremeAspectRatioCannotFitAModelWithAMinimumSide() {
        if case .success = ImageFit.of(.init(width: 8000, height: 100), to: registry["seedream-v4.5-edit"]!) {
            XCTFail("an 80:1 image cannot be both ≥1024 and ≤4096 per side")
        }
    }
}
