import Foundation
import StudioCore
import Vapor

struct UserDTO: Content {
    let id: String
    let name: String
    let role: String
    let plan: PlanDTO

    init(_ user: StudioUser) {
        id = user.id.uuidString.lowercased(); name = user.name; role = user.role.rawValue; plan = PlanDTO(user.plan)
    }
}

struct MeDTO: Content {
    let user: UserDTO
    let usage: UsageDTO
}

struct PlanDTO: Content {
    let id: String
    let name: String
    let monthlyOperations: Int?
    let monthlyCostCap: Double?
    let monthlyCostCapMicros: Int64?
    /// Every family's monthly count (null = unlimited); `monthly_operations` is the editing one.
    let operationLimits: [String: Int?]

    init(_ plan: Plan) {
        id = plan.id.rawValue; name = plan.name; monthlyOperations = plan.monthlyOperations
        monthlyCostCap = plan.monthlyCostCap?.dollars; monthlyCostCapMicros = plan.monthlyCostCap?.micros
        operationLimits = Dictionary(uniqueKeysWithValues: OperationFamily.allCases.map { ($0.rawValue, plan.limit(for: $0)) })
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case monthlyOperations = "monthly_operations", monthlyCostCap = "monthly_cost_cap", monthlyCostCapMicros = "monthly_cost_cap_micros"
        case operationLimits = "operation_limits"
    }
}

struct KeyDTO: Content {
    let id: String
    let label: String
    let prefix: String
    let createdAt: String?
    let revokedAt: String?

    init(_ key: APIKeyInfo) {
        id = key.id.uuidString.lowercased(); label = key.label; prefix = key.prefix
        createdAt = key.createdAt.map(ISODate.string); revokedAt = key.revokedAt.map(ISODate.string)
    }

    enum CodingKeys: String, CodingKey {
        case id, label, prefix
        case createdAt = "created_at", revokedAt = "revoked_at"
    }
}

/// A new key: the only time the key itself is shown.
struct NewKeyDTO: Content {
    let key: String
    let label: String
    let note = "Store this key now: it is shown once and kept only as a hash."
}

struct NewKeyRequest: Content {
    let label: String?
}

struct NewUserRequest: Content {
    let name: String
    let plan: String?
    let role: String?
}

struct NewUserDTO: Content {
    let user: UserDTO
    let apiKey: String
    enum CodingKeys: String, CodingKey { case user; case apiKey = "api_key" }
}

struct SetPlanRequest: Content {
    let plan: String
}

/// `monthly_operations` and `monthly_cost_cap` must be present (`null` = unlimited); `operation_limits`
/// optionally sets other families (`{"generation": 10, "face_swap": null}`).
struct PlanLimitsRequest: Content {
    let monthlyOperations: Int?
    let monthlyCostCap: String?
    let operationLimits: [String: Int?]?

    enum CodingKeys: String, CodingKey {
        case monthlyOperations = "monthly_operations", monthlyCostCap = "monthly_cost_cap", operationLimits = "operation_limits"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.monthlyOperations, .monthlyCostCap] where !c.contains(key) {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "\(key.rawValue) is required (null for unlimited)"))
        }
        monthlyOperations = try c.decode(Int?.self, forKey: .monthlyOperations)
        monthlyCostCap = try c.decode(String?.self, forKey: .monthlyCostCap)
        operationLimits = try c.decodeIfPresent([String: Int?].self, forKey: .operationLimits)
    }

    func families() throws -> [OperationFamily: Int?] {
        var result: [OperationFamily: Int?] = [:]
        for (name, limit) in operationLimits ?? [:] {
            guard let family = OperationFamily(rawValue: name), family != .editing else {
                throw StudioError.invalidOption(name: "operation_limits", reason: "'\(name)' is not generation, face_swap, translation or image_to_3d")
            }
            if let limit, limit < 0 { throw StudioError.invalidOption(name: "operation_limits", reason: "limits must be 0 or more, or null") }
            result[family] = limit
        }
        return result
    }
}

func parsePlan(_ name: String?) throws -> PlanTier? {
    try name.map { text in
        guard let tier = PlanTier(rawValue: text) else {
            throw StudioError.invalidOption(name: "plan", reason: "must be free, basic, pro or enterprise")
        }
        return tier
    }
}

/// Dates in responses: ISO 8601, UTC, whatever the encoder.
enum ISODate {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
