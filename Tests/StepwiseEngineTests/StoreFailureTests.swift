import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseTestSupport
import Testing

/// A store whose commits fail while `failing` is set (a full disk, a lost database connection).
actor FailingCommitStore: ExecutionStore {
    let inner = InMemoryExecutionStore()
    var failing = false

    func setFailing(_ value: Bool) { failing = value }

    func insertExecution(_ record: ExecutionRecord) async throws(StoreError) -> (record: ExecutionRecord, created: Bool) {
        try await inner.insertExecution(record)
    }
    func commit(_ commit: ExecutionCommit) async throws(StoreError) {
        if failing { throw StoreError(operation: "commit", reason: "disk full") }
        try await inner.commit(commit)
    }
    func execution(arn: String) async throws(StoreError) -> ExecutionRecord? { await inner.execution(arn: arn) }
    func runningExecutions() async throws(StoreError) -> [ExecutionRecord] { await inner.runningExecutions() }
    func logEntries(executionArn: String) async throws(StoreError) -> [ExecutionLogEntry] {
        await inner.logEntries(executionArn: executionArn)
    }
    func history(executionArn: String, afterId: Int, limit: Int) async throws(StoreError) -> [JSONValue] {
        await inner.history(executionArn: executionArn, afterId: afterId, limit: limit)
    }
}

@Suite("Durable execution engine: a failing store")
struct StoreFailureTests {
    typealias E = OrderWorkflow

    @Test("an input the store could not commit is refused, not acknowledged; the execution heals once the store works")
    func failedCommitIsRefusedAndHealed() async throws {
        let store = FailingCommitStore()
        let engine = ExecutionEngine(store: store, runner: E.runner(), clock: ManualClock(start: E.start))
        let record = try await engine.start(E.record())
        await store.setFailing(true)
        await #expect(throws: EngineError.store(StoreError(operation: "commit", reason: "disk full"))) {
            try await engine.send(.stop(error: "Manual", cause: "operator"), to: record.executionArn)
        }
        #expect(await engine.liveExecutionCount == 0)
        #expect(await store.inner.execution(arn: record.executionArn)?.status == .running)

        await store.setFailing(false)
        // The engine rebuilds the execution from the store in the background; wait for it (bounded).
        var rounds = 0
        while await engine.liveExecutionCount == 0, rounds < 600 {
            try await Task.sleep(for: .milliseconds(50))
            rounds += 1
        }
        #expect(await engine.liveExecutionCount == 1)
        // The refused stop was never applied; sending it again now lands.
        try await engine.send(.stop(error: "Manual", cause: "operator"), to: record.executionArn)
        let finished = try await engine.waitForCompletion(of: record.executionArn)
        #expect(finished.status == .aborted)
        let events = await store.inner.storedEvents(executionArn: record.executionArn)
        #expect(events.map(\.id) == Array(1...events.count))
        #expect(events.filter { $0.type == .executionAborted }.count == 1)
        await engine.shutdown()
    }
}
