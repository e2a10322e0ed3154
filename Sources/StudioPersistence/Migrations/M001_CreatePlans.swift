import Fluent
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
        for plan in Plan.defaults {
            try await PlanModel(id: plan.id.rawValue, name: plan.name, monthlyOperations: plan.monthlyOperations,
                                monthlyCostCapMicros: plan.monthlyCostCap?.micros).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plans").delete()
    }
}
