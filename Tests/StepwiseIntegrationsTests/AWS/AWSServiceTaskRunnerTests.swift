import JSONValue
import NIOCore
import StatesLanguage
import StepwiseEngine
import Testing

@testable import StepwiseIntegrations

/// Calls through `AWSServiceTaskRunner` to moto's server standing in for AWS: every protocol,
/// the optimized integrations' mappings, and errors named as Step Functions names them.
@Suite(.enabled(if: MotoServer.isInstalled, "moto_server is not installed (pip install 'moto[server]')"))
struct AWSServiceTaskRunnerTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")

    /// A runner on a fresh moto server; both are closed afterwards, whatever `body` does.
    func withMoto(_ body: (AWSServiceTaskRunner) async throws -> Void) async throws {
        try await MotoServer.with { base in
            try await withRunner(AWSConfiguration(credentials: Self.credentials, defaultEndpoint: base), body)
        }
    }

    func run(_ runner: AWSServiceTaskRunner, _ resource: String, _ parameters: JSONValue) async -> TaskOutcome {
        let request = TaskRequest(taskId: 1, stateName: "Call", resource: TaskResource(arn: resource), parameters: parameters)
        return await runner.run(request, context: TaskRunContext(executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e", stateMachineName: "m"))
    }

    func output(_ outcome: TaskOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        guard case .succeeded(let output) = outcome else {
            Issue.record("Expected success, got \(outcome)", sourceLocation: sourceLocation)
            throw MotoServer.StartError(description: "call failed")
        }
        return output
    }

    @Test func sqsOptimizedSendMessageSerializesJSONBodyAndAddsSDKMetadata() async throws {
        try await withMoto { aws in
            let created = try output(await run(aws, "arn:aws:states:::aws-sdk:sqs:createQueue", ["QueueName": "orders"]))
            let queueUrl = try #require(created["QueueUrl"]?.stringValue)

            let sent = try output(
                await run(aws, "arn:aws:states:::sqs:sendMessage", ["QueueUrl": .string(queueUrl), "MessageBody": ["order": 42]]))
            #expect(sent["MessageId"]?.stringValue?.isEmpty == false)
            // MD5 of the serialized body, {"order":42}.
            #expect(sent["MD5OfMessageBody"] == "0d15cd31971ecd0d554a062cddbab844")
            #expect(sent["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
            #expect(sent["SdkHttpMetadata"]?["HttpHeaders"]?.objectValue?.isEmpty == false)
            #expect(sent["SdkResponseMetadata"]?["RequestId"]?.stringValue?.isEmpty == false)

            let received = try output(
                await run(aws, "arn:aws:states:::aws-sdk:sqs:receiveMessage", ["QueueUrl": .string(queueUrl), "MaxNumberOfMessages": 1]))
            #expect(received["Messages"]?[0]?["Body"] == #"{"order":42}"#)
            #expect(received["SdkHttpMetadata"] == nil)

            let missing = await run(aws, "arn:aws:states:::aws-sdk:sqs:getQueueUrl", ["QueueName": "nope"])
            guard case .failed(let error, let cause) = missing else { Issue.record("expected a failure"); return }
            #expect(error == "Sqs.QueueDoesNotExistException")
            #expect(cause?.hasPrefix("The specified queue does not exist. (Service: Sqs, Status Code: 400, Request ID: ") == true)
        }
    }

    @Test func snsQueryProtocolCreatesTopicPublishesAndNamesErrors() async throws {
        try await withMoto { aws in
            let topic = try output(
                await run(aws, "arn:aws:states:::aws-sdk:sns:createTopic", ["Name": "alerts", "Tags": [["Key": "team", "Value": "core"]]]))
            let arn = try #require(topic["TopicArn"]?.stringValue)
            #expect(arn.hasSuffix(":alerts"))

            let attributes = try output(await run(aws, "arn:aws:states:::aws-sdk:sns:getTopicAttributes", ["TopicArn": .string(arn)]))
            #expect(attributes["Attributes"]?["TopicArn"] == .string(arn))

            let published = try output(
                await run(
                    aws, "arn:aws:states:::sns:publish",
                    [
                        "TopicArn": .string(arn), "Message": ["hello": "world"],
                        "MessageAttributes": ["kind": ["DataType": "String", "StringValue": "greeting"]],
                    ]))
            #expect(published["MessageId"]?.stringValue?.isEmpty == false)
            #expect(published["SdkHttpMetadata"]?["HttpStatusCode"] == 200)

            let topics = try output(await run(aws, "arn:aws:states:::aws-sdk:sns:listTopics", [:]))
            #expect(topics["Topics"]?[0]?["TopicArn"] == .string(arn))

            let missing = "arn:aws:sns:us-east-1:123456789012:missing"
            let optimized = await run(aws, "arn:aws:states:::sns:publish", ["TopicArn": .string(missing), "Message": "x"])
            guard case .failed(let error, let cause) = optimized else { Issue.record("expected a failure"); return }
            #expect(error == "SNS.NotFoundException")
            #expect(cause?.contains("(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: ") == true)
            let sdk = await run(aws, "arn:aws:states:::aws-sdk:sns:publish", ["TopicArn": .string(missing), "Message": "x"])
            #expect(sdk.errorName == "Sns.NotFoundException")
        }
    }

    @Test func eventBridgePutEventsSerializesDetailAndReturnsEntriesOnly() async throws {
        try await withMoto { aws in
            let result = try output(
                await run(
                    aws, "arn:aws:states:::events:putEvents",
                    ["Entries": [["Source": "app.orders", "DetailType": "OrderPlaced", "Detail": ["id": 7]]]]))
            #expect(result["FailedEntryCount"] == 0)
            #expect(result["Entries"]?.arrayValue?.count == 1)
            #expect(result["Entries"]?[0]?["EventId"]?.stringValue?.isEmpty == false)
            #expect(result.objectValue?.keys.sorted() == ["Entries", "FailedEntryCount"])

            let sdk = try output(
                await run(
                    aws, "arn:aws:states:::aws-sdk:eventbridge:putEvents",
                    ["Entries": [["Source": "app", "DetailType": "T", "Detail": "{}"]]]))
            #expect(sdk["FailedEntryCount"] == 0)
        }
    }

    @Test func dynamoDBFailedConditionIsNamedPerIntegrationKind() async throws {
        try await withMoto { aws in
            _ = try output(
                await run(
                    aws, "arn:aws:states:::aws-sdk:dynamodb:createTable",
                    [
                        "TableName": "items", "BillingMode": "PAY_PER_REQUEST",
                        "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
                        "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
                    ]))
            let item: JSONValue = ["id": ["S": "1"], "name": ["S": "first"]]
            let put = try output(await run(aws, "arn:aws:states:::dynamodb:putItem", ["TableName": "items", "Item": item]))
            #expect(put["SdkHttpMetadata"]?["HttpStatusCode"] == 200)

            let got = try output(await run(aws, "arn:aws:states:::dynamodb:getItem", ["TableName": "items", "Key": ["id": ["S": "1"]]]))
            #expect(got["Item"] == item)

            let conditional: JSONValue = ["TableName": "items", "Item": item, "ConditionExpression": "attribute_not_exists(id)"]
            let optimized = await run(aws, "arn:aws:states:::dynamodb:putItem", conditional)
            guard case .failed(let error, let cause) = optimized else { Issue.record("expected a failure"); return }
            #expect(error == "DynamoDB.ConditionalCheckFailedException")
            #expect(
                cause?.hasPrefix(
                    "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: "
                ) == true)
            let sdk = await run(aws, "arn:aws:states:::aws-sdk:dynamodb:putItem", conditional)
            #expect(sdk.errorName == "DynamoDb.ConditionalCheckFailedException")
        }
    }

    @Test func stepFunctionsCamelCaseWireIsPascalCaseOnTheStateSide() async throws {
        try await withMoto { aws in
            let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
            let created = try output(
                await run(
                    aws, "arn:aws:states:::aws-sdk:sfn:createStateMachine",
                    ["Name": "child", "Definition": .string(definition), "RoleArn": "arn:aws:iam::123456789012:role/r"]))
            let arn = try #require(created["StateMachineArn"]?.stringValue)
            #expect(arn.hasSuffix(":stateMachine:child"))

            let listed = try output(await run(aws, "arn:aws:states:::aws-sdk:sfn:listStateMachines", [:]))
            #expect(listed["StateMachines"]?[0]?["Name"] == "child")
            #expect(listed["StateMachines"]?[0]?["StateMachineArn"] == .string(arn))

            let missing = await run(
                aws, "arn:aws:states:::aws-sdk:sfn:describeExecution",
                ["ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:child:nope"])
            #expect(missing.errorName == "Sfn.ExecutionDoesNotExistException")
        }
    }

    @Test func ecsCamelCaseMembersMapBothWays() async throws {
        try await withMoto { aws in
            let created = try output(
                await run(
                    aws, "arn:aws:states:::aws-sdk:ecs:createCluster",
                    ["ClusterName": "jobs", "Tags": [["Key": "team", "Value": "core"]]]))
            #expect(created["Cluster"]?["ClusterName"] == "jobs")
            #expect(created["Cluster"]?["Tags"] == [["Key": "team", "Value": "core"]])
            #expect(created["Cluster"]?["Status"] == "ACTIVE")

            let listed = try output(await run(aws, "arn:aws:states:::aws-sdk:ecs:listClusters", [:]))
            #expect(listed["ClusterArns"] == [.string(created["Cluster"]?["ClusterArn"]?.stringValue ?? "")])
        }
    }

    @Test func stsQueryProtocolAnswersGetCallerIdentity() async throws {
        try await withMoto { aws in
            let identity = try output(await run(aws, "arn:aws:states:::aws-sdk:sts:getCallerIdentity", [:]))
            #expect(identity["Account"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func unknownActionFailsWithTheServicesBaseException() async throws {
        try await withMoto { aws in
            let outcome = await run(aws, "arn:aws:states:::aws-sdk:sqs:frobnicateQueue", ["QueueName": "q"])
            guard case .failed(let error, let cause) = outcome else { Issue.record("expected a failure"); return }
            // moto answers an unknown JSON target with a bare HTTP 500 (AWS with UnknownOperationException,
            // which would read Sqs.UnknownOperationException): no code, so the SDK's base exception.
            #expect(error == "Sqs.SqsException")
            #expect(cause == "Service returned HTTP status code 500 (Service: Sqs, Status Code: 500, Request ID: null)")
        }
    }
}

/// Failures before any service answers: nothing listening, no credentials, a cancelled call.
@Suite struct AWSServiceTaskRunnerTransportTests {
    func run(_ runner: AWSServiceTaskRunner, _ resource: String) async -> TaskOutcome {
        let request = TaskRequest(taskId: 1, stateName: "Call", resource: TaskResource(arn: resource), parameters: ["QueueName": "q"])
        return await runner.run(request, context: TaskRunContext(executionArn: "e", stateMachineName: "m"))
    }

    @Test func unreachableEndpointIsTaskFailedNamingTheEndpoint() async throws {
        let port = try MotoServer.freePort()
        let endpoint = "http://127.0.0.1:\(port)"
        let configuration = AWSConfiguration(credentials: AWSCredentials(accessKeyId: "a", secretAccessKey: "b"), defaultEndpoint: endpoint)
        try await withRunner(configuration) { runner in
            let outcome = await run(runner, "arn:aws:states:::aws-sdk:sqs:createQueue")
            guard case .failed(let error, let cause) = outcome else { Issue.record("expected a failure"); return }
            #expect(error == "States.TaskFailed")
            #expect(cause?.contains("endpoint \(endpoint) could not be reached") == true)
        }
    }

    @Test func missingCredentialsIsTaskFailedSayingWhereToSetThem() async throws {
        try await withRunner(AWSConfiguration(credentials: nil, defaultEndpoint: "http://127.0.0.1:1")) { runner in
            let outcome = await run(runner, "arn:aws:states:::sqs:sendMessage")
            guard case .failed(let error, let cause) = outcome else { Issue.record("expected a failure"); return }
            #expect(error == "States.TaskFailed")
            #expect(cause?.contains("AWS_ACCESS_KEY_ID") == true)
        }
    }

    @Test func cancellingTheCallerEndsACallThatNeverGetsAnAnswer() async throws {
        let listener = try SilentListener()
        let configuration = AWSConfiguration(
            credentials: AWSCredentials(accessKeyId: "a", secretAccessKey: "b"), defaultEndpoint: "http://127.0.0.1:\(listener.port)")
        try await withRunner(configuration, requestTimeout: .hours(1)) { runner in
            let call = Task { await run(runner, "arn:aws:states:::aws-sdk:sqs:createQueue") }
            call.cancel()
            let outcome = await call.value
            #expect(outcome.errorName == "States.TaskFailed")
        }
        withExtendedLifetime(listener) {}
    }
}

/// Runs `body` with a runner on its own HTTP client, shut down afterwards whatever `body` does.
func withRunner(
    _ configuration: AWSConfiguration, requestTimeout: TimeAmount = .seconds(60), _ body: (AWSServiceTaskRunner) async throws -> Void
) async throws {
    let runner = AWSServiceTaskRunner(configuration: configuration, requestTimeout: requestTimeout)
    do {
        try await body(runner)
    } catch {
        try await runner.shutdown()
        throw error
    }
    try await runner.shutdown()
}

extension TaskOutcome {
    fileprivate var errorName: String? {
        if case .failed(let error, _) = self { return error }
        return nil
    }
}
