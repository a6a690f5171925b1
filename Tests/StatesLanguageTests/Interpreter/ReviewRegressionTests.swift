import JSONValue
import StatesLanguage
import Testing

/// Behaviours a code review found wrong, pinned so they stay fixed.
@Suite("Interpreter edge cases found in review")
struct ReviewRegressionTests {
    static let t0 = Timestamp(seconds: 1_700_000_000)

    func interpreter(_ definition: String, input: JSONValue = [:]) throws -> (Interpreter, [ExecutionCommand]) {
        let machine = try StateMachineParser().parse(try JSONValue(parsing: definition))
        let identity = ExecutionIdentity(stateMachineName: "m", executionName: "e", input: input, startTime: Self.t0)
        let interpreter = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: 3))
        return (interpreter, interpreter.start())
    }

    @Test("a MaxConcurrency far beyond Int's range runs the Map instead of trapping")
    func hugeMaxConcurrency() throws {
        let (i, _) = try interpreter(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 100000000000000000000,
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """, input: [1, 2])
        #expect(i.status == .succeeded)
        #expect(i.output == [1, 2])
    }

    @Test("the first state of an execution that doubles a 200 KB input fails with States.DataLimitExceeded")
    func firstStateOverLimit() throws {
        let big = JSONValue.string(String(repeating: "x", count: 200_000))
        let (i, _) = try interpreter(
            """
            {"StartAt": "Copy", "States": {"Copy": {"Type": "Pass", "Parameters": {"x.$": "$"}, "ResultPath": "$.copy", "End": true}}}
            """, input: ["s": big])
        #expect(i.status == .failed)
        #expect(i.error == "States.DataLimitExceeded")
    }

    @Test("a Catch that names States.Runtime does not catch it: the execution fails")
    func runtimeNotCaught() throws {
        let (i, _) = try interpreter(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"x.$": "$.missing"},
                    "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Succeed"}}}
            """)
        #expect(i.status == .failed)
        #expect(i.error == "States.Runtime")
    }

    @Test("a heartbeat re-arms HeartbeatSecondsPath resolved after InputPath, so the task keeps running")
    func heartbeatWithInputPath() throws {
        let (i, commands) = try interpreter(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "InputPath": "$.cfg", "HeartbeatSecondsPath": "$.hb", "End": true}}}
            """, input: ["cfg": ["hb": 10]])
        guard case .runTask(let request)? = commands.first(where: { if case .runTask = $0 { true } else { false } }) else {
            Issue.record("no task scheduled")
            return
        }
        let after = i.handle(.taskHeartbeat(taskId: request.taskId), at: Self.t0.adding(seconds: 5))
        let rearmed = after.contains { if case .startTimer(_, let due) = $0 { due == Self.t0.adding(seconds: 15) } else { false } }
        #expect(rearmed)
        #expect(i.status == .running)
    }

    @Test("a Wait too long to represent waits forever (9999-12-31), it does not fire at once")
    func hugeWait() throws {
        let (_, commands) = try interpreter(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}
            """, input: ["s": 10_000_000_000_000_000])
        let due = commands.compactMap { if case .startTimer(_, let due) = $0 { due } else { nil } }
        #expect(due == [Timestamp.distantFuture])
    }
}
