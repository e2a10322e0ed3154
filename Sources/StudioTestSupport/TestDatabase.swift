import FluentPostgresDriver
import Foundation
import SQLKit
import Vapor

/// Which store a test runs on. Postgres tests get a database of their own on the server named by
/// `IMAGESTUDIO_TEST_POSTGRES_URL` (`make test` starts one: scripts/test-postgres.sh).
public enum TestDatabase: Sendable {
    case sqlite
    case postgres

    /// `IMAGESTUDIO_TEST_DATABASE=postgres` runs a whole test run on Postgres (`make test` does it for
    /// the persistence, quota and job suites).
    public static var current: TestDatabase {
        ProcessInfo.processInfo.environment["IMAGESTUDIO_TEST_DATABASE"] == "postgres" ? .postgres : .sqlite
    }

    static var adminURL: String? { ProcessInfo.processInfo.environment["IMAGESTUDIO_TEST_POSTGRES_URL"] }

    /// A fresh Postgres database; returns its URL.
    static func createPostgres() async throws -> (url: String, name: String) {
        guard let admin = adminURL else {
            throw Abort(.internalServerError, reason: "IMAGESTUDIO_TEST_POSTGRES_URL is not set: run the tests with `make test`")
        }
        let name = "studio_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await withAdmin(admin) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        guard var parts = URLComponents(string: admin) else { throw Abort(.internalServerError, reason: "bad admin URL") }
        parts.path = "/\(name)"
        return (parts.string!, name)
    }

    static func dropPostgres(_ name: String) async {
        guard let admin = adminURL else { return }
        try? await withAdmin(admin) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
    }

    private static func withAdmin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        do {
            try app.databases.use(.postgres(url: url), as: .psql)
            guard let sql = app.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await body(sql)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
