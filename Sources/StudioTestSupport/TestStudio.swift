import Foundation
import StudioCore
import StudioServer
import Vapor
import XCTVapor

/// A real application on a fresh SQLite database in a temporary directory, built by the same
/// `configure` as the server.
public struct TestStudio: Sendable {
    public static let apiKey = "test-key-0123456789"

    public let app: Application
    public let services: StudioServices
    public let directory: URL
    let postgresName: String?

    public var studio: Studio { services.studio }
    public var bearer: HTTPHeaders { ["Authorization": "Bearer \(Self.apiKey)"] }

    /// `environment` adds or overrides configuration variables.
    public static func make(environment: [String: String] = [:], providers: [any ImageProvider] = [],
                            database: TestDatabase = .current) async throws -> TestStudio {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagestudio-test-\(UUID().uuidString)")
        var env = ["IMAGESTUDIO_DATA_DIR": directory.path, "IMAGESTUDIO_BOOTSTRAP_KEY": apiKey]
        var postgresName: String?
        if case .postgres = database {
            let created = try await TestDatabase.createPostgres()
            env["DATABASE_URL"] = created.url
            postgresName = created.name
        }
        env.merge(environment) { _, new in new }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            let services = try await configure(app, config: try AppConfig.load(from: env), extraProviders: providers)
            await services.worker.start()
            return TestStudio(app: app, services: services, directory: directory, postgresName: postgresName)
        } catch {
            try? await app.asyncShutdown()
            if let postgresName { await TestDatabase.dropPostgres(postgresName) }
            throw error
        }
    }

    public func shutdown() async throws {
        await services.worker.stop()
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(at: directory)
        if let postgresName { await TestDatabase.dropPostgres(postgresName) }
    }

    /// A new user on `plan` with its own key.
    public func makeUser(plan: PlanTier, key: String) async throws -> StudioUser {
        let user = try await services.accounts.createUser(name: "user-\(key)", plan: plan)
        _ = try await services.accounts.createKey(for: user, label: "test", key: key)
        return user
    }

    /// Runs SQL against the test database (for checks and for shaping plans).
    @discardableResult
    public func sql(_ text: String) async throws -> [[String: String]] {
        try await SQLProbe.rows(app.db, text)
    }

    /// Files under the blob directory.
    public func blobFiles() -> [String] {
        let root = directory.appendingPathComponent("blobs")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.count > 60 }
    }
}
