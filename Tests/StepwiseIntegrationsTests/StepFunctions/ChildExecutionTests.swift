import JSONValue
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseIntegrations
import StepwiseTestSupport
import Synchronization
import Testing

/// A backend whose Task states go through `IntegrationRoutingRunner` with child executions (and
/// mocks when given), driven through the API's JSON as SDKs send it.
struct IntegrationHarness {
    static let role = "arn:aws:iam::123456789012:role/test"
    let store = InMemoryStore()
    let backend: EngineBackend
    let api: StepFunctionsAPI<EngineBackend>
    let callbacks = CallbackTaskRegistry()

    init(extra: [any ServiceIntegration] = [], mocks: MockLibrary? = nil) {
        let children = StartExecutionIntegration()
        let routing = IntegrationRoutingRunner(integrations: [children] + extra, callbacks: callbacks)
        let runner: any TaskRunner = mocks.map { MockedExecutionsRunner(library: $0, other: routing) } ?? routing
        backend = EngineBackend(resources: store, executions: store, runner: runner, callbacks: callbacks, mocks: mocks)
        children.attach(backend)
        api = StepFunctionsAPI(backend: backend)
    }

    func call(_ action: String, _ body: JSONValue) async -> (status: Int, json: JSONValue) {
        let response = await api.handle(target: "AWSStepFunctions." + action, body: Array(body.serialized().utf8))
        return (response.status, response.json ?? .null)
    }

    func ok(_ action: String, _ body: JSONValue) async -> JSONValue {
        let (status, json) = await call(action, body)
        if status != 200 { Issue.record("\(action) answered \(status): \(json.serialized())") }
        return json
    }

    func createMachine(_ name: String, _ definition: String, type: String = "STANDARD") async -> String {
        await ok("CreateStateMachine", ["name": .string(name), "definition": .string(definition), "roleArn": .string(Self.role), "type": .string(type)])[
            "stateMachineArn"]?.stringValue ?? ""
    }

    func start(_ machineArn: String, input: JSONValue = [:]) async -> String {
        await ok("StartExecution", ["stateMachineArn": .string(machineArn), "input": .string(input.serialized())])["executionArn"]?.stringValue ?? ""
    }

    func finish(_ executionArn: String) async -> JSONValue {
        _ = try? await backend.engine.waitForCompletion(of: executionArn)
        return await ok("DescribeExecution", ["executionArn": .string(executionArn)])
    }

    func output(_ description: JSONValue) -> JSONValue? {
        description["output"]?.stringValue.flatMap { try? JSONValue(parsing: $0) }
    }

    /// Waits until the engine has `executionArn` in a Task state waiting (its TaskSubmitted or
    /// TaskStarted recorded), without sleeping on a timer: each look yields to the engine.
    func waitForEvent(_ type: String, in executionArn: String) async -> JSONValue? {
        for _ in 0..<100_000 {
            let page = await ok("GetExecutionHistory", ["executionArn": .string(executionArn), "maxResults": 1000])
            if let event = page["events"]?.arrayValue?.first(where: { $0["type"]?.stringValue == type }) { return event }
            await Task.yield()
        }
        return nil
    }
}

@Suite("Child executions (states:startExecution)")
struct ChildExecutionTests {
    static let child = #"{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"got.$":"$.value","by.$":"$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"},"End":true}}}"#

    static func parent(_ resource: String, childArn: String, extra: String = "") -> String {
        #"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:"# + resource
            + #"","Parameters":{"StateMachineArn":""# + childArn
            + #"","Input":{"value.$":"$.value","AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}}"# + extra + #","End":true}}}"#
    }

    @Test("startExecution.sync:2 answers the child's description with its input and output as JSON")
    func sync2GivesJSONOutput() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", Self.child)
        let parent = await h.createMachine("parent", Self.parent("startExecution.sync:2", childArn: child))
        let run = await h.start(parent, input: ["value": 7])
        let done = await h.finish(run)
        #expect(done["status"] == "SUCCEEDED")
        let out = try #require(h.output(done))
        #expect(out["Status"] == "SUCCEEDED")
        #expect(out["Output"] == ["got": 7, "by": .string(run)])
        #expect(out["Input"]?["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"] == .string(run))
        #expect(out["StateMachineArn"] == .string(child))
        #expect(out["StartDate"]?.numberValue != nil && out["StopDate"]?.numberValue != nil)
    }

    @Test("startExecution.sync answers the child's input and output as JSON text")
    func syncGivesTextOutput() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", Self.child)
        let parent = await h.createMachine("parent", Self.parent("startExecution.sync", childArn: child))
        let done = await h.finish(await h.start(parent, input: ["value": "x"]))
        let out = try #require(h.output(done))
        let text = try #require(out["Output"]?.stringValue)
        #expect(try JSONValue(parsing: text)["got"] == "x")
        #expect(out["Input"]?.stringValue != nil)
    }

    @Test("startExecution (request-response) answers ExecutionArn and StartDate and lets the child run on")
    func requestResponseAnswersStart() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", Self.child)
        let parent = await h.createMachine("parent", Self.parent("startExecution", childArn: child))
        let done = await h.finish(await h.start(parent, input: ["value": 1]))
        let out = try #require(h.output(done))
        let childRun = try #require(out["ExecutionArn"]?.stringValue)
        #expect(out["StartDate"]?.numberValue != nil)
        #expect(await h.finish(childRun)["status"] == "SUCCEEDED")
    }

    @Test("a failed child fails the parent's state with States.TaskFailed and the child's description as cause")
    func failedChildFailsParent() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"child broke"}}}"#)
        let parent = await h.createMachine("parent", Self.parent("startExecution.sync:2", childArn: child))
        let done = await h.finish(await h.start(parent, input: ["value": 1]))
        #expect(done["status"] == "FAILED")
        #expect(done["error"] == "States.TaskFailed")
        let cause = try JSONValue(parsing: try #require(done["cause"]?.stringValue))
        #expect(cause["Status"] == "FAILED")
        #expect(cause["Error"] == "Boom")
        #expect(cause["Cause"] == "child broke")
    }

    @Test("a state machine that does not exist fails the state with StepFunctions.StateMachineDoesNotExistException")
    func missingMachineFails() async throws {
        let h = IntegrationHarness()
        let parent = await h.createMachine(
            "parent", Self.parent("startExecution.sync", childArn: "arn:aws:states:us-east-1:123456789012:stateMachine:nothing"))
        let done = await h.finish(await h.start(parent, input: ["value": 1]))
        #expect(done["error"] == "StepFunctions.StateMachineDoesNotExistException")
    }

    @Test("stopping the parent stops the child it waits for")
    func stoppingParentStopsChild() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000,"End":true}}}"#)
        let parent = await h.createMachine("parent", Self.parent("startExecution.sync:2", childArn: child))
        let run = await h.start(parent, input: ["value": 1])
        let submitted = try #require(await h.waitForEvent("TaskSubmitted", in: run))
        let output = try JSONValue(parsing: try #require(submitted["taskSubmittedEventDetails"]?["output"]?.stringValue))
        let childRun = try #require(output["ExecutionArn"]?.stringValue)
        _ = await h.ok("StopExecution", ["executionArn": .string(run)])
        #expect(await h.finish(run)["status"] == "ABORTED")
        #expect(await h.finish(childRun)["status"] == "ABORTED")
    }

    @Test("startExecution.waitForTaskToken ends with what the child sends with the token")
    func waitForTaskTokenTakesTheAnswer() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", #"{"StartAt":"W","States":{"W":{"Type":"Pass","End":true}}}"#)
        let parent = await h.createMachine(
            "parent",
            #"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken","Parameters":{"StateMachineArn":""#
                + child + #"","Input":{"token.$":"$$.Task.Token"}},"End":true}}}"#)
        let run = await h.start(parent)
        let submitted = try #require(await h.waitForEvent("TaskSubmitted", in: run))
        let output = try JSONValue(parsing: try #require(submitted["taskSubmittedEventDetails"]?["output"]?.stringValue))
        let childDone = await h.finish(try #require(output["ExecutionArn"]?.stringValue))
        let token = try #require(h.output(childDone)?["token"]?.stringValue)
        _ = await h.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"answer":42}"#])
        let done = await h.finish(run)
        #expect(done["status"] == "SUCCEEDED")
        #expect(h.output(done) == ["answer": 42])
    }

    @Test("a relaunched task finds the child it started, not starting it twice; the same name with other input is refused")
    func sameAttemptFindsItsChild() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000,"End":true}}}"#)
        let name = StartExecutionIntegration.childName(parentArn: "arn:parent", taskId: 3, attempt: 0)
        let first = try await h.backend.startChild(stateMachineArn: child, name: name, input: ["a": 1], relaunched: false)
        let again = try await h.backend.startChild(stateMachineArn: child, name: name, input: ["a": 1], relaunched: true)
        #expect(first.executionArn == again.executionArn)
        await #expect(throws: ChildExecutionError.self) {
            try await h.backend.startChild(stateMachineArn: child, name: name, input: ["a": 2], relaunched: true)
        }
        await h.backend.stopChild(first.executionArn, error: nil, cause: nil)
    }
}

@Suite("Mock test cases per execution")
struct MockTestCaseTests {
    static let mocks: JSONValue = [
        "StateMachines": [
            "orders": ["TestCases": ["HappyPath": ["Charge": "ChargeOK"], "Declined": ["Charge": "ChargeDeclined", "Again": "ChargeDeclined"]]]
        ],
        "MockedResponses": [
            "ChargeOK": ["0": ["Return": ["charged": true]]],
            "ChargeDeclined": ["0": ["Throw": ["Error": "Payment.Declined", "Cause": "card declined"]], "1": ["Return": "unused"]],
        ],
    ]
    static let machine = #"{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"charge"},"Catch":[{"ErrorEquals":["Payment.Declined"],"Next":"Again"}],"End":true},"Again":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"charge"},"End":true}}}"#

    @Test("an execution started on ARN#TestCase is answered by that test case's mocked responses, counted per state")
    func testCaseAnswersMockedStates() async throws {
        let h = IntegrationHarness(mocks: try MockLibrary(document: Self.mocks))
        let arn = await h.createMachine("orders", Self.machine)
        let happy = await h.ok("StartExecution", ["stateMachineArn": .string(arn + "#HappyPath")])["executionArn"]?.stringValue ?? ""
        let declined = await h.ok("StartExecution", ["stateMachineArn": .string(arn + "#Declined")])["executionArn"]?.stringValue ?? ""
        let happyDone = await h.finish(happy)
        #expect(h.output(happyDone) == ["charged": true])
        // Each state counts its own invocations: Again's first answer is its entry "0".
        let declinedDone = await h.finish(declined)
        #expect(declinedDone["error"] == "Payment.Declined")
        #expect(declinedDone["cause"] == "card declined")
    }

    @Test("an execution started without a test case runs its Task states for real")
    func noTestCaseRunsForReal() async throws {
        let h = IntegrationHarness(mocks: try MockLibrary(document: Self.mocks))
        let arn = await h.createMachine("orders", Self.machine)
        let done = await h.finish(await h.start(arn))
        #expect(done["error"] == "States.TaskFailed")
    }

    @Test("a test case the mock configuration does not have is refused at StartExecution")
    func unknownTestCaseRefused() async throws {
        let h = IntegrationHarness(mocks: try MockLibrary(document: Self.mocks))
        let arn = await h.createMachine("orders", Self.machine)
        let (status, json) = await h.call("StartExecution", ["stateMachineArn": .string(arn + "#Nope")])
        #expect(status == 400)
        #expect(json["__type"] == "ValidationException")
        #expect(json["message"]?.stringValue?.contains("Nope") == true)
    }
}

@Suite("Child executions: names and bad parameters")
struct ChildExecutionParameterTests {
    @Test("a fixed Name that an ended execution already has fails the state with StepFunctions.ExecutionAlreadyExistsException")
    func reusedNameFails() async throws {
        let h = IntegrationHarness()
        let child = await h.createMachine("child", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        let parent = await h.createMachine(
            "parent",
            #"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":""#
                + child + #"","Name":"only-once","Input":{}},"End":true}}}"#)
        #expect(await h.finish(await h.start(parent))["status"] == "SUCCEEDED")
        let second = await h.finish(await h.start(parent))
        #expect(second["error"] == "StepFunctions.ExecutionAlreadyExistsException")
    }

    @Test("an unknown parameter fails the state with States.Runtime naming the field")
    func unknownParameterFails() async throws {
        let h = IntegrationHarness()
        let parent = await h.createMachine(
            "parent",
            #"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:x","Inputs":{}},"End":true}}}"#)
        let done = await h.finish(await h.start(parent))
        #expect(done["error"] == "States.Runtime")
        #expect(done["cause"]?.stringValue?.contains("\"Inputs\"") == true)
    }
}
