import Foundation
import StudioCore

/// The single registration list of hosted providers: one line each.
public enum AllProviders {
    /// Adapters for every provider that has settings (a key); each gets its own circuit breaker.
    public static func make(settings: [String: ProviderSettings], transport: any HTTPTransport) -> [any ImageProvider] {
        var providers: [any ImageProvider] = []
        if let s = settings["wavespeed"] { providers.append(WaveSpeedProvider(settings: s, transport: transport)) }
        if let s = settings["stability"] { providers.append(StabilityProvider(settings: s, transport: transport)) }
        if let s = settings["huggingface"] { providers.append(HuggingFaceProvider(settings: s, transport: transport)) }
        if let s = settings["openai"] { providers.append(OpenAIProvider(settings: s, transport: transport)) }
        return providers
    }
}
