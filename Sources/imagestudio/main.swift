import ArgumentParser
import Foundation
import Logging
import StudioCore
import StudioServer
import Vapor

@main
struct ImageStudioCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imagestudio",
        abstract: "Image Studio: edit images through one pipeline, on the local engine or hosted models.",
        version: AppConfig.version,
        subcommands: [Serve.self, Models.self, Edit.self, Generate.self, Upscale.self, FaceSwap.self, Translate.self, ToThreeD.self,
                      Users.self, Keys.self, Plans.self])
}

/// Flags shared by every command; each overrides its environment variable.
struct CommonOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data-dir"), help: "Data directory (IMAGESTUDIO_DATA_DIR, default ./data).")
    var dataDir: String?

    func config(host: String? = nil, port: Int? = nil) throws -> AppConfig {
        var env = ProcessInfo.processInfo.environment
        if let dataDir { env["IMAGESTUDIO_DATA_DIR"] = dataDir }
        if let host { env["IMAGESTUDIO_HOST"] = host }
        if let port { env["IMAGESTUDIO_PORT"] = String(port) }
        do { return try AppConfig.load(from: env) } catch let error as AppConfig.Invalid {
            throw ValidationError(error.description)
        }
    }
}

/// Builds the application the same way the server does, runs `body`, and shuts it down.
func withStudio<T>(_ config: AppConfig, _ body: (Application, StudioServices) async throws -> T) async throws -> T {
    let app = try await Application.make(Environment(name: "production", arguments: ["imagestudio"]))
    app.logger.logLevel = .warning
    do {
        let services = try await configure(app, config: config)
        let result = try await body(app, services)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Prints a studio error as `error: code: message` and exits non-zero.
func report(_ error: any Error) -> ExitCode {
    if let error = error as? StudioError {
        FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
        return ExitCode(2)
    }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return .failure
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server and web studio.")

    @ArgumentParser.Option(help: "Address to listen on (IMAGESTUDIO_HOST, default 127.0.0.1).") var host: String?
    @ArgumentParser.Option(help: "Port (IMAGESTUDIO_PORT, default 8080).") var port: Int?
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.config(host: host, port: port)
        var environment = Environment(name: "production", arguments: ["imagestudio", "serve"])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            let services = try await configure(app, config: config)
            let shownHost = ["0.0.0.0", "::", ""].contains(config.host) ? "127.0.0.1" : config.host
            print("Image Studio \(AppConfig.version) at http://\(shownHost):\(config.port)/api/image-studio/health")
            if let code = services.signInCode {
                print("Web studio (one-click sign-in, valid once for 24 h): http://\(shownHost):\(config.port)/#sign-in=\(code)")
            }
            print("Data: \(config.dataDirectory.path) (\(config.databaseURL == nil ? "SQLite" : "Postgres"))")
            if config.providersEmulated {
                print("Hosted providers: EMULATED by provider-emulator (no real provider is called; images are echoed back)")
            }
            if let key = services.bootstrapKey {
                print("API key: \(key)")
            } else {
                print("API key: created on first start; `imagestudio keys create` makes another.")
            }
            // Listed before the server accepts requests, so only a stopped process's jobs are recovered.
            let leftovers = try await services.studio.jobs.unfinished()
            let recovery = Task {
                let report = await services.studio.recover(leftovers)
                if report != RecoveryReport() {
                    app.logger.notice("Recovered unfinished jobs: \(report.resumed) resumed, \(report.rerun) run again, \(report.failed) failed")
                }
            }
            await services.worker.start()
            try await app.execute()
            await services.worker.stop()
            recovery.cancel()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the models of the registry and whether each can be used.")

    @ArgumentParser.Option(help: "Only models that can do this operation.") var operation: String?
    @ArgumentParser.Option(help: "Only models of this tier (free, budget, mid, premium).") var tier: String?
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        let operation = try operation.map { name in
            guard let value = ImageOperation(rawValue: name) else { throw ValidationError("unknown operation '\(name)'") }
            return value
        }
        let tier = try tier.map { name in
            guard let value = ModelTier(rawValue: name) else { throw ValidationError("unknown tier '\(name)'") }
            return value
        }
        let listings = try await withStudio(try common.config()) { _, services in
            services.studio.listModels(operation: operation, tier: tier)
        }
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        print(pad("ID", 28) + pad("PROVIDER", 12) + pad("TIER", 9) + pad("COST", 17) + pad("MAX", 12) + "AVAILABLE")
        for listing in listings {
            let range = listing.priceRange
            let cost = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
            print(pad(listing.model.id, 28) + pad(listing.model.provider, 12) + pad(listing.model.tier.rawValue, 9)
                  + pad(cost, 17) + pad("\(listing.model.maxResolution)", 12) + (listing.unavailableReason.map { "no: \($0)" } ?? "yes"))
        }
    }
}

struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Edit an image in-process, through the same pipeline as the server.")

    @ArgumentParser.Argument(help: "The input image.") var image: String
    @ArgumentParser.Option(help: "The operation (general_edit, inpaint, outpaint, erase, remove_background, search_replace, search_recolor, relight, upscale, crop, convert).")
    var operation: String
    @ArgumentParser.Option(help: "What to do, in words.") var prompt: String?
    @ArgumentParser.Option(help: "A model id; without it the recommender chooses.") var model: String?
    @ArgumentParser.Option(help: "A mask image (white = edit).") var mask: String?
    @ArgumentParser.Option(name: .customLong("output-format"), help: "png, jpeg or webp (default: from the output file name).") var outputFormat: String?
    @ArgumentParser.Option(name: .customLong("expand"), help: "Outpaint: left,right,up,down in pixels.") var expand: String?
    @ArgumentParser.Option(name: .customLong("option"), help: "A model option as key=value (repeatable).") var options: [String] = []
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the result.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        try await runThroughStudio([try buildRequest()], outputs: [output], common: common)
    }

    private func buildRequest() throws -> EditRequest {
        guard let operation = ImageOperation(rawValue: operation), operation.isEditing else {
            throw ValidationError("unknown operation '\(operation)'")
        }
        let format = try outputImageFormat(outputFormat, output: output)
        var expansion = Expansion()
        if let expand {
            let sides = expand.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard sides.count == 4, sides.allSatisfy({ $0 != nil }) else { throw ValidationError("--expand takes left,right,up,down") }
            expansion = Expansion(left: sides[0]!, right: sides[1]!, up: sides[2]!, down: sides[3]!)
        }
        return EditRequest(operation: operation, image: try readFile(image), mask: try mask.map(readFile), prompt: prompt,
                           expansion: expansion, modelID: model, outputFormat: format, options: try parseOptions(options))
    }
}

// MARK: Every other family, through the same entry point

/// Runs the requests in-process (one after another) and writes each result to its output path.
func runThroughStudio(_ requests: [EditRequest], outputs: [String], common: CommonOptions) async throws {
    do {
        let results = try await withStudio(try common.config()) { _, services in
            guard let user = try await services.accounts.firstUser() else { throw StudioError.notFound("Local user") }
            var results: [EditResult] = []
            for request in requests { results.append(try await services.studio.edit(request, for: user)) }
            return results
        }
        for (result, output) in zip(results, outputs) {
            try result.image.write(to: URL(fileURLWithPath: output))
            print("wrote \(output): \(result.header.map { "\($0.size) " } ?? "")\(result.mimeType), model \(result.model.id) (\(result.model.provider)), cost \(result.cost), job \(result.jobID.uuidString.lowercased())")
            for note in result.adjustments { print("note: \(note)") }
        }
    } catch {
        throw report(error)
    }
}

func readFile(_ path: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw ValidationError("cannot read \(path)") }
}

func parseOptions(_ options: [String]) throws -> [String: JSONValue] {
    var parsed: [String: JSONValue] = [:]
    for option in options {
        let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--option takes key=value, not '\(option)'") }
        parsed[parts[0]] = Double(parts[1]).map(JSONValue.number) ?? .string(parts[1])
    }
    return parsed
}

/// The image format from --output-format, or from the output file's extension.
func outputImageFormat(_ name: String?, output: String) throws -> ImageFormat {
    let formatName = name ?? URL(fileURLWithPath: output).pathExtension
    guard let format = ImageFormat(name: formatName), ImageFormat.writable.contains(format) else {
        throw ValidationError("output format must be png, jpeg or webp (from --output-format or the file name)")
    }
    return format
}

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create images from a prompt.")

    @ArgumentParser.Option(help: "What to make.") var prompt: String
    @ArgumentParser.Option(help: "A text-to-image model id; without it the recommender chooses.") var model: String?
    @ArgumentParser.Option(help: "WIDTHxHEIGHT (default: the model's 1024x1024).") var size: String?
    @ArgumentParser.Option(help: "How many variations (1–10); files are numbered.") var count = 1
    @ArgumentParser.Option(name: .customLong("option"), help: "A model option as key=value (repeatable).") var options: [String] = []
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the result.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        guard (1...10).contains(count) else { throw ValidationError("--count must be between 1 and 10") }
        var request = EditRequest(operation: .generate, image: nil, prompt: prompt, modelID: model,
                                  outputFormat: try outputImageFormat(nil, output: output), options: try parseOptions(options))
        if let size {
            let parts = size.split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2 else { throw ValidationError("--size takes WIDTHxHEIGHT") }
            request.outputSize = PixelSize(width: parts[0], height: parts[1])
        }
        let url = URL(fileURLWithPath: output)
        let outputs = count == 1 ? [output] : (1...count).map {
            url.deletingPathExtension().path + "-\($0)." + url.pathExtension
        }
        try await runThroughStudio(Array(repeating: request, count: count), outputs: outputs, common: common)
    }
}

struct Upscale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Upscale an image (the local Lanczos engine, Stability or WaveSpeed).")

    @ArgumentParser.Argument(help: "The input image.") var image: String
    @ArgumentParser.Option(help: "fast, conservative or creative (Stability); without it, --model or the recommender.") var mode: String?
    @ArgumentParser.Option(help: "An upscale model id.") var model: String?
    @ArgumentParser.Option(help: "The factor, for the local engine (default 2).") var scale: Double?
    @ArgumentParser.Option(help: "What the image shows (conservative and creative need it).") var prompt: String?
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the result.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        let modes = ["fast": "stability-upscale-fast", "conservative": "stability-upscale-conservative", "creative": "stability-upscale-creative"]
        if let mode, modes[mode] == nil { throw ValidationError("--mode must be fast, conservative or creative") }
        let request = EditRequest(operation: .upscale, image: try readFile(image), prompt: prompt, modelID: model ?? mode.flatMap { modes[$0] },
                                  outputFormat: try outputImageFormat(nil, output: output),
                                  options: scale.map { ["scale": .number($0)] } ?? [:])
        try await runThroughStudio([request], outputs: [output], common: common)
    }
}

struct FaceSwap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "face-swap", abstract: "Put the face of --face onto the person in the image.")

    @ArgumentParser.Argument(help: "The photo.") var image: String
    @ArgumentParser.Option(help: "The face to put in.") var face: String
    @ArgumentParser.Option(help: "A face swap model id.") var model: String?
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the result.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        let request = EditRequest(operation: .faceSwap, image: try readFile(image), references: [try readFile(face)], modelID: model,
                                  outputFormat: try outputImageFormat(nil, output: output))
        try await runThroughStudio([request], outputs: [output], common: common)
    }
}

struct Translate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Translate the text in an image.")

    @ArgumentParser.Argument(help: "The input image.") var image: String
    @ArgumentParser.Option(help: "The language to translate into (e.g. fr).") var to: String
    @ArgumentParser.Option(help: "The language of the image's text (default: detected).") var from: String?
    @ArgumentParser.Option(help: "A translation model id.") var model: String?
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the result.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        var options: [String: JSONValue] = ["target_language": .string(to)]
        if let from { options["source_language"] = .string(from) }
        let request = EditRequest(operation: .translate, image: try readFile(image), modelID: model,
                                  outputFormat: try outputImageFormat(nil, output: output), options: options)
        try await runThroughStudio([request], outputs: [output], common: common)
    }
}

struct ToThreeD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "to-3d", abstract: "Make a 3D model (GLB) of the object in an image.")

    @ArgumentParser.Argument(help: "The input image.") var image: String
    @ArgumentParser.Option(help: "An image-to-3D model id.") var model: String?
    @ArgumentParser.Option(name: .shortAndLong, help: "Where to write the GLB.") var output: String
    @ArgumentParser.OptionGroup var common: CommonOptions

    func run() async throws {
        guard output.lowercased().hasSuffix(".glb") else { throw ValidationError("the output of to-3d is a GLB file: name it *.glb") }
        try await runThroughStudio([EditRequest(operation: .imageTo3D, image: try readFile(image), modelID: model)], outputs: [output], common: common)
    }
}

/// Resolves a user id given on the command line, or the first (local) user.
func resolveUser(_ id: String?, _ accounts: any AccountDirectory) async throws -> StudioUser {
    if let id {
        guard let uuid = UUID(uuidString: id), let user = try await accounts.user(id: uuid) else { throw ValidationError("no user \(id)") }
        return user
    }
    guard let user = try await accounts.firstUser() else { throw ValidationError("no users yet: run `imagestudio serve` once") }
    return user
}

func planTier(_ name: String) throws -> PlanTier {
    guard let tier = PlanTier(rawValue: name) else { throw ValidationError("plan must be free, basic, pro or enterprise") }
    return tier
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [List.self, Create.self, SetPlan.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their role and plan.")
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let users = try await withStudio(try common.config()) { _, services in try await services.accounts.users() }
            for user in users { print("\(user.id.uuidString.lowercased())  \(user.role.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(user.plan.id.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0))  \(user.name)") }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print its first API key (shown once).")
        @ArgumentParser.Option(help: "The user's name.") var name: String
        @ArgumentParser.Option(help: "free, basic, pro or enterprise.") var plan = "free"
        @ArgumentParser.Flag(help: "Make the user an administrator.") var admin = false
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let tier = try planTier(plan)
            let (user, key) = try await withStudio(try common.config()) { _, services in
                let user = try await services.accounts.createUser(name: name, plan: tier, role: admin ? .admin : .user)
                return (user, try await services.accounts.createKey(for: user, label: "initial", key: nil))
            }
            print("user \(user.id.uuidString.lowercased()) (\(user.role.rawValue), \(user.plan.id.rawValue))")
            print("API key: \(key)")
        }
    }

    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-plan", abstract: "Move a user to another plan.")
        @ArgumentParser.Argument(help: "The user id.") var user: String
        @ArgumentParser.Argument(help: "free, basic, pro or enterprise.") var plan: String
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let tier = try planTier(plan)
            let updated = try await withStudio(try common.config()) { _, services in
                try await services.accounts.setPlan(user: try await resolveUser(user, services.accounts).id, plan: tier)
            }
            print("\(updated.name) is now on \(updated.plan.id.rawValue)")
        }
    }
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key and print it once (default: for the local user).")

        @ArgumentParser.Option(help: "A label to recognise the key by.") var label = "cli"
        @ArgumentParser.Option(help: "The user id (default: the first user).") var user: String?
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let key = try await withStudio(try common.config()) { _, services in
                try await services.accounts.createKey(for: try await resolveUser(user, services.accounts), label: label, key: nil)
            }
            print(key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's keys (never the keys themselves).")
        @ArgumentParser.Option(help: "The user id (default: the first user).") var user: String?
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let keys = try await withStudio(try common.config()) { _, services in
                try await services.accounts.keys(of: try await resolveUser(user, services.accounts).id)
            }
            for key in keys { print("\(key.id.uuidString.lowercased())  \(key.prefix)…  \(key.label)\(key.revokedAt == nil ? "" : "  (revoked)")") }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
        @ArgumentParser.Argument(help: "The key id (from `keys list`).") var id: String
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("not a key id: \(id)") }
            let done = try await withStudio(try common.config()) { _, services in try await services.accounts.revokeKey(id: uuid, owner: nil) }
            guard done else { throw ValidationError("no active key \(id)") }
            print("revoked \(id)")
        }
    }
}

struct Plans: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show and change plans.", subcommands: [List.self, Set.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans and their monthly limits.")
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let plans = try await withStudio(try common.config()) { _, services in try await services.accounts.plans() }
            for plan in plans {
                let others = OperationFamily.allCases.filter { $0 != .editing }
                    .map { "\($0.rawValue): \(plan.limit(for: $0).map(String.init) ?? "unlimited")" }.joined(separator: ", ")
                print("\(plan.id.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) operations: \(plan.monthlyOperations.map(String.init) ?? "unlimited"), cost cap: \(plan.monthlyCostCap.map { "\($0)" } ?? "none"); \(others)")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a plan's monthly limits.")
        @ArgumentParser.Argument(help: "free, basic, pro or enterprise.") var plan: String
        @ArgumentParser.Option(help: "Operations a month, or 'unlimited'.") var operations: String
        @ArgumentParser.Option(name: .customLong("cost-cap"), help: "Dollars a month (e.g. 25.00), or 'none'.") var costCap: String
        @ArgumentParser.OptionGroup var common: CommonOptions

        func run() async throws {
            let tier = try planTier(plan)
            let count: Int? = operations == "unlimited" ? nil : try Int(operations).orThrow("--operations takes a number or 'unlimited'")
            let cap: Money? = costCap == "none" ? nil : try Money(dollars: costCap).orThrow("--cost-cap takes dollars like 25.00 or 'none'")
            let updated = try await withStudio(try common.config()) { _, services in
                try await services.accounts.updatePlan(tier, monthlyOperations: count, monthlyCostCap: cap)
            }
            print("\(updated.id.rawValue): operations \(updated.monthlyOperations.map(String.init) ?? "unlimited"), cost cap \(updated.monthlyCostCap.map { "\($0)" } ?? "none")")
        }
    }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw ValidationError(message) }
        return value
    }
}
