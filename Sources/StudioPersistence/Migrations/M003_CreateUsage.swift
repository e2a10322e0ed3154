import Fluent

struct M003_CreateUsage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("usage_periods")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("period", .string, .required)
            .field("operations_used", .int, .required)
            .field("operations_reserved", .int, .required)
            .field("spent_micros", .int64, .required)
            .field("reserved_micros", .int64, .required)
            .unique(on: "user_id", "period")
            .create()
        try await database.schema("ledger_entries")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("job_id", .uuid, .required)
            .field("period", .string, .required)
            .field("model_id", .string, .required)
            .field("provider", .string, .required)
            .field("operation", .string, .required)
            .field("status", .string, .required)
            .field("estimate_micros", .int64, .required)
            .field("cost_micros", .int64, .required)
            .field("error_code", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_entries").delete()
        try await database.schema("usage_periods").delete()
    }
}
