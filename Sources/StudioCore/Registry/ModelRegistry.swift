import Foundation

/// The checked-in catalogue of models (`Resources/models.json`).
public struct ModelRegistry: Sendable {
    public let models: [ModelDescriptor]
    private let byID: [String: ModelDescriptor]

    /// Provider ids a registry entry may name.
    public static let knownProviders: Set<String> = ["wavespeed", "stability", "huggingface", "openai", "local"]

    public init(models: [ModelDescriptor]) {
        self.models = models
        self.byID = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> ModelDescriptor? { byID[id] }

    public func models(for operation: ImageOperation) -> [ModelDescriptor] { models.filter { $0.can(operation) } }

    /// Decodes a registry file.
    public static func decode(_ data: Data) throws -> ModelRegistry {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct File: Decodable { let models: [ModelDescriptor] }
        return ModelRegistry(models: try decoder.decode(File.self, from: data).models)
    }

    /// The registry shipped with the studio.
    public static func bundled() throws -> ModelRegistry {
        guard let url = Bundle.module.url(forResource: "models", withExtension: "json") else {
            throw StudioError.storage("models.json is missing from the StudioCore bundle")
        }
        return try decode(Data(contentsOf: url))
    }
}
