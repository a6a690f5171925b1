import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseStoreSQLite
import StepwiseTestSupport
import Testing

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("a new store creates its folder and uses WAL, synchronous=FULL on writer and readers, and foreign keys")
    func connectionSettings() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let settings = try await store.connectionSettings()
        #expect(settings.writerSynchronous == 2)
        #expect(settings.readerSynchronous == 2)
        #expect(settings.journalMode == "wal")
        #expect(settings.foreignKeys)
        #expect(FileManager.default.fileExists(atPath: db.path))
        await store.close()
    }

    @Test("insertExecution stores every field (a seed above Int64.max, nanoseconds) and returns the stored record on a second insert")
    func insertExecution() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let record = Fixtures.record("e1")
        let first = try await store.insertExecution(record)
        #expect(first.created)
        #expect(first.record == record)
        #expect(try await store.execution(arn: record.executionArn) == record)

        var other = record
        other.input = ["order": 8]
        let second = try await store.insertExecution(other)
        #expect(!second.created)
        #expect(second.record == record)
        #expect(try await store.execution(arn: "arn:nope") == nil)
        #expect(try await store.runningExecutions() == [record])
        await store.close()
    }

    @Test("an execution's mock test case is stored and read back after the store is reopened")
    func mockTestCaseSurvivesReopening() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        var record = Fixtures.record("mocked")
        record.mockTestCase = "HappyPath"
        let store = try db.open()
        _ = try await store.insertExecution(record)
        await store.close()
        let reopened = try db.open()
        #expect(try await reopened.execution(arn: record.executionArn)?.mockTestCase == "HappyPath")
        #expect(try await reopened.execution(arn: record.executionArn) == record)
        await reopened.close()
    }

    @Test("commits store log entries, history as AWS JSON in id order, and the execution's status, stop time, output and error")
    func commitRoundTrip() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let record = Fixtures.record("e1")
        _ = try await store.insertExecution(record)
        try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...3))
        let inputs: [ExecutionInput] = [
            .taskStarted(taskId: 1, workerName: "w"), .taskSucceeded(taskId: 1, output: ["x": [1, 2.5, nil]]),
            .taskFailed(taskId: 2, error: "E", cause: nil), .stop(error: nil, cause: "c"),
        ]
        for (index, input) in inputs.enumerated() {
            try await store.commit(Fixtures.commit(record, sequence: index + 1, events: nil, input: input))
        }
        try await store.commit(Fixtures.commit(record, sequence: 5, events: 4...6, status: .failed))

        let entries = try await store.logEntries(executionArn: record.executionArn)
        #expect(entries.map(\.input) == inputs + [.timerFired(timerId: 1)])
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries.map(\.time) == (1...5).map { Fixtures.start.adding(seconds: Double($0)) })

        let history = try await store.history(executionArn: record.executionArn, afterId: 0, limit: 100)
        #expect(history == Fixtures.events(1...6).map(\.awsJSON))
        #expect(try await store.history(executionArn: record.executionArn, afterId: 2, limit: 3) == Fixtures.events(3...5).map(\.awsJSON))
        #expect(try await store.history(executionArn: record.executionArn, afterId: 6, limit: 10).isEmpty)
        #expect(try await store.history(executionArn: record.executionArn, afterId: 0, limit: 0).isEmpty)

        let stored = try #require(try await store.execution(arn: record.executionArn))
        #expect(stored.status == .failed)
        #expect(stored.stopTime == Fixtures.start.adding(seconds: 60))
        #expect(stored.error == "States.TaskFailed")
        #expect(stored.cause == "it broke")
        #expect(stored.output == nil)
        #expect(try await store.runningExecutions().isEmpty)
        await store.close()
    }

    @Test("a commit whose log entry is not after the last, or whose first event does not follow, is refused with nothing applied")
    func refusedCommitsApplyNothing() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let record = Fixtures.record("e1")
        _ = try await store.insertExecution(record)
        try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...2))
        try await store.commit(Fixtures.commit(record, sequence: 1, events: 3...3))

        // Same sequence again, with events that would otherwise fit and a final status.
        await #expect(throws: StoreError(operation: "commit", reason: "log entry 1 is not after 1")) {
            try await store.commit(Fixtures.commit(record, sequence: 1, events: 4...5, status: .succeeded))
        }
        // A gap in event ids, with a log entry that would otherwise fit.
        await #expect(throws: StoreError(operation: "commit", reason: "event 5 does not follow event 3")) {
            try await store.commit(Fixtures.commit(record, sequence: 2, events: 5...6, status: .succeeded))
        }
        // Events that repeat stored ids.
        await #expect(throws: StoreError(operation: "commit", reason: "event 3 does not follow event 3")) {
            try await store.commit(Fixtures.commit(record, sequence: 2, events: 3...4))
        }
        await #expect(throws: StoreError(operation: "commit", reason: "no execution arn:nope")) {
            var commit = Fixtures.commit(record, sequence: 1, events: 1...1)
            commit.executionArn = "arn:nope"
            try await store.commit(commit)
        }
        #expect(try await store.logEntries(executionArn: record.executionArn).map(\.sequence) == [1])
        #expect(try await store.history(executionArn: record.executionArn, afterId: 0, limit: 100) == Fixtures.events(1...3).map(\.awsJSON))
        #expect(try await store.execution(arn: record.executionArn) == record)

        // The rules took nothing away: the right next commit still applies.
        try await store.commit(Fixtures.commit(record, sequence: 2, events: 4...5, status: .succeeded))
        #expect(try await store.execution(arn: record.executionArn)?.status == .succeeded)
        await store.close()
    }

    @Test("a refused commit fails only its caller: the others grouped in the same transaction are applied")
    func refusalInsideABatch() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let records = (0..<10).map { Fixtures.record("e\($0)") }
        for record in records {
            _ = try await store.insertExecution(record)
            try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...1))
        }
        let before = await store.writeStatistics()
        // Even executions get a commit that fits, odd ones a commit with a gap; all sent at once.
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, record) in records.enumerated() {
                group.addTask {
                    let ids = index.isMultiple(of: 2) ? 2...3 : 3...4
                    do {
                        try await store.commit(Fixtures.commit(record, sequence: 1, events: ids))
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var results: [Int: Bool] = [:]
            for await (index, ok) in group { results[index] = ok }
            return results
        }
        let after = await store.writeStatistics()
        #expect(results == Dictionary(uniqueKeysWithValues: (0..<10).map { ($0, $0.isMultiple(of: 2)) }))
        for (index, record) in records.enumerated() {
            let history = try await store.history(executionArn: record.executionArn, afterId: 0, limit: 10)
            #expect(history.count == (index.isMultiple(of: 2) ? 3 : 1))
            #expect(try await store.logEntries(executionArn: record.executionArn).count == (index.isMultiple(of: 2) ? 1 : 0))
        }
        #expect(after.writes - before.writes == 10)
        print("refusal test: 10 commits in \(after.transactions - before.transactions) transaction(s)")
        await store.close()
    }

    @Test("200 commits from 20 executions at once all land, each execution's event ids contiguous, in fewer transactions")
    func concurrentCommits() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let records = (0..<20).map { Fixtures.record("e\($0)") }
        for record in records { _ = try await store.insertExecution(record) }
        let before = await store.writeStatistics()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for record in records {
                // One execution's steps are committed in order (as the engine does); executions run side by side.
                group.addTask {
                    try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...2))
                    for step in 1...9 {
                        try await store.commit(
                            Fixtures.commit(record, sequence: step, events: (step * 2 + 1)...(step * 2 + 2), status: step == 9 ? .succeeded : .running))
                    }
                }
            }
            try await group.waitForAll()
        }
        let after = await store.writeStatistics()
        for record in records {
            let history = try await store.history(executionArn: record.executionArn, afterId: 0, limit: 1000)
            #expect(history.compactMap { $0["id"]?.numberValue?.intValue } == Array(1...20))
            #expect(try await store.logEntries(executionArn: record.executionArn).map(\.sequence) == Array(1...9))
            #expect(try await store.execution(arn: record.executionArn)?.status == .succeeded)
        }
        let transactions = after.transactions - before.transactions
        #expect(after.writes - before.writes == 200)
        #expect(transactions < 200)
        print("200 concurrent commits: \(transactions) transactions, largest batch \(after.largestBatch)")
        await store.close()
    }

    @Test("closing and reopening the file keeps executions, log, history, state machines, activities and tags")
    func reopenKeepsEverything() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let record = Fixtures.record("e1")
        let machine = ResourceTests.machine("orders")
        let activity = ActivityRecord(arn: "arn:aws:states:us-east-1:123456789012:activity:work", name: "work", creationDate: Fixtures.start)
        do {
            let store = try db.open()
            _ = try await store.insertExecution(record)
            try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...3))
            try await store.commit(Fixtures.commit(record, sequence: 1, events: 4...4))
            _ = try await store.insertStateMachine(machine)
            _ = try await store.insertActivity(activity)
            try await store.setTags(resourceArn: machine.arn, tags: [("team", "a"), ("env", "prod")])
            await store.close()
            await #expect(throws: StoreError.self) { try await store.commit(Fixtures.commit(record, sequence: 2, events: nil)) }
            await #expect(throws: StoreError.self) { try await store.execution(arn: record.executionArn) }
        }
        let store = try db.open()
        #expect(try await store.execution(arn: record.executionArn) == record)
        #expect(try await store.runningExecutions() == [record])
        #expect(try await store.logEntries(executionArn: record.executionArn).map(\.sequence) == [1])
        #expect(try await store.history(executionArn: record.executionArn, afterId: 0, limit: 100) == Fixtures.events(1...4).map(\.awsJSON))
        #expect(try await store.stateMachine(arn: machine.arn) == machine)
        #expect(try await store.activity(arn: activity.arn) == activity)
        #expect(try await store.tags(resourceArn: machine.arn).map { "\($0.key)=\($0.value)" } == ["team=a", "env=prod"])
        // And the rules still hold across the restart.
        await #expect(throws: StoreError.self) { try await store.commit(Fixtures.commit(record, sequence: 1, events: 5...5)) }
        try await store.commit(Fixtures.commit(record, sequence: 2, events: 5...5, status: .succeeded))
        #expect(try await store.execution(arn: record.executionArn)?.output == ["done": true])
        await store.close()
    }
}
