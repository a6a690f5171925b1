import GRDB
import JSONValue
import StatesLanguage
import StepwiseEngine

/// Conversions between records and rows.
enum Rows {
    struct DecodingError: Error, CustomStringConvertible {
        var description: String
    }

    static let insertExecutionSQL = """
        INSERT INTO executions (execution_arn, name, state_machine_arn, state_machine_name, definition, role_arn, region,
            input, start_seconds, start_nanos, seed, status, stop_seconds, stop_nanos, output, error, cause, mock_test_case)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_arn) DO NOTHING
        """

    static func arguments(_ r: ExecutionRecord) -> StatementArguments {
        [
            r.executionArn, r.name, r.stateMachineArn, r.stateMachineName, r.definition, r.roleArn, r.region,
            r.input.serialized(), r.startTime.epochSeconds, r.startTime.nanosecondOfSecond, Int64(bitPattern: r.seed),
            r.status.rawValue, r.stopTime?.epochSeconds, r.stopTime?.nanosecondOfSecond, r.output?.serialized(), r.error,
            r.cause, r.mockTestCase,
        ]
    }

    static func execution(_ db: Database, arn: String) throws -> ExecutionRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM executions WHERE execution_arn = ?"), arguments: [arn])
            .map(execution)
    }

    static func execution(_ row: Row) throws -> ExecutionRecord {
        let statusText: String = row["status"]
        guard let status = ExecutionStatus(rawValue: statusText) else {
            throw DecodingError(description: "unknown execution status \(statusText)")
        }
        let seed: Int64 = row["seed"]
        var record = ExecutionRecord(
            executionArn: row["execution_arn"], name: row["name"], stateMachineArn: row["state_machine_arn"],
            stateMachineName: row["state_machine_name"], definition: row["definition"], roleArn: row["role_arn"],
            region: row["region"], input: try JSONValue(parsing: row["input"] as String),
            startTime: Timestamp(epochSeconds: row["start_seconds"], nanosecondOfSecond: row["start_nanos"]),
            seed: UInt64(bitPattern: seed))
        record.status = status
        if let seconds: Int64 = row["stop_seconds"] {
            record.stopTime = Timestamp(epochSeconds: seconds, nanosecondOfSecond: row["stop_nanos"] ?? 0)
        }
        if let output: String = row["output"] { record.output = try JSONValue(parsing: output) }
        record.error = row["error"]
        record.cause = row["cause"]
        record.mockTestCase = row["mock_test_case"]
        return record
    }

    static func arguments(_ r: StateMachineRecord) -> StatementArguments {
        [
            r.arn, r.name, r.type.rawValue, r.definition, r.roleArn, r.creationDate.epochSeconds,
            r.creationDate.nanosecondOfSecond, r.revisionId, r.loggingConfiguration?.serialized(),
            r.tracingConfiguration?.serialized(), r.description,
        ]
    }

    static func stateMachine(_ db: Database, arn: String) throws -> StateMachineRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM state_machines WHERE arn = ?"), arguments: [arn])
            .map(stateMachine)
    }

    static func stateMachine(_ row: Row) throws -> StateMachineRecord {
        let typeText: String = row["type"]
        guard let type = StateMachineType(rawValue: typeText) else {
            throw DecodingError(description: "unknown state machine type \(typeText)")
        }
        var record = StateMachineRecord(
            arn: row["arn"], name: row["name"], type: type, definition: row["definition"], roleArn: row["role_arn"],
            creationDate: Timestamp(epochSeconds: row["creation_seconds"], nanosecondOfSecond: row["creation_nanos"]),
            revisionId: row["revision_id"])
        if let text: String = row["logging_configuration"] { record.loggingConfiguration = try JSONValue(parsing: text) }
        if let text: String = row["tracing_configuration"] { record.tracingConfiguration = try JSONValue(parsing: text) }
        record.description = row["description"]
        return record
    }

    static func activity(_ db: Database, arn: String) throws -> ActivityRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM activities WHERE arn = ?"), arguments: [arn]).map(activity)
    }

    static func activity(_ row: Row) -> ActivityRecord {
        ActivityRecord(
            arn: row["arn"], name: row["name"],
            creationDate: Timestamp(epochSeconds: row["creation_seconds"], nanosecondOfSecond: row["creation_nanos"]))
    }
}

/// A commit encoded for the writer: JSON already serialized, so the writer's transaction only binds values.
struct PreparedCommit: Sendable {
    struct Entry: Sendable {
        var sequence: Int
        var seconds: Int64
        var nanos: Int64
        var input: String
    }

    struct Event: Sendable {
        var id: Int
        var type: String
        var json: String
    }

    var executionArn: String
    var entry: Entry?
    var events: [Event]
    var status: String
    var stopSeconds: Int64?
    var stopNanos: Int64?
    var output: String?
    var error: String?
    var cause: String?

    init(_ commit: ExecutionCommit) {
        executionArn = commit.executionArn
        entry = commit.logEntry.map {
            Entry(
                sequence: $0.sequence, seconds: $0.time.epochSeconds, nanos: $0.time.nanosecondOfSecond,
                input: $0.input.json.serialized())
        }
        events = commit.events.map { Event(id: $0.id, type: $0.type.rawValue, json: $0.awsJSON.serialized()) }
        status = commit.status.rawValue
        stopSeconds = commit.stopTime?.epochSeconds
        stopNanos = commit.stopTime?.nanosecondOfSecond
        output = commit.output?.serialized()
        error = commit.error
        cause = commit.cause
    }

    /// Checks the commit against what is stored, then applies it; runs inside the writer's savepoint, so a
    /// refusal (thrown before or during the writes) leaves nothing of it applied.
    func apply(_ db: Database) throws {
        let arn = executionArn
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM executions WHERE execution_arn = ?"), arguments: [arn]) != nil
        else {
            throw StoreError(operation: "commit", reason: "no execution \(arn)")
        }
        if let entry,
            let last = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT MAX(sequence) FROM execution_log WHERE execution_arn = ?"), arguments: [arn]),
            last >= entry.sequence
        {
            throw StoreError(operation: "commit", reason: "log entry \(entry.sequence) is not after \(last)")
        }
        if let first = events.first {
            // Ids are 1, 2, 3... without gaps (this rule keeps them so), so the largest is the count.
            let existing =
                try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM history WHERE execution_arn = ?"), arguments: [arn])
                ?? 0
            guard first.id == existing + 1 else {
                throw StoreError(operation: "commit", reason: "event \(first.id) does not follow event \(existing)")
            }
        }
        if let entry {
            try db.cachedStatement(
                sql: "INSERT INTO execution_log (execution_arn, sequence, time_seconds, time_nanos, input) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [arn, entry.sequence, entry.seconds, entry.nanos, entry.input])
        }
        if !events.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO history (execution_arn, id, type, event) VALUES (?, ?, ?, ?)")
            for event in events {
                try insert.execute(arguments: [arn, event.id, event.type, event.json])
            }
        }
        try db.cachedStatement(
            sql: """
                UPDATE executions SET status = ?, stop_seconds = ?, stop_nanos = ?, output = ?, error = ?, cause = ?
                WHERE execution_arn = ?
                """
        ).execute(arguments: [status, stopSeconds, stopNanos, output, error, cause, arn])
    }
}
