import Foundation
import Vapor

extension EmulatorFault {
    /// The generic faults, in the provider's own error shape. `nil`: carry on (after any delay),
    /// letting the provider-specific faults be handled by the caller.
    func generic(_ errorBody: (Int) -> Response) async throws -> Response? {
        switch self {
        case .status(let code, let retryAfter):
            let response = errorBody(code)
            if let retryAfter { response.headers.replaceOrAdd(name: "Retry-After", value: retryAfter) }
            return response
        case .delay(let milliseconds):
            try await Task.sleep(for: .milliseconds(milliseconds))
            return nil
        case .dropConnection:
            return EmulatorReply.dropped()
        case .malformedJSON:
            return EmulatorReply.malformed()
        default:
            return nil
        }
    }
}
