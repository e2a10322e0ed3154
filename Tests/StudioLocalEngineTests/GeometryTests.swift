import Foundation
import StudioCore
import StudioTestSupport
import XCTest

final class GeometryTests: LocalEngineTestCase {
    func testResizeByScaleDoublesBothSides() async throws {
        let out = try pixels(await run("local-resize", Fixtures.data("chelsea.png")))
        XCTAssertEqual([out.width, out.height], [902, 600])
    }

    func testResizeToATargetWidthKeepsTheAspectRatio() async throws {
        let out = try pixels(await run("local-resize", Fixtures.data("rocket.jpg"), options: ["target_width": .number(320)]))
        XCTAssertEqual(out.width, 320)
        XCTAssertEqual(out.height, 214) // 427 × 0.5, rounded
    }

    func testResizeRefusesAnAbsurdScale() async throws {
        do {
            _ = try await run("local-resize", Fixtures.data("chelsea.png"), options: ["scale": .number(50)])
            XCTFail("expected an error")
        } catch let error as StudioError {
            XCTAssertEqual(error.code, "invalid_option")
        }
    }

    func testCropReturnsExactlyTheSourcePixelsOfTheRectangle() async throws {
        let source = try pixels(Fixtures.data("coffee.png"))
        let out = try pixels(await run("local-crop", Fixtures.data("coffee.png"),
                                       options: ["left": .number(100), "top": .number(50), "width": .number(200), "height": .number(120)]))
        XCTAssertEqual([out.width, out.height], [200, 120])
        for (x, y) in [(0, 0), (199, 119), (57, 33)] {
            XCTAssertEqual(out.pixel(x, y), source.pixel(100 + x, 50 + y))
        }
    }

    func testCropOutsideTheImageIsRefused() async throws {
        do {
            _ = try await run("local-crop", Fixtures.data("coffee.png"),
                              options: ["left": .number(500), "width": .number(200), "height": .number(10)])
            XCTFail("expected an error")
        } catch let error as StudioError {
            XCTAssertEqual(error.code, "invalid_option")
        }
    }

    func testExpandGrowsTheCanvasAndRepeatsTheEdgePixels() async throws {
        let source = try pixels(Fixtures.data("chelsea.png"))
        let out = try pixels(await run("local-expand", Fixtures.data("chelsea.png"), expansion: Expansion(left: 40, right: 10, up: 20, down: 0)))
        XCTAssertEqual([out.width, out.height], [451 + 50, 300 + 20])
        // Left of the original's first column, the same colour as that column; above row 0, the same as row 0.
        XCTAssertEqual(out.pixel(0, 20 + 100), source.pixel(0, 100))
        XCTAssertEqual(out.pixel(40 + 200, 0), source.pixel(200, 0))
        XCTAssertEqual(out.pixel(40 + 200, 20 + 150), source.pixel(200, 150))
    }

    func testConvertWritesTheRequestedFormat() async throws {
        let png = try Fixtures.data("rocket.jpg")
        for format in [ImageFormat.png, .webp, .jpeg] {
            let out = try await run("local-convert", png, format: format)
            let header = try ImageHeader.sniff(out)
            XCTAssertEqual(header.format, format)
            XCTAssertEqual(header.size, PixelSize(width: 640, height: 427))
        }
    }

    func testTruncatedImagesFailTheFullDecodeCheck() throws {
        let data = try Fixtures.data("rocket.jpg")
        XCTAssertThrowsError(try toolkit.verifyIntact(data.prefix(data.count / 2)))
        XCTAssertNoThrow(try toolkit.verifyIntact(data))
    }

    func testAPNGWithOneChangedByteOrCutShortFailsItsChecksums() throws {
        let data = try Fixtures.data("chelsea.png")
        XCTAssertNoThrow(try toolkit.verifyIntact(data))
        var flipped = data
        flipped[data.count / 2] ^= 0x01
        XCTAssertThrowsError(try toolkit.verifyIntact(flipped)) { XCTAssertTrue("\($0)".contains("checksum"), "\($0)") }
        XCTAssertThrowsError(try toolkit.verifyIntact(data.prefix(data.count - 12))) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
    }
}
