import Foundation
import StudioCore
import StudioLocalEngine
import Vapor

/// Emulators of WaveSpeed, Stability, Hugging Face and OpenAI on one loopback port: the real paths,
/// headers, bodies, status codes and async states, each request validated per model the way the
/// provider would, with scripted faults. Point every `*_BASE_URL` at `baseURL`.
public final class ProviderEmulator: Sendable {
    public let app: Application
    public let state: EmulatorState
    public let baseURL: URL
    public var apiKey: String { state.apiKey }

    private init(app: Application, state: EmulatorState, baseURL: URL) {
        self.app = app; self.state = state; self.baseURL = baseURL
    }

    /// Starts on 127.0.0.1 (`port` 0 picks a free one).
    public static func start(port: Int = 0, apiKey: String = "emulator-key", processingTime: Duration = .milliseconds(50),
                             quiet: Bool = true) async throws -> ProviderEmulator {
        let app = try await Application.make(.testing)
        if quiet { app.logger.logLevel = .critical }
        let state = EmulatorState(apiKey: apiKey, processingTime: processingTime)
        let registry = try ModelRegistry.bundled()
        app.routes.defaultMaxBodySize = "64mb"
        try app.register(collection: WaveSpeedEmulator(state: state, registry: registry))
        try app.register(collection: StabilityEmulator(state: state, registry: registry))
        try app.register(collection: HuggingFaceEmulator(state: state))
        try app.register(collection: OpenAIEmulator(state: state))
        try app.register(collection: EmulatorAdmin(state: state))
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        guard let bound = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "emulator did not bind") }
        return ProviderEmulator(app: app, state: state, baseURL: URL(string: "http://127.0.0.1:\(bound)")!)
    }

    public func shutdown() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    /// Environment that points Image Studio at this emulator for every provider.
    public var environment: [String: String] {
        var env: [String: String] = [:]
        for (key, base) in [("WAVESPEED_API_KEY", "WAVESPEED_BASE_URL"), ("STABILITY_API_KEY", "STABILITY_BASE_URL"),
                            ("HF_TOKEN", "HF_BASE_URL"), ("OPENAI_API_KEY", "OPENAI_BASE_URL")] {
            env[key] = apiKey
            env[base] = baseURL.absoluteString
        }
        return env
    }
}

extension Request {
    /// The Bearer token matches the emulator's key.
    func emulatorAuthorized(_ state: EmulatorState) -> Bool {
        headers.bearerAuthorization?.token == state.apiKey
    }

    var emulatorBase: String { "http://\(headers.first(name: .host) ?? "127.0.0.1")" }
}

enum EmulatorReply {
    static func json(_ status: HTTPResponseStatus, _ object: Any, headers: [(String, String)] = []) -> Response {
        let response = Response(status: status, body: .init(data: (try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
        response.headers.contentType = .json
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func bytes(_ data: Data, contentType: String, headers: [(String, String)] = []) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// A response whose body fails after the headers: the client sees the connection drop.
    static func dropped() -> Response {
        Response(status: .ok, body: .init(asyncStream: { writer in
            try await writer.write(.buffer(ByteBuffer(string: "{\"code\": 200, ")))
            try await writer.write(.error(Abort(.internalServerError, reason: "emulated dropped connection")))
        }))
    }

    static func malformed() -> Response {
        bytes(Data("{\"code\": 200, \"data\": {".utf8), contentType: "application/json")
    }

    /// An emulated "generation": a flat grey PNG of the asked size.
    static func generatedImage(width: Int, height: Int) throws -> Data {
        let pixels = DecodedImage(width: width, height: height, bands: 3, bytes: [UInt8](repeating: 128, count: width * height * 3))
        return try LocalToolkit().encode(pixels, as: .png)
    }

    /// An emulated 3D model: the smallest valid binary glTF (a header and a JSON chunk naming glTF 2.0).
    static func glb() -> Data {
        var json = Array(#"{"asset":{"version":"2.0","generator":"provider-emulator"}}"#.utf8)
        while json.count % 4 != 0 { json.append(0x20) }
        func le(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        let total = UInt32(12 + 8 + json.count)
        return Data(Array("glTF".utf8) + le(2) + le(total) + le(UInt32(json.count)) + Array("JSON".utf8) + json)
    }

    static func decodeImage(_ text: String) -> Data? {
        guard let data = Payloads.inlineImageForEmulator(text), (try? ImageHeader.sniff(data)) != nil else { return nil }
        return data
    }
}

enum Payloads {
    static func inlineImageForEmulator(_ text: String) -> Data? {
        let payload = text.hasPrefix("data:") ? String(text.drop { $0 != "," }.dropFirst()) : text
        return Data(base64Encoded: payload, options: .ignoreUnknownCharacters)
    }
}
