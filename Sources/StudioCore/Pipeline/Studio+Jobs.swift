import Foundation

/// What a finished provider call left behind.
struct SettledOutput: Sendable {
    let image: Data
    /// nil for outputs that are not images (3D models).
    let header: ImageHeader?
    let mimeType: String
    let cost: Money
    let blob: StoredBlob
    let notes: [String]
}

extension Studio {
    /// Stores the fitted inputs and the job's parameters, so the job can be run or resumed after a crash.
    func storeJob(_ id: UUID, user: StudioUser, request: EditRequest, call: ProviderRequest, reservation: Reservation,
                  mode: JobMode) async throws -> JobRecord {
        func keep(_ payload: ImagePayload?) async throws -> String? {
            guard let payload else { return nil }
            return try await blobs.put(payload.data, mimeType: payload.header.format.mimeType, owner: user.id).hash
        }
        var parameters = JobRecord.Parameters(
            prompt: request.prompt, negativePrompt: request.negativePrompt, searchPrompt: request.searchPrompt,
            selectPrompt: request.selectPrompt, expansion: request.expansion, stylePreset: request.stylePreset,
            guidanceScale: request.guidanceScale, steps: request.steps, seed: request.seed,
            requestedFormat: request.outputFormat, providerFormat: call.outputFormat, options: request.options)
        for reference in call.references { parameters.referenceHashes.append(try await keep(reference)!) }
        parameters.webhookURL = request.webhookURL
        parameters.outputSize = call.outputSize
        let record = JobRecord(id: id, userID: user.id, operation: request.operation, modelID: call.model.id, provider: call.model.provider, reservation: reservation,
                               inputHash: try await keep(call.image), maskHash: try await keep(call.mask),
                               backgroundHash: try await keep(call.background), lightingHash: try await keep(call.lighting),
                               parameters: parameters, mode: mode)
        try await jobs.create(record)
        return record
    }

    /// Runs the provider call, then stores the output and settles; on failure releases the
    /// reservation and fails the job. The job's phase and task id are recorded as the call goes.
    func runAndSettle(_ record: JobRecord, call: ProviderRequest,
                      _ run: (ProviderRunContext) async throws -> ProviderOutput) async throws -> SettledOutput {
        let jobs = self.jobs, id = record.id
        let context = ProviderRunContext(submitting: { try await jobs.markSubmitting(id: id) },
                                         accepted: { try await jobs.setTaskID(id: id, taskID: $0) })
        var notes: [String] = []
        let output: ProviderOutput, image: Data, header: ImageHeader?, mimeType: String
        do {
            output = try await run(context)
            (image, header, mimeType) = try finishOutput(output.data, requested: record.parameters.requestedFormat, model: call.model, notes: &notes)
        } catch {
            // A cancelled job may surface as a dropped connection: it is still a cancellation.
            let failure = Task.isCancelled ? StudioError.cancelled : Self.classify(error, provider: call.model.provider)
            // In a task of its own, so a cancelled job still gives its reservation back.
            let ledger = self.ledger
            await Task {
                try? await ledger.release(record.reservation, errorCode: failure.code)
                try? await jobs.finish(id: id, status: .failed, outputHash: nil, errorCode: failure.code, errorMessage: failure.message)
            }.value
            throw failure
        }
        let blob = try await blobs.put(image, mimeType: mimeType, owner: record.userID)
        let cost = output.reportedCost ?? record.reservation.estimate
        try await ledger.settle(record.reservation, actual: cost)
        try await jobs.finish(id: id, status: .succeeded, outputHash: blob.hash, errorCode: nil, errorMessage: nil)
        return SettledOutput(image: image, header: header, mimeType: mimeType, cost: cost, blob: blob, notes: notes)
    }

    /// Reads what the provider really returned and converts it when the caller asked for another format.
    func finishOutput(_ data: Data, requested: ImageFormat, model: ModelDescriptor, notes: inout [String]) throws -> (Data, ImageHeader?, String) {
        if model.outputKind == .model3D {
            // A binary glTF starts with the magic "glTF" and its version (2).
            guard data.count >= 20, data.prefix(4) == Data("glTF".utf8) else {
                throw ProviderError(.malformedResponse, provider: model.provider, message: "The provider returned something that is not a GLB 3D model.")
            }
            return (data, nil, "model/gltf-binary")
        }
        let header: ImageHeader
        do { header = try ImageHeader.sniff(data) } catch {
            throw ProviderError(.malformedResponse, provider: model.provider, message: "The provider returned something that is not an image.")
        }
        guard header.format != requested, ImageFormat.writable.contains(requested) else { return (data, header, header.format.mimeType) }
        let converted = try toolkit.resize(data, to: header.size, format: requested)
        notes.append("converted the provider's \(header.format.rawValue) output to \(requested.rawValue)")
        return (converted, ImageHeader(format: requested, size: header.size), requested.mimeType)
    }
}
