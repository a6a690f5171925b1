import JSONValue
import StatesLanguage
import StepwiseAPI
import Testing

/// Requests read from (and print back to) the JSON AWS's API reference shows; responses print
/// exactly the members AWS sends. Timestamps are epoch seconds, written as AWS writes them.
@Suite("Shapes")
struct ShapeRoundTripTests {
    func roundTrip<T: RequestShape>(_ type: T.Type, _ text: String) throws -> T {
        let json = try JSONValue(parsing: text)
        let request = try T(json: json)
        #expect(request.json == json, "\(T.self)")
        return request
    }

    func expectJSON(_ shape: some ResponseShape, _ text: String) throws {
        #expect(shape.json == (try JSONValue(parsing: text)), "\(type(of: shape))")
    }

    // MARK: State machines

    @Test("CreateStateMachine request and response")
    func createStateMachine() throws {
        let r = try roundTrip(CreateStateMachineInput.self, #"""
            {"name":"HelloWorld","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
             "roleArn":"arn:aws:iam::123456789012:role/service-role/StatesExecutionRole-us-east-1","type":"EXPRESS",
             "loggingConfiguration":{"level":"ALL","includeExecutionData":true,
               "destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"arn:aws:logs:us-east-1:123456789012:log-group:sfn:*"}}]},
             "tags":[{"key":"team","value":"ops"}],"tracingConfiguration":{"enabled":true},"publish":true,"versionDescription":"v1",
             "encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}
            """#)
        #expect(r.type == .express)
        #expect(r.tags == [Tag(key: "team", value: "ops")])
        #expect(r.loggingConfiguration?.level == .all)
        try expectJSON(
            CreateStateMachineOutput(
                stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld", creationDate: 1_486_792_214.5),
            #"{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld","creationDate":1.4867922145E9}"#)
    }

    @Test("CreateStateMachine defaults: STANDARD, no tags, not published")
    func createDefaults() throws {
        let r = try CreateStateMachineInput(json: ["name": "n", "definition": .string(definition), "roleArn": .string(role)])
        #expect(r.type == .standard)
        #expect(r.tags.isEmpty)
        #expect(!r.publish)
    }

    @Test("DescribeStateMachine request and response")
    func describeStateMachine() throws {
        let r = try roundTrip(
            DescribeStateMachineInput.self, #"{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld"}"#)
        #expect(r.stateMachineArn.name == "HelloWorld")
        _ = try roundTrip(
            DescribeStateMachineInput.self,
            #"{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld:2","includedData":"METADATA_ONLY"}"#)
        try expectJSON(
            DescribeStateMachineOutput(
                stateMachineArn: smArn, name: "HelloWorld", definition: definition, roleArn: role, type: .standard,
                creationDate: 1_486_792_214.5),
            #"""
            {"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld","name":"HelloWorld","status":"ACTIVE",
             "definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
             "roleArn":"arn:aws:iam::123456789012:role/test","type":"STANDARD","creationDate":1.4867922145E9,
             "loggingConfiguration":{"level":"OFF","includeExecutionData":false},"tracingConfiguration":{"enabled":false}}
            """#)
    }

    @Test("UpdateStateMachine, DeleteStateMachine, ListStateMachines")
    func updateDeleteList() throws {
        _ = try roundTrip(UpdateStateMachineInput.self, #"{"stateMachineArn":"\#(smArn)","roleArn":"\#(role)","publish":true,"versionDescription":"v2"}"#)
        try expectJSON(
            UpdateStateMachineOutput(updateDate: 1_700_000_000, revisionId: "abc", stateMachineVersionArn: smArn + ":2"),
            #"{"updateDate":1700000000,"revisionId":"abc","stateMachineVersionArn":"\#(smArn):2"}"#)
        _ = try roundTrip(DeleteStateMachineInput.self, #"{"stateMachineArn":"\#(smArn)"}"#)
        try expectJSON(EmptyOutput(), "{}")
        _ = try roundTrip(ListStateMachinesInput.self, #"{"maxResults":10,"nextToken":"abc"}"#)
        _ = try roundTrip(ListStateMachinesInput.self, "{}")
        try expectJSON(
            ListStateMachinesOutput(stateMachines: [
                StateMachineListItem(stateMachineArn: smArn, name: "HelloWorld", type: .express, creationDate: 1_486_792_214.5)
            ]),
            #"{"stateMachines":[{"stateMachineArn":"\#(smArn)","name":"HelloWorld","type":"EXPRESS","creationDate":1.4867922145E9}]}"#)
    }

    @Test("DescribeStateMachineForExecution request and response")
    func describeForExecution() throws {
        _ = try roundTrip(DescribeStateMachineForExecutionInput.self, #"{"executionArn":"\#(execArn)"}"#)
        try expectJSON(
            DescribeStateMachineForExecutionOutput(
                stateMachineArn: smArn, name: "HelloWorld", definition: "{}", roleArn: role, updateDate: 1_486_792_214.5,
                loggingConfiguration: nil, tracingConfiguration: nil),
            #"{"stateMachineArn":"\#(smArn)","name":"HelloWorld","definition":"{}","roleArn":"\#(role)","updateDate":1.4867922145E9}"#)
    }

    // MARK: Executions

    @Test("StartExecution request and response; input parsed, {} when absent")
    func startExecution() throws {
        let r = try roundTrip(
            StartExecutionInput.self,
            #"{"stateMachineArn":"\#(smArn)","name":"run1","input":"{\"first_name\" : \"test\"}","traceHeader":"Root=1-abc"}"#)
        #expect(r.inputValue == ["first_name": "test"])
        #expect(r.input == #"{"first_name" : "test"}"#, "the text is kept as sent")
        #expect(try StartExecutionInput(json: ["stateMachineArn": .string(smArn)]).inputValue == [:])
        try expectJSON(
            StartExecutionOutput(executionArn: execArn, startDate: 1_486_768_956.875),
            #"{"executionArn":"\#(execArn)","startDate":1.486768956875E9}"#)
    }

    @Test("StartSyncExecution request and response with input/output details")
    func startSyncExecution() throws {
        _ = try roundTrip(StartSyncExecutionInput.self, #"{"stateMachineArn":"\#(smArn)","input":"{}","includedData":"ALL_DATA"}"#)
        let arn = "arn:aws:states:us-east-1:123456789012:express:HelloWorld:run1:8b0c"
        try expectJSON(
            StartSyncExecutionOutput(
                executionArn: arn, stateMachineArn: smArn, name: "run1", startDate: 1_700_000_000.5, stopDate: 1_700_000_001,
                status: .succeeded, input: "{}", output: "{\"a\":1}",
                billingDetails: BillingDetails(billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100)),
            #"""
            {"executionArn":"\#(arn)","stateMachineArn":"\#(smArn)","name":"run1","startDate":1.7000000005E9,"stopDate":1700000001,
             "status":"SUCCEEDED","input":"{}","inputDetails":{"included":true},"output":"{\"a\":1}","outputDetails":{"included":true},
             "billingDetails":{"billedMemoryUsedInMB":64,"billedDurationInMilliseconds":100}}
            """#)
        try expectJSON(
            StartSyncExecutionOutput(
                executionArn: arn, startDate: 1, stopDate: 2, status: .failed, error: "States.TaskFailed", cause: "boom"),
            #"{"executionArn":"\#(arn)","startDate":1,"stopDate":2,"status":"FAILED","error":"States.TaskFailed","cause":"boom"}"#)
    }

    @Test("StopExecution and DescribeExecution")
    func stopAndDescribe() throws {
        _ = try roundTrip(StopExecutionInput.self, #"{"executionArn":"\#(execArn)","error":"Err","cause":"why"}"#)
        try expectJSON(StopExecutionOutput(stopDate: 1_486_768_956.875), #"{"stopDate":1.486768956875E9}"#)
        _ = try roundTrip(DescribeExecutionInput.self, #"{"executionArn":"\#(execArn)"}"#)
        try expectJSON(
            DescribeExecutionOutput(
                executionArn: execArn, stateMachineArn: smArn, name: "run1", status: .succeeded, startDate: 1_486_768_956.875,
                stopDate: 1_486_768_957, input: "{}", output: "\"Hello\""),
            #"""
            {"executionArn":"\#(execArn)","stateMachineArn":"\#(smArn)","name":"run1","status":"SUCCEEDED",
             "startDate":1.486768956875E9,"stopDate":1486768957,"input":"{}","inputDetails":{"included":true},
             "output":"\"Hello\"","outputDetails":{"included":true}}
            """#)
    }

    @Test("ListExecutions request and response")
    func listExecutions() throws {
        let r = try roundTrip(ListExecutionsInput.self, #"{"stateMachineArn":"\#(smArn)","statusFilter":"RUNNING","maxResults":5}"#)
        #expect(r.statusFilter == .status(.running))
        let m = try roundTrip(
            ListExecutionsInput.self, #"{"mapRunArn":"arn:aws:states:us-east-1:123456789012:mapRun:HelloWorld/Map:1f2e","redriveFilter":"REDRIVEN"}"#)
        #expect(m.mapRunArn?.label == "Map")
        #expect(try ListExecutionsInput(json: ["stateMachineArn": .string(smArn), "statusFilter": "PENDING_REDRIVE"]).statusFilter == .pendingRedrive)
        try expectJSON(
            ListExecutionsOutput(
                executions: [
                    ExecutionListItem(
                        executionArn: execArn, stateMachineArn: smArn, name: "run1", status: .failed, startDate: 1_486_768_956.875,
                        stopDate: 1_486_768_957)
                ], nextToken: "next"),
            #"""
            {"executions":[{"executionArn":"\#(execArn)","stateMachineArn":"\#(smArn)","name":"run1","status":"FAILED",
              "startDate":1.486768956875E9,"stopDate":1486768957}],"nextToken":"next"}
            """#)
    }

    static let events = [
        HistoryEvent(
            id: 1, previousEventId: 0, timestamp: Timestamp(seconds: 1_486_768_956.5), type: .executionStarted,
            details: .executionStarted(input: ["a": 1], roleArn: role)),
        HistoryEvent(
            id: 2, previousEventId: 1, timestamp: Timestamp(seconds: 1_486_768_957), type: .passStateEntered,
            details: .stateEntered(name: "P", input: ["a": 1])),
        HistoryEvent(
            id: 3, previousEventId: 2, timestamp: Timestamp(seconds: 1_486_768_957), type: .executionSucceeded,
            details: .executionSucceeded(output: ["a": 1])),
    ]

    @Test("GetExecutionHistory request and response use the events' AWS shape")
    func history() throws {
        let r = try roundTrip(
            GetExecutionHistoryInput.self,
            #"{"executionArn":"\#(execArn)","maxResults":1000,"reverseOrder":true,"nextToken":"t","includeExecutionData":false}"#)
        #expect(r.reverseOrder)
        #expect(!r.includeExecutionData)
        try expectJSON(
            GetExecutionHistoryOutput(events: Array(Self.events.prefix(2))),
            #"""
            {"events":[
              {"timestamp":1.4867689565E9,"type":"ExecutionStarted","id":1,"previousEventId":0,
               "executionStartedEventDetails":{"input":"{\"a\":1}","inputDetails":{"truncated":false},"roleArn":"\#(role)"}},
              {"timestamp":1486768957,"type":"PassStateEntered","id":2,"previousEventId":1,
               "stateEnteredEventDetails":{"name":"P","input":"{\"a\":1}","inputDetails":{"truncated":false}}}]}
            """#)
    }

    @Test("includeExecutionData false drops payloads from every event, keeping the rest")
    func historyWithoutData() async throws {
        let backend = FakeBackend()
        let client = Client(backend: backend)
        _ = await client.call("CreateStateMachine", ["name": "HelloWorld", "definition": .string(definition), "roleArn": .string(role)])
        _ = await client.call("StartExecution", ["stateMachineArn": .string(smArn), "name": "run1"])
        await backend.setHistory(Self.events, for: execArn)
        let (status, json) = await client.call("GetExecutionHistory", ["executionArn": .string(execArn), "includeExecutionData": false])
        #expect(status == 200)
        let events = try #require(json["events"]?.arrayValue)
        #expect(events.count == 3)
        #expect(events[0]["executionStartedEventDetails"] == ["roleArn": .string(role)])
        #expect(events[1]["stateEnteredEventDetails"] == ["name": "P"])
        #expect(events[2]["executionSucceededEventDetails"] == [:])
        let (_, full) = await client.call("GetExecutionHistory", ["executionArn": .string(execArn), "maxResults": 2])
        #expect(full["events"]?[1]?["stateEnteredEventDetails"]?["input"] == "{\"a\":1}")
        #expect(full["nextToken"]?.stringValue != nil)
    }

    // MARK: Activities and tasks

    @Test("activity requests and responses")
    func activities() throws {
        let c = try roundTrip(CreateActivityInput.self, #"{"name":"worker","tags":[{"key":"k","value":""}]}"#)
        #expect(c.tags == [Tag(key: "k", value: "")])
        try expectJSON(CreateActivityOutput(activityArn: activityArn, creationDate: 1.5), #"{"activityArn":"\#(activityArn)","creationDate":1.5}"#)
        _ = try roundTrip(DeleteActivityInput.self, #"{"activityArn":"\#(activityArn)"}"#)
        _ = try roundTrip(DescribeActivityInput.self, #"{"activityArn":"\#(activityArn)"}"#)
        try expectJSON(
            DescribeActivityOutput(activityArn: activityArn, name: "worker", creationDate: 1.5),
            #"{"activityArn":"\#(activityArn)","name":"worker","creationDate":1.5}"#)
        _ = try roundTrip(ListActivitiesInput.self, #"{"maxResults":0}"#)
        try expectJSON(
            ListActivitiesOutput(activities: [ActivityListItem(activityArn: activityArn, name: "worker", creationDate: 1.5)], nextToken: "n"),
            #"{"activities":[{"activityArn":"\#(activityArn)","name":"worker","creationDate":1.5}],"nextToken":"n"}"#)
        _ = try roundTrip(GetActivityTaskInput.self, #"{"activityArn":"\#(activityArn)","workerName":"w-1"}"#)
        try expectJSON(GetActivityTaskOutput(taskToken: "AAAA", input: "{}"), #"{"taskToken":"AAAA","input":"{}"}"#)
        try expectJSON(GetActivityTaskOutput.noTask, "{}")
    }

    @Test("task token requests")
    func taskTokens() throws {
        let s = try roundTrip(SendTaskSuccessInput.self, #"{"taskToken":"AAAA","output":"{\"ok\": true}"}"#)
        #expect(s.outputValue == ["ok": true])
        _ = try roundTrip(SendTaskFailureInput.self, #"{"taskToken":"AAAA","error":"E","cause":"C"}"#)
        _ = try roundTrip(SendTaskFailureInput.self, #"{"taskToken":"AAAA"}"#)
        _ = try roundTrip(SendTaskHeartbeatInput.self, #"{"taskToken":"AAAA"}"#)
    }

    // MARK: Tags and validation

    @Test("tag requests and responses")
    func tags() throws {
        let t = try roundTrip(TagResourceInput.self, #"{"resourceArn":"\#(smArn)","tags":[{"key":"a","value":"1"}]}"#)
        #expect(t.resourceArn == .stateMachine(try StateMachineARN(parsing: smArn)))
        _ = try roundTrip(UntagResourceInput.self, #"{"resourceArn":"\#(activityArn)","tagKeys":["a","b"]}"#)
        _ = try roundTrip(ListTagsForResourceInput.self, #"{"resourceArn":"\#(smArn)"}"#)
        try expectJSON(ListTagsForResourceOutput(tags: [Tag(key: "a", value: "1")]), #"{"tags":[{"key":"a","value":"1"}]}"#)
        #expect(throws: APIError.self) { try TagResourceInput(json: ["resourceArn": .string(smArn)]) }
    }

    @Test("ValidateStateMachineDefinition request and response")
    func validate() throws {
        let r = try roundTrip(
            ValidateStateMachineDefinitionInput.self,
            #"{"definition":"{}","type":"EXPRESS","severity":"WARNING","maxResults":10}"#)
        #expect(r.type == .express)
        try expectJSON(
            ValidateStateMachineDefinitionOutput(
                result: .fail,
                diagnostics: [
                    Diagnostic(code: "SCHEMA_VALIDATION_FAILED", message: "These fields are required: [States, StartAt]", location: "/"),
                    Diagnostic(code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object", location: nil),
                ]),
            #"""
            {"result":"FAIL","diagnostics":[
              {"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"These fields are required: [States, StartAt]","location":"/"},
              {"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"Definition must be a valid JSON object"}],
             "truncated":false}
            """#)
    }
}
