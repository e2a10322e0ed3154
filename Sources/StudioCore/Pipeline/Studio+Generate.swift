import Foundation

/// A request to make an image from words alone.
public struct GenerateRequest: Sendable {
    public var prompt: String
    public var modelID: String?
    /// Output size; nil lets the model choose (1024×1024 is assumed for pricing).
    public var size: PixelSize?
    public var outputFormat: ImageFormat
    public var options: [String: JSONValue]
    public var preferences: Preferences

    public init(prompt: String, modelID: String? = nil, size: PixelSize? = nil, outputFormat: ImageFormat = .png,
                options: [String: JSONValue] = [:], preferences: Preferences = .init()) {
        self.prompt = prompt; self.modelID = modelID; self.size = size; self.outputFormat = outputFormat
        self.options = options; self.preferences = preferences
    }
}

extension Studio {
    /// Generation through the same steps as an edit, minus the input image: choose the model,
    /// estimate, reserve (counted in the generation family), run, store, settle.
    public func generate(_ request: GenerateRequest, for user: StudioUser) async throws -> EditResult {
        guard !request.prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StudioError.missingField(.prompt, reason: "generation needs a prompt")
        }
        if let size = request.size, !(64...4096).contains(size.width) || !(64...4096).contains(size.height) {
            throw StudioError.invalidOption(name: "size", reason: "each side must be between 64 and 4096 pixels")
        }
        let model: ModelDescriptor
        var reason: String?
        if let id = request.modelID {
            guard let chosen = registry[id] else { throw StudioError.unknownModel(id) }
            guard chosen.can(.generate) else { throw StudioError.unsupportedOperation(model: id, operation: .generate) }
            model = chosen
        } else {
            let query = RecommendationQuery(operation: .generate, userTier: user.plan.id, preferences: request.preferences,
                                            presentFields: [.prompt], options: request.options)
            let recommendation = try await recommend(query, for: user)
            (model, reason) = (recommendation.model, recommendation.reason)
        }
        let provider = try providers.provider(model.provider)
        let size = request.size ?? PixelSize(width: 1024, height: 1024)
        let estimate = try estimator.estimate(model, output: size, options: request.options)
        let format = model.request.outputFormats.contains(request.outputFormat) ? request.outputFormat : model.request.defaultOutputFormat
        var call = ProviderRequest(model: model, operation: .generate, image: nil, prompt: request.prompt, outputFormat: format,
                                   options: request.options)
        call.outputSize = size
        let jobID = UUID()
        let reservation = try await ledger.reserve(ChargeRequest(user: user, jobID: jobID, model: model, operation: .generate,
                                                                 estimate: estimate, period: currentPeriod))
        var parameters = JobRecord.Parameters(prompt: request.prompt, requestedFormat: request.outputFormat, providerFormat: format,
                                              options: request.options)
        parameters.outputSize = size
        let record = JobRecord(id: jobID, userID: user.id, operation: .generate, modelID: model.id, provider: model.provider,
                               reservation: reservation, inputHash: nil, maskHash: nil, backgroundHash: nil, lightingHash: nil,
                               parameters: parameters)
        do { try await jobs.create(record) } catch {
            try? await ledger.release(reservation, errorCode: "storage_error")
            throw error
        }
        let done = try await runAndSettle(record, call: call) { context in try await provider.run(call, context: context) }
        return EditResult(jobID: jobID, model: model, operation: .generate, image: done.image, header: done.header, cost: done.cost,
                          blob: done.blob, adjustments: done.notes, recommendationReason: reason)
    }
}
