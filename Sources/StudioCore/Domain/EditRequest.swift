import Foundation

/// Canvas growth for outpainting, in pixels per side.
public struct Expansion: Sendable, Hashable, Codable {
    public var left: Int, right: Int, up: Int, down: Int

    public init(left: Int = 0, right: Int = 0, up: Int = 0, down: Int = 0) {
        self.left = left; self.right = right; self.up = up; self.down = down
    }

    public var isEmpty: Bool { left == 0 && right == 0 && up == 0 && down == 0 }
}

/// What the caller wants, whatever door it came through (HTTP, OpenAI shape, CLI).
public struct EditRequest: Sendable {
    public var operation: ImageOperation
    /// The input image; nil for generation.
    public var image: Data?
    /// Generation: the size to make (fitted to the model's limits; 1024×1024 when nil).
    public var outputSize: PixelSize?
    public var mask: Data?
    /// How `mask` marks the edit: white (ours) or transparent (OpenAI's); it reaches the provider
    /// converted only if the provider reads the other one.
    public var maskConvention: MaskConvention = .whiteEdits
    public var prompt: String?
    public var negativePrompt: String?
    public var searchPrompt: String?
    public var selectPrompt: String?
    public var background: Data?
    public var lighting: Data?
    /// Further input images after the main one (multi-image models).
    public var references: [Data]
    public var expansion: Expansion
    public var modelID: String?
    public var provider: String?
    public var stylePreset: String?
    public var guidanceScale: Double?
    public var steps: Int?
    public var seed: Int?
    public var outputFormat: ImageFormat
    public var options: [String: JSONValue]
    public var preferences: Preferences
    /// Async jobs: where to POST the finished job (http or https).
    public var webhookURL: String?

    public init(operation: ImageOperation, image: Data?, mask: Data? = nil, prompt: String? = nil,
                negativePrompt: String? = nil, searchPrompt: String? = nil, selectPrompt: String? = nil,
                background: Data? = nil, lighting: Data? = nil, references: [Data] = [], expansion: Expansion = .init(),
                modelID: String? = nil, provider: String? = nil, stylePreset: String? = nil,
                guidanceScale: Double? = nil, steps: Int? = nil, seed: Int? = nil,
                outputFormat: ImageFormat = .png, options: [String: JSONValue] = [:],
                preferences: Preferences = .init()) {
        self.operation = operation; self.image = image; self.mask = mask; self.prompt = prompt
        self.negativePrompt = negativePrompt; self.searchPrompt = searchPrompt; self.selectPrompt = selectPrompt
        self.background = background; self.lighting = lighting; self.references = references; self.expansion = expansion
        self.modelID = modelID; self.provider = provider; self.stylePreset = stylePreset
        self.guidanceScale = guidanceScale; self.steps = steps; self.seed = seed
        self.outputFormat = outputFormat; self.options = options; self.preferences = preferences
    }

    /// The request fields that are present (non-empty), to check against what a model requires.
    public var presentFields: Set<RequestField> {
        var fields: Set<RequestField> = []
        if !(prompt ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { fields.insert(.prompt) }
        if !(negativePrompt ?? "").isEmpty { fields.insert(.negativePrompt) }
        if mask != nil { fields.insert(.mask) }
        if !(searchPrompt ?? "").trimmingCharacters(in: .whitespaces).isEmpty { fields.insert(.searchPrompt) }
        if !(selectPrompt ?? "").trimmingCharacters(in: .whitespaces).isEmpty { fields.insert(.selectPrompt) }
        if background != nil { fields.insert(.background) }
        if lighting != nil { fields.insert(.lighting) }
        if !expansion.isEmpty { fields.insert(.expansion) }
        if !references.isEmpty { fields.insert(operation == .faceSwap ? .faceImage : .referenceImages) }
        if !(options["target_language"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty { fields.insert(.targetLanguage) }
        return fields
    }
}

/// What the user asks the recommender to favour.
public struct Preferences: Sendable, Hashable, Codable {
    public var prioritizeCost: Bool
    public var prioritizeQuality: Bool

    public init(prioritizeCost: Bool = false, prioritizeQuality: Bool = false) {
        self.prioritizeCost = prioritizeCost
        self.prioritizeQuality = prioritizeQuality
    }
}
