import JSONValue
import StepwiseAPI
import Testing

@Suite("Errors and dispatch")
struct ErrorAndDispatchTests {
    @Test("an APIError prints as {\"__type\", \"message\"} with status 400; internal failures are 500")
    func errorEncoding() {
        let error = APIError.invalidArn("Invalid ARN prefix: x")
        #expect(error.json.serialized() == #"{"__type":"InvalidArn","message":"Invalid Arn: 'Invalid ARN prefix: x'"}"#)
        let response = APIResponse(error: error)
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self) == error.json.serialized())
        #expect(APIError.internalFailure("boom").status == 500)
        #expect(APIError(.conflictException, "c").status == 409)
        #expect(APIResponse.contentType == "application/x-amz-json-1.0")
    }

    @Test("AWS's wording for the errors backends raise")
    func wording() {
        #expect(APIError.stateMachineDoesNotExist(smArn).message == "State Machine Does Not Exist: '\(smArn)'")
        #expect(APIError.executionDoesNotExist(execArn).message == "Execution Does Not Exist: '\(execArn)'")
        #expect(APIError.executionAlreadyExists(execArn).message == "Execution Already Exists: '\(execArn)'")
        #expect(APIError.activityDoesNotExist(activityArn).message == "Activity Does Not Exist: '\(activityArn)'")
        #expect(APIError.invalidName("a b").message == "Invalid Name: 'a b'")
        #expect(APIError.taskTimedOut().code == .taskTimedOut)
    }

    @Test("an unknown, foreign or missing X-Amz-Target is UnknownOperationException")
    func unknownTarget() async {
        let client = Client()
        for target in ["AWSStepFunctions.Nope", "DynamoDB_20120810.ListTables", "CreateStateMachine", "AWSStepFunctions."] {
            let (status, json) = await client.raw(target, Array("{}".utf8))
            #expect(status == 400)
            #expect(json["__type"] == "UnknownOperationException")
        }
        let (status, json) = await client.raw(nil, Array("{}".utf8))
        #expect(status == 400)
        #expect(json["__type"] == "UnknownOperationException")
    }

    @Test("every action of the brief is dispatched")
    func allActions() throws {
        #expect(Action.allCases.count == 24)
        for action in Action.allCases {
            #expect(try Action(target: action.target) == action)
        }
    }

    @Test("malformed JSON and non-object bodies are SerializationException")
    func malformedJSON() async {
        let client = Client()
        for body in ["{", #"{"stateMachineArn": }"#, "[1]", "\"text\"", "nul"] {
            let (status, json) = await client.raw("AWSStepFunctions.DescribeStateMachine", Array(body.utf8))
            #expect(status == 400, "\(body)")
            #expect(json["__type"] == "SerializationException", "\(body)")
        }
    }

    @Test("an empty body reads as {} (then fails on the required member)")
    func emptyBody() async {
        let (_, json) = await Client().raw("AWSStepFunctions.DescribeStateMachine", [])
        #expect(json["__type"] == "ValidationException")
    }

    @Test("a missing required member is ValidationException with botocore's wording")
    func missingMember() async {
        let e = await Client().error("DescribeStateMachine", [:])
        #expect(e.status == 400)
        #expect(e.code == "ValidationException")
        #expect(e.message == "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null")
    }

    @Test("several violations are counted and joined by '; ', null counting as missing")
    func severalViolations() async {
        let e = await Client().error("CreateStateMachine", ["name": .null, "definition": "x", "roleArn": nil])
        #expect(e.code == "ValidationException")
        #expect(
            e.message == "2 validation errors detected: "
                + "Value null at 'name' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
    }

    @Test("a member of the wrong JSON type is SerializationException, as AWS's deserializer answers")
    func wrongType() async {
        let client = Client()
        var e = await client.error("DescribeStateMachine", ["stateMachineArn": 5])
        #expect(e.code == "SerializationException")
        #expect(e.message == "NUMBER_VALUE can not be converted to a String")
        e = await client.error("ListStateMachines", ["maxResults": "10"])
        #expect(e.code == "SerializationException")
        #expect(e.message == "STRING_VALUE can not be converted to an Integer")
        e = await client.error("ListStateMachines", ["maxResults": 1.5])
        #expect(e.code == "SerializationException")
        e = await client.error("CreateStateMachine", ["name": "n", "definition": .string(definition), "roleArn": .string(role), "tags": ["a"]])
        #expect(e.code == "SerializationException")
    }

    @Test("unknown members are ignored")
    func unknownMembers() async {
        let (status, json) = await Client().call("ListStateMachines", ["somethingNew": true, "maxResults": 10])
        #expect(status == 200)
        #expect(json == ["stateMachines": []])
    }

    @Test("a name with a forbidden character is InvalidName; one over 80 characters is ValidationException")
    func badName() async {
        let client = Client()
        var e = await client.error("CreateStateMachine", ["name": "a b", "definition": .string(definition), "roleArn": .string(role)])
        #expect(e.code == "InvalidName")
        #expect(e.message == "Invalid Name: 'a b'")
        let long = String(repeating: "a", count: 81)
        e = await client.error("CreateStateMachine", ["name": .string(long), "definition": .string(definition), "roleArn": .string(role)])
        #expect(e.code == "ValidationException")
        #expect(
            e.message
                == "1 validation error detected: Value '\(long)' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")
        e = await client.error("StartExecution", ["stateMachineArn": .string(smArn), "name": "x/y"])
        #expect(e.code == "InvalidName")
        e = await client.error("CreateActivity", ["name": ""])
        #expect(e.message == "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1")
    }

    @Test("each character AWS forbids in names is refused, others pass", arguments: [
        " ", "\t", "\n", "<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/",
        "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{2003}",
    ])
    func forbiddenCharacters(_ c: String) {
        #expect(!ResourceName.isValid("ab" + c + "cd"))
    }

    @Test("names with letters, digits, '-', '_', '.', and non-ASCII letters are valid")
    func validNames() {
        for name in ["a", "My-Machine_1.0", "conf_0123456789abcdef", "é日本", String(repeating: "x", count: 80)] {
            #expect(ResourceName.isValid(name), "\(name)")
        }
        #expect(!ResourceName.isValid(""))
        #expect(!ResourceName.isValid(String(repeating: "x", count: 81)))
    }

    @Test("a malformed ARN is InvalidArn with AWS's wording; model length comes first")
    func badArn() async {
        let client = Client()
        var e = await client.error("DescribeStateMachine", ["stateMachineArn": "not-an-arn"])
        #expect(e.code == "InvalidArn")
        #expect(e.message == "Invalid Arn: 'Invalid ARN prefix: not-an-arn'")
        e = await client.error("DescribeExecution", ["executionArn": .string(smArn)])
        #expect(e.message == "Invalid Arn: 'Resource type not valid in this context: stateMachine'")
        e = await client.error("StartExecution", ["stateMachineArn": .string(execArn)])
        #expect(e.message == "Invalid Arn: 'Resource type not valid in this context: execution'")
        e = await client.error("DescribeStateMachine", ["stateMachineArn": ""])
        #expect(e.code == "ValidationException")
        e = await client.error("TagResource", ["resourceArn": .string(execArn), "tags": []])
        #expect(e.code == "InvalidArn")
        e = await client.error("CreateStateMachine", ["name": "n", "definition": .string(definition), "roleArn": "role"])
        #expect(e.message == "Invalid Arn: 'Invalid ARN prefix: role'")
    }

    @Test("maxResults outside 0...1000 is ValidationException with the bound")
    func maxResultsRange() async {
        let client = Client()
        var e = await client.error("ListStateMachines", ["maxResults": 1001])
        #expect(
            e.message
                == "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")
        e = await client.error("ListActivities", ["maxResults": -1])
        #expect(
            e.message
                == "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0")
        e = await client.error("ValidateStateMachineDefinition", ["definition": .string(definition), "maxResults": 101])
        #expect(e.code == "ValidationException")
        let (status, _) = await client.call("ListStateMachines", ["maxResults": 0])
        #expect(status == 200)
    }

    @Test("an enum member outside its values lists the allowed ones")
    func enumViolation() async {
        let e = await Client().error("CreateStateMachine", ["name": "n", "definition": .string(definition), "roleArn": .string(role), "type": "BATCH"])
        #expect(
            e.message
                == "1 validation error detected: Value 'BATCH' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]")
    }

    @Test("payloads over 256 KiB are refused without echoing them; non-JSON input is InvalidExecutionInput")
    func payloads() async {
        let client = Client()
        let big = "\"" + String(repeating: "a", count: 262_144) + "\""
        var e = await client.error("StartExecution", ["stateMachineArn": .string(smArn), "input": .string(big)])
        #expect(
            e.message
                == "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding")
        e = await client.error("StartExecution", ["stateMachineArn": .string(smArn), "input": "not json"])
        #expect(e.code == "InvalidExecutionInput")
        #expect(e.message?.hasPrefix("Invalid State Machine Execution Input: 'Unrecognized token 'not'") == true)
        e = await client.error("SendTaskSuccess", ["taskToken": "t", "output": "{"])
        #expect(e.code == "InvalidOutput")
        e = await client.error("SendTaskSuccess", ["taskToken": "t"])
        #expect(e.message == "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null")
        e = await client.error("StopExecution", ["executionArn": .string(execArn), "error": .string(String(repeating: "e", count: 257))])
        #expect(
            e.message
                == "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256")
    }

    @Test("nested and list members are named as AWS names them")
    func nestedPaths() async {
        let e = await Client().error(
            "TagResource", ["resourceArn": .string(smArn), "tags": [["key": "ok", "value": "v"], ["key": "", "value": "v"]]])
        #expect(
            e.message
                == "1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1")
        let l = await Client().error(
            "CreateStateMachine",
            ["name": "n", "definition": .string(definition), "roleArn": .string(role), "loggingConfiguration": ["level": "LOUD"]])
        #expect(l.message?.contains("at 'loggingConfiguration.level'") == true)
    }

    @Test("ListExecutions needs exactly one of stateMachineArn and mapRunArn")
    func listExecutionsArguments() async {
        let client = Client()
        var e = await client.error("ListExecutions", [:])
        #expect(e.code == "ValidationException")
        e = await client.error(
            "ListExecutions",
            ["stateMachineArn": .string(smArn), "mapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:HelloWorld/Map:1"])
        #expect(e.code == "ValidationException")
        e = await client.error("ListExecutions", ["stateMachineArn": .string(smArn), "statusFilter": "DONE"])
        #expect(e.message?.contains("[RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]") == true)
    }

    @Test("UpdateStateMachine with nothing to change is MissingRequiredParameter; labelled ARNs are refused")
    func updateArguments() async {
        let client = Client()
        var e = await client.error("UpdateStateMachine", ["stateMachineArn": .string(smArn)])
        #expect(e.code == "MissingRequiredParameter")
        e = await client.error("StartExecution", ["stateMachineArn": .string(smArn + "/MapLabel")])
        #expect(e.code == "ValidationException")
    }
}
