import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseTestSupport
import Synchronization
import Testing

@Suite("Durable execution engine")
struct ExecutionEngineTests {
    @Test("an execution runs to the end through its Wait, Task and Retry, with every event committed once")
    func runsToCompletion() async throws {
        let store = InMemoryExecutionStore()
        let engine = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: VirtualClock(start: OrderWorkflow.start))
        let record = try await engine.start(OrderWorkflow.record())
        let finished = try await engine.waitForCompletion(of: record.executionArn)
        #expect(finished.status == .succeeded)
        #expect(finished.output == ["order": 7, "charge": ["id": "ch-1"]])
        let events = await store.storedEvents(executionArn: record.executionArn)
        #expect(events.map(\.id) == Array(1...events.count))
        #expect(events.last?.type == .executionSucceeded)
        #expect(events.filter { $0.type == .taskScheduled }.count == 2)
        await engine.shutdown()
    }

    @Test("after a crash a new engine resumes the execution from the store and ends it exactly as an uninterrupted run")
    func resumesAfterCrash() async throws {
        let store = InMemoryExecutionStore()
        let clock = ManualClock(start: OrderWorkflow.start)
        let first = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: clock)
        let record = try await first.start(OrderWorkflow.record())
        // The execution now waits for its one-hour timer; the first engine dies.
        await first.shutdown()
        let eventsBeforeCrash = await store.storedEvents(executionArn: record.executionArn).count
        #expect(eventsBeforeCrash == 4)  // ExecutionStarted, Pass entered and exited, Wait entered

        let second = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: clock)
        try await second.recover()
        #expect(await second.liveExecutionCount == 1)
        // Time moves only when the test moves it: an hour for the Wait, then a little at a time for the
        // retry's 5-second delay, until the execution has ended (the bound only guards against a hang).
        clock.advance(seconds: 3600)
        var rounds = 0
        while rounds < 100_000, await store.execution(arn: record.executionArn)?.status == .running {
            clock.advance(seconds: 1)
            await Task.yield()
            rounds += 1
        }
        let stored = await store.storedEvents(executionArn: record.executionArn)
        guard await store.execution(arn: record.executionArn)?.status != .running else {
            Issue.record("still running after the clock moved on; events: \(stored.map(\.type.rawValue))")
            await second.shutdown()
            return
        }
        let finished = try await second.waitForCompletion(of: record.executionArn)
        #expect(finished.status == .succeeded)

        let reference = InMemoryExecutionStore()
        let uninterrupted = ExecutionEngine(store: reference, runner: OrderWorkflow.runner(), clock: VirtualClock(start: OrderWorkflow.start))
        _ = try await uninterrupted.start(OrderWorkflow.record())
        _ = try await uninterrupted.waitForCompletion(of: record.executionArn)
        let resumed = await store.storedEvents(executionArn: record.executionArn)
        let expected = await reference.storedEvents(executionArn: record.executionArn)
        #expect(resumed.map(\.id) == Array(1...resumed.count))
        #expect(resumed.map(\.type) == expected.map(\.type))
        #expect(finished.output == ["order": 7, "charge": ["id": "ch-1"]])
        await second.shutdown()
        await uninterrupted.shutdown()
    }

    @Test("starting the same execution name with the same input returns it; with other input it is refused")
    func idempotentStart() async throws {
        let store = InMemoryExecutionStore()
        let engine = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: ManualClock(start: OrderWorkflow.start))
        let first = try await engine.start(OrderWorkflow.record())
        let again = try await engine.start(OrderWorkflow.record())
        #expect(again.executionArn == first.executionArn)
        await #expect(throws: EngineError.executionAlreadyExists(arn: first.executionArn)) {
            try await engine.start(OrderWorkflow.record(input: ["order": 8]))
        }
        #expect(await store.storedEvents(executionArn: first.executionArn).filter { $0.type == .executionStarted }.count == 1)
        await engine.shutdown()
    }

    @Test("a stop request aborts a waiting execution and cancels its timer")
    func stopAborts() async throws {
        let store = InMemoryExecutionStore()
        let engine = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: ManualClock(start: OrderWorkflow.start))
        let record = try await engine.start(OrderWorkflow.record())
        try await engine.send(.stop(error: "Manual", cause: "operator"), to: record.executionArn)
        let finished = try await engine.waitForCompletion(of: record.executionArn)
        #expect(finished.status == .aborted)
        #expect(finished.error == "Manual")
        #expect(await engine.liveExecutionCount == 0)
        await engine.shutdown()
    }

    @Test("inputs for an unknown execution are refused")
    func unknownExecution() async throws {
        let engine = ExecutionEngine(store: InMemoryExecutionStore(), runner: OrderWorkflow.runner(), clock: ManualClock(start: OrderWorkflow.start))
        await #expect(throws: EngineError.executionDoesNotExist(arn: "arn:nope")) {
            try await engine.send(.timerFired(timerId: 1), to: "arn:nope")
        }
    }
}

@Suite("Durable execution engine: crash before the first commit")
struct ExecutionEngineStartCrashTests {
    @Test("an execution stored but never committed gets its start events when it is recovered")
    func recoversUncommittedStart() async throws {
        let store = InMemoryExecutionStore()
        let record = OrderWorkflow.record()
        _ = try await store.insertExecution(record)  // the crash came right after this
        let clock = ManualClock(start: OrderWorkflow.start)
        let engine = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: clock)
        try await engine.recover()
        let events = await store.storedEvents(executionArn: record.executionArn)
        #expect(events.map(\.type) == [.executionStarted, .passStateEntered, .passStateExited, .waitStateEntered])
        await engine.shutdown()
    }
}

@Suite("Durable execution engine: status changes")
struct ExecutionEngineStatusTests {
    @Test("the engine reports an execution's start and its end, once each")
    func reportsStatusChanges() async throws {
        let seen = Mutex<[ExecutionStatus]>([])
        let engine = ExecutionEngine(
            store: InMemoryExecutionStore(), runner: OrderWorkflow.runner(),
            clock: VirtualClock(start: OrderWorkflow.start), onStatusChange: { record in seen.withLock { $0.append(record.status) } })
        let record = try await engine.start(OrderWorkflow.record())
        _ = try await engine.waitForCompletion(of: record.executionArn)
        #expect(seen.withLock { $0 } == [.running, .succeeded])
        await engine.shutdown()
    }
}

/// Never answers: the task is still running when the engine goes down.
private struct HangingRunner: TaskRunner {
    func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        return .failed(error: "Cancelled", cause: nil)
    }
}

@Suite("Durable execution engine: tasks running at a crash")
struct ExecutionEngineTaskCrashTests {
    @Test("a task running at a crash is run again after recovery without a second TaskStarted")
    func relaunchKeepsOneStart() async throws {
        let definition = """
            {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """
        var record = OrderWorkflow.record()
        record.definition = definition
        let store = InMemoryExecutionStore()
        let clock = ManualClock(start: OrderWorkflow.start)
        let first = ExecutionEngine(store: store, runner: HangingRunner(), clock: clock)
        _ = try await first.start(record)
        var rounds = 0
        while rounds < 100_000, await !store.storedEvents(executionArn: record.executionArn).contains(where: { $0.type == .taskStarted }) {
            await Task.yield()
            rounds += 1
        }
        await first.shutdown()

        let second = ExecutionEngine(
            store: store, runner: MockTaskRunner(responses: ["Charge": MockedResponse(entries: [(0...0, .succeeded(["ok": true]))])]),
            clock: clock)
        try await second.recover()
        let finished = try await second.waitForCompletion(of: record.executionArn)
        #expect(finished.status == .succeeded)
        let types = await store.storedEvents(executionArn: record.executionArn).map(\.type)
        #expect(types.filter { $0 == .taskStarted }.count == 1)
        #expect(types.last == .executionSucceeded)
        await second.shutdown()
    }
}
