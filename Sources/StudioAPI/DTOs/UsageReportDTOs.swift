import Foundation
import StudioCore
import Vapor

struct UsageLineDTO: Content {
    let key: String
    let operations: Int
    let cost: Double
    let costMicros: Int64

    init(_ line: UsageLine) { key = line.key; operations = line.operations; cost = line.cost.dollars; costMicros = line.cost.micros }

    enum CodingKeys: String, CodingKey { case key, operations, cost; case costMicros = "cost_micros" }
}

/// `GET /usage`: the period's totals against the plan, then where they went.
struct UsageReportDTO: Content {
    let totals: UsageDTO
    let byOperation: [UsageLineDTO]
    let byModel: [UsageLineDTO]
    let byProvider: [UsageLineDTO]
    let daily: [UsageLineDTO]

    enum CodingKeys: String, CodingKey {
        case totals, daily
        case byOperation = "by_operation", byModel = "by_model", byProvider = "by_provider"
    }
}

struct LedgerLineDTO: Content {
    let id: String
    let jobID: String
    let model: String
    let provider: String
    let operation: String
    let status: String
    let estimateMicros: Int64
    let costMicros: Int64
    let errorCode: String?
    let createdAt: String?

    init(_ line: LedgerLine) {
        id = line.id.uuidString.lowercased(); jobID = line.jobID.uuidString.lowercased(); model = line.modelID
        provider = line.provider; operation = line.operation; status = line.status; estimateMicros = line.estimate.micros
        costMicros = line.cost.micros; errorCode = line.errorCode; createdAt = line.createdAt.map(ISODate.string)
    }

    enum CodingKeys: String, CodingKey {
        case id, model, provider, operation, status
        case jobID = "job_id", estimateMicros = "estimate_micros", costMicros = "cost_micros", errorCode = "error_code", createdAt = "created_at"
    }
}

struct LedgerPageDTO: Content {
    let data: [LedgerLineDTO]
    let page: Int
    let perPage: Int
    let total: Int

    enum CodingKeys: String, CodingKey { case data, page, total; case perPage = "per_page" }
}
