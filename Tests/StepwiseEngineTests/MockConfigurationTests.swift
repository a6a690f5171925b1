import JSONValue
import StatesLanguage
import StepwiseEngine
import Testing

@Suite("Mocked task responses")
struct MockConfigurationTests {
    func responses(_ json: String, machine: String? = nil, testCase: String? = nil) throws -> [String: MockedResponse] {
        try MockConfiguration.responses(from: JSONValue(parsing: json), stateMachine: machine, testCase: testCase)
    }

    func error(_ json: String, machine: String? = nil, testCase: String? = nil) throws -> MockConfigurationError? {
        let document = try JSONValue(parsing: json)
        do {
            _ = try MockConfiguration.responses(from: document, stateMachine: machine, testCase: testCase)
            return nil
        } catch {
            return error
        }
    }

    static let awsForm = """
        {"StateMachines": {"Orders": {"TestCases": {"HappyPath": {"Charge": "ChargeOnce", "Ship": "ShipFlaky"}}}},
         "MockedResponses": {
           "ChargeOnce": {"0": {"Return": {"charged": true}}},
           "ShipFlaky": {"0": {"Throw": {"Error": "Ship.Busy", "Cause": "busy"}},
                         "1-2": {"Return": {"shipped": 1}},
                         "3": {"Throw": {"Error": "Ship.Gone"}}}}}
        """

    @Test("AWS form: invocation keys \"0\" and \"1-2\" select responses, and the last one repeats")
    func awsFormRanges() throws {
        let r = try responses(Self.awsForm)
        let ship = try #require(r["Ship"])
        #expect(ship.outcome(forInvocation: 0) == .failed(error: "Ship.Busy", cause: "busy"))
        #expect(ship.outcome(forInvocation: 1) == .succeeded(["shipped": 1]))
        #expect(ship.outcome(forInvocation: 2) == .succeeded(["shipped": 1]))
        #expect(ship.outcome(forInvocation: 3) == .failed(error: "Ship.Gone", cause: nil))
        #expect(ship.outcome(forInvocation: 50) == .failed(error: "Ship.Gone", cause: nil))
        #expect(r["Charge"]?.outcome(forInvocation: 7) == .succeeded(["charged": true]))
        #expect(try responses(Self.awsForm, machine: "Orders", testCase: "HappyPath") == r)
    }

    @Test("short form: one response for every invocation, or a list answered in order with the last repeating")
    func shortForm() throws {
        let r = try responses(#"{"A": {"Return": 1}, "B": [{"Throw": {"Error": "E", "Cause": "C"}}, {"Return": "ok"}]}"#)
        #expect(r["A"]?.outcome(forInvocation: 0) == .succeeded(1))
        #expect(r["A"]?.outcome(forInvocation: 5) == .succeeded(1))
        #expect(r["B"]?.outcome(forInvocation: 0) == .failed(error: "E", cause: "C"))
        #expect(r["B"]?.outcome(forInvocation: 1) == .succeeded("ok"))
        #expect(r["B"]?.outcome(forInvocation: 2) == .succeeded("ok"))
    }

    @Test("MockTaskRunner answers each task by its invocation number and unknown states with States.TaskFailed")
    func runnerCountsInvocations() async throws {
        let runner = MockTaskRunner(responses: try responses(Self.awsForm))
        let context = TaskRunContext(executionArn: "arn", stateMachineName: "Orders")
        // TaskRequest has no public initializer: take the one an interpreter asks for.
        func request(_ state: String, invocation: Int = 0) -> TaskRequest {
            let definition = #"{"StartAt": "\#(state)", "States": {"\#(state)": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#
            let machine = try! StateMachineParser().parse(JSONValue(parsing: definition))
            let identity = ExecutionIdentity(stateMachineName: "Orders", executionName: "e", input: [:], startTime: Timestamp(nanoseconds: 0))
            let commands = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: 1)).start()
            for case .runTask(var r) in commands {
                r.invocation = invocation
                return r
            }
            fatalError("no task")
        }
        var outcomes: [TaskOutcome] = []
        for n in 0..<5 { outcomes.append(await runner.run(request("Ship", invocation: n), context: context)) }
        #expect(outcomes == [
            .failed(error: "Ship.Busy", cause: "busy"), .succeeded(["shipped": 1]), .succeeded(["shipped": 1]),
            .failed(error: "Ship.Gone", cause: nil), .failed(error: "Ship.Gone", cause: nil),
        ])
        #expect(await runner.run(request("Charge"), context: context) == .succeeded(["charged": true]))
        guard case .failed(let error, let cause) = await runner.run(request("Unknown"), context: context) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == "States.TaskFailed")
        #expect(cause?.contains("Unknown") == true)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var json: String
        var pointer: String
        var message: String
        var machine: String? = nil
        var testCase: String? = nil
        var testDescription: String { pointer + " " + message }
    }

    @Test("bad mock files give the JSON pointer of the fault", arguments: [
        BadFile(json: "[1]", pointer: "", message: "JSON object"),
        BadFile(json: #"{"A": 1}"#, pointer: "/A", message: "'Return' or 'Throw'"),
        BadFile(json: #"{"A": {"Result": 1}}"#, pointer: "/A", message: "needs 'Return' or 'Throw'"),
        BadFile(json: #"{"A": []}"#, pointer: "/A", message: "empty"),
        BadFile(json: #"{"A": [{"Return": 1}, {"Throw": "boom"}]}"#, pointer: "/A/1/Throw", message: "'Throw' must be an object"),
        BadFile(json: #"{"StateMachines": {}}"#, pointer: "/StateMachines", message: "non-empty"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {}}}}}"#, pointer: "/StateMachines", message: "No state machine named 'X'", machine: "X"),
        BadFile(json: #"{"StateMachines": {"M": {}}}"#, pointer: "/StateMachines/M/TestCases", message: "non-empty"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {}, "U": {}}}}}"#, pointer: "/StateMachines/M/TestCases", message: "Several test cases"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": "Nope"}}}}, "MockedResponses": {}}"#,
                pointer: "/StateMachines/M/TestCases/T/S", message: "'Nope' is not defined"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": 3}}}}}"#, pointer: "/StateMachines/M/TestCases/T/S", message: "name of a mocked response"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {"R": {"2-1": {"Return": 1}}}}"#,
                pointer: "/MockedResponses/R/2-1", message: "invocation number or range"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {"R": {"first": {"Return": 1}}}}"#,
                pointer: "/MockedResponses/R/first", message: "invocation number or range"),
        BadFile(json: #"{"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {"R": {"0": {"Throw": []}}}}"#,
                pointer: "/MockedResponses/R/0/Throw", message: "'Throw' must be an object"),
    ])
    func badFiles(bad: BadFile) throws {
        let e = try #require(try error(bad.json, machine: bad.machine, testCase: bad.testCase))
        #expect(e.pointer == bad.pointer)
        #expect(e.message.contains(bad.message), "\(e.message)")
        #expect(e.description.contains(bad.pointer.isEmpty ? "/" : bad.pointer))
    }

    @Test("JSON pointers escape '/' and '~' in state names as ~1 and ~0 (RFC 6901)")
    func pointerEscaping() throws {
        // bug: the pointer is built by plain concatenation, so a state named "a/b" gives "/a/b".
        let e = try #require(try error(#"{"a/b~c": 1}"#))
        #expect(e.pointer == "/a~1b~0c")
    }
}
