import Fluent
import FluentSQL

/// Users get a role (user or admin); keys keep a short prefix so people can tell them apart.
struct M007_RolesAndKeyPrefixes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("role", .string, .required, .sql(.default("user"))).update()
        try await database.schema("api_keys").field("prefix", .string, .required, .sql(.default(""))).update()
        // The first user (made by bootstrap) administers the server.
        try await FluentUsageLedger.sql(database).raw("""
            UPDATE users SET role = 'admin' WHERE id = (SELECT id FROM users ORDER BY created_at LIMIT 1)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("role").update()
        try await database.schema("api_keys").deleteField("prefix").update()
    }
}
