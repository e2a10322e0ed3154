import Foundation

/// Users and their API keys.
public protocol AccountDirectory: Sendable {
    /// The user owning this (plaintext) API key, or nil for an unknown or revoked key.
    func user(forAPIKey key: String) async throws -> StudioUser?
    func user(id: UUID) async throws -> StudioUser?
    func firstUser() async throws -> StudioUser?
    func createUser(name: String, plan: PlanTier) async throws -> StudioUser
    /// Stores a key for the user (hashed) and returns the plaintext, shown once. A given key is
    /// used as is (for scripts); otherwise a random one is made.
    func createKey(for user: StudioUser, label: String, key: String?) async throws -> String
}
