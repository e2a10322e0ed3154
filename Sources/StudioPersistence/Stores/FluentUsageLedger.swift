import Fluent
import Foundation
import SQLKit
import StudioCore

/// The quota and the ledger on SQL. Reservation is one conditional UPDATE: it succeeds only if the
/// plan's operation count and cost cap still hold with this charge, so concurrent requests can
/// never pass the limits together.
public struct FluentUsageLedger: UsageLedger {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func reserve(_ charge: ChargeRequest) async throws -> Reservation {
        let entryID = UUID()
        let userID = charge.user.id
        let estimate = charge.estimate.micros
        let family = charge.operation.family
        let (used, held) = (family.usedColumn, family.reservedColumn)
        let operationLimit = Int64(charge.user.plan.limit(for: family) ?? Int.max)
        let costCap = charge.user.plan.monthlyCostCap?.micros ?? Int64.max
        try await database.transaction { tx in
            let sql = try Self.sql(tx)
            try await ensurePeriod(sql, userID: userID, period: charge.period)
            let reserved = try await sql.raw("""
                UPDATE usage_periods
                SET \(unsafeRaw: held) = \(unsafeRaw: held) + 1, reserved_micros = reserved_micros + \(bind: estimate)
                WHERE user_id = \(bind: userID) AND period = \(bind: charge.period)
                  AND \(unsafeRaw: used) + \(unsafeRaw: held) + 1 <= \(bind: operationLimit)
                  AND spent_micros + reserved_micros + \(bind: estimate) <= \(bind: costCap)
                RETURNING id
                """).all()
            guard !reserved.isEmpty else {
                let usage = try await snapshot(tx, user: charge.user, period: charge.period, family: family)
                if let limit = usage.operationLimit, usage.operationsUsed + usage.operationsReserved + 1 > limit {
                    throw StudioError.quotaExceeded(usage)
                }
                throw StudioError.budgetExceeded(usage, cost: charge.estimate)
            }
            let entry = LedgerEntryModel()
            entry.id = entryID; entry.userID = userID; entry.jobID = charge.jobID; entry.period = charge.period
            entry.modelID = charge.model.id; entry.provider = charge.model.provider; entry.operation = charge.operation.rawValue
            entry.status = "reserved"; entry.estimateMicros = estimate; entry.costMicros = 0
            try await entry.create(on: tx)
        }
        return Reservation(ledgerEntryID: entryID, userID: userID, period: charge.period, estimate: charge.estimate, family: family)
    }

    public func settle(_ reservation: Reservation, actual: Money) async throws {
        try await close(reservation, status: "settled", cost: actual.micros, errorCode: nil)
    }

    public func release(_ reservation: Reservation, errorCode: String) async throws {
        try await close(reservation, status: "released", cost: 0, errorCode: errorCode)
    }

    /// Closes a reserved entry once (a second close is a no-op) and moves the period's counters with it.
    private func close(_ reservation: Reservation, status: String, cost: Int64, errorCode: String?) async throws {
        let used = status == "settled" ? 1 : 0
        let (usedColumn, heldColumn) = (reservation.family.usedColumn, reservation.family.reservedColumn)
        try await database.transaction { tx in
            let sql = try Self.sql(tx)
            let closed = try await sql.raw("""
                UPDATE ledger_entries SET status = \(bind: status), cost_micros = \(bind: cost),
                    error_code = \(bind: errorCode)
                WHERE id = \(bind: reservation.ledgerEntryID) AND status = 'reserved'
                RETURNING id
                """).all()
            guard !closed.isEmpty else { return }
            try await sql.raw("""
                UPDATE usage_periods
                SET \(unsafeRaw: heldColumn) = \(unsafeRaw: heldColumn) - 1,
                    reserved_micros = reserved_micros - \(bind: reservation.estimate.micros),
                    \(unsafeRaw: usedColumn) = \(unsafeRaw: usedColumn) + \(bind: used),
                    spent_micros = spent_micros + \(bind: cost)
                WHERE user_id = \(bind: reservation.userID) AND period = \(bind: reservation.period)
                """).run()
        }
    }

    public func usage(of user: StudioUser, period: String, family: OperationFamily) async throws -> UsageSnapshot {
        try await snapshot(database, user: user, period: period, family: family)
    }

    private func snapshot(_ db: any Database, user: StudioUser, period: String, family: OperationFamily) async throws -> UsageSnapshot {
        let row = try await Self.sql(db).raw("""
            SELECT \(unsafeRaw: family.usedColumn) AS used, \(unsafeRaw: family.reservedColumn) AS held, spent_micros, reserved_micros
            FROM usage_periods WHERE user_id = \(bind: user.id) AND period = \(bind: period)
            """).first()
        var snapshot = UsageSnapshot(period: period, operationsUsed: try row?.decode(column: "used", as: Int.self) ?? 0,
                                     operationsReserved: try row?.decode(column: "held", as: Int.self) ?? 0,
                                     spent: Money(micros: try row?.decode(column: "spent_micros", as: Int64.self) ?? 0),
                                     reserved: Money(micros: try row?.decode(column: "reserved_micros", as: Int64.self) ?? 0),
                                     operationLimit: user.plan.limit(for: family), costCap: user.plan.monthlyCostCap)
        snapshot.family = family
        return snapshot
    }

    private func ensurePeriod(_ sql: any SQLDatabase, userID: UUID, period: String) async throws {
        try await sql.raw("""
            INSERT INTO usage_periods (id, user_id, period, operations_used, operations_reserved, spent_micros, reserved_micros)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: period), 0, 0, 0, 0)
            ON CONFLICT (user_id, period) DO NOTHING
            """).run()
    }

    static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw StudioError.storage("the database does not speak SQL") }
        return sql
    }
}

extension OperationFamily {
    /// The family's counters on `usage_periods` (editing keeps the original column names).
    var usedColumn: String { self == .editing ? "operations_used" : "\(rawValue)_used" }
    var reservedColumn: String { self == .editing ? "operations_reserved" : "\(rawValue)_reserved" }
}
