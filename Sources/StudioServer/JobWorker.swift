import Foundation
import StudioAPI
import StudioCore

/// Runs async jobs: `concurrency` loops claim queued jobs from the database (so several servers can
/// share one queue) and run them through the studio. Knows the jobs it runs, to cancel them.
public actor JobWorker: JobControl {
    let studio: Studio
    let concurrency: Int
    let idle: Duration
    let webhooks: WebhookSender?
    private var loops: [Task<Void, Never>] = []
    private var running: [UUID: Task<Void, Never>] = [:]

    public init(studio: Studio, concurrency: Int = 4, idle: Duration = .milliseconds(100), webhooks: WebhookSender? = nil) {
        self.studio = studio
        self.concurrency = concurrency
        self.idle = idle
        self.webhooks = webhooks
    }

    public func start() {
        guard loops.isEmpty else { return }
        for _ in 0..<concurrency { loops.append(Task { await self.loop() }) }
    }

    /// Stops claiming. Jobs already running are left to finish or to be recovered on the next start.
    public func stop() async {
        loops.forEach { $0.cancel() }
        for loop in loops { await loop.value }
        loops = []
    }

    private nonisolated func loop() async {
        while !Task.isCancelled {
            guard let job = try? await studio.jobs.claimNextQueued() else {
                try? await Task.sleep(for: idle)
                continue
            }
            let work = Task { _ = await studio.run(claimed: job) }
            await track(job.id, work)
            await work.value
            await untrack(job.id)
            await notify(job)
        }
    }

    /// Posts the finished job to its webhook, if it asked for one.
    private nonisolated func notify(_ job: JobRecord) async {
        guard let url = job.parameters.webhookURL, let webhooks,
              let summary = try? await studio.jobs.summary(id: job.id, owner: job.userID) else { return }
        await webhooks.deliver(summary, to: url)
    }

    private func track(_ id: UUID, _ task: Task<Void, Never>) { running[id] = task }
    private func untrack(_ id: UUID) { running[id] = nil }

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
