import Foundation

/// Where a job's provider call stands, for recovery after a crash.
public enum JobPhase: String, Sendable, Codable {
    /// Nothing was sent to the provider: safe to run again.
    case prepared
    /// The call that creates work was sent (or was about to be): without a task id it may or may not exist.
    case submitting
    /// The provider gave a task id: resume by polling it.
    case submitted
}

/// Who runs a job: the request that made it, or a worker that claims it from the database.
public enum JobMode: String, Sendable, Codable {
    case sync, async
}

/// Everything needed to run (or resume) a job again: the fitted inputs are stored as blobs.
public struct JobRecord: Sendable {
    public struct Parameters: Sendable, Codable {
        public var prompt: String?
        public var negativePrompt: String?
        public var searchPrompt: String?
        public var selectPrompt: String?
        public var expansion: Expansion
        public var stylePreset: String?
        public var guidanceScale: Double?
        public var steps: Int?
        public var seed: Int?
        /// What the caller asked for, and what the provider is asked to produce.
        public var requestedFormat: ImageFormat
        public var providerFormat: ImageFormat
        public var options: [String: JSONValue]
        /// Blob hashes of further input images.
        public var referenceHashes: [String] = []
        /// Where to POST the finished job (async jobs).
        public var webhookURL: String?
        /// Generation: the size asked for.
        public var outputSize: PixelSize?

        public init(prompt: String? = nil, negativePrompt: String? = nil, searchPrompt: String? = nil, selectPrompt: String? = nil,
                    expansion: Expansion = .init(), stylePreset: String? = nil, guidanceScale: Double? = nil, steps: Int? = nil,
                    seed: Int? = nil, requestedFormat: ImageFormat, providerFormat: ImageFormat, options: [String: JSONValue] = [:]) {
            self.prompt = prompt; self.negativePrompt = negativePrompt; self.searchPrompt = searchPrompt
            self.selectPrompt = selectPrompt; self.expansion = expansion; self.stylePreset = stylePreset
            self.guidanceScale = guidanceScale; self.steps = steps; self.seed = seed
            self.requestedFormat = requestedFormat; self.providerFormat = providerFormat; self.options = options
        }
    }

    public let id: UUID
    public let userID: UUID
    public let operation: ImageOperation
    public let modelID: String
    public let provider: String
    public let reservation: Reservation
    public let inputHash: String?
    public let maskHash: String?
    public let backgroundHash: String?
    public let lightingHash: String?
    public let parameters: Parameters
    public var phase: JobPhase
    public var providerTaskID: String?
    public var mode: JobMode = .sync

    public init(id: UUID, userID: UUID, operation: ImageOperation, modelID: String, provider: String, reservation: Reservation, inputHash: String?,
                maskHash: String?, backgroundHash: String?, lightingHash: String?, parameters: Parameters,
                phase: JobPhase = .prepared, providerTaskID: String? = nil, mode: JobMode = .sync) {
        self.id = id; self.userID = userID; self.operation = operation; self.modelID = modelID; self.provider = provider; self.reservation = reservation
        self.inputHash = inputHash; self.maskHash = maskHash; self.backgroundHash = backgroundHash; self.lightingHash = lightingHash
        self.parameters = parameters; self.phase = phase; self.providerTaskID = providerTaskID; self.mode = mode
    }
}
