import JSONValue
import StatesLanguage
import StepwiseEngine
import Testing

@Suite("ExecutionDriver with virtual time")
struct ExecutionDriverTests {
    static let t0 = Timestamp(rfc3339: "2024-06-01T12:00:00Z")!

    func run(_ definition: String, input: JSONValue = [:], mocks: [String: MockedResponse] = [:]) async throws -> ExecutionResult {
        let machine = try StateMachineParser().parse(JSONValue(parsing: definition))
        let identity = ExecutionIdentity(stateMachineName: "M", executionName: "e", input: input, startTime: Self.t0)
        let driver = ExecutionDriver(clock: VirtualClock(start: Self.t0), runner: MockTaskRunner(responses: mocks))
        return await driver.run(machine: machine, identity: identity, entropy: SeededEntropy(seed: 1))
    }

    @Test("a one-hour Wait finishes, and WaitStateExited is exactly 3600 s after WaitStateEntered")
    func oneHourWait() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#, input: ["k": "v"])
        #expect(result.status == .succeeded)
        #expect(result.output == ["k": "v"])
        let entered = try #require(result.history.first { $0.type == .waitStateEntered })
        let exited = try #require(result.history.first { $0.type == .waitStateExited })
        #expect(entered.timestamp == Self.t0)
        #expect(exited.timestamp.nanoseconds - entered.timestamp.nanoseconds == 3_600_000_000_000)
    }

    @Test("a Wait with TimestampPath in the past exits at the time it entered")
    func waitInThePast() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.when", "End": true}}}"#,
            input: ["when": "2001-01-01T00:00:00Z"])
        #expect(result.status == .succeeded)
        let entered = try #require(result.history.first { $0.type == .waitStateEntered })
        let exited = try #require(result.history.first { $0.type == .waitStateExited })
        #expect(entered.timestamp == Self.t0)
        #expect(exited.timestamp == Self.t0)
    }

    @Test("Wait states in sequence add up in virtual time, and a future TimestampPath is honoured exactly")
    func waitsAddUp() async throws {
        let result = try await run(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Wait", "Seconds": 90, "Next": "B"},
              "B": {"Type": "Wait", "Timestamp": "2024-06-02T12:00:00+01:00", "End": true}}}
            """)
        #expect(result.status == .succeeded)
        let exits = result.history.filter { $0.type == .waitStateExited }.map(\.timestamp)
        #expect(exits == [Self.t0.adding(seconds: 90), Timestamp(rfc3339: "2024-06-02T11:00:00Z")!])
        #expect(result.history.last?.timestamp == Timestamp(rfc3339: "2024-06-02T11:00:00Z"))
    }

    @Test("a mocked task that fails twice is retried after the backoff delays, in virtual time")
    func retryInVirtualTime() async throws {
        let fail = TaskOutcome.failed(error: "Flaky", cause: "try again")
        let result = try await run(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 10, "BackoffRate": 2}], "End": true}}}
            """,
            mocks: ["T": MockedResponse(entries: [(0...1, fail), (2...2, .succeeded(["ok": true]))])])
        #expect(result.status == .succeeded)
        #expect(result.output == ["ok": true])
        let scheduled = result.history.filter { $0.type == .taskScheduled }.map(\.timestamp)
        #expect(scheduled == [Self.t0, Self.t0.adding(seconds: 10), Self.t0.adding(seconds: 30)])
    }

    @Test("an execution TimeoutSeconds shorter than a Wait ends TIMED_OUT at the timeout")
    func executionTimeout() async throws {
        let result = try await run(
            #"{"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)
        #expect(result.status == .timedOut)
        #expect(result.history.last?.type == .executionTimedOut)
        #expect(result.history.last?.timestamp == Self.t0.adding(seconds: 60))
    }
}
