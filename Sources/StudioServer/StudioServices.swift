import Foundation
import StudioCore
import StudioPersistence

/// What `configure` assembled, for the CLI and the tests.
public struct StudioServices: Sendable {
    public let studio: Studio
    public let accounts: any AccountDirectory
    public let blobs: FileBlobStore
    /// The plaintext key of the first user, when it was created (or given) at this start.
    public let bootstrapKey: String?
}
