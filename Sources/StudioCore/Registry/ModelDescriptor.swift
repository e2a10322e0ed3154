/// One model of the registry. Everything that differs between models is here, as data.
public struct ModelDescriptor: Sendable, Codable, Hashable, Identifiable {
    public let id: String
    public let name: String
    public let description: String
    /// Provider id: wavespeed, stability, huggingface, openai or local.
    public let provider: String
    /// Where the provider serves it (a URL path, model id or local operation).
    public let providerPath: String
    public let price: PriceRule
    public let tier: ModelTier
    /// Editorial quality score 0–100, used by the recommender.
    public let quality: Int
    public let maxResolution: PixelSize
    public let minResolution: PixelSize
    /// Limits on total pixels, where the provider states them that way.
    public let maxPixels: Int?
    public let minPixels: Int?
    public let capabilities: [ImageOperation]
    public let request: RequestShape
    public let languages: [String]
    public let features: [String]
    public let useCases: [String]
    public let confirmed: Confirmation
    public let notes: String?
    /// What the model produces (an image unless stated).
    public let output: OutputKind?

    public func can(_ operation: ImageOperation) -> Bool { capabilities.contains(operation) }
    public var outputKind: OutputKind { output ?? .image }
    /// Whether the pipeline resizes the inputs to `fit` before the call (not when the provider scales them itself).
    public func resizesInputs(for fit: ImageFit) -> Bool { !fit.isNative && request.scalesInputs != true }
}

/// What a model's run produces.
public enum OutputKind: String, Sendable, Codable, Hashable {
    case image
    /// A binary glTF (GLB) 3D model.
    case model3D = "model_3d"
}

/// Which facts of an entry were checked against the provider's own documentation.
public struct Confirmation: Sendable, Codable, Hashable {
    public let price: Bool
    public let shape: Bool
    public let limits: Bool
}

/// How the provider wants the request built.
public struct RequestShape: Sendable, Codable, Hashable {
    public enum Sizing: String, Sendable, Codable, Hashable {
        case size                       // "W*H"
        case aspectRatio = "aspect_ratio"
        case aspectRatioResolution = "aspect_ratio_resolution"
        case expansion                  // left/right/up/down pixels
        case none
    }

    public struct Guidance: Sendable, Codable, Hashable {
        public let min: Double
        public let max: Double
        public let `default`: Double
    }

    /// The image field name: "image" (single) or "images" (list), or a provider-specific name.
    public let imageField: String
    /// How many input images the model takes at most (the main image included).
    public let maxReferences: Int
    public let sizing: Sizing
    public let maskField: String?
    /// Fields the model needs beyond what the operation needs.
    public let requires: [RequestField]
    public let seed: Bool
    public let guidance: Guidance?
    public let outputFormats: [ImageFormat]
    public let defaultOutputFormat: ImageFormat
    public let supportsControlnet: Bool
    /// Whether the provider can answer the submit with the finished result (WaveSpeed's sync mode).
    public let syncMode: Bool
    /// Face swap: the field the face image goes in.
    public let faceField: String?
    /// Whether the image field is a list; when absent, a model taking several images takes a list.
    public let imageList: Bool?
    /// Whether the face field is a list.
    public let faceList: Bool?
    /// Caller options passed to the provider as body fields of the same name (besides the priced option).
    public let passthrough: [String]?
    /// How the provider reads a mask (white edits when absent).
    public let maskConvention: MaskConvention?
    /// The provider scales an input image of any resolution itself, so it is sent as it is and the
    /// resolution limits bound the output only (OpenAI's image models).
    public let scalesInputs: Bool?

    public var takesList: Bool { imageList ?? (maxReferences > 1) }
    public var readsMasksAs: MaskConvention { maskConvention ?? .whiteEdits }
}
