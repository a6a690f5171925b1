import JSONValue
import StepwiseAPI
import Testing

/// The dispatcher and a backend together: what a client sees across several calls.
@Suite("Backend flow")
struct BackendFlowTests {
    @Test("create, describe, start, describe execution, list, stop, delete")
    func stateMachineLifecycle() async {
        let client = Client()
        var (status, json) = await client.call(
            "CreateStateMachine", ["name": "HelloWorld", "definition": .string(definition), "roleArn": .string(role)])
        #expect(status == 200)
        #expect(json["stateMachineArn"] == .string(smArn))
        #expect(json["creationDate"] == 1_700_000_000.25)

        (status, json) = await client.call("DescribeStateMachine", ["stateMachineArn": .string(smArn)])
        #expect(json["definition"] == .string(definition))
        #expect(json["type"] == "STANDARD")

        (status, json) = await client.call("StartExecution", ["stateMachineArn": .string(smArn), "name": "run1", "input": "{\"x\":1}"])
        #expect(status == 200)
        #expect(json["executionArn"] == .string(execArn))

        let again = await client.error("StartExecution", ["stateMachineArn": .string(smArn), "name": "run1", "input": "{\"x\":2}"])
        #expect(again.code == "ExecutionAlreadyExists")
        #expect(again.message == "Execution Already Exists: '\(execArn)'")

        (status, json) = await client.call("DescribeExecution", ["executionArn": .string(execArn)])
        #expect(json["status"] == "RUNNING")
        #expect(json["input"] == "{\"x\":1}")
        #expect(json["inputDetails"] == ["included": true])

        (status, json) = await client.call("ListExecutions", ["stateMachineArn": .string(smArn), "statusFilter": "RUNNING"])
        #expect(json["executions"]?.arrayValue?.count == 1)

        (status, json) = await client.call("StopExecution", ["executionArn": .string(execArn)])
        #expect(status == 200)
        #expect(json["stopDate"] != nil)

        (status, json) = await client.call("DescribeStateMachineForExecution", ["executionArn": .string(execArn)])
        #expect(json["name"] == "HelloWorld")

        (status, _) = await client.call("DeleteStateMachine", ["stateMachineArn": .string(smArn)])
        #expect(status == 200)
        let gone = await client.error("DescribeStateMachine", ["stateMachineArn": .string(smArn)])
        #expect(gone.code == "StateMachineDoesNotExist")
        #expect(gone.message == "State Machine Does Not Exist: '\(smArn)'")
    }

    @Test("a refused definition is InvalidDefinition and stores nothing")
    func invalidDefinition() async {
        let backend = FakeBackend()
        let client = Client(backend: backend)
        let e = await client.error("CreateStateMachine", ["name": "Bad", "definition": "{\"StartAt\":\"A\"}", "roleArn": .string(role)])
        #expect(e.code == "InvalidDefinition")
        #expect(await backend.machines.isEmpty)
    }

    @Test("StartSyncExecution on a STANDARD machine is StateMachineTypeNotSupported; on EXPRESS it answers in full")
    func syncExecution() async {
        let client = Client()
        _ = await client.call("CreateStateMachine", ["name": "Std", "definition": .string(definition), "roleArn": .string(role)])
        _ = await client.call(
            "CreateStateMachine", ["name": "Exp", "definition": .string(definition), "roleArn": .string(role), "type": "EXPRESS"])
        let e = await client.error("StartSyncExecution", ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Std"])
        #expect(e.code == "StateMachineTypeNotSupported")
        let (status, json) = await client.call(
            "StartSyncExecution", ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Exp", "input": "[1]"])
        #expect(status == 200)
        #expect(json["status"] == "SUCCEEDED")
        #expect(json["output"] == "[1]")
        #expect(json["executionArn"]?.stringValue?.contains(":express:Exp:") == true)
    }

    @Test("an activity worker polls, gets a task, answers once; a second answer is TaskTimedOut")
    func activityWorker() async {
        let backend = FakeBackend()
        let client = Client(backend: backend)
        var (status, json) = await client.call("CreateActivity", ["name": "worker"])
        #expect(json["activityArn"] == .string(activityArn))
        (status, json) = await client.call("GetActivityTask", ["activityArn": .string(activityArn), "workerName": "w1"])
        #expect(status == 200)
        #expect(json == [:], "no task yet: an empty answer, not an error")
        await backend.queueTask(activityArn: activityArn, token: "tok-1", input: "{\"n\":1}")
        (status, json) = await client.call("GetActivityTask", ["activityArn": .string(activityArn)])
        #expect(json == ["taskToken": "tok-1", "input": "{\"n\":1}"])
        (status, _) = await client.call("SendTaskHeartbeat", ["taskToken": "tok-1"])
        #expect(status == 200)
        (status, json) = await client.call("SendTaskSuccess", ["taskToken": "tok-1", "output": "{\"done\":true}"])
        #expect(status == 200)
        #expect(json == [:])
        let late = await client.error("SendTaskFailure", ["taskToken": "tok-1", "error": "E"])
        #expect(late.code == "TaskTimedOut")
        let missing = await client.error("DescribeActivity", ["activityArn": "arn:aws:states:us-east-1:123456789012:activity:nope"])
        #expect(missing.code == "ActivityDoesNotExist")
    }

    @Test("tags are added, listed and removed on state machines and activities")
    func tagging() async {
        let client = Client()
        _ = await client.call(
            "CreateStateMachine",
            ["name": "HelloWorld", "definition": .string(definition), "roleArn": .string(role), "tags": [["key": "a", "value": "1"]]])
        var (status, json) = await client.call("TagResource", ["resourceArn": .string(smArn), "tags": [["key": "b", "value": "2"]]])
        #expect(status == 200)
        (status, json) = await client.call("ListTagsForResource", ["resourceArn": .string(smArn)])
        #expect(json == ["tags": [["key": "a", "value": "1"], ["key": "b", "value": "2"]]])
        (status, json) = await client.call("UntagResource", ["resourceArn": .string(smArn), "tagKeys": ["a"]])
        (status, json) = await client.call("ListTagsForResource", ["resourceArn": .string(smArn)])
        #expect(json == ["tags": [["key": "b", "value": "2"]]])
        let many: JSONValue = .array((0..<51).map { ["key": .string("k\($0)"), "value": "v"] })
        let e = await client.error("TagResource", ["resourceArn": .string(smArn), "tags": many])
        #expect(e.code == "TooManyTags")
        let none = await client.error("ListTagsForResource", ["resourceArn": .string(activityArn)])
        #expect(none.code == "ResourceNotFound")
    }

    @Test("ValidateStateMachineDefinition is served without the backend implementing it")
    func validateDefault() async {
        let (status, json) = await Client().call("ValidateStateMachineDefinition", ["definition": "{}"])
        #expect(status == 200)
        #expect(json["result"] == "FAIL")
        #expect(json["diagnostics"]?[0]?["message"] == "These fields are required: [States, StartAt]")
    }
}
