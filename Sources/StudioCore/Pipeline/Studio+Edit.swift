import Foundation

/// The model a request will run on, and how it was chosen.
struct ModelChoice: Sendable {
    let model: ModelDescriptor
    let fit: ImageFit
    let reason: String?
    /// Chosen by the recommender (so another model may stand in for it).
    let autoSelected: Bool
}

extension Studio {
    /// Runs one edit: validate → resolve or recommend the model → fit the image → estimate →
    /// reserve → run the provider → store the output → settle (or release on failure). When an
    /// auto-selected model's provider is down, the next recommended model of another provider runs.
    public func edit(_ request: EditRequest, for user: StudioUser) async throws -> EditResult {
        let inputs = try validateInputs(request)
        var failedProviders: Set<String> = []
        var notes: [String] = []
        var lastFailure: StudioError?
        while true {
            let choice: ModelChoice
            do {
                choice = try await resolveModel(request, inputs: inputs, user: user, excluding: failedProviders)
            } catch let error as StudioError {
                if let lastFailure, case .noModelAvailable = error { throw lastFailure }
                throw error
            }
            do {
                return try await execute(request, inputs: inputs, choice: choice, user: user, notes: notes)
            } catch let error as StudioError {
                guard choice.autoSelected, case .provider(let failure) = error, failure.kind.allowsFailover else { throw error }
                notes.append("failed over: \(choice.model.id) (\(choice.model.provider)) failed with \(error.code): \(failure.message)")
                failedProviders.insert(choice.model.provider)
                lastFailure = error
            }
        }
    }

    private func resolveModel(_ request: EditRequest, inputs: ValidatedInputs, user: StudioUser,
                              excluding failed: Set<String>) async throws -> ModelChoice {
        let size = inputs.image?.header.size ?? request.outputSize ?? RecommendationQuery.assumedSize
        guard let id = request.modelID, !id.isEmpty else {
            var query = RecommendationQuery(operation: request.operation, imageSize: size, userTier: user.plan.id,
                                            preferences: request.preferences, presentFields: request.presentFields,
                                            provider: request.provider, options: request.options)
            query.excludedProviders = failed
            query.imageCount = (inputs.image == nil ? 0 : 1) + request.references.count
            let recommendation = try await recommend(query, for: user)
            return ModelChoice(model: recommendation.model, fit: recommendation.fit ?? ImageFit(original: size, target: size),
                               reason: recommendation.reason, autoSelected: true)
        }
        guard let model = registry[id] else { throw StudioError.unknownModel(id) }
        if let provider = request.provider, !provider.isEmpty, provider != model.provider {
            throw StudioError.invalidOption(name: "provider", reason: "model '\(model.id)' is served by '\(model.provider)', not '\(provider)'")
        }
        try checkModel(model, for: request)
        switch ImageFit.of(size, to: model) {
        case .success(let fit): return ModelChoice(model: model, fit: fit, reason: nil, autoSelected: false)
        case .failure(let failure): throw StudioError.imageDoesNotFit(model: model.id, size: size, reason: failure.reason)
        }
    }

    private func execute(_ request: EditRequest, inputs: ValidatedInputs, choice: ModelChoice, user: StudioUser,
                         notes: [String]) async throws -> EditResult {
        let (record, call, provider) = try await prepareJob(request, inputs: inputs, choice: choice, user: user, mode: .sync)
        let done = try await runAndSettle(record, call: call) { context in try await provider.run(call, context: context) }
        return EditResult(jobID: record.id, model: choice.model, operation: request.operation, image: done.image, header: done.header, mimeType: done.mimeType,
                          cost: done.cost, blob: done.blob, adjustments: (choice.model.resizesInputs(for: choice.fit) ? choice.fit.note.map { [$0] } ?? [] : []) + notes + done.notes,
                          recommendationReason: choice.reason)
    }

    /// Fits, estimates, reserves and stores a job; nothing has been sent to a provider yet.
    private func prepareJob(_ request: EditRequest, inputs: ValidatedInputs, choice: ModelChoice, user: StudioUser,
                            mode: JobMode) async throws -> (JobRecord, ProviderRequest, any ImageProvider) {
        let model = choice.model
        let provider = try providers.provider(model.provider)
        let prepared = try masked(try fitInputs(inputs, to: choice.fit, model: model), for: model)
        let estimate = try estimator.estimate(model, output: choice.fit.target, options: request.options)
        var call = providerRequest(request, model: model, inputs: prepared)
        if prepared.image == nil { call.outputSize = choice.fit.target }
        let jobID = UUID()
        let reservation = try await ledger.reserve(ChargeRequest(
            user: user, jobID: jobID, model: model, operation: request.operation, estimate: estimate, period: currentPeriod))
        do {
            return (try await storeJob(jobID, user: user, request: request, call: call, reservation: reservation, mode: mode), call, provider)
        } catch {
            try? await ledger.release(reservation, errorCode: "storage_error")
            throw error
        }
    }

    /// Validates, chooses the model and reserves the cost now (so refusals are immediate), then leaves
    /// the job queued for a worker. Returns the job and the model chosen.
    public func enqueue(_ request: EditRequest, for user: StudioUser) async throws -> (UUID, ModelDescriptor) {
        let inputs = try validateInputs(request)
        let choice = try await resolveModel(request, inputs: inputs, user: user, excluding: [])
        let (record, _, _) = try await prepareJob(request, inputs: inputs, choice: choice, user: user, mode: .async)
        return (record.id, choice.model)
    }

    /// Resizes the image (and its mask) when the model cannot take them as they are.
    private func fitInputs(_ inputs: ValidatedInputs, to fit: ImageFit, model: ModelDescriptor) throws -> ValidatedInputs {
        guard model.resizesInputs(for: fit), let image = inputs.image else { return inputs }
        func resized(_ payload: ImagePayload, as format: ImageFormat) throws -> ImagePayload {
            ImagePayload(data: try toolkit.resize(payload.data, to: fit.target, format: format),
                         header: ImageHeader(format: format, size: fit.target))
        }
        let imageFormat: ImageFormat = image.header.format == .jpeg ? .jpeg : .png
        // A transparent-edits mask is resized as ours, so its alpha survives the scaling.
        let mask = try inputs.mask.map { try resized(try maskConverted($0, from: inputs.maskConvention, to: .whiteEdits), as: .png) }
        return ValidatedInputs(image: try resized(image, as: imageFormat), mask: mask, maskConvention: .whiteEdits,
                               background: inputs.background, lighting: inputs.lighting,
                               references: try inputs.references.map { reference in
                                   // References keep their own aspect ratio, scaled to the model's limits like the image.
                                   guard case .success(let fit) = ImageFit.of(reference.header.size, to: model),
                                         model.resizesInputs(for: fit) else { return reference }
                                   return ImagePayload(data: try toolkit.resize(reference.data, to: fit.target, format: .png),
                                                       header: ImageHeader(format: .png, size: fit.target))
                               })
    }

    /// The inputs with the mask in the convention the model's provider reads (converted only when they differ).
    private func masked(_ inputs: ValidatedInputs, for model: ModelDescriptor) throws -> ValidatedInputs {
        guard let mask = inputs.mask, inputs.maskConvention != model.request.readsMasksAs else { return inputs }
        return ValidatedInputs(image: inputs.image, mask: try maskConverted(mask, from: inputs.maskConvention, to: model.request.readsMasksAs),
                               maskConvention: model.request.readsMasksAs, background: inputs.background,
                               lighting: inputs.lighting, references: inputs.references)
    }

    private func maskConverted(_ mask: ImagePayload, from source: MaskConvention, to target: MaskConvention) throws -> ImagePayload {
        guard source != target else { return mask }
        let converted: Data? = switch target {
        case .whiteEdits: try toolkit.editMask(fromAlphaMask: mask.data)
        case .transparentEdits: try toolkit.alphaMask(fromEditMask: mask.data)
        }
        guard let converted else {
            throw StudioError.invalidImage(field: "mask", reason: "it must be a PNG with an alpha channel (transparent = edit)")
        }
        return ImagePayload(data: converted, header: ImageHeader(format: .png, size: mask.header.size))
    }

    private func providerRequest(_ request: EditRequest, model: ModelDescriptor, inputs: ValidatedInputs) -> ProviderRequest {
        let format = model.request.outputFormats.contains(request.outputFormat) ? request.outputFormat : model.request.defaultOutputFormat
        return ProviderRequest(model: model, operation: request.operation, image: inputs.image, mask: inputs.mask,
                               background: inputs.background, lighting: inputs.lighting, references: inputs.references, prompt: request.prompt,
                               negativePrompt: request.negativePrompt, searchPrompt: request.searchPrompt,
                               selectPrompt: request.selectPrompt, expansion: request.expansion,
                               stylePreset: request.stylePreset, guidanceScale: request.guidanceScale,
                               steps: request.steps, seed: request.seed, outputFormat: format, options: request.options)
    }

    static func classify(_ error: any Error, provider: String) -> StudioError {
        switch error {
        case let error as StudioError: error
        case let error as ProviderError: .provider(error)
        case is CancellationError: .cancelled
        default: .provider(ProviderError(.engineFailure, provider: provider, message: "The \(provider) provider failed unexpectedly."))
        }
    }
}
