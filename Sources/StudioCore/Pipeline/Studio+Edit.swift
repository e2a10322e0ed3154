import Foundation

extension Studio {
    /// Runs one edit: validate → resolve or recommend the model → fit the image → estimate →
    /// reserve → run the provider → store the output → settle (or release on failure).
    public func edit(_ request: EditRequest, for user: StudioUser) async throws -> EditResult {
        let inputs = try validateInputs(request)
        let (model, fit, reason) = try await resolveModel(request, inputs: inputs, user: user)
        let provider = try providers.provider(model.provider)
        var adjustments = fit.note.map { [$0] } ?? []
        let prepared = try fitInputs(inputs, to: fit)
        let estimate = try estimator.estimate(model, output: fit.target, options: request.options)

        let jobID = UUID()
        let reservation = try await ledger.reserve(ChargeRequest(
            user: user, jobID: jobID, model: model, operation: request.operation, estimate: estimate, period: currentPeriod))
        let output: ProviderOutput
        let header: ImageHeader
        let image: Data
        do {
            try await jobs.create(id: jobID, user: user, operation: request.operation, model: model, estimate: estimate)
            try await jobs.update(id: jobID, status: .running, outputHash: nil, errorCode: nil, errorMessage: nil)
            output = try await provider.run(providerRequest(request, model: model, inputs: prepared))
            (image, header) = try finishOutput(output.data, requested: request.outputFormat, model: model, adjustments: &adjustments)
        } catch {
            let failure = Self.classify(error, provider: model.provider)
            try? await ledger.release(reservation, errorCode: failure.code)
            try? await jobs.update(id: jobID, status: .failed, outputHash: nil, errorCode: failure.code, errorMessage: failure.message)
            throw failure
        }
        let blob = try await blobs.put(image, mimeType: header.format.mimeType, owner: user.id)
        let cost = output.reportedCost ?? estimate
        try await ledger.settle(reservation, actual: cost)
        try await jobs.update(id: jobID, status: .succeeded, outputHash: blob.hash, errorCode: nil, errorMessage: nil)
        return EditResult(jobID: jobID, model: model, operation: request.operation, image: image, header: header,
                          cost: cost, blob: blob, adjustments: adjustments, recommendationReason: reason)
    }

    private func resolveModel(_ request: EditRequest, inputs: ValidatedInputs, user: StudioUser) async throws
        -> (ModelDescriptor, ImageFit, String?) {
        let size = inputs.image.header.size
        guard let id = request.modelID, !id.isEmpty else {
            let query = RecommendationQuery(operation: request.operation, imageSize: size, userTier: user.plan.id,
                                            preferences: request.preferences, presentFields: request.presentFields,
                                            provider: request.provider, options: request.options)
            let recommendation = try await recommend(query, for: user)
            return (recommendation.model, recommendation.fit ?? ImageFit(original: size, target: size), recommendation.reason)
        }
        guard let model = registry[id] else { throw StudioError.unknownModel(id) }
        if let provider = request.provider, !provider.isEmpty, provider != model.provider {
            throw StudioError.invalidOption(name: "provider", reason: "model '\(model.id)' is served by '\(model.provider)', not '\(provider)'")
        }
        try checkModel(model, for: request)
        switch ImageFit.of(size, to: model) {
        case .success(let fit): return (model, fit, nil)
        case .failure(let failure): throw StudioError.imageDoesNotFit(model: model.id, size: size, reason: failure.reason)
        }
    }

    /// Resizes the image (and its mask) when the model cannot take them as they are.
    private func fitInputs(_ inputs: ValidatedInputs, to fit: ImageFit) throws -> ValidatedInputs {
        guard !fit.isNative else { return inputs }
        func resized(_ payload: ImagePayload, as format: ImageFormat) throws -> ImagePayload {
            ImagePayload(data: try toolkit.resize(payload.data, to: fit.target, format: format),
                         header: ImageHeader(format: format, size: fit.target))
        }
        let imageFormat: ImageFormat = inputs.image.header.format == .jpeg ? .jpeg : .png
        return ValidatedInputs(image: try resized(inputs.image, as: imageFormat),
                               mask: try inputs.mask.map { try resized($0, as: .png) },
                               background: inputs.background, lighting: inputs.lighting)
    }

    private func providerRequest(_ request: EditRequest, model: ModelDescriptor, inputs: ValidatedInputs) -> ProviderRequest {
        let format = model.request.outputFormats.contains(request.outputFormat) ? request.outputFormat : model.request.defaultOutputFormat
        return ProviderRequest(model: model, operation: request.operation, image: inputs.image, mask: inputs.mask,
                               background: inputs.background, lighting: inputs.lighting, prompt: request.prompt,
                               negativePrompt: request.negativePrompt, searchPrompt: request.searchPrompt,
                               selectPrompt: request.selectPrompt, expansion: request.expansion,
                               stylePreset: request.stylePreset, guidanceScale: request.guidanceScale,
                               steps: request.steps, seed: request.seed, outputFormat: format, options: request.options)
    }

    /// Reads what the provider really returned and converts it when the caller asked for another format.
    private func finishOutput(_ data: Data, requested: ImageFormat, model: ModelDescriptor,
                              adjustments: inout [String]) throws -> (Data, ImageHeader) {
        let header: ImageHeader
        do { header = try ImageHeader.sniff(data) } catch {
            throw ProviderError(.malformedResponse, provider: model.provider, message: "The provider returned something that is not an image.")
        }
        guard header.format != requested, ImageFormat.writable.contains(requested) else { return (data, header) }
        let converted = try toolkit.resize(data, to: header.size, format: requested)
        adjustments.append("converted the provider's \(header.format.rawValue) output to \(requested.rawValue)")
        return (converted, ImageHeader(format: requested, size: header.size))
    }

    static func classify(_ error: any Error, provider: String) -> StudioError {
        switch error {
        case let error as StudioError: error
        case let error as ProviderError: .provider(error)
        case is CancellationError: .provider(ProviderError(.timeout, provider: provider, message: "The request was cancelled."))
        default: .provider(ProviderError(.engineFailure, provider: provider, message: "The \(provider) provider failed unexpectedly."))
        }
    }
}
