import Fluent
import Foundation
import StudioCore

/// Usage reports from the ledger. Grouping is done here over the period's settled rows (a month of
/// one user's calls), which keeps the SQL the same on SQLite and Postgres.
public struct FluentUsageReports: UsageReports {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func breakdown(user: UUID, period: String) async throws -> UsageBreakdown {
        let rows = try await LedgerEntryModel.query(on: database)
            .filter(\.$userID == user).filter(\.$period == period).filter(\.$status == "settled").all()
        func group(_ key: (LedgerEntryModel) -> String) -> [UsageLine] {
            Dictionary(grouping: rows, by: key).map { key, rows in
                UsageLine(key: key, operations: rows.count, cost: Money(micros: rows.reduce(0) { $0 + $1.costMicros }))
            }.sorted { $0.key < $1.key }
        }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        return UsageBreakdown(byOperation: group(\.operation), byModel: group(\.modelID), byProvider: group(\.provider),
                              daily: group { $0.createdAt.map(day.string(from:)) ?? "unknown" })
    }

    public func ledger(user: UUID, page: Int, perPage: Int) async throws -> (lines: [LedgerLine], total: Int) {
        let query = LedgerEntryModel.query(on: database).filter(\.$userID == user)
        let total = try await query.count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        return (rows.map { row in
            LedgerLine(id: row.id ?? UUID(), jobID: row.jobID, modelID: row.modelID, provider: row.provider, operation: row.operation,
                       status: row.status, estimate: Money(micros: row.estimateMicros), cost: Money(micros: row.costMicros),
                       errorCode: row.errorCode, createdAt: row.createdAt)
        }, total)
    }
}
