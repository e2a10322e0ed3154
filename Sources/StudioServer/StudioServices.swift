import Foundation
import StudioCore
import StudioPersistence

/// What `configure` assembled, for the CLI and the tests.
public struct StudioServices: Sendable {
    public let studio: Studio
    public let accounts: any AccountDirectory
    public let blobs: FileBlobStore
    /// Runs async jobs once started (`serve` starts it; the other CLI commands do not).
    public let worker: JobWorker
    /// The plaintext key of the first user, when it was created (or given) at this start.
    public let bootstrapKey: String?
    /// A one-time code that signs the first user in to the web studio (`/#sign-in=<code>`).
    public let signInCode: String?
}
