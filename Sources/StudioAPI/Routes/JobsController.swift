import Foundation
import StudioCore
import Vapor

struct JobDTO: Content {
    let id: String
    let status: String
    let phase: String
    let operation: String
    let model: String
    let provider: String
    let estimatedCostMicros: Int64
    let outputURL: String?
    let error: ErrorBody.Detail?
    let createdAt: Date?
    let updatedAt: Date?

    init(_ job: JobSummary) {
        id = job.id.uuidString.lowercased(); status = job.status.rawValue; phase = job.phase; operation = job.operation
        model = job.modelID; provider = job.provider; estimatedCostMicros = job.estimate.micros
        outputURL = job.outputHash.map { "/api/image-studio/outputs/\($0)" }
        error = job.errorCode.map { ErrorBody.Detail(code: $0, message: job.errorMessage ?? "", usageInfo: nil, rejections: nil) }
        createdAt = job.createdAt; updatedAt = job.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, phase, operation, model, provider, error
        case estimatedCostMicros = "estimated_cost_micros", outputURL = "output_url", createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// `GET /jobs/{id}`: a job to its owner; anyone else's (or a missing) id is the same 404.
struct JobsController: RouteCollection {
    let jobs: any JobStore

    func boot(routes: any RoutesBuilder) throws {
        routes.get("jobs", ":id", use: show)
    }

    @Sendable func show(req: Request) async throws -> JobDTO {
        guard let id = req.parameters.get("id", as: UUID.self),
              let job = try await jobs.summary(id: id, owner: try req.studioUser().id) else { throw StudioError.notFound("Job") }
        return JobDTO(job)
    }
}
