import Foundation

/// A hold on a user's plan for one operation, taken before the provider is called.
public struct Reservation: Sendable, Hashable {
    public let ledgerEntryID: UUID
    public let userID: UUID
    public let period: String
    public let estimate: Money
    /// The family whose operation count holds this reservation.
    public let family: OperationFamily

    public init(ledgerEntryID: UUID, userID: UUID, period: String, estimate: Money, family: OperationFamily = .editing) {
        self.ledgerEntryID = ledgerEntryID; self.userID = userID; self.period = period; self.estimate = estimate; self.family = family
    }
}

/// What a reservation is for, as recorded in the ledger.
public struct ChargeRequest: Sendable {
    public let user: StudioUser
    public let jobID: UUID
    public let model: ModelDescriptor
    public let operation: ImageOperation
    public let estimate: Money
    public let period: String

    public init(user: StudioUser, jobID: UUID, model: ModelDescriptor, operation: ImageOperation, estimate: Money, period: String) {
        self.user = user; self.jobID = jobID; self.model = model; self.operation = operation
        self.estimate = estimate; self.period = period
    }
}

/// The plan's quota and the usage ledger. Each method is atomic.
public protocol UsageLedger: Sendable {
    /// Reserves the estimate in one conditional statement; throws `quotaExceeded` or `budgetExceeded`.
    func reserve(_ charge: ChargeRequest) async throws -> Reservation
    /// Turns the reservation into a charge of `actual`.
    func settle(_ reservation: Reservation, actual: Money) async throws
    /// Gives the reservation back; the ledger keeps the failed call with a zero cost.
    func release(_ reservation: Reservation, errorCode: String) async throws
    /// The family's counts and the period's money.
    func usage(of user: StudioUser, period: String, family: OperationFamily) async throws -> UsageSnapshot
}

extension UsageLedger {
    public func usage(of user: StudioUser, period: String) async throws -> UsageSnapshot {
        try await usage(of: user, period: period, family: .editing)
    }
}

public enum JobStatus: String, Sendable, Codable {
    case queued, running, succeeded, failed
}

public protocol JobStore: Sendable {
    /// Records the job (queued, phase `prepared`) before any provider is called.
    func create(_ job: JobRecord) async throws
    /// The provider call that creates work is about to be sent.
    func markSubmitting(id: UUID) async throws
    /// The provider accepted the task under this id.
    func setTaskID(id: UUID, taskID: String) async throws
    func finish(id: UUID, status: JobStatus, outputHash: String?, errorCode: String?, errorMessage: String?) async throws
    /// Jobs a stopped process left half-done: sync jobs not finished, async jobs claimed but not finished.
    /// (Queued async jobs are not among them: workers claim those.)
    func unfinished() async throws -> [JobRecord]
    /// Atomically takes the oldest queued async job (status becomes running); nil when there is none.
    func claimNextQueued() async throws -> JobRecord?
    /// Cancels a queued async job of `owner` atomically; nil when it was not queued (or not theirs).
    func cancelQueued(id: UUID, owner: UUID) async throws -> JobRecord?
    /// A job as its owner sees it; nil when it does not exist or belongs to someone else.
    func summary(id: UUID, owner: UUID) async throws -> JobSummary?
    /// The owner's jobs, newest first, each with what it was charged; `page` counts from 1.
    func list(owner: UUID, page: Int, perPage: Int) async throws -> (jobs: [JobSummary], total: Int)
}

public struct JobSummary: Sendable {
    public let id: UUID
    public let operation: String
    public let modelID: String
    public let provider: String
    public let status: JobStatus
    public let phase: String
    public let estimate: Money
    public let outputHash: String?
    public let errorCode: String?
    public let errorMessage: String?
    public let createdAt: Date?
    public let updatedAt: Date?
    /// The stored (fitted) input image, for before/after views.
    public var inputHash: String?
    /// What the ledger charged (zero once released); nil while reserved or when unknown.
    public var charged: Money?

    public init(id: UUID, operation: String, modelID: String, provider: String, status: JobStatus, phase: String, estimate: Money,
                outputHash: String?, errorCode: String?, errorMessage: String?, createdAt: Date?, updatedAt: Date?) {
        self.id = id; self.operation = operation; self.modelID = modelID; self.provider = provider; self.status = status
        self.phase = phase; self.estimate = estimate; self.outputHash = outputHash; self.errorCode = errorCode
        self.errorMessage = errorMessage; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct StoredBlob: Sendable, Hashable {
    public let hash: String
    public let byteCount: Int
    public let mimeType: String

    public init(hash: String, byteCount: Int, mimeType: String) {
        self.hash = hash; self.byteCount = byteCount; self.mimeType = mimeType
    }
}

/// Content-addressed storage of outputs.
public protocol BlobStore: Sendable {
    func put(_ data: Data, mimeType: String, owner: UUID) async throws -> StoredBlob
    /// The bytes and MIME type of a blob `owner` owns.
    func get(_ hash: String, owner: UUID) async throws -> (Data, String)?
}

/// Image work the pipeline needs before and after a provider: full decoding checks and resizing.
public protocol ImageToolkit: Sendable {
    /// Throws if the data is truncated or corrupt: PNG by its chunk checksums, other formats by a full decode.
    func verifyIntact(_ data: Data) throws -> ImageHeader
    /// Resizes to exactly `size`, written in `format` (png for masks).
    func resize(_ data: Data, to size: PixelSize, format: ImageFormat) throws -> Data
    /// Our mask (white = edit) as a PNG whose transparent pixels mark the edit (OpenAI's convention).
    func alphaMask(fromEditMask data: Data) throws -> Data
    /// OpenAI's mask (transparent = edit) as ours (white = edit); nil when it has no alpha channel.
    func editMask(fromAlphaMask data: Data) throws -> Data?
    /// Whether the image has an alpha channel, read from its header (no pixel decoded).
    func hasAlpha(_ data: Data) throws -> Bool
}

public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// One line of a usage breakdown.
public struct UsageLine: Sendable, Hashable {
    public let key: String
    public let operations: Int
    public let cost: Money

    public init(key: String, operations: Int, cost: Money) {
        self.key = key; self.operations = operations; self.cost = cost
    }
}

/// Where the money went in a period: by operation, model, provider and day (settled calls only).
public struct UsageBreakdown: Sendable {
    public let byOperation: [UsageLine]
    public let byModel: [UsageLine]
    public let byProvider: [UsageLine]
    public let daily: [UsageLine]

    public init(byOperation: [UsageLine], byModel: [UsageLine], byProvider: [UsageLine], daily: [UsageLine]) {
        self.byOperation = byOperation; self.byModel = byModel; self.byProvider = byProvider; self.daily = daily
    }
}

/// One ledger row as shown to its owner.
public struct LedgerLine: Sendable {
    public let id: UUID
    public let jobID: UUID
    public let modelID: String
    public let provider: String
    public let operation: String
    public let status: String
    public let estimate: Money
    public let cost: Money
    public let errorCode: String?
    public let createdAt: Date?

    public init(id: UUID, jobID: UUID, modelID: String, provider: String, operation: String, status: String,
                estimate: Money, cost: Money, errorCode: String?, createdAt: Date?) {
        self.id = id; self.jobID = jobID; self.modelID = modelID; self.provider = provider; self.operation = operation
        self.status = status; self.estimate = estimate; self.cost = cost; self.errorCode = errorCode; self.createdAt = createdAt
    }
}

/// Reads of the ledger for reports.
public protocol UsageReports: Sendable {
    func breakdown(user: UUID, period: String) async throws -> UsageBreakdown
    /// Newest first; `page` counts from 1.
    func ledger(user: UUID, page: Int, perPage: Int) async throws -> (lines: [LedgerLine], total: Int)
}
