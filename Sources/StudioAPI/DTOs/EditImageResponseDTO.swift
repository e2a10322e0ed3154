import StudioCore
import Vapor

/// The answer to `?async=true`.
struct QueuedJobDTO: Content {
    struct Links: Codable { let job: String; let events: String }
    let jobID: String
    let status: String
    let model: String
    let provider: String
    let links: Links
    enum CodingKeys: String, CodingKey { case status, model, provider, links; case jobID = "job_id" }
}

/// ALwrity's `EditImageResponse` plus what it lacked: the model, its provider, the cost, the job id
/// and the image's real MIME type.
struct EditImageResponseDTO: Content {
    struct Metadata: Codable {
        let width: Int
        let height: Int
        let operation: String
        let stylePreset: String?
        let provider: String
        let model: String
        enum CodingKeys: String, CodingKey {
            case width, height, operation, provider, model
            case stylePreset = "style_preset"
        }
    }

    var success = true
    let operation: String
    let provider: String
    let model: String
    let modelName: String
    let imageBase64: String
    let mimeType: String
    let width: Int
    let height: Int
    let cost: Double
    let costMicros: Int64
    let jobID: String
    let outputURL: String
    let adjustments: [String]
    let recommendationReason: String?
    let metadata: Metadata
    /// `/upscale`: the mode asked for.
    var mode: String?

    init(_ result: EditResult, stylePreset: String?) throws {
        guard let header = result.header else { throw StudioError.storage("the \(result.model.id) output is not an image") }
        operation = result.operation.rawValue
        provider = result.model.provider
        model = result.model.id
        modelName = result.model.name
        imageBase64 = Base64Image.dataURL(result.image, mimeType: header.format.mimeType)
        mimeType = header.format.mimeType
        width = header.size.width
        height = header.size.height
        cost = result.cost.dollars
        costMicros = result.cost.micros
        jobID = result.jobID.uuidString.lowercased()
        outputURL = "/api/image-studio/outputs/\(result.blob.hash)"
        adjustments = result.adjustments
        recommendationReason = result.recommendationReason
        metadata = Metadata(width: width, height: height, operation: operation, stylePreset: stylePreset,
                            provider: provider, model: model)
    }

    enum CodingKeys: String, CodingKey {
        case success, operation, provider, model, width, height, cost, adjustments, metadata, mode
        case modelName = "model_name", imageBase64 = "image_base64", mimeType = "mime_type", costMicros = "cost_micros"
        case jobID = "job_id", outputURL = "output_url", recommendationReason = "recommendation_reason"
    }
}
