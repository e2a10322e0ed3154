import Foundation
import StudioCore
import Vapor

/// Registers every route of the API on `app`.
public enum StudioRoutes {
    public static func register(on app: Application, studio: Studio, accounts: any AccountDirectory,
                                outputs: any OutputReader, idempotency: any IdempotencyStore, reports: any UsageReports, version: String,
                                jobControl: any JobControl, modelAliases: [String: String] = [:], providersEmulated: Bool = false,
                                signInLinks: SignInLinks = SignInLinks(), webDirectory: URL? = nil) throws {
        app.middleware = Middlewares()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(APIErrorMiddleware())
        try app.register(collection: OpenAPIController())
        if let web = webDirectory ?? WebController.bundled { try app.register(collection: WebController(root: web)) }
        let api = app.grouped("api", "image-studio")
        try api.register(collection: HealthController(studio: studio, version: version, providersEmulated: providersEmulated))
        try api.register(collection: SignInController(links: signInLinks, accounts: accounts))
        let authed = api.grouped(BearerAuthMiddleware(accounts: accounts))
        let costly = authed.grouped(IdempotencyMiddleware(store: idempotency))
        let runner = StudioRunner(studio: studio)
        try costly.register(collection: EditController(studio: studio))
        try costly.register(collection: CreateController(runner: runner))
        try costly.register(collection: SingleRunController(runner: runner))
        try costly.register(collection: FaceSwapController(runner: runner))
        try authed.register(collection: ModelsController(studio: studio))
        try authed.register(collection: AccountController(studio: studio, outputs: outputs, reports: reports, accounts: accounts))
        try authed.register(collection: KeysController(accounts: accounts))
        try authed.register(collection: QuoteController(studio: studio))
        try authed.register(collection: JobsController(jobs: studio.jobs, control: jobControl))
        try authed.register(collection: AdminController(accounts: accounts, studio: studio))
        let openAI = app.grouped("v1").grouped(OpenAIErrorMiddleware()).grouped(BearerAuthMiddleware(accounts: accounts))
        try openAI.grouped(IdempotencyMiddleware(store: idempotency)).register(collection: OpenAIController(studio: studio, aliases: modelAliases))
    }
}
