import Fluent
import FluentSQL

/// What a job needs to be run again or resumed after a crash. One column per ALTER (SQLite).
struct M005_DurableJobs: AsyncMigration {
    static let optional: [(String, DatabaseSchema.DataType)] = [
        ("ledger_entry_id", .uuid), ("period", .string), ("input_hash", .string), ("mask_hash", .string),
        ("background_hash", .string), ("lighting_hash", .string), ("parameters", .string),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs").field("phase", .string, .required, .sql(.default("prepared"))).update()
        for (name, type) in Self.optional {
            try await database.schema("jobs").field(FieldKey(stringLiteral: name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for name in ["phase"] + Self.optional.map(\.0) {
            try await database.schema("jobs").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
