import Foundation
import JSONValue
import StatesLanguage
// ExecutionCommit has only its implicit internal memberwise initializer; the engine builds commits itself.
@testable import StepwiseEngine
import StepwiseStoreSQLite

/// A database file in a fresh temporary folder (created by the store, one level down, to check that
/// opening creates missing folders), removed by `remove()`.
struct TemporaryDatabase {
    let folder: String
    let path: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-sqlite-\(UUID().uuidString)").path
        path = folder + "/data/stepwise.sqlite"
    }

    func open(maximumBatchSize: Int = 100) throws -> SQLiteStore { try SQLiteStore(path: path, maximumBatchSize: maximumBatchSize) }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

enum Fixtures {
    static let start = Timestamp(epochSeconds: 1_767_225_600, nanosecondOfSecond: 123_456_789)
    static let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders"

    static func record(
        _ name: String, machineArn: String = machineArn, startTime: Timestamp = start, seed: UInt64 = 0xFEDC_BA98_7654_3210
    ) -> ExecutionRecord {
        ExecutionRecord(
            executionArn: "arn:aws:states:us-east-1:123456789012:execution:orders:\(name)", name: name,
            stateMachineArn: machineArn, stateMachineName: "orders", definition: #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
            roleArn: "arn:aws:iam::123456789012:role/test", region: "us-east-1", input: ["order": 7, "items": ["a", "b"], "ok": true],
            startTime: startTime, seed: seed)
    }

    /// Events `ids` of an execution: the first is ExecutionStarted when it is id 1, the others Pass states.
    static func events(_ ids: ClosedRange<Int>) -> [HistoryEvent] {
        ids.map { id in
            let time = start.adding(seconds: Double(id) * 0.001)
            if id == 1 {
                return HistoryEvent(
                    id: 1, previousEventId: 0, timestamp: time, type: .executionStarted,
                    details: .executionStarted(input: ["order": 7], roleArn: "arn:aws:iam::123456789012:role/test"))
            }
            return HistoryEvent(
                id: id, previousEventId: id - 1, timestamp: time, type: .passStateEntered,
                details: .stateEntered(name: "Step \(id)", input: ["n": .int(id), "text": "ü \"quoted\""]))
        }
    }

    static func commit(
        _ record: ExecutionRecord, sequence: Int?, events ids: ClosedRange<Int>?, status: ExecutionStatus = .running,
        input: ExecutionInput = .timerFired(timerId: 1)
    ) -> ExecutionCommit {
        let finished = status != .running
        return ExecutionCommit(
            executionArn: record.executionArn,
            logEntry: sequence.map { ExecutionLogEntry(sequence: $0, time: start.adding(seconds: Double($0)), input: input) },
            events: ids.map(events) ?? [], status: status, stopTime: finished ? start.adding(seconds: 60) : nil,
            output: status == .succeeded ? ["done": true] : nil, error: status == .failed ? "States.TaskFailed" : nil,
            cause: status == .failed ? "it broke" : nil)
    }
}
