import Foundation
import StudioCore
import StudioLocalEngine
import StudioTestSupport
import XCTest

final class PixelOperationTests: LocalEngineTestCase {
    /// The cat photo placed on a plain white studio background with a 60 px margin.
    func catOnWhite() throws -> (Data, DecodedImage) {
        let cat = try pixels(Fixtures.data("chelsea.png"))
        let (w, h, margin) = (cat.width + 120, cat.height + 120, 60)
        var bytes = [UInt8](repeating: 255, count: w * h * 3)
        for y in 0..<cat.height {
            for x in 0..<cat.width {
                let source = cat.pixel(x, y)
                for band in 0..<3 { bytes[((y + margin) * w + x + margin) * 3 + band] = source[band] }
            }
        }
        let image = DecodedImage(width: w, height: h, bands: 3, bytes: bytes)
        return (try toolkit.encode(image, as: .png), image)
    }

    func testRemoveBackgroundMakesThePlainBackgroundTransparentAndKeepsTheSubject() async throws {
        let (input, source) = try catOnWhite()
        let out = try pixels(await run("local-remove-background", input))
        XCTAssertEqual(out.bands, 4)
        XCTAssertEqual([out.width, out.height], [source.width, source.height])
        for (x, y) in [(0, 0), (out.width - 1, out.height - 1), (30, out.height / 2), (out.width / 2, 10)] {
            XCTAssertEqual(out.pixel(x, y)[3], 0, "background at \(x),\(y) should be transparent")
        }
        var opaque = 0, total = 0
        for y in stride(from: 80, to: out.height - 80, by: 7) {
            for x in stride(from: 80, to: out.width - 80, by: 7) { total += 1; if out.pixel(x, y)[3] == 255 { opaque += 1 } }
        }
        XCTAssertGreaterThan(Double(opaque) / Double(total), 0.95, "the photo itself must stay opaque")
        XCTAssertEqual(Array(out.pixel(200, 200).prefix(3)), source.pixel(200, 200), "colours are kept")
    }

    func testRemoveBackgroundRefusesABusyBackground() async throws {
        do {
            _ = try await run("local-remove-background", Fixtures.data("coffee.png"))
            XCTFail("the wooden table is not a plain background")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .invalidInput)
            XCTAssertTrue(error.message.contains("not plain"))
        }
    }

    func testRecolorChangesHueInsideTheMaskOnlyAndKeepsBrightness() async throws {
        let input = try Fixtures.data("astronaut.png")
        let source = try pixels(input)
        let mask = try mask(width: source.width, height: source.height) { x, _ in x < source.width / 2 }
        let out = try pixels(await run("local-recolor", input, mask: mask, prompt: "make the suit blue"))
        var blueWins = 0, checked = 0
        for y in stride(from: 0, to: out.height, by: 9) {
            for x in stride(from: 0, to: out.width, by: 9) {
                if x >= source.width / 2 {
                    XCTAssertEqual(out.pixel(x, y), source.pixel(x, y), "outside the mask at \(x),\(y)")
                } else {
                    let p = out.pixel(x, y), s = source.pixel(x, y)
                    guard s.max()! > 40 else { continue } // near-black has no visible hue
                    checked += 1
                    if p[2] >= p[0] && p[2] >= p[1] { blueWins += 1 }
                    XCTAssertEqual(Double(p.max()!), Double(s.max()!), accuracy: 3, "brightness (HSV value) is kept")
                }
            }
        }
        XCTAssertGreaterThan(Double(blueWins) / Double(checked), 0.95)
    }

    func testRecolorWithoutAColourIsAClearError() async throws {
        let input = try Fixtures.data("chelsea.png")
        let mask = try mask(width: 451, height: 300) { _, _ in true }
        do {
            _ = try await run("local-recolor", input, mask: mask, prompt: "make it nicer")
            XCTFail("expected an error")
        } catch let error as StudioError {
            XCTAssertEqual(error.code, "invalid_option")
        }
    }

    func testRelightExposureBrightensEverything() async throws {
        let input = try Fixtures.data("coffee.png")
        let out = try pixels(await run("local-relight", input, options: ["exposure": .number(1)]))
        XCTAssertGreaterThan(meanBrightness(out), meanBrightness(try pixels(input)) * 1.4)
    }

    func testRelightFromTheLeftBrightensTheLeftMoreThanTheRight() async throws {
        let input = try Fixtures.data("coffee.png")
        let source = try pixels(input)
        let out = try pixels(await run("local-relight", input, prompt: "soft light from the left"))
        let left = 0..<100, right = (source.width - 100)..<source.width
        XCTAssertGreaterThan(meanBrightness(out, columns: left) / meanBrightness(source, columns: left), 1.2)
        XCTAssertLessThan(meanBrightness(out, columns: right) / meanBrightness(source, columns: right), 0.9)
    }

    func testRelightWarmerRaisesRedAgainstBlue() async throws {
        let input = try Fixtures.data("astronaut.png")
        let source = try pixels(input), out = try pixels(await run("local-relight", input, prompt: "warmer"))
        func ratio(_ image: DecodedImage) -> Double {
            var red = 0.0, blue = 0.0
            for i in stride(from: 0, to: image.bytes.count, by: image.bands) { red += Double(image.bytes[i]); blue += Double(image.bytes[i + 2]) }
            return red / blue
        }
        XCTAssertGreaterThan(ratio(out), ratio(source) * 1.1)
    }
}
