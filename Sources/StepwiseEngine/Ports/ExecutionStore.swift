import JSONValue
import StatesLanguage

/// An execution as the store keeps it: who it is, what it started with, and how it stands.
package struct ExecutionRecord: Sendable, Equatable {
    package var executionArn: String
    package var name: String
    package var stateMachineArn: String
    package var stateMachineName: String
    /// The definition the execution started with: later updates of the state machine don't change it.
    package var definition: String
    package var roleArn: String
    package var region: String
    package var input: JSONValue
    package var startTime: Timestamp
    /// Seeds the execution's entropy, so a replay after a restart makes the same tokens and jitter.
    package var seed: UInt64
    package var status: ExecutionStatus
    package var stopTime: Timestamp?
    package var output: JSONValue?
    package var error: String?
    package var cause: String?
    /// The test case of the deployment's mock configuration whose responses answer this execution's
    /// mocked Task states (StartExecution on `...:stateMachine:NAME#TestCase`, as Step Functions Local does).
    package var mockTestCase: String?

    package init(
        executionArn: String, name: String, stateMachineArn: String, stateMachineName: String, definition: String,
        roleArn: String, region: String, input: JSONValue, startTime: Timestamp, seed: UInt64, mockTestCase: String? = nil
    ) {
        self.executionArn = executionArn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.stateMachineName = stateMachineName
        self.definition = definition
        self.roleArn = roleArn
        self.region = region
        self.input = input
        self.startTime = startTime
        self.seed = seed
        self.mockTestCase = mockTestCase
        self.status = .running
    }
}

/// One incoming event of an execution, in the order it was applied, with the time it was applied at.
/// Replaying an execution's entries through a fresh interpreter rebuilds its exact state.
package struct ExecutionLogEntry: Sendable, Equatable {
    package var sequence: Int
    package var time: Timestamp
    package var input: ExecutionInput

    package init(sequence: Int, time: Timestamp, input: ExecutionInput) {
        self.sequence = sequence
        self.time = time
        self.input = input
    }
}

/// Everything one step of an execution changed, committed atomically before any of its effects run.
package struct ExecutionCommit: Sendable {
    package var executionArn: String
    /// The incoming event this step applied (nil for the start, which the execution record implies).
    package var logEntry: ExecutionLogEntry?
    package var events: [HistoryEvent]
    package var status: ExecutionStatus
    package var stopTime: Timestamp?
    package var output: JSONValue?
    package var error: String?
    package var cause: String?

    package init(
        executionArn: String, logEntry: ExecutionLogEntry?, events: [HistoryEvent], status: ExecutionStatus,
        stopTime: Timestamp? = nil, output: JSONValue? = nil, error: String? = nil, cause: String? = nil
    ) {
        self.executionArn = executionArn
        self.logEntry = logEntry
        self.events = events
        self.status = status
        self.stopTime = stopTime
        self.output = output
        self.error = error
        self.cause = cause
    }
}

/// What the engine needs from durable storage. Implementations: in memory (tests), SQLite (one
/// node), PostgreSQL (several nodes). Every method is atomic; `commit` may batch concurrent calls.
package protocol ExecutionStore: Sendable {
    /// Stores a new execution unless one with its ARN exists; returns the stored record either way.
    func insertExecution(_ record: ExecutionRecord) async throws(StoreError) -> (record: ExecutionRecord, created: Bool)
    func commit(_ commit: ExecutionCommit) async throws(StoreError)
    func execution(arn: String) async throws(StoreError) -> ExecutionRecord?
    /// Executions still RUNNING, to resume after a restart.
    func runningExecutions() async throws(StoreError) -> [ExecutionRecord]
    func logEntries(executionArn: String) async throws(StoreError) -> [ExecutionLogEntry]
    /// History events as GetExecutionHistory shows them (`HistoryEvent.awsJSON`), in id order,
    /// after `afterId`, at most `limit`.
    func history(executionArn: String, afterId: Int, limit: Int) async throws(StoreError) -> [JSONValue]
}

/// A storage failure: what was attempted and why it failed.
package struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    package var operation: String
    package var reason: String
    package init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }
    package var description: String { "\(operation) failed: \(reason)" }
}
