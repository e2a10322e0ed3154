/// The one error type of the studio's domain. The HTTP layer maps each case exhaustively to a
/// status, a stable API code and a log level (`StudioError+HTTP.swift`).
public enum StudioError: Error, Sendable, Equatable {
    case invalidRequest(String)
    case invalidBase64(field: String)
    case invalidImage(field: String, reason: String)
    case imageTooLarge(field: String, size: PixelSize, maxPixels: Int)
    case payloadTooLarge(field: String, bytes: Int, maxBytes: Int)
    case maskSizeMismatch(image: PixelSize, mask: PixelSize)
    case unknownOperation(String)
    case unknownModel(String)
    case unsupportedOperation(model: String, operation: ImageOperation)
    case missingField(RequestField, reason: String)
    case invalidOption(name: String, reason: String)
    case imageDoesNotFit(model: String, size: PixelSize, reason: String)
    case noModelAvailable(operation: ImageOperation, rejections: [Rejection])
    case providerNotConfigured(provider: String, hint: String)
    case quotaExceeded(UsageSnapshot)
    case budgetExceeded(UsageSnapshot, cost: Money)
    case provider(ProviderError)
    case notFound(String)
    case storage(String)
    case cancelled
    case conflict(String)

    /// Why a model was not a candidate for a request.
    public struct Rejection: Sendable, Equatable, Codable {
        public let modelID: String
        public let reason: String
        public init(modelID: String, reason: String) { self.modelID = modelID; self.reason = reason }
    }
}

extension StudioError {
    /// "reason (model-a, model-b, +3 more); other reason (model-c)", in first-seen order.
    static func grouped(_ rejections: [Rejection]) -> String {
        var order: [String] = []
        var models: [String: [String]] = [:]
        for rejection in rejections {
            if models[rejection.reason] == nil { order.append(rejection.reason) }
            models[rejection.reason, default: []].append(rejection.modelID)
        }
        return order.map { reason in
            let ids = models[reason] ?? []
            let shown = ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? ", +\(ids.count - 3) more" : "")
            return "\(reason) (\(shown))"
        }.joined(separator: "; ")
    }

    /// A sentence for the caller. Never includes provider response bodies or secrets.
    public var message: String {
        switch self {
        case .invalidRequest(let text): text
        case .invalidBase64(let field): "\(field) is not valid base64 (raw base64 or a data: URL)."
        case .invalidImage(let field, let reason): "\(field) is not a readable image: \(reason)."
        case .imageTooLarge(let field, let size, let maxPixels):
            "\(field) is \(size) (\(size.pixels) pixels); the limit is \(maxPixels) pixels."
        case .payloadTooLarge(let field, let bytes, let maxBytes):
            "\(field) is \(bytes) bytes; the limit is \(maxBytes) bytes."
        case .maskSizeMismatch(let image, let mask): "The mask is \(mask) but the image is \(image); they must match."
        case .unknownOperation(let name):
            "Unknown operation '\(name)'. Known: \(ImageOperation.editing.map(\.rawValue).joined(separator: ", "))."
        case .unknownModel(let id): "Unknown model '\(id)'. GET /api/image-studio/edit/models lists them."
        case .unsupportedOperation(let model, let operation): "Model '\(model)' cannot do \(operation.rawValue)."
        case .missingField(let field, let reason): "\(field.rawValue) is required: \(reason)."
        case .invalidOption(let name, let reason): "\(name): \(reason)."
        case .imageDoesNotFit(let model, let size, let reason): "A \(size) image cannot be used with '\(model)': \(reason)."
        case .noModelAvailable(let operation, let rejections):
            "No available model can do \(operation.rawValue) for this request"
                + (rejections.isEmpty ? "." : ": " + Self.grouped(rejections) + ".")
        case .providerNotConfigured(let provider, let hint): "Provider '\(provider)' is not configured: \(hint)."
        case .quotaExceeded(let usage):
            "The monthly operation limit of your plan is reached (\(usage.operationsUsed + usage.operationsReserved) of \(usage.operationLimit ?? 0))."
        case .budgetExceeded(let usage, let cost):
            "This \(cost) operation would pass your plan's monthly cost cap (\(usage.spent + usage.reserved) of \(usage.costCap ?? .zero) used)."
        case .provider(let error): error.message
        case .notFound(let what): "\(what) not found."
        case .storage(let text): "Storage failed: \(text)."
        case .cancelled: "The job was cancelled; nothing was charged."
        case .conflict(let text): text
        }
    }
}
