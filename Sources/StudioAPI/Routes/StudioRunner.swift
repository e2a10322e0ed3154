import Foundation
import StudioCore
import Vapor

/// Runs requests of any family through the one entry point, for a route: `?async=true` queues them
/// (202 with the job ids), otherwise they run now — variations concurrently, at most four at a time.
struct StudioRunner: Sendable {
    let studio: Studio

    static func wantsAsync(_ req: Request) -> Bool { ["true", "1"].contains(req.query[String.self, at: "async"]) }

    /// Refuses a webhook on a synchronous request (it would never be called).
    static func checkWebhook(_ request: EditRequest, req: Request) throws {
        if request.webhookURL != nil, !wantsAsync(req) {
            throw StudioError.invalidOption(name: "webhook_url", reason: "is for async jobs (?async=true)")
        }
    }

    /// 202 with one queued job, or `{jobs: [...]}` for several.
    func enqueue(_ requests: [EditRequest], user: StudioUser) async throws -> Response {
        var queued: [QueuedJobDTO] = []
        for request in requests {
            let (id, model) = try await studio.enqueue(request, for: user)
            queued.append(QueuedJobDTO(id: id, model: model))
        }
        let response = Response(status: .accepted)
        if queued.count == 1 { try response.content.encode(queued[0]) } else { try response.content.encode(QueuedJobsDTO(jobs: queued)) }
        return response
    }

    /// Runs every request; the results in order, each a result or the error it ended with.
    func run(_ requests: [EditRequest], user: StudioUser) async -> [Result<EditResult, any Error>] {
        await withTaskGroup(of: (Int, Result<EditResult, any Error>).self) { group in
            var results = [Result<EditResult, any Error>?](repeating: nil, count: requests.count)
            var next = 0
            func start() {
                guard next < requests.count else { return }
                let index = next, request = requests[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await studio.edit(request, for: user))) } catch { return (index, .failure(error)) }
                }
            }
            for _ in 0..<min(4, requests.count) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                start()
            }
            return results.map { $0! }
        }
    }

    /// One request run now: the result, or its error thrown.
    func runOne(_ request: EditRequest, user: StudioUser) async throws -> EditResult {
        try await studio.edit(request, for: user)
    }
}

extension QueuedJobDTO {
    init(id: UUID, model: ModelDescriptor) {
        let job = id.uuidString.lowercased()
        self.init(jobID: job, status: "queued", model: model.id, provider: model.provider,
                  links: .init(job: "/api/image-studio/jobs/\(job)", events: "/api/image-studio/jobs/\(job)/events"))
    }
}

struct QueuedJobsDTO: Content {
    let jobs: [QueuedJobDTO]
}
