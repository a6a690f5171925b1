import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseTestSupport
import Testing

@Suite("Sharded execution engine")
struct ShardedExecutionEngineTests {
    typealias E = OrderWorkflow

    @Test("executions spread over the shards; after a restart each one is resumed by exactly one shard")
    func everyExecutionIsResumedOnce() async throws {
        let store = InMemoryExecutionStore()
        let clock = ManualClock(start: E.start)
        let first = ShardedExecutionEngine(shardCount: 3, store: store, runner: E.runner(), clock: clock)
        var arns: [String] = []
        for n in 0..<12 { arns.append(try await first.start(E.record(name: "e\(n)")).executionArn) }
        #expect(await first.liveExecutionCount == 12)
        var perShard: [Int] = []
        for shard in first.shards { perShard.append(await shard.liveExecutionCount) }
        #expect(perShard.filter { $0 > 0 }.count >= 2)
        await first.shutdown()

        let second = ShardedExecutionEngine(shardCount: 3, store: store, runner: E.runner(), clock: clock)
        try await second.recover()
        #expect(await second.liveExecutionCount == 12)
        for arn in arns { #expect(await second.engine(for: arn).liveExecutionCount > 0) }
        await second.shutdown()
    }

    @Test("all executions of the sharded engine finish with complete histories")
    func shardedExecutionsFinish() async throws {
        let store = InMemoryExecutionStore()
        let engine = ShardedExecutionEngine(shardCount: 2, store: store, runner: E.runner(), clock: VirtualClock(start: E.start))
        for n in 0..<6 {
            let record = try await engine.start(E.record(name: "e\(n)"))
            let finished = try await engine.waitForCompletion(of: record.executionArn)
            #expect(finished.status == .succeeded)
            let events = await store.storedEvents(executionArn: record.executionArn)
            #expect(events.map(\.id) == Array(1...events.count))
        }
        await engine.shutdown()
    }
}
