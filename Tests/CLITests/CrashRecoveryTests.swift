import AsyncHTTPClient
import Foundation
import NIOCore
import StudioCore
import StudioTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real server process, killed with SIGKILL while 20 WaveSpeed tasks are in flight, then restarted.
final class CrashRecoveryTests: XCTestCase {
    var emulator: ProviderEmulator!
    var client: HTTPClient!
    var dataDirectory: URL!
    let port = freePort()
    let key = "crash-test-key"

    override func setUp() async throws {
        emulator = try await ProviderEmulator.start(processingTime: .seconds(4))
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("imagestudio-crash-\(UUID().uuidString)")
    }

    override func tearDown() async throws {
        try await client.shutdown()
        await emulator.shutdown()
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    func startServer() throws -> Process {
        let process = Process()
        process.executableURL = CLITests.executableURL
        process.arguments = ["serve", "--port", String(port), "--data-dir", dataDirectory.path]
        var env = ProcessInfo.processInfo.environment.merging(emulator.environment) { _, new in new }
        env["IMAGESTUDIO_BOOTSTRAP_KEY"] = key
        env["IMAGESTUDIO_POLL_INTERVAL_MS"] = "100"
        env["LOG_LEVEL"] = "warning"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func get(_ path: String) async throws -> [String: Any]? {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/image-studio/\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        guard let response = try? await client.execute(request, timeout: .seconds(2)), response.status == .ok else { return nil }
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    }

    func waitUntil(_ seconds: Double, _ what: String, _ condition: () async throws -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("timed out waiting for \(what)")
    }

    func testKilledServerResumesEveryInFlightTaskOnceWithoutResubmitting() async throws {
        var server = try startServer()
        try await waitUntil(30, "the server") { try await get("health") != nil }
        let image = try Fixtures.data("chelsea.png").base64EncodedString()
        let body = try JSONSerialization.data(withJSONObject: ["image_base64": image, "operation": "general_edit",
                                                               "prompt": "snow", "model": "step1x-edit"])
        let inFlight = (0..<20).map { _ in
            Task { [client, port, key] in
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/image-studio/edit/process")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(key)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
                _ = try? await client!.execute(request, timeout: .seconds(60))
            }
        }
        try await waitUntil(30, "20 submits at the emulator") { await emulator.state.submitCount(.wavespeed) == 20 }
        try await Task.sleep(for: .milliseconds(500)) // the task ids are written as soon as each submit returns
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        for task in inFlight { task.cancel() }

        server = try startServer()
        defer { server.terminate(); server.waitUntilExit() }
        try await waitUntil(60, "all 20 jobs settled after the restart") {
            guard let usage = try await get("usage")?["totals"] as? [String: Any] else { return false }
            return usage["current_calls"] as? Int == 20 && usage["reserved_calls"] as? Int == 0
        }
        let usage = try await get("usage")?["totals"] as? [String: Any]
        XCTAssertEqual(usage?["current_cost_micros"] as? Int, 20 * 30_000, "each charged exactly once")
        let submits = await emulator.state.submitCount(.wavespeed)
        XCTAssertEqual(submits, 20, "none resubmitted")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
