import Fluent
import FluentSQL

/// Indexes for the reads that grow with use: a user's job history and ledger, the period's report,
/// and the workers' queue scan. Plain SQL, the same on SQLite and Postgres.
struct M010_Indexes: AsyncMigration {
    static let indexes = [
        ("jobs_user_created", "jobs (user_id, created_at)"),
        ("jobs_status_mode", "jobs (status, mode)"),
        ("ledger_user_created", "ledger_entries (user_id, created_at)"),
        ("ledger_user_period", "ledger_entries (user_id, period)"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, target) in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON \(unsafeRaw: target)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _) in Self.indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run() }
    }
}
