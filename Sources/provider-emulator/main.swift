import ArgumentParser
import Foundation
import StudioTestSupport

/// Runs the provider emulators (WaveSpeed, Stability, Hugging Face, OpenAI) standalone on 127.0.0.1,
/// for demos, benchmarks and black-box checks. Everything it answers is emulated.
@main
struct ProviderEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "provider-emulator",
                                                    abstract: "Emulated WaveSpeed, Stability, Hugging Face and OpenAI APIs on loopback.")

    @Option(help: "Port (0 picks a free one).") var port = 9090
    @Option(help: "The API key every emulated provider accepts.") var key = "emulator-key"
    @Option(name: .customLong("processing-ms"), help: "How long an emulated task runs.") var processingMilliseconds = 300

    func run() async throws {
        let emulator = try await ProviderEmulator.start(port: port, apiKey: key, processingTime: .milliseconds(processingMilliseconds))
        let banner = "provider-emulator listening on \(emulator.baseURL.absoluteString) (key: \(key)) — all answers are EMULATED\n"
        FileHandle.standardOutput.write(Data(banner.utf8))
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
