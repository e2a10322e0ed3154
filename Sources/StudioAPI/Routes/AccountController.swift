import StudioCore
import Vapor

/// Outputs and usage of the authenticated user; an admin may name another user with `?user_id=`.
struct AccountController: RouteCollection {
    let studio: Studio
    let outputs: any OutputReader
    let reports: any UsageReports
    let accounts: any AccountDirectory

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        routes.get("usage", use: usage)
        routes.get("usage", "logs", use: logs)
        routes.get("outputs", ":hash", use: output)
    }

    /// The caller, or (admins only) the user named by `user_id`; anyone else's id is a 404.
    private func subject(_ req: Request) async throws -> StudioUser {
        let caller = try req.studioUser()
        guard let text = try? req.query.get(String.self, at: "user_id") else { return caller }
        guard let id = UUID(uuidString: text), caller.isAdmin || id == caller.id, let user = try await accounts.user(id: id) else {
            throw StudioError.notFound("User")
        }
        return user
    }

    /// Who the key belongs to, their plan and this period's editing usage (the studio's header).
    @Sendable func me(req: Request) async throws -> MeDTO {
        let user = try req.studioUser()
        return MeDTO(user: UserDTO(user), usage: UsageDTO(try await studio.usage(of: user)))
    }

    @Sendable func usage(req: Request) async throws -> UsageReportDTO {
        let user = try await subject(req)
        let breakdown = try await reports.breakdown(user: user.id, period: studio.currentPeriod)
        return UsageReportDTO(totals: UsageDTO(try await studio.usage(of: user)),
                              byOperation: breakdown.byOperation.map(UsageLineDTO.init), byModel: breakdown.byModel.map(UsageLineDTO.init),
                              byProvider: breakdown.byProvider.map(UsageLineDTO.init), daily: breakdown.daily.map(UsageLineDTO.init))
    }

    @Sendable func logs(req: Request) async throws -> LedgerPageDTO {
        let user = try await subject(req)
        let page = try req.intQuery("page", in: 1...1_000_000) ?? 1
        let perPage = try req.intQuery("per_page", in: 1...200) ?? 50
        let (lines, total) = try await reports.ledger(user: user.id, page: page, perPage: perPage)
        return LedgerPageDTO(data: lines.map(LedgerLineDTO.init), page: page, perPage: perPage, total: total)
    }

    /// A stored output, only to its owner (anyone else gets the same 404 as for a missing one).
    /// `?thumb=N` answers a WebP that fits in N×N pixels (history and galleries).
    @Sendable func output(req: Request) async throws -> Response {
        let user = try req.studioUser()
        let thumb = try req.intQuery("thumb", in: 16...1024)
        guard let hash = req.parameters.get("hash"), var (data, mimeType) = try await outputs.output(hash, owner: user.id) else {
            throw StudioError.notFound("Output")
        }
        if let thumb, let header = try? ImageHeader.sniff(data) {
            let scale = min(1, Double(thumb) / Double(max(header.size.width, header.size.height)))
            let size = PixelSize(width: max(1, Int((Double(header.size.width) * scale).rounded())),
                                 height: max(1, Int((Double(header.size.height) * scale).rounded())))
            data = try studio.toolkit.resize(data, to: size, format: .webp)
            mimeType = ImageFormat.webp.mimeType
        }
        let response = Response(status: .ok, body: .init(data: data))
        let parts = mimeType.split(separator: "/", maxSplits: 1).map(String.init)
        response.headers.contentType = HTTPMediaType(type: parts.first ?? "application", subType: parts.count == 2 ? parts[1] : "octet-stream")
        response.headers.cacheControl = .init(isPrivate: true, maxAge: 86_400)
        return response
    }
}

/// Reads stored outputs for their owner.
public protocol OutputReader: Sendable {
    func output(_ hash: String, owner: UUID) async throws -> (Data, String)?
}
