import DynamoDBTables
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseIntegrations
import Testing

@Suite struct DynamoDBTaskRunnerTests {
    func makeRunner() async throws -> DynamoDBTaskRunner {
        let service = DynamoDBService(storage: InMemoryTableStorage(), clock: { 1_700_000_000 })
        _ = try await service.handle(action: "CreateTable", input: [
            "TableName": "Locks", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
            "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
        ])
        return DynamoDBTaskRunner(service: service, requestId: { "REQ1" })
    }

    func request(_ arn: String, _ parameters: JSONValue) -> TaskRequest {
        TaskRequest(taskId: 1, stateName: "Lock", resource: TaskResource(arn: arn), parameters: parameters)
    }

    let context = TaskRunContext(executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e", stateMachineName: "m")
    let put: JSONValue = [
        "TableName": "Locks", "Item": ["id": ["S": "job"]], "ConditionExpression": "attribute_not_exists(id)",
    ]

    @Test func servesTheOptimizedItemActionsAndEveryAwsSdkActionAndRefusesPatternsOtherThanRequestResponse() async throws {
        let runner = try await makeRunner()
        #expect(runner.serves(TaskResource(arn: "arn:aws:states:::dynamodb:putItem")))
        #expect(!runner.serves(TaskResource(arn: "arn:aws:states:::dynamodb:query")))
        #expect(runner.serves(TaskResource(arn: "arn:aws:states:::aws-sdk:dynamodb:query")))
        #expect(runner.serves(TaskResource(arn: "arn:aws:states:::aws-sdk:dynamodb:createTable")))
        #expect(!runner.serves(TaskResource(arn: "arn:aws:states:::aws-sdk:s3:getObject")))
        let sync = "arn:aws:states:::dynamodb:putItem.sync"
        #expect(runner.serves(TaskResource(arn: sync)))
        let outcome = await runner.run(request(sync, ["TableName": "Locks"]), context: context)
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "States.Runtime")
        #expect(cause?.contains("request-response only") == true)
    }

    @Test func optimizedPutItemAnswersWithSdkMetadataAndASecondConditionalPutFailsAsDynamoDB() async throws {
        let runner = try await makeRunner()
        let first = await runner.run(request("arn:aws:states:::dynamodb:putItem", put), context: context)
        guard case .succeeded(let output) = first else {
            Issue.record("expected success, got \(first)")
            return
        }
        #expect(output["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
        #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Type"] == "application/x-amz-json-1.0")
        #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["Date"] == "Tue, 14 Nov 2023 22:13:20 GMT")
        #expect(output["SdkResponseMetadata"] == ["RequestId": "REQ1"])
        let second = await runner.run(request("arn:aws:states:::dynamodb:putItem", put), context: context)
        #expect(second == .failed(
            error: "DynamoDB.ConditionalCheckFailedException",
            cause: "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: REQ1; Proxy: null)"))
    }

    @Test func awsSdkCallsAnswerThePlainResponseAndFailWithTheDynamoDbPrefix() async throws {
        let runner = try await makeRunner()
        _ = await runner.run(request("arn:aws:states:::aws-sdk:dynamodb:putItem", put), context: context)
        let got = await runner.run(
            request("arn:aws:states:::aws-sdk:dynamodb:getItem", ["TableName": "Locks", "Key": ["id": ["S": "job"]]]), context: context)
        #expect(got == .succeeded(["Item": ["id": ["S": "job"]]]))
        let failed = await runner.run(request("arn:aws:states:::aws-sdk:dynamodb:putItem", put), context: context)
        #expect(failed == .failed(
            error: "DynamoDb.ConditionalCheckFailedException",
            cause: "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: REQ1)"))
        let missing = await runner.run(
            request("arn:aws:states:::aws-sdk:dynamodb:describeTable", ["TableName": "Nope"]), context: context)
        guard case .failed(let error, _) = missing else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == "DynamoDb.ResourceNotFoundException")
    }

    @Test func configuredTablesAreCreatedOnceAndBadEntriesPointAtThemselves() async throws {
        let configuration = try IntegrationConfiguration(json: [
            "DynamoDB": ["Tables": [[
                "TableName": "Jobs", "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
                "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
            ]]]
        ])
        let definitions = try DynamoDBTablesConfiguration.tables(in: configuration, creationDateTime: 0)
        let storage = InMemoryTableStorage()
        #expect(try await DynamoDBTablesConfiguration.createMissingTables(definitions, in: storage) == ["Jobs"])
        #expect(try await DynamoDBTablesConfiguration.createMissingTables(definitions, in: storage) == [])
        let bad = try IntegrationConfiguration(json: [
            "DynamoDB": ["Tables": [["TableName": "Jobs", "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]], "AttributeDefinitions": []]]]
        ])
        #expect(throws: IntegrationConfigurationError(
            pointer: "/DynamoDB/Tables/0",
            message: "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: []")) {
            try DynamoDBTablesConfiguration.tables(in: bad, creationDateTime: 0)
        }
    }
}
