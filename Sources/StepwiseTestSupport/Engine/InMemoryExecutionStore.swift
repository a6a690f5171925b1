import JSONValue
import StatesLanguage
import StepwiseEngine

/// An `ExecutionStore` in memory, for tests: survives an engine being dropped (a simulated crash)
/// as long as the test keeps the store.
package actor InMemoryExecutionStore: ExecutionStore {
    var executions: [String: ExecutionRecord] = [:]
    var logs: [String: [ExecutionLogEntry]] = [:]
    var events: [String: [HistoryEvent]] = [:]
    /// How many commits were applied, to check that nothing was written twice.
    package private(set) var commitCount = 0

    package init() {}

    package func insertExecution(_ record: ExecutionRecord) throws(StoreError) -> (record: ExecutionRecord, created: Bool) {
        if let existing = executions[record.executionArn] { return (existing, false) }
        executions[record.executionArn] = record
        return (record, true)
    }

    package func commit(_ commit: ExecutionCommit) throws(StoreError) {
        guard var record = executions[commit.executionArn] else {
            throw StoreError(operation: "commit", reason: "no execution \(commit.executionArn)")
        }
        // Check everything before changing anything: a commit applies whole or not at all.
        if let entry = commit.logEntry, let last = logs[commit.executionArn]?.last, last.sequence >= entry.sequence {
            throw StoreError(operation: "commit", reason: "log entry \(entry.sequence) is not after \(last.sequence)")
        }
        let existing = events[commit.executionArn, default: []]
        if let first = commit.events.first, first.id != existing.count + 1 {
            throw StoreError(operation: "commit", reason: "event \(first.id) does not follow event \(existing.count)")
        }
        if let entry = commit.logEntry { logs[commit.executionArn, default: []].append(entry) }
        events[commit.executionArn, default: []].append(contentsOf: commit.events)
        record.status = commit.status
        record.stopTime = commit.stopTime
        record.output = commit.output
        record.error = commit.error
        record.cause = commit.cause
        executions[commit.executionArn] = record
        commitCount += 1
    }

    package func execution(arn: String) -> ExecutionRecord? { executions[arn] }

    package func runningExecutions() -> [ExecutionRecord] {
        executions.values.filter { $0.status == .running }.sorted { $0.executionArn < $1.executionArn }
    }

    package func logEntries(executionArn: String) -> [ExecutionLogEntry] { logs[executionArn] ?? [] }

    package func history(executionArn: String, afterId: Int, limit: Int) -> [JSONValue] {
        (events[executionArn] ?? []).filter { $0.id > afterId }.prefix(limit).map(\.awsJSON)
    }

    /// The typed events, for assertions.
    package func storedEvents(executionArn: String) -> [HistoryEvent] { events[executionArn] ?? [] }
}
