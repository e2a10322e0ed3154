import Foundation
import StudioCore

/// A stand-in hosted provider for pipeline tests: returns the input image (or fails as told) and
/// counts its calls. The real provider emulators speak the wire protocols; this one has no wire.
public actor StubProvider: ImageProvider {
    public nonisolated let id: String
    private let failure: ProviderError.Kind?
    public private(set) var calls = 0
    /// What the pipeline handed over last.
    public private(set) var lastRequest: ProviderRequest?

    public init(id: String, failing failure: ProviderError.Kind? = nil) {
        self.id = id
        self.failure = failure
    }

    public func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput {
        calls += 1
        lastRequest = request
        if let failure { throw ProviderError(failure, provider: id, message: "The stub \(id) failed as asked (\(failure.rawValue)).") }
        return ProviderOutput(data: try request.requireImage(id).data)
    }
}
