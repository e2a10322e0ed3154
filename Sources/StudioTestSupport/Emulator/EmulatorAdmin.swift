import Foundation
import Vapor

/// `/_emulator/...`: script faults and read counters over HTTP (for the standalone emulator and process-level tests).
struct EmulatorAdmin: RouteCollection {
    let state: EmulatorState

    struct FaultRequest: Content {
        let provider: EmulatedProvider
        let phase: EmulatorPhase?
        let fault: EmulatorFault
        let times: Int?
    }

    struct Stats: Content {
        let submits: [String: Int]
        let polls: [String: Int]
    }

    struct Settings: Content {
        let processingMilliseconds: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("_emulator")
        admin.post("faults") { req async throws -> HTTPStatus in
            let body = try req.content.decode(FaultRequest.self)
            await state.inject(body.fault, provider: body.provider, phase: body.phase ?? .submit, times: body.times ?? 1)
            return .noContent
        }
        admin.get("stats") { _ async -> Stats in Stats(submits: await state.submits, polls: await state.polls) }
        admin.post("settings") { req async throws -> HTTPStatus in
            await state.setProcessingTime(.milliseconds(try req.content.decode(Settings.self).processingMilliseconds))
            return .noContent
        }
        admin.post("reset") { _ async -> HTTPStatus in
            await state.reset()
            return .noContent
        }
    }
}
