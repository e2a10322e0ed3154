import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "plan_id") var planID: String
    @Field(key: "role") var role: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, planID: String, role: String) {
        self.id = id; self.name = name; self.planID = planID; self.role = role
    }
}

final class APIKeyModel: Model, @unchecked Sendable {
    static let schema = "api_keys"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    /// SHA-256 of the key, hex. The key itself is never stored.
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "label") var label: String
    /// The first characters of the key, to recognise it in listings.
    @Field(key: "prefix") var prefix: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, keyHash: String, label: String, prefix: String) {
        self.$user.id = userID; self.keyHash = keyHash; self.label = label; self.prefix = prefix
    }
}

final class PlanModel: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "monthly_operations") var monthlyOperations: Int?
    @OptionalField(key: "monthly_cost_cap_micros") var monthlyCostCapMicros: Int64?

    init() {}

    init(id: String, name: String, monthlyOperations: Int?, monthlyCostCapMicros: Int64?) {
        self.id = id; self.name = name; self.monthlyOperations = monthlyOperations
        self.monthlyCostCapMicros = monthlyCostCapMicros
    }
}
