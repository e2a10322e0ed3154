import Foundation
import StudioCore
import StudioLocalEngine
import StudioTestSupport
import Vapor
import XCTest
import XCTVapor

/// What reaches a provider: a mask in the convention it reads (untouched when it already is), and an
/// image at its own size when the provider scales inputs itself.
final class MaskAndFitTests: APITestCase {
    let openai = StubProvider(id: "openai")
    let wavespeed = StubProvider(id: "wavespeed")
    override var providers: [any ImageProvider] { [openai, wavespeed] }
    let toolkit = LocalToolkit()

    /// A mask editing the left half, in OpenAI's convention (transparent = edit).
    func leftHalfAlphaMask(width: Int, height: Int) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<(width / 2) { bytes[y * width + x] = 255 } }
        let white = try toolkit.encode(DecodedImage(width: width, height: height, bands: 1, bytes: bytes), as: .png)
        return try toolkit.alphaMask(fromEditMask: white)
    }

    func sent(_ provider: StubProvider) async throws -> ProviderRequest {
        let request = await provider.lastRequest
        return try XCTUnwrap(request, "the provider was not called")
    }

    func openAIEdit(image: Data, mask: Data?, model: String) async throws -> (HTTPStatus, [String: Any]) {
        let boundary = "mask-test-boundary"
        var body = Data()
        func part(_ name: String, _ value: Data, filename: String? = nil) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"".utf8))
            if let filename { body.append(Data("; filename=\"\(filename)\"\r\nContent-Type: image/png".utf8)) }
            body.append(Data("\r\n\r\n".utf8)); body.append(value); body.append(Data("\r\n".utf8))
        }
        part("model", Data(model.utf8)); part("prompt", Data("a red hat".utf8))
        part("image", image, filename: "image.png")
        if let mask { part("mask", mask, filename: "mask.png") }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var status = HTTPStatus.ok, json: [String: Any] = [:]
        try await app.test(.POST, "v1/images/edits", beforeRequest: { req in
            req.headers.bearerAuthorization = .init(token: TestStudio.apiKey)
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(data: body)
        }, afterResponse: { res async throws in
            status = res.status
            json = (try? JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]) ?? [:]
        })
        return (status, json)
    }

    func testAnOpenAIMaskReachesOpenAIByteForByte() async throws {
        let image = try Fixtures.data("chelsea.png")
        let size = try ImageHeader.sniff(image).size
        let mask = try leftHalfAlphaMask(width: size.width, height: size.height)
        let (status, body) = try await openAIEdit(image: image, mask: mask, model: "gpt-image-1")
        XCTAssertEqual(status, .ok, "\(body)")
        let sent = try await sent(openai)
        XCTAssertEqual(sent.operation, .inpaint)
        XCTAssertEqual(sent.mask?.data, mask, "no conversion round trip")
        XCTAssertEqual(sent.image?.data, image)
    }

    func testAnOpenAIMaskIsConvertedForAProviderThatReadsWhiteMasks() async throws {
        let image = try Fixtures.data("chelsea.png")
        let size = try ImageHeader.sniff(image).size
        let (status, body) = try await openAIEdit(image: image, mask: try leftHalfAlphaMask(width: size.width, height: size.height),
                                                  model: "z-image-turbo-inpaint")
        XCTAssertEqual(status, .ok, "\(body)")
        let call = try await sent(wavespeed)
        let sent = try XCTUnwrap(call.mask)
        let pixels = try toolkit.decodePixels(sent.data)
        XCTAssertEqual(pixels.bytes[0], 255, "transparent (edit) became white")
        XCTAssertEqual(pixels.bytes[(pixels.width - 1) * pixels.bands], 0, "opaque (keep) became black")
    }

    func testAMaskWithoutAnAlphaChannelIsRefusedAndNothingRecorded() async throws {
        let image = try Fixtures.data("chelsea.png")
        let size = try ImageHeader.sniff(image).size
        let (status, body) = try await openAIEdit(image: image, mask: try LocalToolkitFixtures.whiteMask(width: size.width, height: size.height),
                                                  model: "gpt-image-1")
        XCTAssertEqual(status, .badRequest)
        let error = try XCTUnwrap(body["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "invalid_image")
        XCTAssertEqual(error["param"] as? String, "mask")
        try await assertNothingRecorded()
    }

    func testAnImageBeyondTheOutputLimitReachesAProviderThatScalesItselfAsItIs() async throws {
        let big = try toolkit.resize(try Fixtures.data("chelsea.png"), to: PixelSize(width: 2048, height: 2048), format: .png)
        let (status, body) = try await send(.POST, "api/image-studio/edit/process", json: [
            "image_base64": big.base64EncodedString(), "operation": "general_edit", "prompt": "snow", "model": "openai-gpt-image-1"])
        XCTAssertEqual(status, .ok, "\(body)")
        XCTAssertEqual(body["adjustments"] as? [String], [], "nothing resized")
        let call = try await sent(openai)
        let sent = try XCTUnwrap(call.image)
        XCTAssertEqual(sent.header.size, PixelSize(width: 2048, height: 2048))
        XCTAssertEqual(sent.data, big)
    }

    func testAWhiteMaskIsResizedWithItsImageForAModelThatCannotTakeTheSize() async throws {
        let big = try toolkit.resize(try Fixtures.data("chelsea.png"), to: PixelSize(width: 2000, height: 1000), format: .png)
        let mask = try leftHalfAlphaMask(width: 2000, height: 1000)
        let (status, body) = try await openAIEdit(image: big, mask: mask, model: "z-image-turbo-inpaint")
        XCTAssertEqual(status, .ok, "\(body)")
        let sent = try await sent(wavespeed)
        let maskPixels = try toolkit.decodePixels(try XCTUnwrap(sent.mask).data)
        XCTAssertEqual(sent.image?.header.size, PixelSize(width: maskPixels.width, height: maskPixels.height))
        XCTAssertLessThanOrEqual(maskPixels.width, 1536)
        XCTAssertEqual(maskPixels.bytes[0], 255)
        XCTAssertEqual(maskPixels.bytes[(maskPixels.width - 1) * maskPixels.bands], 0)
    }
}
