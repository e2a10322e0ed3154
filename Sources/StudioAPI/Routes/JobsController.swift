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
    let inputURL: String?
    /// What the ledger charged: the settled cost, 0 once released, nil while the cost is held.
    let chargedCostMicros: Int64?
    /// Seconds from creation to the end, for finished jobs.
    let durationSeconds: Double?
    let error: ErrorBody.Detail?
    let createdAt: String?
    let updatedAt: String?

    init(_ job: JobSummary) {
        id = job.id.uuidString.lowercased(); status = job.status.rawValue; phase = job.phase; operation = job.operation
        model = job.modelID; provider = job.provider; estimatedCostMicros = job.estimate.micros
        outputURL = job.outputHash.map { "/api/image-studio/outputs/\($0)" }
        inputURL = job.inputHash.map { "/api/image-studio/outputs/\($0)" }
        chargedCostMicros = job.charged?.micros
        let finished = job.status == .succeeded || job.status == .failed
        durationSeconds = finished ? zip(job.createdAt, job.updatedAt).map { ($1.timeIntervalSince($0) * 1000).rounded() / 1000 } : nil
        error = job.errorCode.map { ErrorBody.Detail(code: $0, message: job.errorMessage ?? "", usageInfo: nil, rejections: nil) }
        createdAt = job.createdAt.map(ISODate.string); updatedAt = job.updatedAt.map(ISODate.string)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, phase, operation, model, provider, error
        case estimatedCostMicros = "estimated_cost_micros", outputURL = "output_url", createdAt = "created_at", updatedAt = "updated_at"
        case inputURL = "input_url", chargedCostMicros = "charged_cost_micros", durationSeconds = "duration_seconds"
    }
}

struct JobPageDTO: Content {
    let data: [JobDTO]
    let page: Int
    let perPage: Int
    let total: Int

    enum CodingKeys: String, CodingKey { case data, page, total; case perPage = "per_page" }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// `/jobs/{id}`: read, follow (server-sent events) and cancel a job. Only its owner sees it; anyone
/// else's (or a missing) id is the same 404.
struct JobsController: RouteCollection {
    let jobs: any JobStore
    let control: any JobControl

    func boot(routes: any RoutesBuilder) throws {
        routes.get("jobs", use: list)
        routes.get("jobs", ":id", use: show)
        routes.get("jobs", ":id", "events", use: events)
        routes.delete("jobs", ":id", use: cancel)
    }

    private func owned(_ req: Request) async throws -> (UUID, UUID, JobSummary) {
        let owner = try req.studioUser().id
        guard let id = req.parameters.get("id", as: UUID.self), let job = try await jobs.summary(id: id, owner: owner) else {
            throw StudioError.notFound("Job")
        }
        return (id, owner, job)
    }

    /// The caller's jobs, newest first (history).
    @Sendable func list(req: Request) async throws -> JobPageDTO {
        let page = try req.intQuery("page", in: 1...1_000_000) ?? 1
        let perPage = try req.intQuery("per_page", in: 1...100) ?? 20
        let (jobs, total) = try await jobs.list(owner: try req.studioUser().id, page: page, perPage: perPage)
        return JobPageDTO(data: jobs.map(JobDTO.init), page: page, perPage: perPage, total: total)
    }

    @Sendable func show(req: Request) async throws -> JobDTO {
        JobDTO(try await owned(req).2)
    }

    /// `text/event-stream`: one event each time the job moves (queued, running, provider_submitting,
    /// provider_processing, done or failed), each with the job as JSON; the stream ends with the job.
    @Sendable func events(req: Request) async throws -> Response {
        let (id, owner, _) = try await owned(req)
        let jobs = self.jobs
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            var last = ""
            while let job = try await jobs.summary(id: id, owner: owner) {
                let name = Self.eventName(job)
                if name != last {
                    let data = String(decoding: try JSONEncoder().encode(JobDTO(job)), as: UTF8.self)
                    try await writer.write(.buffer(ByteBuffer(string: "event: \(name)\ndata: \(data)\n\n")))
                    last = name
                }
                if job.status == .succeeded || job.status == .failed { break }
                try await Task.sleep(for: .milliseconds(150))
            }
            try await writer.write(.end)
        }))
        response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    static func eventName(_ job: JobSummary) -> String {
        switch (job.status, job.phase) {
        case (.queued, _): "queued"
        case (.running, "submitting"): "provider_submitting"
        case (.running, "submitted"): "provider_processing"
        case (.running, _): "running"
        case (.succeeded, _): "done"
        case (.failed, _): "failed"
        }
    }

    @Sendable func cancel(req: Request) async throws -> JobDTO {
        let (id, owner, _) = try await owned(req)
        switch try await control.cancel(job: id, owner: owner) {
        case .cancelled:
            guard let job = try await jobs.summary(id: id, owner: owner) else { throw StudioError.notFound("Job") }
            return JobDTO(job)
        case .notFound: throw StudioError.notFound("Job")
        case .alreadyFinished: throw StudioError.conflict("The job has already finished.")
        case .notCancellable: throw StudioError.conflict("The job runs in a synchronous request or on another server and cannot be cancelled from here.")
        }
    }
}
