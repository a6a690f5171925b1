import Foundation
import JSONValue
import StatesLanguage
@testable import StepwiseEngine
import StepwiseStoreSQLite
import Testing

/// Prints durable commit throughput (no timing assertions: figures depend on the disk and the build).
@Suite("SQLite store: commit throughput (printed)")
struct CommitThroughputTests {
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try await clock.measure { try await body() }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("one caller at a time versus 100 executions committing side by side")
    func throughput() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()

        // One caller: every commit is its own transaction and fsync.
        let single = Fixtures.record("single")
        _ = try await store.insertExecution(single)
        let sequential = 300
        let sequentialSeconds = try await Self.seconds {
            try await store.commit(Fixtures.commit(single, sequence: nil, events: 1...1))
            for step in 1..<sequential {
                try await store.commit(Fixtures.commit(single, sequence: step, events: (step + 1)...(step + 1)))
            }
        }

        // 100 executions, 20 steps each, one step at a time per execution (as the engine commits).
        let records = (0..<100).map { Fixtures.record("par-\($0)") }
        for record in records { _ = try await store.insertExecution(record) }
        let before = await store.writeStatistics()
        let steps = 20
        let concurrentSeconds = try await Self.seconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for record in records {
                    group.addTask {
                        try await store.commit(Fixtures.commit(record, sequence: nil, events: 1...1))
                        for step in 1..<steps {
                            try await store.commit(Fixtures.commit(record, sequence: step, events: (step + 1)...(step + 1)))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let after = await store.writeStatistics()
        let transactions = after.transactions - before.transactions
        let commits = records.count * steps
        print(
            """
            SQLite commits (log entry + 1 history event + status update each, synchronous=FULL):
              one caller:        \(sequential) commits in \(String(format: "%.3f", sequentialSeconds)) s = \
            \(Int(Double(sequential) / sequentialSeconds)) commits/s
              100 executions:    \(commits) commits in \(String(format: "%.3f", concurrentSeconds)) s = \
            \(Int(Double(commits) / concurrentSeconds)) commits/s, \(transactions) transactions \
            (\(String(format: "%.1f", Double(commits) / Double(transactions))) per transaction)
            """)
        await store.close()
    }
}
