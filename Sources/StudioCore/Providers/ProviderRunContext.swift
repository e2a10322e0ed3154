/// How a provider tells the pipeline where a call stands, so a crash can be recovered from:
/// `submitting` right before a request that creates work at the provider is sent, `accepted` as
/// soon as the provider's task id is known.
public struct ProviderRunContext: Sendable {
    public let submitting: @Sendable () async throws -> Void
    public let accepted: @Sendable (_ taskID: String) async throws -> Void

    public init(submitting: @escaping @Sendable () async throws -> Void = {},
                accepted: @escaping @Sendable (_ taskID: String) async throws -> Void = { _ in }) {
        self.submitting = submitting
        self.accepted = accepted
    }

    public static let none = ProviderRunContext()
}
