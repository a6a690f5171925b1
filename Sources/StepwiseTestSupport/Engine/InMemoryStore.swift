import JSONValue
import StatesLanguage
import StepwiseEngine

/// Both storage ports in memory, for tests and for a server run without a database: executions
/// are kept by an `InMemoryExecutionStore` (the same code the engine tests use), resources here.
/// ListExecutions needs both, which is why one type implements both ports.
package actor InMemoryStore: ExecutionStore, ResourceStore {
    package let executionStore = InMemoryExecutionStore()
    var machines: [String: StateMachineRecord] = [:]
    var activityRecords: [String: ActivityRecord] = [:]
    var tagLists: [String: [(key: String, value: String)]] = [:]
    /// Executions per state machine ARN in the order they were inserted: the tie-break of
    /// "newest first" when start times are equal (a manual clock in tests).
    var executionOrder: [String: [String]] = [:]

    package init() {}

    // MARK: ExecutionStore

    package func insertExecution(_ record: ExecutionRecord) async throws(StoreError) -> (record: ExecutionRecord, created: Bool) {
        let result = try await executionStore.insertExecution(record)
        if result.created { executionOrder[record.stateMachineArn, default: []].append(record.executionArn) }
        return result
    }

    package func commit(_ commit: ExecutionCommit) async throws(StoreError) { try await executionStore.commit(commit) }

    package func execution(arn: String) async -> ExecutionRecord? { await executionStore.execution(arn: arn) }

    package func runningExecutions() async -> [ExecutionRecord] { await executionStore.runningExecutions() }

    package func logEntries(executionArn: String) async -> [ExecutionLogEntry] { await executionStore.logEntries(executionArn: executionArn) }

    package func history(executionArn: String, afterId: Int, limit: Int) async -> [JSONValue] {
        await executionStore.history(executionArn: executionArn, afterId: afterId, limit: limit)
    }

    /// The typed events, for assertions.
    package func storedEvents(executionArn: String) async -> [HistoryEvent] {
        await executionStore.storedEvents(executionArn: executionArn)
    }

    // MARK: State machines

    package func insertStateMachine(_ record: StateMachineRecord) -> (record: StateMachineRecord, created: Bool) {
        if let existing = machines[record.arn] { return (existing, false) }
        machines[record.arn] = record
        return (record, true)
    }

    package func updateStateMachine(_ record: StateMachineRecord) throws(StoreError) {
        guard machines[record.arn] != nil else {
            throw StoreError(operation: "update state machine", reason: "no state machine \(record.arn)")
        }
        machines[record.arn] = record
    }

    package func deleteStateMachine(arn: String) {
        machines[arn] = nil
        tagLists[arn] = nil
    }

    package func stateMachine(arn: String) -> StateMachineRecord? { machines[arn] }

    package func stateMachines() -> [StateMachineRecord] { machines.values.sorted { $0.name < $1.name } }

    // MARK: Activities

    package func insertActivity(_ record: ActivityRecord) -> (record: ActivityRecord, created: Bool) {
        if let existing = activityRecords[record.arn] { return (existing, false) }
        activityRecords[record.arn] = record
        return (record, true)
    }

    package func deleteActivity(arn: String) {
        activityRecords[arn] = nil
        tagLists[arn] = nil
    }

    package func activity(arn: String) -> ActivityRecord? { activityRecords[arn] }

    package func activities() -> [ActivityRecord] { activityRecords.values.sorted { $0.name < $1.name } }

    // MARK: Tags

    package func tags(resourceArn: String) -> [(key: String, value: String)] { tagLists[resourceArn] ?? [] }

    package func setTags(resourceArn: String, tags: [(key: String, value: String)]) {
        var list = tagLists[resourceArn] ?? []
        for tag in tags {
            if let i = list.firstIndex(where: { $0.key == tag.key }) { list[i].value = tag.value } else { list.append(tag) }
        }
        tagLists[resourceArn] = list
    }

    package func removeTags(resourceArn: String, keys: [String]) {
        tagLists[resourceArn]?.removeAll { keys.contains($0.key) }
    }

    // MARK: Listing executions

    package func executions(stateMachineArn: String, status: ExecutionStatus?) async -> [ExecutionRecord] {
        var records: [(record: ExecutionRecord, order: Int)] = []
        for (order, arn) in (executionOrder[stateMachineArn] ?? []).enumerated() {
            guard let record = await executionStore.execution(arn: arn) else { continue }
            if let status, record.status != status { continue }
            records.append((record, order))
        }
        // Newest first; among equal start times the later insert first.
        return records.sorted { ($0.record.startTime, $0.order) > ($1.record.startTime, $1.order) }.map(\.record)
    }
}
