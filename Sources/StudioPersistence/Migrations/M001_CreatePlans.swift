import Fluent
import SQLKit
import StudioCore

/// Plans, seeded with the defaults of the original design.
struct M001_CreatePlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("monthly_operations", .int)
            .field("monthly_cost_cap_micros", .int64)
            .create()
        // Plain SQL, not the model class: a migration must keep working as the model gains columns.
        let sql = try FluentUsageLedger.sql(database)
        for plan in Plan.defaults {
            try await sql.raw("""
                INSERT INTO plans (id, name, monthly_operations, monthly_cost_cap_micros)
                VALUES (\(bind: plan.id.rawValue), \(bind: plan.name), \(bind: plan.monthlyOperations), \(bind: plan.monthlyCostCap?.micros))
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plans").delete()
    }
}
