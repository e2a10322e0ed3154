import StudioCore
import Vapor

struct ErrorBody: Content {
    struct Detail: Codable {
        let code: String
        let message: String
        let usageInfo: UsageDTO?
        let rejections: [RejectionDTO]?

        enum CodingKeys: String, CodingKey {
            case code, message, rejections
            case usageInfo = "usage_info"
        }
    }

    struct RejectionDTO: Codable {
        let modelID: String
        let reason: String
        enum CodingKeys: String, CodingKey { case reason; case modelID = "model_id" }
    }

    var success = false
    let error: Detail
}

/// A user's usage in the current period: current, limit and remaining, for counts and money.
struct UsageDTO: Content {
    let period: String
    /// The operation family the call counts describe.
    let family: String
    let currentCalls: Int
    let reservedCalls: Int
    let limit: Int?
    let remaining: Int?
    let currentCost: Double
    let currentCostMicros: Int64
    let costLimit: Double?
    let remainingBudget: Double?

    init(_ usage: UsageSnapshot) {
        period = usage.period
        family = usage.family.rawValue
        currentCalls = usage.operationsUsed
        reservedCalls = usage.operationsReserved
        limit = usage.operationLimit
        remaining = usage.remainingOperations
        currentCost = usage.spent.dollars
        currentCostMicros = usage.spent.micros
        costLimit = usage.costCap?.dollars
        remainingBudget = usage.remainingBudget?.dollars
    }

    enum CodingKeys: String, CodingKey {
        case period, family, limit, remaining
        case currentCalls = "current_calls", reservedCalls = "reserved_calls", currentCost = "current_cost"
        case currentCostMicros = "current_cost_micros", costLimit = "cost_limit", remainingBudget = "remaining_budget"
    }
}
