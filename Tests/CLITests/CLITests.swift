import Foundation
import StudioCore
import StudioTestSupport
import XCTest

/// Runs the built `imagestudio` executable as a user would.
final class CLITests: XCTestCase {
    var dataDirectory: URL!

    override func setUp() {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("imagestudio-cli-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    var executable: URL { Self.executableURL }

    /// The executable in the build products directory, where the test bundle also is.
    static var executableURL: URL {
        if let path = ProcessInfo.processInfo.environment["IMAGESTUDIO_BIN"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("imagestudio") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--data-dir", dataDirectory.path]
        var environment = ProcessInfo.processInfo.environment
        environment["WAVESPEED_API_KEY"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    func testModelsListsTheRegistryWithAvailability() throws {
        let (status, out, _) = try run(["models", "--operation", "remove_background"])
        XCTAssertEqual(status, 0)
        let lines = out.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, out)
        XCTAssertTrue(lines.contains { $0.hasPrefix("local-remove-background") && $0.hasSuffix("yes") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("stability-remove-background") && $0.contains("STABILITY_API_KEY") })
    }

    func testEditWritesTheResultThroughTheSamePipeline() throws {
        let input = Fixtures.directory.appendingPathComponent("chelsea.png").path
        let output = dataDirectory.appendingPathComponent("out.jpg").path
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let (status, out, err) = try run(["edit", input, "--operation", "outpaint", "--expand", "10,10,0,40", "-o", output])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("model local-expand"), out)
        let header = try ImageHeader.sniff(Data(contentsOf: URL(fileURLWithPath: output)))
        XCTAssertEqual(header, ImageHeader(format: .jpeg, size: PixelSize(width: 471, height: 340)))
    }

    /// generate, upscale, face-swap, translate and to-3d run in-process through the same entry point,
    /// against the provider emulator.
    func testEveryFamilyHasACommand() async throws {
        let emulator = try await ProviderEmulator.start(processingTime: .milliseconds(20))
        let env = emulator.environment
        let photo = Fixtures.directory.appendingPathComponent("chelsea.png").path
        let face = Fixtures.directory.appendingPathComponent("astronaut.png").path
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { dataDirectory.appendingPathComponent(name).path }
        let commands: [([String], String, String)] = [
            (["generate", "--prompt", "a lighthouse", "--model", "flux-schnell", "--size", "512x384", "--count", "2", "-o", path("gen.png")], "gen-2.png", "flux-schnell"),
            (["upscale", photo, "--model", "local-resize", "--scale", "2", "-o", path("up.png")], "up.png", "local-resize"),
            (["face-swap", photo, "--face", face, "--model", "image-face-swap", "-o", path("swap.jpg")], "swap.jpg", "image-face-swap"),
            (["translate", photo, "--to", "fr", "--model", "qwen-image-translate", "-o", path("fr.png")], "fr.png", "qwen-image-translate"),
            (["to-3d", photo, "--model", "sam-3d-objects", "-o", path("cat.glb")], "cat.glb", "sam-3d-objects"),
        ]
        for (arguments, file, model) in commands {
            let (status, out, err) = try run(arguments, environment: env)
            XCTAssertEqual(status, 0, "\(arguments[0]): \(err)")
            XCTAssertTrue(out.contains("model \(model)"), out)
            XCTAssertTrue(FileManager.default.fileExists(atPath: path(file)), file)
        }
        XCTAssertEqual(try ImageHeader.sniff(Data(contentsOf: URL(fileURLWithPath: path("gen-1.png")))).size, PixelSize(width: 512, height: 384))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("cat.glb"))).prefix(4), Data("glTF".utf8))
        let (bad, _, err) = try run(["to-3d", photo, "-o", path("cat.png")], environment: env)
        XCTAssertNotEqual(bad, 0)
        XCTAssertTrue(err.contains("GLB"), err)
        await emulator.shutdown()
    }

    func testAdminCommandsManageUsersKeysAndPlans() throws {
        let (created, out, err) = try run(["users", "create", "--name", "ana", "--plan", "basic"])
        XCTAssertEqual(created, 0, err)
        XCTAssertTrue(out.contains("API key: isk_"), out)
        let (_, users, _) = try run(["users", "list"])
        let ana = try XCTUnwrap(users.split(separator: "\n").first { $0.hasSuffix("ana") })
        XCTAssertTrue(ana.contains("basic"))
        let id = String(ana.split(separator: " ")[0])
        XCTAssertEqual(try run(["users", "set-plan", id, "pro"]).0, 0)
        XCTAssertEqual(try run(["keys", "create", "--user", id, "--label", "phone"]).0, 0)
        let (_, keys, _) = try run(["keys", "list", "--user", id])
        XCTAssertEqual(keys.split(separator: "\n").count, 2)
        let keyID = String(keys.split(separator: "\n")[0].split(separator: " ")[0])
        XCTAssertEqual(try run(["keys", "revoke", keyID]).0, 0)
        XCTAssertTrue(try run(["keys", "list", "--user", id]).1.contains("(revoked)"))
        XCTAssertEqual(try run(["plans", "set", "free", "--operations", "10", "--cost-cap", "3.00"]).0, 0)
        XCTAssertTrue(try run(["plans", "list"]).1.contains("free        operations: 10, cost cap: $3.00"))
        XCTAssertNotEqual(try run(["plans", "set", "free", "--operations", "lots", "--cost-cap", "1"]).0, 0)
    }

    func testEditReportsAStableErrorCode() throws {
        let input = Fixtures.directory.appendingPathComponent("chelsea.png").path
        let (status, _, err) = try run(["edit", input, "--operation", "general_edit", "-o", dataDirectory.appendingPathComponent("x.png").path])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("error: prompt_required"), err)
    }
}
