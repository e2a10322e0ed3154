import Fluent
import FluentSQL

/// Jobs run by workers (`mode` async) rather than inside the request that made them.
struct M008_AsyncJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs").field("mode", .string, .required, .sql(.default("sync"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").deleteField("mode").update()
    }
}
