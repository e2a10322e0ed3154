import Foundation
import StudioAPI
import StudioCore

/// Runs async jobs: one claim loop takes queued jobs from the database (so several servers can share
/// one queue) while fewer than `concurrency` run here, and runs each in a task of its own — a job
/// waiting on a provider costs a suspended task, not a thread. Knows the jobs it runs, to cancel them.
public actor JobWorker: JobControl {
    let studio: Studio
    let concurrency: Int
    let idle: Duration
    let webhooks: WebhookSender?
    private var loop: Task<Void, Never>?
    private var running: [UUID: Task<Void, Never>] = [:]

    /// `concurrency`: how many async jobs may run at once in this process (`IMAGESTUDIO_MAX_ASYNC_JOBS`).
    public init(studio: Studio, concurrency: Int = 256, idle: Duration = .milliseconds(100), webhooks: WebhookSender? = nil) {
        self.studio = studio
        self.concurrency = max(1, concurrency)
        self.idle = idle
        self.webhooks = webhooks
    }

    public func start() {
        guard loop == nil else { return }
        loop = Task { await self.claimLoop() }
    }

    /// Stops claiming. Jobs already running are left to finish or to be recovered on the next start.
    public func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
    }

    /// How many jobs this worker runs now.
    public var inFlight: Int { running.count }

    private func claimLoop() async {
        while !Task.isCancelled {
            guard running.count < concurrency else {
                try? await Task.sleep(for: idle)
                continue
            }
            guard let job = try? await studio.jobs.claimNextQueued() else {
                try? await Task.sleep(for: idle)
                continue
            }
            let studio = self.studio
            running[job.id] = Task {
                _ = await studio.run(claimed: job)
                await self.finished(job)
            }
        }
    }

    private func finished(_ job: JobRecord) async {
        running[job.id] = nil
        await notify(job)
    }

    /// Posts the finished job to its webhook, if it asked for one.
    private nonisolated func notify(_ job: JobRecord) async {
        guard let url = job.parameters.webhookURL, let webhooks,
              let summary = try? await studio.jobs.summary(id: job.id, owner: job.userID) else { return }
        await webhooks.deliver(summary, to: url)
    }

    public func cancel(job id: UUID, owner: UUID) async throws -> CancelOutcome {
        if let queued = try await studio.jobs.cancelQueued(id: id, owner: owner) {
            try await studio.ledger.release(queued.reservation, errorCode: "cancelled")
            Task { await notify(queued) }
            return .cancelled
        }
        guard let summary = try await studio.jobs.summary(id: id, owner: owner) else { return .notFound }
        if summary.status == .succeeded || summary.status == .failed { return .alreadyFinished }
        guard let task = running[id] else { return .notCancellable }
        task.cancel()
        await task.value
        return .cancelled
    }
}
