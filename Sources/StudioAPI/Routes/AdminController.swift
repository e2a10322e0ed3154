import Foundation
import StudioCore
import Vapor

/// `/admin/...`: users, their keys and plans, and anyone's usage. Admins only (403 otherwise).
struct AdminController: RouteCollection {
    let accounts: any AccountDirectory
    let studio: Studio

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(AdminOnlyMiddleware())
        admin.get("users", use: users)
        admin.post("users", use: createUser)
        admin.patch("users", ":id", use: setPlan)
        admin.get("users", ":id", "keys", use: keys)
        admin.post("users", ":id", "keys", use: createKey)
        admin.delete("keys", ":id", use: revokeKey)
        admin.get("users", ":id", "usage", use: usage)
        admin.get("plans", use: plans)
        admin.put("plans", ":id", use: updatePlan)
    }

    private func target(_ req: Request) async throws -> StudioUser {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await accounts.user(id: id) else {
            throw StudioError.notFound("User")
        }
        return user
    }

    @Sendable func users(req: Request) async throws -> [UserDTO] { try await accounts.users().map(UserDTO.init) }

    @Sendable func createUser(req: Request) async throws -> Response {
        let body = try req.content.decode(NewUserRequest.self)
        guard !body.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StudioError.invalidOption(name: "name", reason: "must not be empty") }
        guard let role = Role(rawValue: body.role ?? "user") else { throw StudioError.invalidOption(name: "role", reason: "must be user or admin") }
        let user = try await accounts.createUser(name: body.name, plan: try parsePlan(body.plan) ?? .free, role: role)
        let key = try await accounts.createKey(for: user, label: "initial", key: nil)
        let response = Response(status: .created)
        try response.content.encode(NewUserDTO(user: UserDTO(user), apiKey: key))
        return response
    }

    @Sendable func setPlan(req: Request) async throws -> UserDTO {
        let user = try await target(req)
        guard let plan = try parsePlan(try req.content.decode(SetPlanRequest.self).plan) else { throw StudioError.invalidOption(name: "plan", reason: "is required") }
        return UserDTO(try await accounts.setPlan(user: user.id, plan: plan))
    }

    @Sendable func keys(req: Request) async throws -> [KeyDTO] { try await accounts.keys(of: try await target(req).id).map(KeyDTO.init) }

    @Sendable func createKey(req: Request) async throws -> Response {
        let user = try await target(req)
        let label = try req.content.decode(NewKeyRequest.self).label ?? "admin"
        let response = Response(status: .created)
        try response.content.encode(NewKeyDTO(key: try await accounts.createKey(for: user, label: label, key: nil), label: label))
        return response
    }

    @Sendable func revokeKey(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self), try await accounts.revokeKey(id: id, owner: nil) else {
            throw StudioError.notFound("Key")
        }
        return .noContent
    }

    @Sendable func usage(req: Request) async throws -> UsageDTO { UsageDTO(try await studio.usage(of: try await target(req))) }

    @Sendable func plans(req: Request) async throws -> [PlanDTO] { try await accounts.plans().map(PlanDTO.init) }

    @Sendable func updatePlan(req: Request) async throws -> PlanDTO {
        guard let tier = try parsePlan(req.parameters.get("id")) else { throw StudioError.notFound("Plan") }
        let body = try req.content.decode(PlanLimitsRequest.self)
        if let operations = body.monthlyOperations, operations < 0 {
            throw StudioError.invalidOption(name: "monthly_operations", reason: "must be 0 or more, or null for unlimited")
        }
        let cap = try body.monthlyCostCap.map { text in
            guard let money = Money(dollars: text) else { throw StudioError.invalidOption(name: "monthly_cost_cap", reason: "must be dollars like \"25.00\", or null") }
            return money
        }
        return PlanDTO(try await accounts.updatePlan(tier, monthlyOperations: body.monthlyOperations, monthlyCostCap: cap,
                                                     familyLimits: try body.families()))
    }
}

struct AdminOnlyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try request.studioUser().isAdmin else { throw APIError.forbidden }
        return try await next.respond(to: request)
    }
}
