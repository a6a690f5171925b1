import JSONValue
import StatesLanguage

#if canImport(Glibc)
    import Glibc
#endif

/// Standard executions spread over several engines by execution ARN, so that the steps of
/// different executions run on different cores while each execution stays on one actor.
package struct ShardedExecutionEngine: Sendable {
    package let shards: [ExecutionEngine]

    /// `shardCount` engines over one store (nil: one per core).
    package init(
        shardCount: Int? = nil, store: any ExecutionStore, runner: any TaskRunner, clock: any ExecutionClock,
        limits: Interpreter.Limits = .init(), onStatusChange: @escaping @Sendable (ExecutionRecord) -> Void = { _ in }
    ) {
        let count = max(1, shardCount ?? Self.coreCount)
        shards = (0..<count).map { index in
            ExecutionEngine(
                store: store, runner: runner, clock: clock, limits: limits, onStatusChange: onStatusChange,
                owns: { arn in Self.shardIndex(of: arn, count: count) == index })
        }
    }

    /// The cores this process may use.
    package static var coreCount: Int {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 1
        #endif
    }

    /// A stable shard for an ARN (FNV-1a), the same in every process, so recovery finds each execution's shard.
    static func shardIndex(of executionArn: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in executionArn.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }

    package func engine(for executionArn: String) -> ExecutionEngine {
        shards[Self.shardIndex(of: executionArn, count: shards.count)]
    }

    @discardableResult
    package func start(_ record: ExecutionRecord) async throws(EngineError) -> ExecutionRecord {
        try await engine(for: record.executionArn).start(record)
    }

    package func send(_ input: ExecutionInput, to executionArn: String) async throws(EngineError) {
        try await engine(for: executionArn).send(input, to: executionArn)
    }

    package func deliverTaskResult(_ outcome: TaskOutcome, taskId: Int, executionArn: String) async throws(EngineError) {
        try await engine(for: executionArn).deliverTaskResult(outcome, taskId: taskId, executionArn: executionArn)
    }

    package func waitForCompletion(of executionArn: String) async throws(EngineError) -> ExecutionRecord {
        try await engine(for: executionArn).waitForCompletion(of: executionArn)
    }

    package func waitForEnd(of executionArn: String) async throws(EngineError) -> ExecutionRecord? {
        try await engine(for: executionArn).waitForEnd(of: executionArn)
    }

    /// Each shard resumes the running executions it owns; returns every task they relaunched.
    @discardableResult
    package func recover() async throws(EngineError) -> [RecoveredTask] {
        var relaunched: [RecoveredTask] = []
        for shard in shards { relaunched += try await shard.recover() }
        return relaunched
    }

    package func shutdown() async {
        for shard in shards { await shard.shutdown() }
    }

    package var liveExecutionCount: Int {
        get async {
            var total = 0
            for shard in shards { total += await shard.liveExecutionCount }
            return total
        }
    }
}
