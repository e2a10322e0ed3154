import Foundation
import StudioCore
import XCTest

final class RegistryTests: XCTestCase {
    func testBundledRegistryHasNoProblems() throws {
        let registry = try ModelRegistry.bundled()
        XCTAssertEqual(registry.problems(), [])
    }

    func testRegistryHoldsEveryModelOfTheOriginalDesign() throws {
        let registry = try ModelRegistry.bundled()
        let wavespeed = ["qwen-edit", "qwen-edit-plus", "step1x-edit", "hidream-e1-full", "seededit-v3", "wan-2.5-image-edit",
                         "flux-kontext-pro", "flux-kontext-pro-multi", "flux-kontext-max", "ideogram-character",
                         "nano-banana-pro-edit-ultra", "seedream-v4.5-edit", "gpt-image-1-wavespeed", "z-image-turbo-inpaint",
                         "image-zoom-out"]
        for id in wavespeed { XCTAssertEqual(registry[id]?.provider, "wavespeed", id) }
        let stabilityOperations = registry.models.filter { $0.provider == "stability" }.flatMap(\.capabilities)
        XCTAssertEqual(Set(stabilityOperations), [.erase, .inpaint, .outpaint, .searchReplace, .searchRecolor, .removeBackground, .relight,
                                                  .upscale, .generate])
        XCTAssertEqual(registry.models.filter { $0.provider == "huggingface" }.map(\.id), ["hf-image-to-image", "hf-flux-krea"])
        XCTAssertTrue(registry["openai-gpt-image-1"]?.can(.inpaint) ?? false)
        let local = Set(registry.models.filter { $0.provider == "local" }.flatMap(\.capabilities))
        XCTAssertEqual(local, [.upscale, .crop, .outpaint, .removeBackground, .searchRecolor, .relight, .convert])
    }

    /// The original design's central registry: 40+ models over every family, each named model present.
    func testRegistryCoversEveryFamilyWithOverFortyModels() throws {
        let registry = try ModelRegistry.bundled()
        XCTAssertGreaterThanOrEqual(registry.models.count, 40)
        let expected: [ImageOperation: [String]] = [
            .generate: ["flux-dev", "flux-schnell", "qwen-image", "ideogram-v3-turbo", "nano-banana-pro", "seedream-v4",
                        "stability-core", "stability-ultra", "hf-flux-krea", "openai-gpt-image-1"],
            .upscale: ["stability-upscale-fast", "stability-upscale-conservative", "stability-upscale-creative", "image-upscaler",
                       "ultimate-image-upscaler", "local-resize"],
            .faceSwap: ["image-face-swap", "image-face-swap-pro", "image-head-swap", "infinite-you", "akool-face-swap"],
            .translate: ["image-translator", "qwen-image-translate"],
            .imageTo3D: ["hunyuan3d-v2.1", "hunyuan3d-v3", "tripo3d-v2.5", "rodin-v2", "sam-3d-objects"],
            .character: ["ideogram-character"],
        ]
        for (operation, ids) in expected {
            XCTAssertEqual(Set(registry.models(for: operation).map(\.id)), Set(ids), operation.rawValue)
        }
        for model in registry.models(for: .imageTo3D) { XCTAssertEqual(model.outputKind, .model3D, model.id) }
        for model in registry.models(for: .faceSwap) { XCTAssertNotNil(model.request.faceField, model.id) }
    }

    func testEveryEditingOperationHasAModel() throws {
        let registry = try ModelRegistry.bundled()
        for operation in ImageOperation.allCases {
            XCTAssertFalse(registry.models(for: operation).isEmpty, operation.rawValue)
        }
    }

    func testValidationNamesEachBrokenFact() throws {
        let good = try ModelRegistry.bundled()["qwen-edit"]!
        var json = try JSONSerialization.jsonObject(with: JSONEncoder.snake.encode(good)) as! [String: Any]
        json["provider"] = "acme"
        json["price"] = ["kind": "flat", "usd": "0"]
        var request = json["request"] as! [String: Any]
        request["requires"] = ["mask"]
        request["mask_field"] = NSNull()
        request["default_output_format"] = "gif"
        request["mask_convention"] = "transparent_edits"
        json["request"] = request
        let data = try JSONSerialization.data(withJSONObject: ["models": [json, json]])
        let problems = try ModelRegistry.decode(data).problems().joined(separator: "\n")
        for expected in ["listed twice", "unknown provider 'acme'", "every price must be positive",
                         "requires a mask but names no mask field", "default output format",
                         "names a mask convention but no mask field"] {
            XCTAssertTrue(problems.contains(expected), "missing '\(expected)' in:\n\(problems)")
        }
    }

    func testOpenAIModelsReadTransparentMasksAndScaleTheirOwnInputs() throws {
        let openai = try ModelRegistry.bundled().models.filter { $0.provider == "openai" }
        XCTAssertFalse(openai.isEmpty)
        for model in openai where model.request.maskField != nil {
            XCTAssertEqual(model.request.readsMasksAs, .transparentEdits, model.id)
            XCTAssertEqual(model.request.scalesInputs, true, model.id)
        }
        let others = try ModelRegistry.bundled().models.filter { $0.provider != "openai" }
        XCTAssertTrue(others.allSatisfy { $0.request.readsMasksAs == .whiteEdits && $0.request.scalesInputs != true })
    }

    func testUnknownCapabilityDoesNotDecode() throws {
        let good = try ModelRegistry.bundled()["qwen-edit"]!
        var json = try JSONSerialization.jsonObject(with: JSONEncoder.snake.encode(good)) as! [String: Any]
        json["capabilities"] = ["teleport"]
        let data = try JSONSerialization.data(withJSONObject: ["models": [json]])
        XCTAssertThrowsError(try ModelRegistry.decode(data))
    }
}

extension JSONEncoder {
    static var snake: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
