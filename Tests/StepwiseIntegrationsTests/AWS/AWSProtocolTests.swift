import JSONValue
import Testing

@testable import StepwiseIntegrations

/// The wire formats without a server: Query flattening, XML into JSON, JSON targets, error codes, recasing.
@Suite struct AWSProtocolTests {
    static let sns = AWSServiceCatalog.service(named: "sns")!
    static let ecs = AWSServiceCatalog.service(named: "ecs")!
    static let sqs = AWSServiceCatalog.service(named: "sqs")!

    @Test func queryFlattensListsMapsAndStructuresAsAWSDoes() {
        let parameters: JSONObject = [
            "Name": "t1",
            "Attributes": ["DisplayName": "My topic", "FifoTopic": false],
            "Tags": [["Key": "team", "Value": "core"], ["Key": "env", "Value": "dev"]],
            "MessageAttributes": ["color": ["DataType": "String", "StringValue": "red"]],
            "Empty": [],
            "Count": 3,
            "Skipped": nil,
        ]
        let pairs = AWSQuery.flattened(parameters, maps: Self.sns.maps).map { "\($0.0)=\($0.1)" }
        #expect(
            pairs == [
                "Name=t1",
                "Attributes.entry.1.key=DisplayName", "Attributes.entry.1.value=My topic",
                "Attributes.entry.2.key=FifoTopic", "Attributes.entry.2.value=false",
                "Tags.member.1.Key=team", "Tags.member.1.Value=core", "Tags.member.2.Key=env", "Tags.member.2.Value=dev",
                "MessageAttributes.entry.1.Name=color", "MessageAttributes.entry.1.Value.DataType=String",
                "MessageAttributes.entry.1.Value.StringValue=red",
                "Empty=",
                "Count=3",
            ])
    }

    @Test func queryBodyStartsWithActionAndVersionAndIsFormEncoded() {
        let body = AWSQuery.formBody(
            action: "Publish", version: "2010-03-31", parameters: ["Message": "a b&c=d/é"], maps: [:])
        #expect(body == "Action=Publish&Version=2010-03-31&Message=a%20b%26c%3Dd%2F%C3%A9")
    }

    @Test func xmlParserResolvesEntitiesCDATAAndSkipsDeclarationsAndAttributes() throws {
        let element = try XMLDocumentParser.parse(
            "<?xml version=\"1.0\"?>\n<!-- c --><A xmlns=\"urn:x\" b='1'><B>x &lt;&amp;&gt; &#65;&#x42;</B><C><![CDATA[<raw>]]></C><D/></A>")
        #expect(element.name == "A")
        #expect(element.child("B")?.text == "x <&> AB")
        #expect(element.child("C")?.text == "<raw>")
        #expect(element.child("D") == XMLElement(name: "D"))
    }

    @Test func xmlParserRejectsMismatchedTags() {
        #expect(throws: XMLParseError.self) { try XMLDocumentParser.parse("<A><B></A></B>") }
    }

    @Test func queryResultTurnsMembersIntoArraysAndEntriesIntoObjects() throws {
        let document = try XMLDocumentParser.parse(
            """
            <ListResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListResult>\
            <Topics><member><TopicArn>arn:1</TopicArn></member><member><TopicArn>arn:2</TopicArn></member></Topics>\
            <Attributes><entry><key>Owner</key><value>123</value></entry><entry><key>Empty</key><value/></entry></Attributes>\
            <NextToken>n</NextToken></ListResult>\
            <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListResponse>
            """)
        #expect(
            AWSQuery.result(of: document, action: "List")
                == [
                    "Topics": [["TopicArn": "arn:1"], ["TopicArn": "arn:2"]],
                    "Attributes": ["Owner": "123", "Empty": ""],
                    "NextToken": "n",
                ])
        #expect(AWSQuery.requestId(of: document) == "req-1")
    }

    @Test func queryErrorResponseGivesCodeMessageAndRequestId() {
        let body = "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r-9</RequestId></ErrorResponse>"
        let response = AWSHTTPResponse(status: 404, headers: [], body: Array(body.utf8))
        #expect(
            AWSWireCodec.decode(service: Self.sns, action: "Publish", response: response)
                == .failure(AWSServiceFailure(code: "NotFound", message: "Topic does not exist", status: 404, requestId: "r-9")))
    }

    @Test func jsonRequestCarriesTargetAndContentType() {
        let encoded = AWSWireCodec.encode(service: Self.sqs, action: "SendMessage", parameters: ["QueueUrl": "u"])
        #expect(encoded.headers.contains(.init("X-Amz-Target", "AmazonSQS.SendMessage")))
        #expect(encoded.headers.contains(.init("Content-Type", "application/x-amz-json-1.0")))
        #expect(String(decoding: encoded.body, as: UTF8.self) == #"{"QueueUrl":"u"}"#)
    }

    @Test func jsonErrorCodesLoseTheirNamespaceAndURISuffix() {
        #expect(AWSWireCodec.errorCode("com.amazonaws.sqs#QueueDoesNotExist") == "QueueDoesNotExist")
        #expect(AWSWireCodec.errorCode("ResourceNotFoundException:http://internal.amazon.com/") == "ResourceNotFoundException")
        let body = #"{"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "message": "The conditional request failed"}"#
        let response = AWSHTTPResponse(status: 400, headers: [.init("x-amzn-RequestId", "R1")], body: Array(body.utf8))
        #expect(
            AWSWireCodec.decode(service: AWSServiceCatalog.service(named: "dynamodb")!, action: "PutItem", response: response)
                == .failure(
                    AWSServiceFailure(
                        code: "ConditionalCheckFailedException", message: "The conditional request failed", status: 400, requestId: "R1")))
    }

    @Test func camelCaseServicesAreRecasedBothWaysExceptInsideUserMaps() {
        let state: JSONValue = [
            "ContainerDefinitions": [["Name": "web", "DockerLabels": ["My.Label": "x"], "Environment": [["Name": "A", "Value": "1"]]]]
        ]
        let wire = MemberCase.toWire(state, maps: Self.ecs.maps)
        #expect(
            wire == ["containerDefinitions": [["name": "web", "dockerLabels": ["My.Label": "x"], "environment": [["name": "A", "value": "1"]]]]])
        #expect(MemberCase.fromWire(wire, maps: Self.ecs.maps) == state)
        let encoded = AWSWireCodec.encode(service: Self.ecs, action: "ListClusters", parameters: ["MaxResults": 5])
        #expect(String(decoding: encoded.body, as: UTF8.self) == #"{"maxResults":5}"#)
    }

    @Test func actionsGoOutPascalCase() {
        #expect(AWSServiceDescription.wireAction("sendMessage") == "SendMessage")
        #expect(AWSServiceDescription.wireAction("listStateMachines") == "ListStateMachines")
    }

    @Test func sdkErrorsArePrefixedWithTheSDKServiceNameAndEndInException() {
        let failure = AWSServiceFailure(code: "NoSuchKey", message: "The specified key does not exist.", status: 404, requestId: "abc")
        let named = AWSErrorNames.sdkIntegration(AWSServiceCatalog.service(named: "sfn")!, failure)
        #expect(named.error == "Sfn.NoSuchKeyException")
        #expect(named.cause == "The specified key does not exist. (Service: Sfn, Status Code: 404, Request ID: abc)")
        let unmodeled = AWSServiceFailure(code: "", message: "Service returned HTTP status code 500", status: 500, requestId: nil)
        #expect(AWSErrorNames.sdkIntegration(Self.sqs, unmodeled).error == "Sqs.SqsException")
    }

    @Test func optimizedErrorsUseTheIntegrationsPrefixAndJavaSDKCause() {
        let dynamo = AWSServiceCatalog.service(named: "dynamodb")!.optimized!
        let failure = AWSServiceFailure(
            code: "ConditionalCheckFailedException", message: "The conditional request failed", status: 400, requestId: "R")
        let named = AWSErrorNames.optimizedIntegration(dynamo, failure)
        #expect(named.error == "DynamoDB.ConditionalCheckFailedException")
        #expect(
            named.cause
                == "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; "
                + "Error Code: ConditionalCheckFailedException; Request ID: R; Proxy: null)")
        let unmodeled = AWSServiceFailure(code: "", message: "m", status: 500, requestId: nil)
        #expect(AWSErrorNames.optimizedIntegration(Self.sqs.optimized!, unmodeled).error == "SQS.AmazonSQSException")
    }

    @Test func optimizedRequestsSerializeJSONPayloads() {
        #expect(
            OptimizedIntegrations.request(resourceType: "sqs", action: "sendMessage", parameters: ["MessageBody": ["a": 1]])
                == ["MessageBody": #"{"a":1}"#])
        #expect(
            OptimizedIntegrations.request(resourceType: "sqs", action: "sendMessage", parameters: ["MessageBody": "text"])
                == ["MessageBody": "text"])
        #expect(
            OptimizedIntegrations.request(resourceType: "sns", action: "publish", parameters: ["Message": [1, 2]])
                == ["Message": "[1,2]"])
        #expect(
            OptimizedIntegrations.request(
                resourceType: "events", action: "putEvents", parameters: ["Entries": [["Detail": ["k": "v"], "Source": "s"]]])
                == ["Entries": [["Detail": #"{"k":"v"}"#, "Source": "s"]]])
    }

    @Test func optimizedResultsCarrySDKHTTPMetadata() {
        let response = AWSHTTPResponse(
            status: 200, headers: [.init("Content-Type", "application/x-amz-json-1.0"), .init("x-amzn-RequestId", "R")], body: [])
        let result = AWSServiceResult(output: ["MessageId": "m"], requestId: "R", response: response)
        #expect(
            OptimizedIntegrations.result(resourceType: "sqs", action: "sendMessage", result)
                == [
                    "MessageId": "m",
                    "SdkHttpMetadata": [
                        "AllHttpHeaders": ["Content-Type": ["application/x-amz-json-1.0"], "x-amzn-RequestId": ["R"]],
                        "HttpHeaders": ["Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "R"],
                        "HttpStatusCode": 200,
                    ],
                    "SdkResponseMetadata": ["RequestId": "R"],
                ])
        let events = AWSServiceResult(
            output: ["FailedEntryCount": 0, "Entries": [["EventId": "e"]]], requestId: "R", response: response)
        #expect(
            OptimizedIntegrations.result(resourceType: "events", action: "putEvents", events)
                == ["Entries": [["EventId": "e"]], "FailedEntryCount": 0])
    }
}
