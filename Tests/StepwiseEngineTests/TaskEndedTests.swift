import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseTestSupport
import Testing

/// The engine tells runners when a task's end is durable, and recovery names the tasks it relaunched.
@Suite("Durable task ends", .timeLimit(.minutes(1)))
struct TaskEndedTests {
    static let start = Timestamp(seconds: 1_767_225_600)

    /// "Block" runs until cancelled; anything else succeeds at once. Reports every `taskEnded`.
    struct EndRecordingRunner: TaskRunner {
        let ended: AsyncStream<String>
        let record: AsyncStream<String>.Continuation

        init() {
            (ended, record) = AsyncStream.makeStream(of: String.self)
        }

        func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
            guard request.stateName == "Block" else { return .succeeded(["ok": true]) }
            try? await Task.sleep(for: .seconds(3600))
            return .failed(error: "Cancelled", cause: nil)
        }

        func taskEnded(_ request: TaskRequest, executionArn: String) { record.yield(request.stateName) }
    }

    static func record(_ definition: String) -> ExecutionRecord {
        ExecutionRecord(
            executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e1", name: "e1",
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", stateMachineName: "m",
            definition: definition, roleArn: "arn:aws:iam::123456789012:role/test", region: "us-east-1", input: [:],
            startTime: start, seed: 1)
    }

    @Test("a task cancelled by its TimeoutSeconds and a task whose result is committed are both reported ended")
    func cancelledAndCommittedTasksAreReported() async throws {
        let runner = EndRecordingRunner()
        let engine = ExecutionEngine(store: InMemoryExecutionStore(), runner: runner, clock: VirtualClock(start: Self.start))
        let record = try await engine.start(
            Self.record(
                """
                {"StartAt": "Block", "States": {
                  "Block": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "TimeoutSeconds": 5,
                            "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Quick"}], "End": true},
                  "Quick": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}}
                """))
        #expect(try await engine.waitForCompletion(of: record.executionArn).status == .succeeded)
        var names: [String] = []
        for await name in runner.ended {
            names.append(name)
            if names.count == 2 { break }
        }
        #expect(names == ["Block", "Quick"])
        await engine.shutdown()
    }

    @Test("recovery returns exactly the tasks it relaunched, and a shutdown does not report them ended")
    func recoveryReturnsRelaunchedTasks() async throws {
        let store = InMemoryExecutionStore()
        let definition = """
            {"StartAt": "Block", "States": {"Block": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}}
            """
        let firstRunner = EndRecordingRunner()
        let first = ExecutionEngine(store: store, runner: firstRunner, clock: VirtualClock(start: Self.start))
        let record = try await first.start(Self.record(definition))
        await first.shutdown()
        firstRunner.record.finish()
        var reported: [String] = []
        for await name in firstRunner.ended { reported.append(name) }
        #expect(reported.isEmpty)
        let second = ExecutionEngine(store: store, runner: EndRecordingRunner(), clock: VirtualClock(start: Self.start))
        let relaunched = try await second.recover()
        #expect(relaunched.map(\.executionArn) == [record.executionArn])
        #expect(relaunched.map(\.request.stateName) == ["Block"])
        await second.shutdown()
    }
}
