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

    public func createUser(name: String, plan: PlanTier) async throws -> StudioUser {
        let row = UserModel(name: name, planID: plan.rawValue)
        try await row.create(on: database)
        return try await studioUser(row)
    }

    public func createKey(for user: StudioUser, label: String, key: String?) async throws -> String {
        let plaintext = key ?? Self.randomKey()
        let hash = Self.hash(plaintext)
        if try await APIKeyModel.query(on: database).filter(\.$keyHash == hash).first() == nil {
            try await APIKeyModel(userID: user.id, keyHash: hash, label: label).create(on: database)
        }
        return plaintext
    }

    private func studioUser(_ row: UserModel) async throws -> StudioUser {
        guard let plan = try await PlanModel.find(row.planID, on: database), let tier = PlanTier(rawValue: row.planID) else {
            throw StudioError.storage("user \(row.name) has unknown plan \(row.planID)")
        }
        return StudioUser(id: try row.requireID(), name: row.name,
                          plan: Plan(id: tier, name: plan.name, monthlyOperations: plan.monthlyOperations,
                                     monthlyCostCap: plan.monthlyCostCapMicros.map(Money.init(micros:))))
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
