import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseStoreSQLite
import StepwiseTestSupport
import Testing

@Suite("Durable execution engine on SQLite")
struct EngineOnSQLiteTests {
    @Test("an engine shut down mid-execution, the store closed and reopened: a new engine recovers and ends it with a complete, gap-free history")
    func resumesAfterRestart() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let clock = ManualClock(start: OrderWorkflow.start)
        let arn = OrderWorkflow.record().executionArn
        do {
            let store = try db.open()
            let first = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: clock)
            _ = try await first.start(OrderWorkflow.record())
            // The execution waits for its one-hour timer; the engine and the store go away.
            await first.shutdown()
            #expect(try await store.history(executionArn: arn, afterId: 0, limit: 1000).count == 4)
            await store.close()
        }

        let store = try db.open()
        let second = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: clock)
        try await second.recover()
        #expect(await second.liveExecutionCount == 1)
        clock.advance(seconds: 3600)
        // Then a second at a time (the retry's 5-second delay) until it ends; the bound only guards against a
        // hang. (A `while`, not `for ... where`: `where` would keep iterating, and reading, after the end.)
        var ticks = 0
        while ticks < 100_000, try await store.execution(arn: arn)?.status == .running {
            clock.advance(seconds: 1)
            ticks += 1
            await Task.yield()
        }
        let finished = try await second.waitForCompletion(of: arn)
        #expect(finished.status == .succeeded)
        #expect(finished.output == ["order": 7, "charge": ["id": "ch-1"]])
        await second.shutdown()
        await store.close()

        // What an uninterrupted run in memory records, for comparison.
        let reference = InMemoryExecutionStore()
        let uninterrupted = ExecutionEngine(store: reference, runner: OrderWorkflow.runner(), clock: VirtualClock(start: OrderWorkflow.start))
        _ = try await uninterrupted.start(OrderWorkflow.record())
        _ = try await uninterrupted.waitForCompletion(of: arn)
        await uninterrupted.shutdown()
        let expected = await reference.storedEvents(executionArn: arn)

        // Read back from a third opening of the file: everything the second engine did is on disk.
        let reopened = try db.open()
        let history = try await reopened.history(executionArn: arn, afterId: 0, limit: 1000)
        #expect(history.compactMap { $0["id"]?.numberValue?.intValue } == Array(1...history.count))
        #expect(history.compactMap { $0["previousEventId"]?.numberValue?.intValue }.allSatisfy { $0 >= 0 })
        #expect(history.compactMap { $0["type"]?.stringValue } == expected.map(\.type.rawValue))
        #expect(history.last?["type"]?.stringValue == "ExecutionSucceeded")
        let stored = try #require(try await reopened.execution(arn: arn))
        #expect(stored.status == .succeeded)
        #expect(stored.output == ["order": 7, "charge": ["id": "ch-1"]])
        #expect(stored.stopTime != nil)
        #expect(try await reopened.runningExecutions().isEmpty)
        // Every logged input is there once, in order.
        let sequences = try await reopened.logEntries(executionArn: arn).map(\.sequence)
        #expect(sequences == Array(1...sequences.count))
        await reopened.close()
    }

    @Test("many executions run side by side on one store end with complete histories (commits grouped)")
    func manyExecutions() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let engine = ExecutionEngine(store: store, runner: OrderWorkflow.runner(), clock: VirtualClock(start: OrderWorkflow.start))
        let names = (0..<30).map { "run-\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in names {
                group.addTask {
                    let record = try await engine.start(OrderWorkflow.record(name: name))
                    let finished = try await engine.waitForCompletion(of: record.executionArn)
                    #expect(finished.status == .succeeded)
                }
            }
            try await group.waitForAll()
        }
        await engine.shutdown()
        for name in names {
            let history = try await store.history(executionArn: OrderWorkflow.record(name: name).executionArn, afterId: 0, limit: 1000)
            #expect(history.compactMap { $0["id"]?.numberValue?.intValue } == Array(1...history.count))
            #expect(history.last?["type"]?.stringValue == "ExecutionSucceeded")
        }
        let statistics = await store.writeStatistics()
        print("30 engine executions: \(statistics.writes) writes in \(statistics.transactions) transactions, largest batch \(statistics.largestBatch)")
        await store.close()
    }
}
