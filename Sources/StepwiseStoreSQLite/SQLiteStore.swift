import Foundation
import GRDB
import JSONValue
import StatesLanguage
import StepwiseEngine

/// The engine's `ExecutionStore` and the API's `ResourceStore` in one SQLite file, for a single node.
///
/// - `DatabasePool` in WAL mode: reads run concurrently on reader connections and never wait for the writer.
/// - `PRAGMA synchronous = FULL` on every connection (GRDB's pool sets NORMAL on its writer, which can
///   lose the last commits on power loss), foreign keys on.
/// - Every write goes through one `WriteBatcher`: concurrent callers share a transaction (group commit)
///   and each returns only once its write is durable.
package final class SQLiteStore: ExecutionStore, ResourceStore, Sendable {
    let pool: DatabasePool
    let writer: WriteBatcher
    package let path: String

    /// Opens (or creates, with its folder) the database at `path` and brings its schema up to date.
    package init(path: String, maximumBatchSize: Int = 100) throws(StoreError) {
        self.path = path
        do {
            let pool = try DurablePool.open(path: path, label: "stepwise", foreignKeys: true, migrator: Schema.migrator)
            self.pool = pool
            self.writer = WriteBatcher(pool: pool, maximumBatchSize: maximumBatchSize)
        } catch {
            throw StoreError(operation: "open \(path)", reason: String(describing: error))
        }
    }

    /// Stops the writer (queued writes fail, the batch in flight finishes) and closes the database.
    /// The store refuses every call afterwards.
    package func close() async {
        await writer.close()
        try? pool.close()
    }

    // MARK: Helpers

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: operation, reason: String(describing: error))
        }
    }

    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try await writer.submit(operation, body)
    }

    // MARK: ExecutionStore

    package func insertExecution(_ record: ExecutionRecord) async throws(StoreError) -> (record: ExecutionRecord, created: Bool) {
        let arguments = Rows.arguments(record)
        let arn = record.executionArn
        let stored = try await write("insert execution") { db -> StoredRecord<ExecutionRecord> in
            try db.cachedStatement(sql: Rows.insertExecutionSQL).execute(arguments: arguments)
            if db.changesCount > 0 { return StoredRecord(record: nil) }
            return StoredRecord(record: try Rows.execution(db, arn: arn))
        }
        guard let existing = stored.record else { return (record, true) }
        return (existing, false)
    }

    package func commit(_ commit: ExecutionCommit) async throws(StoreError) {
        // Encode in the caller's task: the writer only binds values.
        let prepared = PreparedCommit(commit)
        try await write("commit") { db in try prepared.apply(db) }
    }

    package func execution(arn: String) async throws(StoreError) -> ExecutionRecord? {
        try await read("read execution") { db in try Rows.execution(db, arn: arn) }
    }

    package func runningExecutions() async throws(StoreError) -> [ExecutionRecord] {
        try await read("list running executions") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT * FROM executions WHERE status = 'RUNNING' ORDER BY execution_arn"))
            return try Array(rows.map(Rows.execution))
        }
    }

    package func logEntries(executionArn: String) async throws(StoreError) -> [ExecutionLogEntry] {
        try await read("read execution log") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT sequence, time_seconds, time_nanos, input FROM execution_log
                        WHERE execution_arn = ? ORDER BY sequence
                        """),
                arguments: [executionArn])
            return try Array(
                rows.map { row in
                    let input: String = row[3]
                    return ExecutionLogEntry(
                        sequence: row[0], time: Timestamp(epochSeconds: row[1], nanosecondOfSecond: row[2]),
                        input: try ExecutionInput(json: JSONValue(parsing: input)))
                })
        }
    }

    package func history(executionArn: String, afterId: Int, limit: Int) async throws(StoreError) -> [JSONValue] {
        guard limit > 0 else { return [] }
        return try await read("read history") { db in
            let texts = try String.fetchCursor(
                db.cachedStatement(sql: "SELECT event FROM history WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?"),
                arguments: [executionArn, afterId, limit])
            return try Array(texts.map { try JSONValue(parsing: $0) })
        }
    }

    // MARK: ResourceStore: state machines

    package func insertStateMachine(_ record: StateMachineRecord) async throws(StoreError) -> (
        record: StateMachineRecord, created: Bool
    ) {
        let arguments = Rows.arguments(record)
        let arn = record.arn
        let stored = try await write("insert state machine") { db -> StoredRecord<StateMachineRecord> in
            try db.cachedStatement(
                sql: """
                    INSERT INTO state_machines (arn, name, type, definition, role_arn, creation_seconds, creation_nanos,
                        revision_id, logging_configuration, tracing_configuration, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO NOTHING
                    """
            ).execute(arguments: arguments)
            if db.changesCount > 0 { return StoredRecord(record: nil) }
            return StoredRecord(record: try Rows.stateMachine(db, arn: arn))
        }
        guard let existing = stored.record else { return (record, true) }
        return (existing, false)
    }

    package func updateStateMachine(_ record: StateMachineRecord) async throws(StoreError) {
        let arguments = Rows.arguments(record)
        let arn = record.arn
        try await write("update state machine") { db in
            try db.cachedStatement(
                sql: """
                    UPDATE state_machines SET arn = ?1, name = ?2, type = ?3, definition = ?4, role_arn = ?5,
                        creation_seconds = ?6, creation_nanos = ?7, revision_id = ?8, logging_configuration = ?9,
                        tracing_configuration = ?10, description = ?11
                    WHERE arn = ?1
                    """
            ).execute(arguments: arguments)
            guard db.changesCount > 0 else {
                throw StoreError(operation: "update state machine", reason: "no state machine \(arn)")
            }
        }
    }

    package func deleteStateMachine(arn: String) async throws(StoreError) {
        try await write("delete state machine") { db in
            try db.cachedStatement(sql: "DELETE FROM state_machines WHERE arn = ?").execute(arguments: [arn])
            try db.cachedStatement(sql: "DELETE FROM tags WHERE resource_arn = ?").execute(arguments: [arn])
        }
    }

    package func stateMachine(arn: String) async throws(StoreError) -> StateMachineRecord? {
        try await read("read state machine") { db in try Rows.stateMachine(db, arn: arn) }
    }

    package func stateMachines() async throws(StoreError) -> [StateMachineRecord] {
        try await read("list state machines") { db in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM state_machines ORDER BY name, arn"))
            return try Array(rows.map(Rows.stateMachine))
        }
    }

    // MARK: ResourceStore: activities

    package func insertActivity(_ record: ActivityRecord) async throws(StoreError) -> (record: ActivityRecord, created: Bool) {
        let arguments: StatementArguments = [
            record.arn, record.name, record.creationDate.epochSeconds, record.creationDate.nanosecondOfSecond,
        ]
        let arn = record.arn
        let stored = try await write("insert activity") { db -> StoredRecord<ActivityRecord> in
            try db.cachedStatement(
                sql: """
                    INSERT INTO activities (arn, name, creation_seconds, creation_nanos) VALUES (?, ?, ?, ?)
                    ON CONFLICT (arn) DO NOTHING
                    """
            ).execute(arguments: arguments)
            if db.changesCount > 0 { return StoredRecord(record: nil) }
            return StoredRecord(record: try Rows.activity(db, arn: arn))
        }
        guard let existing = stored.record else { return (record, true) }
        return (existing, false)
    }

    package func deleteActivity(arn: String) async throws(StoreError) {
        try await write("delete activity") { db in
            try db.cachedStatement(sql: "DELETE FROM activities WHERE arn = ?").execute(arguments: [arn])
            try db.cachedStatement(sql: "DELETE FROM tags WHERE resource_arn = ?").execute(arguments: [arn])
        }
    }

    package func activity(arn: String) async throws(StoreError) -> ActivityRecord? {
        try await read("read activity") { db in try Rows.activity(db, arn: arn) }
    }

    package func activities() async throws(StoreError) -> [ActivityRecord] {
        try await read("list activities") { db in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM activities ORDER BY name, arn"))
            return try Array(rows.map(Rows.activity))
        }
    }

    // MARK: ResourceStore: tags

    package func tags(resourceArn: String) async throws(StoreError) -> [(key: String, value: String)] {
        let pairs = try await read("read tags") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY position"),
                arguments: [resourceArn]
            ).map { row -> [String] in [row[0], row[1]] }
        }
        return pairs.map { (key: $0[0], value: $0[1]) }
    }

    package func setTags(resourceArn: String, tags: [(key: String, value: String)]) async throws(StoreError) {
        let pairs = tags.map { [$0.key, $0.value] }
        try await write("set tags") { db in
            // A new key goes after the others; an existing key keeps its place and takes the new value.
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO tags (resource_arn, position, key, value)
                    VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM tags WHERE resource_arn = ?1), ?2, ?3)
                    ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value
                    """)
            for pair in pairs {
                try statement.execute(arguments: [resourceArn, pair[0], pair[1]])
            }
        }
    }

    package func removeTags(resourceArn: String, keys: [String]) async throws(StoreError) {
        try await write("remove tags") { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM tags WHERE resource_arn = ? AND key = ?")
            for key in keys {
                try statement.execute(arguments: [resourceArn, key])
            }
        }
    }

    // MARK: ResourceStore: execution listings

    package func executions(stateMachineArn: String, status: ExecutionStatus?) async throws(StoreError) -> [ExecutionRecord] {
        try await read("list executions") { db in
            let rows: RowCursor
            if let status {
                rows = try Row.fetchCursor(
                    db.cachedStatement(
                        sql: """
                            SELECT * FROM executions WHERE state_machine_arn = ? AND status = ?
                            ORDER BY start_seconds DESC, start_nanos DESC, rowid DESC
                            """),
                    arguments: [stateMachineArn, status.rawValue])
            } else {
                rows = try Row.fetchCursor(
                    db.cachedStatement(
                        sql: """
                            SELECT * FROM executions WHERE state_machine_arn = ?
                            ORDER BY start_seconds DESC, start_nanos DESC, rowid DESC
                            """),
                    arguments: [stateMachineArn])
            }
            return try Array(rows.map(Rows.execution))
        }
    }

    // MARK: Inspection (tests, metrics)

    /// How the connections are set up: `synchronous` (2 = FULL) on the writer and on a reader, the journal
    /// mode, and whether foreign keys are enforced.
    package func connectionSettings() async throws(StoreError) -> (
        writerSynchronous: Int, readerSynchronous: Int, journalMode: String, foreignKeys: Bool
    ) {
        let writerSettings: [Int]
        do {
            writerSettings = try await pool.writeWithoutTransaction { db in
                [try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1, try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? -1]
            }
        } catch {
            throw StoreError(operation: "read settings", reason: String(describing: error))
        }
        let reader = try await read("read settings") { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1, try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "")
        }
        return (writerSettings[0], reader.0, reader.1, writerSettings[1] == 1)
    }

    /// Write transactions so far, the writes they held, and the largest batch.
    package func writeStatistics() async -> (transactions: Int, writes: Int, largestBatch: Int) {
        (await writer.batchCount, await writer.operationCount, await writer.largestBatch)
    }
}

/// A write's result when it may find an existing record: nil when the caller's record was stored.
struct StoredRecord<Record: Sendable>: Sendable {
    var record: Record?
}
