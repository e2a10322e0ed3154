import Fluent
import FluentSQL
import StudioCore

/// Operation counts per family: a limit column per family on `plans`, a used/reserved pair per family on
/// `usage_periods` (editing keeps the original columns), so a reservation stays one conditional UPDATE.
struct M009_FamilyLimits: AsyncMigration {
    static var families: [OperationFamily] { OperationFamily.allCases.filter { $0 != .editing } }

    func prepare(on database: any Database) async throws {
        for family in Self.families {
            try await database.schema("plans").field(FieldKey(stringLiteral: "\(family.rawValue)_operations"), .int).update()
            try await database.schema("usage_periods")
                .field(FieldKey(stringLiteral: "\(family.rawValue)_used"), .int, .required, .sql(.default(0))).update()
            try await database.schema("usage_periods")
                .field(FieldKey(stringLiteral: "\(family.rawValue)_reserved"), .int, .required, .sql(.default(0))).update()
        }
        let sql = try FluentUsageLedger.sql(database)
        for plan in Plan.defaults {
            for family in Self.families {
                try await sql.raw("""
                    UPDATE plans SET \(unsafeRaw: family.rawValue)_operations = \(bind: plan.limit(for: family)) WHERE id = \(bind: plan.id.rawValue)
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for family in Self.families {
            try await database.schema("plans").deleteField(FieldKey(stringLiteral: "\(family.rawValue)_operations")).update()
            try await database.schema("usage_periods").deleteField(FieldKey(stringLiteral: "\(family.rawValue)_used")).update()
            try await database.schema("usage_periods").deleteField(FieldKey(stringLiteral: "\(family.rawValue)_reserved")).update()
        }
    }
}
