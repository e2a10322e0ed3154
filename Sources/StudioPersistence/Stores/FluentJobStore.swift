import Fluent
import Foundation
import StudioCore

public struct FluentJobStore: JobStore {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func create(id: UUID, user: StudioUser, operation: ImageOperation, model: ModelDescriptor, estimate: Money) async throws {
        let job = JobModel()
        job.id = id; job.userID = user.id; job.operation = operation.rawValue; job.modelID = model.id
        job.provider = model.provider; job.status = JobStatus.queued.rawValue; job.estimateMicros = estimate.micros
        try await job.create(on: database)
    }

    public func update(id: UUID, status: JobStatus, outputHash: String?, errorCode: String?, errorMessage: String?) async throws {
        guard let job = try await JobModel.find(id, on: database) else { throw StudioError.notFound("Job \(id)") }
        job.status = status.rawValue
        if let outputHash { job.outputHash = outputHash }
        job.errorCode = errorCode
        job.errorMessage = errorMessage
        try await job.update(on: database)
    }
}
