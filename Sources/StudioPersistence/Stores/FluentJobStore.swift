import Fluent
import Foundation
import StudioCore

public struct FluentJobStore: JobStore {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func create(_ record: JobRecord) async throws {
        let job = JobModel()
        job.id = record.id; job.userID = record.userID; job.operation = record.operation.rawValue
        job.modelID = record.modelID; job.provider = record.provider; job.status = JobStatus.queued.rawValue
        job.estimateMicros = record.reservation.estimate.micros; job.phase = JobPhase.prepared.rawValue
        job.mode = record.mode.rawValue
        job.ledgerEntryID = record.reservation.ledgerEntryID; job.period = record.reservation.period
        job.inputHash = record.inputHash; job.maskHash = record.maskHash
        job.backgroundHash = record.backgroundHash; job.lightingHash = record.lightingHash
        job.parameters = String(decoding: try JSONEncoder().encode(record.parameters), as: UTF8.self)
        try await job.create(on: database)
    }

    public func markSubmitting(id: UUID) async throws {
        try await JobModel.query(on: database).filter(\.$id == id)
            .set(\.$phase, to: JobPhase.submitting.rawValue).set(\.$status, to: JobStatus.running.rawValue).update()
    }

    public func setTaskID(id: UUID, taskID: String) async throws {
        try await JobModel.query(on: database).filter(\.$id == id)
            .set(\.$phase, to: JobPhase.submitted.rawValue).set(\.$providerTaskID, to: taskID).update()
    }

    public func finish(id: UUID, status: JobStatus, outputHash: String?, errorCode: String?, errorMessage: String?) async throws {
        try await JobModel.query(on: database).filter(\.$id == id)
            .set(\.$status, to: status.rawValue).set(\.$outputHash, to: outputHash)
            .set(\.$errorCode, to: errorCode).set(\.$errorMessage, to: errorMessage).update()
    }

    public func unfinished() async throws -> [JobRecord] {
        let rows = try await JobModel.query(on: database)
            .filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue]).all()
        return rows.filter { $0.mode == JobMode.sync.rawValue || $0.status == JobStatus.running.rawValue }.compactMap(Self.record)
    }

    /// Postgres: `FOR UPDATE SKIP LOCKED`, so replicas never take the same job and never wait on each
    /// other. SQLite has one writer at a time, so the same single UPDATE is exact there too.
    public func claimNextQueued() async throws -> JobRecord? {
        let sql = try FluentUsageLedger.sql(database)
        let lock = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let claimed = try await sql.raw("""
            UPDATE jobs SET status = 'running'
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND mode = 'async' ORDER BY created_at LIMIT 1 \(unsafeRaw: lock))
              AND status = 'queued'
            RETURNING id
            """).all()
        guard let row = claimed.first else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        return try await JobModel.find(id, on: database).flatMap(Self.record)
    }

    public func cancelQueued(id: UUID, owner: UUID) async throws -> JobRecord? {
        let cancelled = try await FluentUsageLedger.sql(database).raw("""
            UPDATE jobs SET status = 'failed', error_code = 'cancelled', error_message = 'Cancelled before it started.'
            WHERE id = \(bind: id) AND user_id = \(bind: owner) AND status = 'queued' AND mode = 'async'
            RETURNING id
            """).all()
        guard !cancelled.isEmpty else { return nil }
        return try await JobModel.find(id, on: database).flatMap(Self.record)
    }

    public func summary(id: UUID, owner: UUID) async throws -> JobSummary? {
        guard let job = try await JobModel.query(on: database).filter(\.$id == id).filter(\.$userID == owner).first() else { return nil }
        return try await withCharges([job]).first
    }

    public func list(owner: UUID, page: Int, perPage: Int) async throws -> (jobs: [JobSummary], total: Int) {
        let query = JobModel.query(on: database).filter(\.$userID == owner)
        let total = try await query.count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        return (try await withCharges(rows), total)
    }

    /// Summaries with the ledger's settled or released amount (one query for the page). Only ended
    /// jobs have one, so the ledger is not read for a job that is still queued or running (the
    /// event stream reads a running job's summary several times a second).
    private func withCharges(_ rows: [JobModel]) async throws -> [JobSummary] {
        let ended = [JobStatus.succeeded.rawValue, JobStatus.failed.rawValue]
        let entries = rows.filter { ended.contains($0.status) }.compactMap(\.ledgerEntryID)
        let ledger = entries.isEmpty ? [] : try await LedgerEntryModel.query(on: database).filter(\.$id ~~ entries).all()
        let charged = Dictionary(ledger.compactMap { entry in entry.id.map { ($0, entry) } }, uniquingKeysWith: { a, _ in a })
        return rows.compactMap { job in
            guard let id = job.id, let status = JobStatus(rawValue: job.status) else { return nil }
            var summary = JobSummary(id: id, operation: job.operation, modelID: job.modelID, provider: job.provider, status: status,
                                     phase: job.phase, estimate: Money(micros: job.estimateMicros), outputHash: job.outputHash,
                                     errorCode: job.errorCode, errorMessage: job.errorMessage, createdAt: job.createdAt, updatedAt: job.updatedAt)
            summary.inputHash = job.inputHash
            if let entry = job.ledgerEntryID.flatMap({ charged[$0] }), entry.status != "reserved" {
                summary.charged = Money(micros: entry.costMicros)
            }
            return summary
        }
    }

    static func record(_ job: JobModel) -> JobRecord? {
        guard let id = job.id, let operation = ImageOperation(rawValue: job.operation), let entry = job.ledgerEntryID,
              let period = job.period,
              let parameters = try? JSONDecoder().decode(JobRecord.Parameters.self, from: Data((job.parameters ?? "").utf8)) else { return nil }
        return JobRecord(id: id, userID: job.userID, operation: operation, modelID: job.modelID, provider: job.provider,
                         reservation: Reservation(ledgerEntryID: entry, userID: job.userID, period: period,
                                                  estimate: Money(micros: job.estimateMicros), family: operation.family),
                         inputHash: job.inputHash, maskHash: job.maskHash, backgroundHash: job.backgroundHash, lightingHash: job.lightingHash,
                         parameters: parameters, phase: JobPhase(rawValue: job.phase) ?? .submitting, providerTaskID: job.providerTaskID,
                         mode: JobMode(rawValue: job.mode) ?? .sync)
    }
}
