import Fluent
import Foundation
import StudioCore

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
    @OptionalField(key: "generation_operations") var generationOperations: Int?
    @OptionalField(key: "face_swap_operations") var faceSwapOperations: Int?
    @OptionalField(key: "translation_operations") var translationOperations: Int?
    @OptionalField(key: "image_to_3d_operations") var imageTo3DOperations: Int?

    init() {}

    func limit(for family: OperationFamily) -> Int? {
        switch family {
        case .editing: monthlyOperations
        case .generation: generationOperations
        case .faceSwap: faceSwapOperations
        case .translation: translationOperations
        case .imageTo3D: imageTo3DOperations
        }
    }

    func setLimit(_ value: Int?, for family: OperationFamily) {
        switch family {
        case .editing: monthlyOperations = value
        case .generation: generationOperations = value
        case .faceSwap: faceSwapOperations = value
        case .translation: translationOperations = value
        case .imageTo3D: imageTo3DOperations = value
        }
    }

    init(id: String, name: String, monthlyOperations: Int?, monthlyCostCapMicros: Int64?) {
        self.id = id; self.name = name; self.monthlyOperations = monthlyOperations
        self.monthlyCostCapMicros = monthlyCostCapMicros
    }
}
