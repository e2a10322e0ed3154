import Foundation
import StudioCore
import StudioProviders
import StudioTestSupport
import XCTest

/// Every hosted provider × every registry model × every fault, against the emulator.
final class ProviderContractTests: ContractTestCase {
    enum Outcome: Equatable, CustomStringConvertible {
        case success
        case failure(ProviderError.Kind)
        var description: String {
            switch self {
            case .success: "success"
            case .failure(let kind): "failure(\(kind.rawValue))"
            }
        }
    }

    struct Case: Sendable {
        let name: String
        let fault: EmulatorFault?
        var phase: EmulatorPhase = .submit
        var times = 1
        /// Which models the case applies to.
        var applies: @Sendable (ModelDescriptor) -> Bool = { _ in true }
        /// The outcome and the number of submits the emulator must have seen, per provider.
        let expect: @Sendable (String) -> (Outcome, submits: Int)
    }

    @Sendable static func polled(_ model: ModelDescriptor) -> Bool {
        (model.provider == "wavespeed" && !model.request.syncMode) || model.features.contains("async")
    }

    static let cases: [Case] = [
        Case(name: "happy path", fault: nil) { _ in (.success, 1) },
        Case(name: "429 with Retry-After, then success", fault: .status(429, retryAfter: "0")) { _ in (.success, 2) },
        Case(name: "500 on the submit", fault: .status(500)) { provider in
            provider == "wavespeed" ? (.failure(.ambiguous), 1) : (.success, 2)
        },
        Case(name: "400 validation error", fault: .status(400)) { _ in (.failure(.invalidInput), 1) },
        Case(name: "401 bad key", fault: .status(401)) { _ in (.failure(.authentication), 1) },
        Case(name: "402 no credit", fault: .status(402)) { _ in (.failure(.billing), 1) },
        Case(name: "answer after the client's timeout", fault: .delay(milliseconds: 1_100)) { _ in (.failure(.ambiguous), 1) },
        Case(name: "connection dropped after the request was sent", fault: .dropConnection) { _ in (.failure(.ambiguous), 1) },
        Case(name: "malformed JSON", fault: .malformedJSON) { _ in (.failure(.malformedResponse), 1) },
        Case(name: "content policy", fault: .nsfw) { provider in
            provider == "huggingface" ? (.success, 1) : (.failure(.contentPolicy), 1)
        },
        Case(name: "task fails", fault: .taskFails("inference error")) { provider in
            provider == "wavespeed" ? (.failure(.taskFailed), 1) : (.success, 1)
        },
        Case(name: "task fails for NSFW content", fault: .taskFails("NSFW content detected")) { provider in
            provider == "wavespeed" ? (.failure(.contentPolicy), 1) : (.success, 1)
        },
        Case(name: "finish-reason CONTENT_FILTERED", fault: .taskFails("CONTENT_FILTERED"),
             applies: { !$0.features.contains("async") }) { provider in
            switch provider {
            case "stability": (.failure(.contentPolicy), 1)
            case "wavespeed": (.failure(.taskFailed), 1)
            default: (.success, 1)
            }
        },
        Case(name: "503 twice while polling", fault: .status(503), phase: .poll, times: 2, applies: polled) { _ in (.success, 1) },
        Case(name: "expired id while polling", fault: .status(404), phase: .poll, applies: polled) { _ in (.failure(.taskFailed), 1) },
        Case(name: "sync mode: bare 504", fault: .syncGatewayTimeout, applies: { $0.request.syncMode }) { _ in (.failure(.ambiguous), 1) },
        Case(name: "sync mode: 5004 timeout, then polled", fault: .syncTimeout5004, applies: { $0.request.syncMode }) { _ in (.success, 1) },
        Case(name: "outputs as URLs", fault: .outputsAsURL, applies: { $0.provider == "wavespeed" }) { _ in (.success, 1) },
        Case(name: "model loading", fault: .loading(seconds: 0.01), applies: { $0.provider == "huggingface" }) { _ in (.success, 2) },
    ]

    func testEveryProviderModelAndFault() async throws {
        var runs = 0
        for model in hostedModels {
            let request = try request(for: model)
            for testCase in Self.cases where testCase.applies(model) {
                await emulator.state.reset()
                if let fault = testCase.fault {
                    let provider = EmulatedProvider(rawValue: model.provider)!
                    await emulator.state.inject(fault, provider: provider, phase: testCase.phase, times: testCase.times)
                }
                let adapter = try XCTUnwrap(adapters()[model.provider])
                let (expected, submits) = testCase.expect(model.provider)
                let label = "\(model.id) / \(testCase.name)"
                do {
                    let output = try await adapter.run(request, context: .none)
                    XCTAssertEqual(Outcome.success, expected, label)
                    assertOutput(output.data, of: model, label)
                } catch let error as ProviderError {
                    XCTAssertEqual(Outcome.failure(error.kind), expected, "\(label): \(error.message)")
                    XCTAssertFalse(error.message.contains(emulator.apiKey), "\(label): the key leaked into an error")
                }
                let seen = await emulator.state.submitCount(EmulatedProvider(rawValue: model.provider)!)
                XCTAssertEqual(seen, submits, "\(label): submits")
                runs += 1
            }
        }
        XCTAssertGreaterThan(runs, 600)
        XCTAssertGreaterThanOrEqual(Set(hostedModels.map(\.id)).count + registry.models.filter { $0.provider == "local" }.count, 40)
    }

    func testTheEmulatorRejectsRequestsShapedForAnotherModel() async throws {
        let singleImage = try XCTUnwrap(registry["qwen-edit"])
        var listShaped = try request(for: try XCTUnwrap(registry["qwen-edit-plus"]))
        listShaped = ProviderRequest(model: ModelDescriptor.copy(listShaped.model, path: singleImage.providerPath), operation: .generalEdit,
                                     image: listShaped.image, prompt: "x", outputFormat: .jpeg)
        do {
            _ = try await adapters()["wavespeed"]!.run(listShaped, context: .none)
            XCTFail("an images list sent to a single-image model must be refused")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .invalidInput)
            XCTAssertTrue(error.message.contains("single image"), error.message)
        }
    }

    func testTheEmulatorRejectsASizeOutsideTheModelsRange() async throws {
        let image = "data:image/png;base64," + (try Fixtures.data("chelsea.png")).base64EncodedString()
        let body = try JSONSerialization.data(withJSONObject: ["prompt": "x", "image": image, "size": "2000*1330"])
        let reply = try await AsyncHTTPTransport(client: client).send(HTTPCall(
            method: "POST", url: emulator.baseURL.appendingPathComponent("api/v3/wavespeed-ai/qwen-image/edit"),
            headers: [("Authorization", "Bearer \(emulator.apiKey)"), ("Content-Type", "application/json")], body: body, timeout: .seconds(5)))
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue(String(decoding: reply.body, as: UTF8.self).contains("size must be"))
    }

    func testTheAdapterAsksForASizeWithinTheModelsRange() async throws {
        let model = try XCTUnwrap(registry["image-zoom-out"])
        let base = try request(for: model)
        let request = ProviderRequest(model: model, operation: .outpaint, image: base.image,
                                      expansion: Expansion(left: 2000, right: 2000), outputFormat: .png)
        let output = try await adapters()["wavespeed"]!.run(request, context: .none)
        XCTAssertNoThrow(try ImageHeader.sniff(output.data), "1536 is the most zoom-out takes; the adapter asks for no more")
    }

    func testAMaskGoesInTheMaskFieldNotAsASecondImage() async throws {
        let model = try XCTUnwrap(registry["z-image-turbo-inpaint"])
        let full = try request(for: model)
        let output = try await adapters()["wavespeed"]!.run(full, context: .none)
        XCTAssertNoThrow(try ImageHeader.sniff(output.data))
        let noMask = ProviderRequest(model: model, operation: .inpaint, image: full.image, prompt: "x", outputFormat: .png)
        do {
            _ = try await adapters()["wavespeed"]!.run(noMask, context: .none)
            XCTFail("the emulated inpaint model requires mask_image")
        } catch let error as ProviderError {
            XCTAssertTrue(error.message.contains("mask_image"), error.message)
        }
    }

    func testTheCircuitOpensAfterRepeatedFailuresAndThenRefusesFast() async throws {
        let model = try XCTUnwrap(registry["stability-erase"])
        let request = try request(for: model)
        let adapter = try XCTUnwrap(adapters()["stability"])
        await emulator.state.inject(.status(503), provider: .stability, times: 100)
        for _ in 0..<5 { _ = try? await adapter.run(request, context: .none) } // five failed calls (4 attempts each) open it
        XCTAssertNotNil(adapter.unhealthyReason)
        let before = await emulator.state.submitCount(.stability)
        do { _ = try await adapter.run(request, context: .none); XCTFail("open circuit") } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .unavailable)
            XCTAssertTrue(error.message.contains("circuit open"))
        }
        let after = await emulator.state.submitCount(.stability)
        XCTAssertEqual(after, before, "an open circuit sends nothing")
    }

    func testTaskIDsAreReportedAsSoonAsKnownAndResumeNeverResubmits() async throws {
        let model = try XCTUnwrap(registry["seedream-v4.5-edit"])
        let request = try request(for: model)
        let adapter = try XCTUnwrap(adapters()["wavespeed"])
        let recorder = TaskIDRecorder()
        _ = try await adapter.run(request, context: ProviderRunContext(submitting: { await recorder.submitting() },
                                                                     accepted: { await recorder.accepted($0) }))
        let events = await recorder.events
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.first, "submitting")
        let taskID = String(try XCTUnwrap(events.last).dropFirst("accepted ".count))
        let resumed = try await adapter.resume(taskID: taskID, request: request)
        XCTAssertNoThrow(try ImageHeader.sniff(resumed.data))
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 1)
    }
}

actor TaskIDRecorder {
    var events: [String] = []
    func submitting() { events.append("submitting") }
    func accepted(_ id: String) { events.append("accepted \(id)") }
}

extension ModelDescriptor {
    /// The same entry served at another provider path (to send one model's shape to another's route).
    static func copy(_ model: ModelDescriptor, path: String) -> ModelDescriptor {
        let encoder = JSONEncoder(); encoder.keyEncodingStrategy = .convertToSnakeCase
        var object = try! JSONSerialization.jsonObject(with: encoder.encode(model)) as! [String: Any]
        object["provider_path"] = path
        let data = try! JSONSerialization.data(withJSONObject: ["models": [object]])
        return try! ModelRegistry.decode(data).models[0]
    }
}
