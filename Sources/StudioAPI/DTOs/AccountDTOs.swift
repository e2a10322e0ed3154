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

struct PlanDTO: Content {
    let id: String
    let name: String
    let monthlyOperations: Int?
    let monthlyCostCap: Double?
    let monthlyCostCapMicros: Int64?

    init(_ plan: Plan) {
        id = plan.id.rawValue; name = plan.name; monthlyOperations = plan.monthlyOperations
        monthlyCostCap = plan.monthlyCostCap?.dollars; monthlyCostCapMicros = plan.monthlyCostCap?.micros
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case monthlyOperations = "monthly_operations", monthlyCostCap = "monthly_cost_cap", monthlyCostCapMicros = "monthly_cost_cap_micros"
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

/// Both fields must be present; `null` means unlimited.
struct PlanLimitsRequest: Content {
    let monthlyOperations: Int?
    let monthlyCostCap: String?

    enum CodingKeys: String, CodingKey {
        case monthlyOperations = "monthly_operations", monthlyCostCap = "monthly_cost_cap"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.monthlyOperations, .monthlyCostCap] where !c.contains(key) {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "\(key.rawValue) is required (null for unlimited)"))
        }
        monthlyOperations = try c.decode(Int?.self, forKey: .monthlyOperations)
        monthlyCostCap = try c.decode(String?.self, forKey: .monthlyCostCap)
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
