import Fluent
import Foundation

/// One row per provider call, failures included.
final class LedgerEntryModel: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "job_id") var jobID: UUID
    @Field(key: "period") var period: String
    @Field(key: "model_id") var modelID: String
    @Field(key: "provider") var provider: String
    @Field(key: "operation") var operation: String
    /// reserved, settled or released.
    @Field(key: "status") var status: String
    @Field(key: "estimate_micros") var estimateMicros: Int64
    @Field(key: "cost_micros") var costMicros: Int64
    @OptionalField(key: "error_code") var errorCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

final class JobModel: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "operation") var operation: String
    @Field(key: "model_id") var modelID: String
    @Field(key: "provider") var provider: String
    @Field(key: "status") var status: String
    @Field(key: "estimate_micros") var estimateMicros: Int64
    @OptionalField(key: "provider_task_id") var providerTaskID: String?
    @OptionalField(key: "output_hash") var outputHash: String?
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "phase") var phase: String
    /// sync (run by the request) or async (claimed by a worker).
    @Field(key: "mode") var mode: String
    @OptionalField(key: "ledger_entry_id") var ledgerEntryID: UUID?
    @OptionalField(key: "period") var period: String?
    @OptionalField(key: "input_hash") var inputHash: String?
    @OptionalField(key: "mask_hash") var maskHash: String?
    @OptionalField(key: "background_hash") var backgroundHash: String?
    @OptionalField(key: "lighting_hash") var lightingHash: String?
    /// `JobRecord.Parameters` as JSON.
    @OptionalField(key: "parameters") var parameters: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// Ownership of a content-addressed output file.
final class BlobModel: Model, @unchecked Sendable {
    static let schema = "blobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "hash") var hash: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "mime_type") var mimeType: String
    @Field(key: "byte_count") var byteCount: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(hash: String, ownerID: UUID, mimeType: String, byteCount: Int) {
        self.hash = hash; self.ownerID = ownerID; self.mimeType = mimeType; self.byteCount = byteCount
    }
}
