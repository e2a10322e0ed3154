import StudioCore
import Vapor

struct HealthResponse: Content {
    let status: String
    let version: String
    let models: Int
    let providers: [String: Bool]
    let providersEmulated: Bool

    enum CodingKeys: String, CodingKey {
        case status, version, models, providers
        case providersEmulated = "providers_emulated"
    }
}

/// `GET /api/image-studio/health`: no auth; says which providers can be called.
struct HealthController: RouteCollection {
    let studio: Studio
    let version: String
    let providersEmulated: Bool

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    @Sendable func health(req: Request) async throws -> HealthResponse {
        var providers: [String: Bool] = [:]
        for provider in ModelRegistry.knownProviders {
            providers[provider] = studio.providers.unavailableReason(provider: provider) == nil
        }
        return HealthResponse(status: "ok", version: version, models: studio.registry.models.count, providers: providers,
                              providersEmulated: providersEmulated)
    }
}
