import Foundation

/// A subscription plan: monthly operation counts per family and a cost cap. `nil` means unlimited.
public struct Plan: Sendable, Hashable, Codable {
    public let id: PlanTier
    public let name: String
    /// The editing family's monthly count (the original design's "edits per period").
    public let monthlyOperations: Int?
    public let monthlyCostCap: Money?
    /// The other families' monthly counts; a family not listed is unlimited.
    public let familyLimits: [OperationFamily: Int]

    public init(id: PlanTier, name: String, monthlyOperations: Int?, monthlyCostCap: Money?, familyLimits: [OperationFamily: Int] = [:]) {
        self.id = id; self.name = name; self.monthlyOperations = monthlyOperations; self.monthlyCostCap = monthlyCostCap
        self.familyLimits = familyLimits.filter { $0.key != .editing }
    }

    public func limit(for family: OperationFamily) -> Int? {
        family == .editing ? monthlyOperations : familyLimits[family]
    }

    /// The original design's plans: edits, images (used here for every other family) and the cost cap.
    public static let defaults: [Plan] = [
        Plan(id: .free, name: "Free", monthlyOperations: 5, monthlyCostCap: Money(dollars: "2"), familyLimits: others(10)),
        Plan(id: .basic, name: "Basic", monthlyOperations: 25, monthlyCostCap: Money(dollars: "25"), familyLimits: others(25)),
        Plan(id: .pro, name: "Pro", monthlyOperations: 100, monthlyCostCap: Money(dollars: "100"), familyLimits: others(100)),
        Plan(id: .enterprise, name: "Enterprise", monthlyOperations: nil, monthlyCostCap: Money(dollars: "500")),
    ]

    private static func others(_ count: Int) -> [OperationFamily: Int] {
        Dictionary(uniqueKeysWithValues: OperationFamily.allCases.filter { $0 != .editing }.map { ($0, count) })
    }
}

public enum Role: String, Sendable, Codable, CaseIterable {
    case user, admin
}

public struct StudioUser: Sendable, Hashable {
    public let id: UUID
    public let name: String
    public let plan: Plan
    public let role: Role

    public init(id: UUID, name: String, plan: Plan, role: Role = .user) {
        self.id = id; self.name = name; self.plan = plan; self.role = role
    }

    public var isAdmin: Bool { role == .admin }
}

/// An API key as listed (never the key itself, which is shown once).
public struct APIKeyInfo: Sendable, Hashable {
    public let id: UUID
    public let userID: UUID
    public let label: String
    public let prefix: String
    public let createdAt: Date?
    public let revokedAt: Date?

    public init(id: UUID, userID: UUID, label: String, prefix: String, createdAt: Date?, revokedAt: Date?) {
        self.id = id; self.userID = userID; self.label = label; self.prefix = prefix
        self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}

/// A user's consumption in one billing period (a calendar month, UTC: "2026-11"): the operation
/// counts of one family, and the money of all.
public struct UsageSnapshot: Sendable, Hashable, Codable {
    public var period: String
    public var family: OperationFamily = .editing
    public var operationsUsed: Int
    public var operationsReserved: Int
    public var spent: Money
    public var reserved: Money
    public var operationLimit: Int?
    public var costCap: Money?

    public init(period: String, operationsUsed: Int, operationsReserved: Int, spent: Money, reserved: Money,
                operationLimit: Int?, costCap: Money?) {
        self.period = period; self.operationsUsed = operationsUsed; self.operationsReserved = operationsReserved
        self.spent = spent; self.reserved = reserved; self.operationLimit = operationLimit; self.costCap = costCap
    }

    /// Money still available under the cap (nil when there is no cap).
    public var remainingBudget: Money? { costCap.map { $0 - spent - reserved } }
    public var remainingOperations: Int? { operationLimit.map { max(0, $0 - operationsUsed - operationsReserved) } }
}

public enum BillingPeriod {
    /// The UTC calendar month of `date`, as "YYYY-MM".
    public static func of(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        let month = parts.month ?? 1
        return "\(parts.year ?? 1970)-\(month < 10 ? "0" : "")\(month)"
    }
}
