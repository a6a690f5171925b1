import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseStoreSQLite
import Testing

@Suite("SQLite store: resources")
struct ResourceTests {
    static func machine(_ name: String, created: Timestamp = Fixtures.start) -> StateMachineRecord {
        StateMachineRecord(
            arn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)", name: name, type: .standard,
            definition: #"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#, roleArn: "arn:aws:iam::123456789012:role/r",
            creationDate: created, revisionId: "rev-1")
    }

    @Test("state machines: insert once, update, list by name, delete (with their tags)")
    func stateMachines() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        var orders = Self.machine("orders")
        orders.loggingConfiguration = ["level": "ALL", "includeExecutionData": true]
        orders.tracingConfiguration = ["enabled": false]
        orders.description = "takes orders"
        let billing = Self.machine("billing")
        #expect(try await store.insertStateMachine(orders) == (orders, true))
        #expect(try await store.insertStateMachine(billing).created)
        var duplicate = orders
        duplicate.definition = "{}"
        let again = try await store.insertStateMachine(duplicate)
        #expect(!again.created)
        #expect(again.record == orders)
        #expect(try await store.stateMachine(arn: orders.arn) == orders)
        #expect(try await store.stateMachines().map(\.name) == ["billing", "orders"])

        var updated = orders
        updated.type = .express
        updated.definition = #"{"StartAt":"B","States":{"B":{"Type":"Fail"}}}"#
        updated.revisionId = "rev-2"
        updated.loggingConfiguration = nil
        updated.description = nil
        try await store.updateStateMachine(updated)
        #expect(try await store.stateMachine(arn: orders.arn) == updated)
        await #expect(throws: StoreError.self) { try await store.updateStateMachine(Self.machine("missing")) }

        try await store.setTags(resourceArn: orders.arn, tags: [("k", "v")])
        try await store.deleteStateMachine(arn: orders.arn)
        try await store.deleteStateMachine(arn: orders.arn)  // deleting what is gone is not an error
        #expect(try await store.stateMachine(arn: orders.arn) == nil)
        #expect(try await store.tags(resourceArn: orders.arn).isEmpty)
        #expect(try await store.stateMachines() == [billing])
        await store.close()
    }

    @Test("activities: insert once, list by name, delete")
    func activities() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let b = ActivityRecord(arn: "arn:aws:states:us-east-1:123456789012:activity:b", name: "b", creationDate: Fixtures.start)
        let a = ActivityRecord(
            arn: "arn:aws:states:us-east-1:123456789012:activity:a", name: "a",
            creationDate: Timestamp(epochSeconds: -62_135_596_800, nanosecondOfSecond: 1))
        #expect(try await store.insertActivity(b) == (b, true))
        #expect(try await store.insertActivity(a) == (a, true))
        var renamed = b
        renamed.creationDate = Timestamp(epochSeconds: 0)
        #expect(try await store.insertActivity(renamed) == (b, false))
        #expect(try await store.activity(arn: a.arn) == a)
        #expect(try await store.activities() == [a, b])
        try await store.deleteActivity(arn: a.arn)
        #expect(try await store.activity(arn: a.arn) == nil)
        #expect(try await store.activities() == [b])
        await store.close()
    }

    @Test("tags keep the order keys were first set in; setting a key again replaces its value in place; removal by key")
    func tags() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let arn = Self.machine("orders").arn
        #expect(try await store.tags(resourceArn: arn).isEmpty)
        try await store.setTags(resourceArn: arn, tags: [("team", "a"), ("env", "dev"), ("cost", "1")])
        try await store.setTags(resourceArn: arn, tags: [("env", "prod"), ("owner", "me")])
        try await store.setTags(resourceArn: "other", tags: [("x", "y")])
        #expect(try await store.tags(resourceArn: arn).map { "\($0.key)=\($0.value)" } == ["team=a", "env=prod", "cost=1", "owner=me"])
        try await store.removeTags(resourceArn: arn, keys: ["team", "nothing"])
        try await store.setTags(resourceArn: arn, tags: [("team", "b")])
        #expect(try await store.tags(resourceArn: arn).map { "\($0.key)=\($0.value)" } == ["env=prod", "cost=1", "owner=me", "team=b"])
        #expect(try await store.tags(resourceArn: "other").map(\.key) == ["x"])
        await store.close()
    }

    @Test("executions of a state machine are listed newest first, optionally of one status")
    func executionListing() async throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try db.open()
        let old = Fixtures.record("old", startTime: Timestamp(epochSeconds: 1000, nanosecondOfSecond: 5))
        let middle = Fixtures.record("middle", startTime: Timestamp(epochSeconds: 1000, nanosecondOfSecond: 6))
        let new = Fixtures.record("new", startTime: Timestamp(epochSeconds: 2000))
        let elsewhere = Fixtures.record("elsewhere", machineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:other")
        for record in [middle, new, old, elsewhere] { _ = try await store.insertExecution(record) }
        try await store.commit(Fixtures.commit(middle, sequence: nil, events: 1...1, status: .succeeded))

        #expect(try await store.executions(stateMachineArn: Fixtures.machineArn, status: nil).map(\.name) == ["new", "middle", "old"])
        #expect(try await store.executions(stateMachineArn: Fixtures.machineArn, status: .running).map(\.name) == ["new", "old"])
        #expect(try await store.executions(stateMachineArn: Fixtures.machineArn, status: .succeeded).map(\.name) == ["middle"])
        #expect(try await store.executions(stateMachineArn: Fixtures.machineArn, status: .aborted).isEmpty)
        #expect(try await store.runningExecutions().map(\.name) == ["elsewhere", "new", "old"])
        await store.close()
    }
}
