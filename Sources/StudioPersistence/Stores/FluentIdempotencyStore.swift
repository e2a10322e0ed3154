import Fluent
import Foundation
import SQLKit
import StudioCore

/// Idempotency keys in SQL: the claim is one INSERT … ON CONFLICT DO NOTHING, so of two concurrent
/// requests with the same key exactly one runs. Stored responses live in the blob store.
public struct FluentIdempotencyStore: IdempotencyStore {
    let database: any Database
    let blobs: FileBlobStore

    public init(database: any Database, blobs: FileBlobStore) {
        self.database = database
        self.blobs = blobs
    }

    public func claim(user: UUID, key: String, requestHash: String) async throws -> IdempotencyClaim {
        let sql = try FluentUsageLedger.sql(database)
        let inserted = try await sql.raw("""
            INSERT INTO idempotency_keys (id, user_id, key, request_hash, status)
            VALUES (\(bind: UUID()), \(bind: user), \(bind: key), \(bind: requestHash), 'in_progress')
            ON CONFLICT (user_id, key) DO NOTHING
            RETURNING id
            """).all()
        if !inserted.isEmpty { return .claimed }
        guard let row = try await sql.raw("""
            SELECT request_hash, status, response_status, response_content_type, response_blob
            FROM idempotency_keys WHERE user_id = \(bind: user) AND key = \(bind: key)
            """).first() else { return try await claim(user: user, key: key, requestHash: requestHash) }
        guard try row.decode(column: "request_hash", as: String.self) == requestHash else { return .mismatch }
        guard try row.decode(column: "status", as: String.self) == "completed",
              let hash = try row.decode(column: "response_blob", as: String?.self),
              let (body, _) = try await blobs.get(hash, owner: user) else { return .inProgress }
        return .completed(status: try row.decode(column: "response_status", as: Int.self),
                          contentType: try row.decode(column: "response_content_type", as: String?.self) ?? "application/json",
                          body: body)
    }

    public func complete(user: UUID, key: String, status: Int, contentType: String, body: Data) async throws {
        let blob = try await blobs.put(body, mimeType: contentType, owner: user)
        try await FluentUsageLedger.sql(database).raw("""
            UPDATE idempotency_keys SET status = 'completed', response_status = \(bind: status),
                response_content_type = \(bind: contentType), response_blob = \(bind: blob.hash)
            WHERE user_id = \(bind: user) AND key = \(bind: key)
            """).run()
    }

    public func abandon(user: UUID, key: String) async throws {
        try await FluentUsageLedger.sql(database).raw("""
            DELETE FROM idempotency_keys WHERE user_id = \(bind: user) AND key = \(bind: key) AND status = 'in_progress'
            """).run()
    }
}
