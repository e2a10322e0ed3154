import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Foundation
import StudioAPI
import StudioCore
import StudioLocalEngine
import StudioPersistence
import StudioProviders
import Vapor

extension FileBlobStore: OutputReader {
    public func output(_ hash: String, owner: UUID) async throws -> (Data, String)? {
        try await get(hash, owner: owner)
    }
}

/// The one place the application is assembled. The server, the CLI and the tests all use it.
/// `extraProviders` adds adapters beside the local engine (tests inject fakes here); an extra
/// provider with the id of a hosted one takes its place.
public func configure(_ app: Application, config: AppConfig, extraProviders: [any ImageProvider] = []) async throws -> StudioServices {
    let files = FileManager.default
    try files.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true)

    if let databaseURL = config.databaseURL {
        try app.databases.use(.postgres(url: databaseURL), as: .psql)
    } else {
        app.databases.use(.sqlite(.file(config.dataDirectory.appendingPathComponent("imagestudio.sqlite").path)), as: .sqlite)
    }
    app.migrations.add(StudioMigrations.all)
    try await app.autoMigrate()
    if config.databaseURL == nil { try await tuneSQLite(app) }

    let database = app.db
    let blobs = FileBlobStore(directory: config.dataDirectory.appendingPathComponent("blobs", isDirectory: true), database: database)
    let accounts = FluentAccountDirectory(database: database)
    var unconfigured: [String: String] = [:]
    var settings: [String: ProviderSettings] = [:]
    for provider in config.providers {
        if let key = provider.apiKey {
            settings[provider.id] = ProviderSettings(baseURL: provider.baseURL, apiKey: key, tuning: config.tuning)
        } else {
            unconfigured[provider.id] = "set \(provider.keyVariable)"
        }
    }
    // Many edits poll providers at once: allow more than AsyncHTTPClient's default 8 connections per host.
    app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    let toolkit = LocalToolkit()
    let hosted = AllProviders.make(settings: settings, transport: AsyncHTTPTransport(client: app.http.client.shared))
    let studio = Studio(
        registry: try ModelRegistry.bundled(),
        providers: ProviderDirectory(providers: [LocalEngineProvider()] + extraProviders + hosted, unconfigured: unconfigured),
        ledger: FluentUsageLedger(database: database), jobs: FluentJobStore(database: database),
        blobs: blobs, toolkit: toolkit, limits: config.limits)

    let bootstrapKey = try await bootstrapAccount(accounts, config: config)
    let signInLinks = SignInLinks()
    var signInCode: String?
    if let first = try await accounts.firstUser() { signInCode = await signInLinks.issue(for: first.id) }
    let secret = try config.webhookSecret ?? storedWebhookSecret(in: config.dataDirectory)
    let webhooks = WebhookSender(client: app.client, secret: secret, baseDelay: config.webhookRetryBase, logger: app.logger)
    let worker = JobWorker(studio: studio, concurrency: config.maxAsyncJobs, webhooks: webhooks)

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxRequestBytes)
    try StudioRoutes.register(on: app, studio: studio, accounts: accounts, outputs: blobs,
                              idempotency: FluentIdempotencyStore(database: database, blobs: blobs),
                              reports: FluentUsageReports(database: database), version: AppConfig.version,
                              jobControl: worker, modelAliases: config.modelAliases,
                              providersEmulated: config.providersEmulated, signInLinks: signInLinks, webDirectory: config.webDirectory)
    return StudioServices(studio: studio, accounts: accounts, blobs: blobs, worker: worker, bootstrapKey: bootstrapKey, signInCode: signInCode)
}

/// SQLite in write-ahead-log mode (kept in the file) with `synchronous=NORMAL` on each event loop's
/// connection: a commit no longer waits for two fsyncs, and the database stays consistent after a crash
/// (a power cut can lose the last commits, never corrupt the file). `busy_timeout` makes a writer wait
/// for the other connection's write instead of failing at once with "database is locked".
private func tuneSQLite(_ app: Application) async throws {
    guard let sql = app.db as? any SQLDatabase else { return }
    try await sql.raw("PRAGMA journal_mode=WAL").run()
    for loop in app.eventLoopGroup.makeIterator() {
        guard let database = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
        try await database.raw("PRAGMA synchronous=NORMAL").run()
        try await database.raw("PRAGMA busy_timeout=10000").run()
    }
}

/// The webhook signing secret kept in the data directory (made on first use, readable by its owner only).
private func storedWebhookSecret(in directory: URL) throws -> String {
    let file = directory.appendingPathComponent("webhook-secret")
    if let text = try? String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
        return text
    }
    let secret = WebhookSender.randomSecret()
    try Data(secret.utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    return secret
}

/// On an empty database, creates the local user and its key; `IMAGESTUDIO_BOOTSTRAP_KEY` is used
/// as that key (and added to the first user on later starts, for scripts).
private func bootstrapAccount(_ accounts: any AccountDirectory, config: AppConfig) async throws -> String? {
    if let user = try await accounts.firstUser() {
        guard let key = config.bootstrapKey else { return nil }
        return try await accounts.createKey(for: user, label: "bootstrap", key: key)
    }
    let user = try await accounts.createUser(name: "local", plan: config.bootstrapPlan, role: .admin)
    return try await accounts.createKey(for: user, label: "bootstrap", key: config.bootstrapKey)
}
