import Fluent

struct M006_IdempotencyKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .string, .required)
            .field("response_status", .int)
            .field("response_content_type", .string)
            .field("response_blob", .string)
            .field("created_at", .datetime)
            .unique(on: "user_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
