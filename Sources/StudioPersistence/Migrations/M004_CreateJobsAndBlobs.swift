import Fluent

struct M004_CreateJobsAndBlobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("operation", .string, .required)
            .field("model_id", .string, .required)
            .field("provider", .string, .required)
            .field("status", .string, .required)
            .field("estimate_micros", .int64, .required)
            .field("provider_task_id", .string)
            .field("output_hash", .string)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("blobs")
            .id()
            .field("hash", .string, .required)
            .field("owner_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mime_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "hash", "owner_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("blobs").delete()
        try await database.schema("jobs").delete()
    }
}
