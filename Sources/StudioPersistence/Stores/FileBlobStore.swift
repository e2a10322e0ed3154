import Crypto
import Fluent
import SQLKit
import Foundation
import StudioCore

/// Outputs on local disk, named by their SHA-256 (`blobs/ab/cd/abcd…`), each owned by users through a row.
public struct FileBlobStore: BlobStore {
    let directory: URL
    let database: any Database

    public init(directory: URL, database: any Database) {
        self.directory = directory
        self.database = database
    }

    public func put(_ data: Data, mimeType: String, owner: UUID) async throws -> StoredBlob {
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let url = path(for: hash)
        let files = FileManager.default
        if !files.fileExists(atPath: url.path) {
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Write beside, then rename: a reader never sees half a file.
            let temporary = url.appendingPathExtension("tmp-\(UUID().uuidString)")
            try data.write(to: temporary)
            do { try files.moveItem(at: temporary, to: url) } catch {
                try? files.removeItem(at: temporary)
                guard files.fileExists(atPath: url.path) else { throw error }
            }
        }
        // One statement, so concurrent puts of the same content by the same owner cannot collide.
        try await FluentUsageLedger.sql(database).raw("""
            INSERT INTO blobs (id, hash, owner_id, mime_type, byte_count)
            VALUES (\(bind: UUID()), \(bind: hash), \(bind: owner), \(bind: mimeType), \(bind: data.count))
            ON CONFLICT (hash, owner_id) DO NOTHING
            """).run()
        return StoredBlob(hash: hash, byteCount: data.count, mimeType: mimeType)
    }

    /// The bytes of a blob, if `owner` owns it.
    public func get(_ hash: String, owner: UUID) async throws -> (Data, String)? {
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
              let row = try await BlobModel.query(on: database).filter(\.$hash == hash).filter(\.$ownerID == owner).first()
        else { return nil }
        return (try Data(contentsOf: path(for: hash)), row.mimeType)
    }

    private func path(for hash: String) -> URL {
        let chars = Array(hash)
        return directory.appendingPathComponent(String(chars[0..<2])).appendingPathComponent(String(chars[2..<4]))
            .appendingPathComponent(hash)
    }
}
