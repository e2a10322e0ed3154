/// The providers this server can call, and why the others cannot be called.
public struct ProviderDirectory: ProviderAvailability {
    private let providers: [String: any ImageProvider]
    private let missing: [String: String]

    /// `unconfigured` maps provider ids to a hint such as "set WAVESPEED_API_KEY".
    public init(providers: [any ImageProvider], unconfigured: [String: String] = [:]) {
        self.providers = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.missing = unconfigured
    }

    public func provider(_ id: String) throws(StudioError) -> any ImageProvider {
        guard let provider = providers[id] else {
            throw .providerNotConfigured(provider: id, hint: missing[id] ?? "no adapter is registered for it")
        }
        return provider
    }

    public func unavailableReason(provider: String) -> String? {
        guard let adapter = providers[provider] else {
            return "provider '\(provider)' is not configured (\(missing[provider] ?? "no adapter"))"
        }
        return adapter.unhealthyReason
    }
}
