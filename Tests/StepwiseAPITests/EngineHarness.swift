import JSONValue
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseTestSupport
import Synchronization
import Testing

/// `StepFunctionsAPI(backend: EngineBackend(...))` in process over an in-memory store, called with
/// JSON bodies as boto3 sends them. Time is a manual clock, so nothing depends on how fast it runs.
struct EngineHarness {
    static let start = Timestamp(seconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let role = "arn:aws:iam::123456789012:role/test"
    static let prefix = "arn:aws:states:us-east-1:123456789012:"

    let store = InMemoryStore()
    let clock: any ExecutionClock
    let backend: EngineBackend
    let api: StepFunctionsAPI<EngineBackend>

    /// - Parameters:
    ///   - clock: the engine's clock (a manual one unless a test wants Waits to run at once).
    ///   - expressClock: Express executions' clock; virtual, so their Waits take no time.
    init(
        clock: any ExecutionClock = ManualClock(start: EngineHarness.start), expressClock: any ExecutionClock = VirtualClock(start: EngineHarness.start),
        pollClock: any ExecutionClock = ManualClock(start: EngineHarness.start), runner: any TaskRunner = MockTaskRunner(responses: [:])
    ) {
        self.clock = clock
        // Predictable seeds: execution names and tokens are the same on every run.
        let counter = Mutex<UInt64>(0)
        backend = EngineBackend(
            resources: store, executions: store, runner: runner, clock: clock, expressClock: expressClock, pollClock: pollClock,
            makeSeed: { counter.withLock { $0 += 1; return $0 &* 0x9E37_79B9_7F4A_7C15 } })
        api = StepFunctionsAPI(backend: backend)
    }

    func call(_ action: String, _ body: JSONValue) async -> (status: Int, json: JSONValue) {
        let response = await api.handle(target: "AWSStepFunctions." + action, body: Array(body.serialized().utf8))
        return (response.status, response.json ?? .null)
    }

    /// The JSON of a call that must succeed (`.null` and a recorded issue otherwise).
    func ok(_ action: String, _ body: JSONValue) async -> JSONValue {
        let (status, json) = await call(action, body)
        if status != 200 { Issue.record("\(action) answered \(status): \(json.serialized())") }
        return json
    }

    /// The `__type` of a call's error answer.
    func errorCode(_ action: String, _ body: JSONValue) async -> String? {
        let (_, json) = await call(action, body)
        return json["__type"]?.stringValue
    }

    func createMachine(_ name: String, _ definition: String, type: String = "STANDARD") async -> String {
        await ok("CreateStateMachine", ["name": .string(name), "definition": .string(definition), "roleArn": .string(Self.role), "type": .string(type)])[
            "stateMachineArn"]?.stringValue ?? ""
    }

    func startExecution(_ machineArn: String, name: String? = nil, input: String = "{}") async -> String {
        var body: JSONObject = ["stateMachineArn": .string(machineArn), "input": .string(input)]
        if let name { body["name"] = .string(name) }
        return await ok("StartExecution", .object(body))["executionArn"]?.stringValue ?? ""
    }

    /// Waits for the execution's end through the engine (no polling), then describes it through the API.
    func finish(_ executionArn: String) async -> JSONValue {
        _ = try? await backend.engine.waitForCompletion(of: executionArn)
        return await ok("DescribeExecution", ["executionArn": .string(executionArn)])
    }

    /// Every event's type, paging through GetExecutionHistory.
    func historyTypes(_ executionArn: String, pageSize: Int = 1000) async -> [String] {
        var types: [String] = []
        var token: String?
        repeat {
            var body: JSONObject = ["executionArn": .string(executionArn), "maxResults": .int(pageSize)]
            if let token { body["nextToken"] = .string(token) }
            let page = await ok("GetExecutionHistory", .object(body))
            types += page["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            token = page["nextToken"]?.stringValue
        } while token != nil
        return types
    }

    func advance(_ seconds: Double) {
        (clock as? ManualClock)?.advance(seconds: seconds)
    }

    /// A state machine with one activity Task state.
    static func activityDefinition(_ activityArn: String, extra: String = "") -> String {
        #"{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"\#(activityArn)"\#(extra),"End":true}}}"#
    }
}
