import StudioCore
import Vapor

/// `GET /edit/operations`: ALwrity's shape (label, description, provider, async, fields) plus
/// which providers can do each operation and whether any is available here.
struct OperationsResponse: Content {
    struct Entry: Codable {
        let label: String
        let description: String
        let provider: String
        let providers: [String]
        let available: Bool
        let async: Bool
        let fields: [String: Bool]
        let required: [String]
    }

    let operations: [String: Entry]

    init(studio: Studio) {
        var operations: [String: Entry] = [:]
        for operation in ImageOperation.editing {
            let listings = studio.listModels(operation: operation)
            let available = listings.filter(\.available)
            var providers: [String] = []
            for listing in listings where !providers.contains(listing.model.provider) { providers.append(listing.model.provider) }
            let info = operation.info
            let uses = info.uses.union(info.requires)
            operations[operation.rawValue] = Entry(
                label: info.label, description: info.description,
                provider: available.first?.model.provider ?? providers.first ?? "none", providers: providers,
                available: !available.isEmpty, async: false,
                fields: [
                    "prompt": uses.contains(.prompt), "mask": uses.contains(.mask),
                    "negative_prompt": uses.contains(.negativePrompt), "search_prompt": uses.contains(.searchPrompt),
                    "select_prompt": uses.contains(.selectPrompt), "background": uses.contains(.background),
                    "lighting": uses.contains(.lighting), "expansion": uses.contains(.expansion),
                ],
                required: info.requires.map(\.rawValue).sorted())
        }
        self.operations = operations
    }
}
