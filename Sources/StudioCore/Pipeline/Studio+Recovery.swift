import Foundation

/// How the jobs left unfinished by a stopped process ended.
public struct RecoveryReport: Sendable, Equatable {
    public var resumed = 0
    public var rerun = 0
    public var failed = 0
    public init() {}
}

extension Studio {
    /// Finishes what a stopped process left: jobs with a provider task id are polled (never
    /// resubmitted), jobs that never reached a provider run again, and jobs whose submit may have
    /// reached the provider fail with a clear error and give their reservation back.
    /// Assumes one server per database (claiming jobs across replicas comes with the job queue).
    public func recoverUnfinishedJobs() async throws -> RecoveryReport {
        await recover(try await jobs.unfinished())
    }

    /// Recovers jobs listed before this process began accepting requests (a job of its own must
    /// never be mistaken for a leftover).
    public func recover(_ pending: [JobRecord]) async -> RecoveryReport {
        await withTaskGroup(of: RecoveryReport.self) { group in
            for job in pending { group.addTask { await self.recover(job) } }
            return await group.reduce(into: RecoveryReport()) { total, one in
                total.resumed += one.resumed; total.rerun += one.rerun; total.failed += one.failed
            }
        }
    }

    /// Runs an async job a worker claimed (or resumes it, if it had reached the provider).
    @discardableResult
    public func run(claimed job: JobRecord) async -> Bool {
        await recover(job).failed == 0
    }

    private func recover(_ job: JobRecord) async -> RecoveryReport {
        var report = RecoveryReport()
        do {
            guard let model = registry[job.modelID] else { throw StudioError.unknownModel(job.modelID) }
            let provider = try providers.provider(model.provider)
            switch (job.providerTaskID, job.phase) {
            case (let taskID?, _):
                let call = try await rebuild(job, model: model)
                _ = try await runAndSettle(job, call: call) { _ in try await provider.resume(taskID: taskID, request: call) }
                report.resumed = 1
            case (nil, .prepared):
                // The inputs live only as long as the submit; the wait holds the job's parameters alone.
                let waiting = try await rebuild(job, model: model, withInputs: false)
                _ = try await runAndSettle(job, call: waiting) { context in
                    switch try await self.submit(job, model: model, provider: provider, context: context) {
                    case .finished(let output): return output
                    case .accepted(let taskID): return try await provider.resume(taskID: taskID, request: waiting)
                    }
                }
                report.rerun = 1
            case (nil, _):
                throw StudioError.provider(ProviderError(.ambiguous, provider: model.provider, message:
                    "The server stopped while sending this job to \(model.provider); it may have been created at the provider, so it was not sent again."))
            }
        } catch {
            report.failed = 1
            let failure = Self.classify(error, provider: registry[job.modelID]?.provider ?? "unknown")
            try? await ledger.release(job.reservation, errorCode: failure.code)
            try? await jobs.finish(id: job.id, status: .failed, outputHash: nil, errorCode: failure.code, errorMessage: failure.message)
        }
        return report
    }

    private func references(_ hashes: [String], _ load: (String?) async throws -> ImagePayload?) async throws -> [ImagePayload] {
        var payloads: [ImagePayload] = []
        for hash in hashes { if let payload = try await load(hash) { payloads.append(payload) } }
        return payloads
    }

    /// Loads the job's inputs and hands them to the provider; they are freed when this returns.
    private func submit(_ job: JobRecord, model: ModelDescriptor, provider: any ImageProvider,
                        context: ProviderRunContext) async throws -> Submission {
        try await provider.submit(try await rebuild(job, model: model), context: context)
    }

    /// The provider call of a stored job; without its input images when only the wait is left.
    private func rebuild(_ job: JobRecord, model: ModelDescriptor, withInputs: Bool = true) async throws -> ProviderRequest {
        func load(_ hash: String?) async throws -> ImagePayload? {
            guard withInputs, let hash else { return nil }
            guard let (data, _) = try await blobs.get(hash, owner: job.userID) else { throw StudioError.notFound("Stored input \(hash)") }
            return ImagePayload(data: data, header: try ImageHeader.sniff(data))
        }
        let image = try await load(job.inputHash)
        let p = job.parameters
        var request = ProviderRequest(model: model, operation: job.operation, image: image, mask: try await load(job.maskHash),
                               background: try await load(job.backgroundHash), lighting: try await load(job.lightingHash),
                               references: try await references(p.referenceHashes, load),
                               prompt: p.prompt, negativePrompt: p.negativePrompt, searchPrompt: p.searchPrompt,
                               selectPrompt: p.selectPrompt, expansion: p.expansion, stylePreset: p.stylePreset,
                               guidanceScale: p.guidanceScale, steps: p.steps, seed: p.seed, outputFormat: p.providerFormat,
                               options: p.options)
        request.outputSize = p.outputSize
        return request
    }
}
