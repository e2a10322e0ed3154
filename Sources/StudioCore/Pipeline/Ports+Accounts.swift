import Foundation

/// Users and their API keys.
public protocol AccountDirectory: Sendable {
    /// The user owning this (plaintext) API key, or nil for an unknown or revoked key.
    func user(forAPIKey key: String) async throws -> StudioUser?
    func user(id: UUID) async throws -> StudioUser?
    func firstUser() async throws -> StudioUser?
    func createUser(name: String, plan: PlanTier, role: Role) async throws -> StudioUser
    func users() async throws -> [StudioUser]
    func setPlan(user: UUID, plan: PlanTier) async throws -> StudioUser
    func plans() async throws -> [Plan]
    /// Changes a plan's limits (nil = unlimited); `familyLimits` changes only the families it names.
    func updatePlan(_ plan: PlanTier, monthlyOperations: Int?, monthlyCostCap: Money?,
                    familyLimits: [OperationFamily: Int?]) async throws -> Plan
    func keys(of user: UUID) async throws -> [APIKeyInfo]
    /// Revokes a key; `owner` restricts it to that user's keys. False when there is no such key.
    func revokeKey(id: UUID, owner: UUID?) async throws -> Bool
    /// Stores a key for the user (hashed) and returns the plaintext, shown once. A given key is
    /// used as is (for scripts); otherwise a random one is made.
    func createKey(for user: StudioUser, label: String, key: String?) async throws -> String
}

extension AccountDirectory {
    public func updatePlan(_ plan: PlanTier, monthlyOperations: Int?, monthlyCostCap: Money?) async throws -> Plan {
        try await updatePlan(plan, monthlyOperations: monthlyOperations, monthlyCostCap: monthlyCostCap, familyLimits: [:])
    }

    public func createUser(name: String, plan: PlanTier) async throws -> StudioUser {
        try await createUser(name: name, plan: plan, role: .user)
    }
}
