import JSONValue
import StatesLanguage
import StepwiseEngine
import Testing

/// The driver cancels the runner of a task the interpreter cancels, while the execution goes on.
@Suite("ExecutionDriver cancels tasks", .timeLimit(.minutes(1)))
struct ExecutionDriverCancellationTests {
    /// "Block" runs until cancelled and records it; "Fail" fails at once; "Check" answers only once
    /// "Block" saw its cancellation, so an execution reaching its end proves the cancellation came
    /// before the execution ended (a driver that cancels only at the end never finishes).
    struct RecordingRunner: TaskRunner {
        let cancelled: AsyncStream<String>
        let record: AsyncStream<String>.Continuation

        init() {
            (cancelled, record) = AsyncStream.makeStream(of: String.self)
        }

        func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
            switch request.stateName {
            case "Block":
                try? await Task.sleep(for: .seconds(3600))
                if Task.isCancelled { record.yield("Block") }
                return .succeeded("not cancelled")
            case "Fail":
                return .failed(error: "Boom", cause: "on purpose")
            default:
                for await name in cancelled { return .succeeded(["cancelled": .string(name)]) }
                return .failed(error: "NoCancellation", cause: nil)
            }
        }
    }

    func run(_ definition: String, clock: any ExecutionClock) async throws -> ExecutionResult {
        let machine = try StateMachineParser().parse(JSONValue(parsing: definition))
        let identity = ExecutionIdentity(stateMachineName: "M", executionName: "e", input: [:], startTime: clock.now())
        let driver = ExecutionDriver(clock: clock, runner: RecordingRunner())
        return await driver.run(machine: machine, identity: identity, entropy: SeededEntropy(seed: 1))
    }

    @Test("a Catch on a Parallel whose other branch failed cancels the still-running task of the first branch")
    func catchCancelsTheSiblingTask() async throws {
        let result = try await run(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Branches": [
                  {"StartAt": "Block", "States": {"Block": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}},
                  {"StartAt": "Fail", "States": {"Fail": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Check"}], "Next": "Check"},
              "Check": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}}
            """, clock: VirtualClock(start: Timestamp(rfc3339: "2024-06-01T12:00:00Z")!))
        #expect(result.status == .succeeded)
        #expect(result.output == ["cancelled": "Block"])
    }

    @Test("a task's TimeoutSeconds cancels its runner, and a Catch moves on while the execution runs")
    func timeoutCancelsTheRunner() async throws {
        let result = try await run(
            """
            {"StartAt": "Block", "States": {
              "Block": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "TimeoutSeconds": 1,
                "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Check"}], "End": true},
              "Check": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}}
            """, clock: SystemClock())
        #expect(result.status == .succeeded)
        #expect(result.output == ["cancelled": "Block"])
        #expect(result.history.contains { $0.type == .taskTimedOut })
    }
}
