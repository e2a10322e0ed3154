import Fluent
import SQLKit

/// Reads rows as strings, for assertions on the ledger and summaries.
enum SQLProbe {
    static func rows(_ database: any Database, _ text: String) async throws -> [[String: String]] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(SQLQueryString(text)).all()
        return rows.map { row in
            var values: [String: String] = [:]
            for column in row.allColumns {
                if let value = try? row.decode(column: column, as: Int64.self) { values[column] = String(value) }
                else if let value = try? row.decode(column: column, as: String.self) { values[column] = value }
                else { values[column] = "" }
            }
            return values
        }
    }
}
