import Foundation

/// An image held in memory with what its header says.
public struct ImagePayload: Sendable {
    public let data: Data
    public let header: ImageHeader

    public init(data: Data, header: ImageHeader) {
        self.data = data
        self.header = header
    }
}

/// One call to a provider, already validated and fitted to the model's limits.
public struct ProviderRequest: Sendable {
    public let model: ModelDescriptor
    public let operation: ImageOperation
    /// The input image; nil only for generation.
    public let image: ImagePayload?
    public let mask: ImagePayload?
    public let background: ImagePayload?
    public let lighting: ImagePayload?
    /// Further input images, for models that take several.
    public let references: [ImagePayload]
    public let prompt: String?
    public let negativePrompt: String?
    public let searchPrompt: String?
    public let selectPrompt: String?
    public let expansion: Expansion
    public let stylePreset: String?
    public let guidanceScale: Double?
    public let steps: Int?
    public let seed: Int?
    public let outputFormat: ImageFormat
    public let options: [String: JSONValue]
    /// The size to produce when there is no input image (generation).
    public var outputSize: PixelSize?

    /// The size of what the call works on: the input image, or the size asked for.
    public var workingSize: PixelSize { image?.header.size ?? outputSize ?? PixelSize(width: 1024, height: 1024) }

    /// The input image, or the provider's refusal when an operation without one reaches it.
    public func requireImage(_ provider: String) throws(ProviderError) -> ImagePayload {
        guard let image else {
            throw ProviderError(.invalidInput, provider: provider, message: "This \(provider) model needs an input image.")
        }
        return image
    }

    public init(model: ModelDescriptor, operation: ImageOperation, image: ImagePayload?, mask: ImagePayload? = nil,
                background: ImagePayload? = nil, lighting: ImagePayload? = nil, references: [ImagePayload] = [], prompt: String? = nil,
                negativePrompt: String? = nil, searchPrompt: String? = nil, selectPrompt: String? = nil,
                expansion: Expansion = .init(), stylePreset: String? = nil, guidanceScale: Double? = nil,
                steps: Int? = nil, seed: Int? = nil, outputFormat: ImageFormat = .png, options: [String: JSONValue] = [:]) {
        self.model = model; self.operation = operation; self.image = image; self.mask = mask
        self.background = background; self.lighting = lighting; self.references = references; self.prompt = prompt
        self.negativePrompt = negativePrompt; self.searchPrompt = searchPrompt; self.selectPrompt = selectPrompt
        self.expansion = expansion; self.stylePreset = stylePreset; self.guidanceScale = guidanceScale
        self.steps = steps; self.seed = seed; self.outputFormat = outputFormat; self.options = options
    }
}

/// What a provider returns: the image bytes (copied, never a provider URL) and what it reports.
public struct ProviderOutput: Sendable {
    public let data: Data
    /// The provider's own cost figure when it reports one; otherwise the estimate stands.
    public let reportedCost: Money?
    public let providerTaskID: String?

    public init(data: Data, reportedCost: Money? = nil, providerTaskID: String? = nil) {
        self.data = data
        self.reportedCost = reportedCost
        self.providerTaskID = providerTaskID
    }
}

/// What a submit left behind.
public enum Submission: Sendable {
    /// The provider is working on a task: wait for it with `resume`.
    case accepted(taskID: String)
    /// The provider answered with the output.
    case finished(ProviderOutput)
}

/// The one protocol every provider (hosted or local) implements.
public protocol ImageProvider: Sendable {
    /// The provider id the registry uses ("wavespeed", "local", …).
    var id: String { get }
    /// Runs one request. Throws `ProviderError` (classified) or `StudioError` for input it refuses.
    func run(_ request: ProviderRequest, context: ProviderRunContext) async throws -> ProviderOutput
    /// Sends the request and returns as soon as the provider holds it: the task to `resume`, or the
    /// output when the provider answered with it. A caller keeping many jobs in flight lets the
    /// inputs go between the two.
    func submit(_ request: ProviderRequest, context: ProviderRunContext) async throws -> Submission
    /// Picks up a task the provider accepted (before this process stopped, or by `submit`): polls it, never resubmits.
    func resume(taskID: String, request: ProviderRequest) async throws -> ProviderOutput
    /// nil when the provider can take calls; otherwise why not (for example an open circuit breaker).
    var unhealthyReason: String? { get }
}

extension ImageProvider {
    public var unhealthyReason: String? { nil }

    public func run(_ request: ProviderRequest) async throws -> ProviderOutput {
        try await run(request, context: .none)
    }

    /// Providers that answer with the output: the whole run.
    public func submit(_ request: ProviderRequest, context: ProviderRunContext) async throws -> Submission {
        .finished(try await run(request, context: context))
    }
    public func resume(taskID: String, request: ProviderRequest) async throws -> ProviderOutput {
        throw ProviderError(.ambiguous, provider: id, message: "The \(id) provider cannot resume task \(taskID).")
    }
}
