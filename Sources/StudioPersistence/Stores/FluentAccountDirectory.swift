import Crypto
import Fluent
import Foundation
import StudioCore

public struct FluentAccountDirectory: AccountDirectory {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func user(forAPIKey key: String) async throws -> StudioUser? {
        guard let row = try await APIKeyModel.query(on: database)
            .filter(\.$keyHash == Self.hash(key)).filter(\.$revokedAt == nil)
            .with(\.$user).first() else { return nil }
        return try await studioUser(row.user)
    }

    public func user(id: UUID) async throws -> StudioUser? {
        guard let row = try await UserModel.find(id, on: database) else { return nil }
        return try await studioUser(row)
    }

    public func firstUser() async throws -> StudioUser? {
        guard let row = try await UserModel.query(on: database).sort(\.$createdAt).first() else { return nil }
        return try await studioUser(row)
    }

    public func users() async throws -> [StudioUser] {
        var result: [StudioUser] = []
        for row in try await UserModel.query(on: database).sort(\.$createdAt).all() { result.append(try await studioUser(row)) }
        return result
    }

    public func createUser(name: String, plan: PlanTier, role: Role) async throws -> StudioUser {
        let row = UserModel(name: name, planID: plan.rawValue, role: role.rawValue)
        try await row.create(on: database)
        return try await studioUser(row)
    }

    public func setPlan(user: UUID, plan: PlanTier) async throws -> StudioUser {
        guard let row = try await UserModel.find(user, on: database) else { throw StudioError.notFound("User") }
        row.planID = plan.rawValue
        try await row.update(on: database)
        return try await studioUser(row)
    }

    public func plans() async throws -> [Plan] {
        try await PlanModel.query(on: database).all().compactMap(Self.plan).sorted { $0.id.order < $1.id.order }
    }

    public func updatePlan(_ tier: PlanTier, monthlyOperations: Int?, monthlyCostCap: Money?,
                           familyLimits: [OperationFamily: Int?]) async throws -> Plan {
        guard let row = try await PlanModel.find(tier.rawValue, on: database) else { throw StudioError.notFound("Plan") }
        row.monthlyOperations = monthlyOperations
        for (family, limit) in familyLimits where family != .editing { row.setLimit(limit, for: family) }
        row.monthlyCostCapMicros = monthlyCostCap?.micros
        try await row.update(on: database)
        guard let plan = Self.plan(row) else { throw StudioError.notFound("Plan") }
        return plan
    }

    public func keys(of user: UUID) async throws -> [APIKeyInfo] {
        try await APIKeyModel.query(on: database).filter(\.$user.$id == user).sort(\.$createdAt).all().map(Self.info)
    }

    public func revokeKey(id: UUID, owner: UUID?) async throws -> Bool {
        var query = APIKeyModel.query(on: database).filter(\.$id == id).filter(\.$revokedAt == nil)
        if let owner { query = query.filter(\.$user.$id == owner) }
        guard let row = try await query.first() else { return false }
        row.revokedAt = Date()
        try await row.update(on: database)
        return true
    }

    public func createKey(for user: StudioUser, label: String, key: String?) async throws -> String {
        let plaintext = key ?? Self.randomKey()
        let hash = Self.hash(plaintext)
        if try await APIKeyModel.query(on: database).filter(\.$keyHash == hash).first() == nil {
            try await APIKeyModel(userID: user.id, keyHash: hash, label: label, prefix: String(plaintext.prefix(8))).create(on: database)
        }
        return plaintext
    }

    private func studioUser(_ row: UserModel) async throws -> StudioUser {
        guard let planRow = try await PlanModel.find(row.planID, on: database), let plan = Self.plan(planRow) else {
            throw StudioError.storage("user \(row.name) has unknown plan \(row.planID)")
        }
        return StudioUser(id: try row.requireID(), name: row.name, plan: plan, role: Role(rawValue: row.role) ?? .user)
    }

    static func plan(_ row: PlanModel) -> Plan? {
        guard let id = row.id, let tier = PlanTier(rawValue: id) else { return nil }
        var families: [OperationFamily: Int] = [:]
        for family in OperationFamily.allCases where family != .editing { families[family] = row.limit(for: family) }
        return Plan(id: tier, name: row.name, monthlyOperations: row.monthlyOperations,
                    monthlyCostCap: row.monthlyCostCapMicros.map(Money.init(micros:)), familyLimits: families)
    }

    static func info(_ row: APIKeyModel) -> APIKeyInfo {
        APIKeyInfo(id: row.id ?? UUID(), userID: row.$user.id, label: row.label, prefix: row.prefix,
                   createdAt: row.createdAt, revokedAt: row.revokedAt)
    }

    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// "isk_" and 32 random bytes as hex.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return "isk_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

extension PlanTier {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
