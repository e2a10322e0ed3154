import Foundation
import StudioCore
import Vapor

/// One image of `POST /create` or `/character` (ALwrity's `results[]` item plus cost, job and URL).
struct GeneratedImageDTO: Content {
    let variation: Int
    let imageBase64: String
    let mimeType: String
    let width: Int
    let height: Int
    let provider: String
    let model: String
    let seed: Int?
    let cost: Double
    let costMicros: Int64
    let jobID: String
    let outputURL: String

    init(_ result: EditResult, variation: Int, seed: Int?) throws {
        guard let header = result.header else { throw StudioError.storage("the \(result.model.id) output is not an image") }
        self.variation = variation
        imageBase64 = Base64Image.dataURL(result.image, mimeType: header.format.mimeType)
        mimeType = header.format.mimeType; width = header.size.width; height = header.size.height
        provider = result.model.provider; model = result.model.id; self.seed = seed
        cost = result.cost.dollars; costMicros = result.cost.micros
        jobID = result.jobID.uuidString.lowercased(); outputURL = "/api/image-studio/outputs/\(result.blob.hash)"
    }

    enum CodingKeys: String, CodingKey {
        case variation, width, height, provider, model, seed, cost
        case imageBase64 = "image_base64", mimeType = "mime_type", costMicros = "cost_micros", jobID = "job_id", outputURL = "output_url"
    }
}

/// A variation that failed while others succeeded (each failure was released, nothing charged).
struct FailedVariationDTO: Content {
    let variation: Int
    let error: ErrorBody.Detail
}

struct GeneratedImagesDTO: Content {
    var success = true
    let results: [GeneratedImageDTO]
    let totalGenerated: Int
    let totalCost: Double
    let totalCostMicros: Int64
    let failed: [FailedVariationDTO]

    /// The results of every variation; when all failed, the first error is thrown instead.
    init(_ outcomes: [Result<EditResult, any Error>], seeds: [Int?]) throws {
        var results: [GeneratedImageDTO] = [], failed: [FailedVariationDTO] = [], firstError: (any Error)?
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let result): results.append(try GeneratedImageDTO(result, variation: index + 1, seed: seeds[index]))
            case .failure(let error):
                firstError = firstError ?? error
                let outcome = (error as? StudioError)?.outcome
                failed.append(FailedVariationDTO(variation: index + 1, error: .init(code: outcome?.code ?? "internal_error",
                                                                                    message: outcome?.message ?? "The variation failed.",
                                                                                    usageInfo: nil, rejections: nil)))
            }
        }
        if results.isEmpty, let firstError { throw firstError }
        self.results = results; self.failed = failed; totalGenerated = results.count
        totalCostMicros = results.reduce(0) { $0 + $1.costMicros }; totalCost = Double(totalCostMicros) / 1_000_000
    }

    enum CodingKeys: String, CodingKey {
        case success, results, failed
        case totalGenerated = "total_generated", totalCost = "total_cost", totalCostMicros = "total_cost_micros"
    }
}

/// `POST /image-to-3d`: the GLB is stored; its URL, size and type come back.
struct Model3DResponseDTO: Content {
    var success = true
    let operation = "image_to_3d"
    let provider: String
    let model: String
    let modelName: String
    let mimeType: String
    let modelURL: String
    let byteCount: Int
    let cost: Double
    let costMicros: Int64
    let jobID: String
    let adjustments: [String]

    init(_ result: EditResult) {
        provider = result.model.provider; model = result.model.id; modelName = result.model.name; mimeType = result.mimeType
        modelURL = "/api/image-studio/outputs/\(result.blob.hash)"; byteCount = result.blob.byteCount
        cost = result.cost.dollars; costMicros = result.cost.micros; jobID = result.jobID.uuidString.lowercased()
        adjustments = result.adjustments
    }

    enum CodingKeys: String, CodingKey {
        case success, operation, provider, model, cost, adjustments
        case modelName = "model_name", mimeType = "mime_type", modelURL = "model_url", byteCount = "byte_count"
        case costMicros = "cost_micros", jobID = "job_id"
    }
}
