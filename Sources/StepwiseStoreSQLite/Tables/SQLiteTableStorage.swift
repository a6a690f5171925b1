import DynamoDBTables
import Foundation
import GRDB
import JSONValue

/// DynamoDB tables in their own SQLite database (`<data dir>/tables.sqlite`): WAL, synchronous=FULL.
///
/// Items are kept as their DynamoDB JSON text, keyed by table and the order-preserving bytes of their
/// partition and sort keys, so SQLite's BLOB order (memcmp) is DynamoDB's key order. A mutation reads,
/// decides and writes inside one GRDB write transaction; GRDB runs one writer at a time, which makes
/// each conditional write atomic.
package final class SQLiteTableStorage: TableStorage {
    let pool: DatabasePool
    package let path: String

    /// Opens (or creates, with its folder) the tables database at `path`.
    package init(path: String) throws(DynamoDBError) {
        self.path = path
        do {
            self.pool = try DurablePool.open(path: path, label: "stepwise-tables", migrator: Self.migrator)
        } catch {
            throw .internalError("The tables database \(path) cannot be opened: \(error)")
        }
    }

    /// The conventional place: `tables.sqlite` in the data folder.
    package convenience init(dataDirectory: String) throws(DynamoDBError) {
        try self.init(path: dataDirectory + "/tables.sqlite")
    }

    package func close() {
        try? pool.close()
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE dynamodb_tables (name TEXT PRIMARY KEY NOT NULL, definition TEXT NOT NULL);
                    CREATE TABLE dynamodb_items (
                        table_name TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, item TEXT NOT NULL, size INTEGER NOT NULL,
                        PRIMARY KEY (table_name, pk, sk)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }

    // MARK: Tables

    package func createTable(_ definition: DynamoDBTables.TableDefinition) async throws(DynamoDBError) {
        let text = definition.storedJSON.serialized()
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM dynamodb_tables WHERE name = ?", arguments: [definition.name]) != nil {
                throw DynamoDBError.tableExists(definition.name)
            }
            try db.execute(sql: "INSERT INTO dynamodb_tables (name, definition) VALUES (?, ?)", arguments: [definition.name, text])
        }
    }

    package func definition(of table: String) async throws(DynamoDBError) -> DynamoDBTables.TableDefinition? {
        let text = try await read { db in
            try String.fetchOne(db, sql: "SELECT definition FROM dynamodb_tables WHERE name = ?", arguments: [table])
        }
        guard let text else { return nil }
        return try Self.definition(text)
    }

    package func tableNames() async throws(DynamoDBError) -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT name FROM dynamodb_tables ORDER BY CAST(name AS BLOB)") }
    }

    package func deleteTable(_ table: String) async throws(DynamoDBError) -> DynamoDBTables.TableDefinition? {
        let text = try await write { db -> String? in
            let text = try String.fetchOne(db, sql: "SELECT definition FROM dynamodb_tables WHERE name = ?", arguments: [table])
            try db.execute(sql: "DELETE FROM dynamodb_items WHERE table_name = ?", arguments: [table])
            try db.execute(sql: "DELETE FROM dynamodb_tables WHERE name = ?", arguments: [table])
            return text
        }
        guard let text else { return nil }
        return try Self.definition(text)
    }

    package func statistics(of table: String) async throws(DynamoDBError) -> TableStatistics {
        let (count, bytes) = try await read { db -> (Int, Int) in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM dynamodb_items WHERE table_name = ?",
                arguments: [table])
            return (row?["n"] ?? 0, row?["bytes"] ?? 0)
        }
        return TableStatistics(itemCount: count, sizeBytes: bytes)
    }

    // MARK: Items

    package func item(in table: String, key: StorageKey) async throws(DynamoDBError) -> Item? {
        let text = try await read { db -> String?? in
            guard try Self.tableExists(db, table) else { return nil }
            return .some(
                try String.fetchOne(
                    db, sql: "SELECT item FROM dynamodb_items WHERE table_name = ? AND pk = ? AND sk = ?",
                    arguments: [table, Data(key.partition), Data(key.sort)]))
        }
        guard let text else { throw .resourceNotFound }
        return try text.map(Self.item)
    }

    package func mutate(
        in table: String, key: StorageKey, _ change: @escaping @Sendable (Item?) throws(DynamoDBError) -> ItemChange
    ) async throws(DynamoDBError) -> ItemMutation {
        try await write { db in
            guard try Self.tableExists(db, table) else { throw DynamoDBError.resourceNotFound }
            let arguments: StatementArguments = [table, Data(key.partition), Data(key.sort)]
            let text = try String.fetchOne(
                db, sql: "SELECT item FROM dynamodb_items WHERE table_name = ? AND pk = ? AND sk = ?", arguments: arguments)
            let old = try text.map(Self.item)
            switch try change(old) {
            case .keep:
                return ItemMutation(old: old, new: old)
            case .delete:
                try db.execute(
                    sql: "DELETE FROM dynamodb_items WHERE table_name = ? AND pk = ? AND sk = ?", arguments: arguments)
                return ItemMutation(old: old, new: nil)
            case .put(let item):
                try db.execute(
                    sql: "INSERT OR REPLACE INTO dynamodb_items (table_name, pk, sk, item, size) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        table, Data(key.partition), Data(key.sort), AttributeValue.json(item).serialized(),
                        AttributeValue.size(of: item),
                    ])
                return ItemMutation(old: old, new: item)
            }
        }
    }

    package func items(in table: String, range: KeyRange) async throws(DynamoDBError) -> [Item] {
        var sql = "SELECT item FROM dynamodb_items WHERE table_name = ?"
        var arguments: StatementArguments = [table]
        if let partition = range.partition {
            sql += " AND pk = ?"
            arguments += [Data(partition)]
        }
        if let lower = range.lower {
            sql += lower.inclusive ? " AND sk >= ?" : " AND sk > ?"
            arguments += [Data(lower.bytes)]
        }
        if let upper = range.upper {
            sql += upper.inclusive ? " AND sk <= ?" : " AND sk < ?"
            arguments += [Data(upper.bytes)]
        }
        if let start = range.exclusiveStart {
            if range.partition == nil {
                sql += " AND (pk > ? OR (pk = ? AND sk > ?))"
                arguments += [Data(start.partition), Data(start.partition), Data(start.sort)]
            } else {
                sql += range.forward ? " AND sk > ?" : " AND sk < ?"
                arguments += [Data(start.sort)]
            }
        }
        let direction = range.forward ? "ASC" : "DESC"
        sql += " ORDER BY pk \(direction), sk \(direction)"
        if let limit = range.limit { sql += " LIMIT \(limit)" }
        let query = sql
        let queryArguments = arguments
        let texts = try await read { db -> [String]? in
            guard try Self.tableExists(db, table) else { return nil }
            return try String.fetchAll(db, sql: query, arguments: queryArguments)
        }
        guard let texts else { throw .resourceNotFound }
        var items: [Item] = []
        items.reserveCapacity(texts.count)
        for text in texts { items.append(try Self.item(text)) }
        return items
    }

    // MARK: Helpers

    private static func tableExists(_ db: Database, _ table: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM dynamodb_tables WHERE name = ?", arguments: [table]) != nil
    }

    private static func item(_ text: String) throws(DynamoDBError) -> Item {
        do {
            return try AttributeValue.item(try JSONValue(parsing: text), parameter: "Item")
        } catch let error as DynamoDBError {
            throw error
        } catch {
            throw .internalError("A stored item is not JSON: \(error)")
        }
    }

    private static func definition(_ text: String) throws(DynamoDBError) -> DynamoDBTables.TableDefinition {
        do {
            return try DynamoDBTables.TableDefinition(storedJSON: try JSONValue(parsing: text))
        } catch let error as DynamoDBError {
            throw error
        } catch {
            throw .internalError("A stored table definition is not JSON: \(error)")
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(DynamoDBError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as DynamoDBError {
            throw error
        } catch {
            throw .internalError("The tables database could not be read: \(error)")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(DynamoDBError) -> T {
        do {
            return try await pool.write(body)
        } catch let error as DynamoDBError {
            throw error
        } catch {
            throw .internalError("The tables database could not be written: \(error)")
        }
    }
}
