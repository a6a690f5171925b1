import AsyncHTTPClient
import JSONValue
import StatesLanguage
import StepwiseEngine
import Testing

@testable import StepwiseIntegrations

func httpTask(_ parameters: JSONValue, arn: String = "arn:aws:states:::http:invoke") -> TaskRequest {
    TaskRequest(taskId: 1, stateName: "Call", resource: TaskResource(arn: arn), parameters: parameters)
}

let testContext = TaskRunContext(executionArn: "arn:aws:states:us-east-1:123456789012:execution:sm:run", stateMachineName: "sm")

func json(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

/// Answers every request with what it received, as JSON.
let echo: @Sendable (CapturedRequest, RequestLog) async throws -> TestResponse = { request, _ in
    let headers = JSONObject(request.headers.map { ($0.name.lowercased(), JSONValue.string($0.value)) })
    return .json(
        JSONValue.object([
            "method": .string(request.method), "path": .string(request.path), "query": .string(request.query), "headers": .object(headers),
            "body": .string(request.bodyText),
        ]).serialized())
}

@Suite struct HTTPInvokeTaskRunnerTests {
    let runner = HTTPInvokeTaskRunner(client: .shared)

    @Test func sendsMethodHeadersQueryParametersAndJSONBodyAndReturnsAWSShape() async throws {
        try await withTestServer(echo) { base, _ in
            let outcome = await runner.run(
                httpTask(
                    .object([
                        "ApiEndpoint": .string(base + "/items?fixed=1"), "Method": "POST", "Headers": ["X-Custom": "yes", "Content-Type": "application/json"],
                        "QueryParameters": ["q": "a b", "n": 3], "RequestBody": ["name": "widget", "tags": ["x"]],
                    ])), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["StatusCode"] == 200)
            #expect(result["StatusText"] == "OK")
            #expect(result["Headers"]?["content-type"] == ["application/json"])
            let seen = try #require(result["ResponseBody"])
            #expect(seen["method"] == "POST")
            #expect(seen["path"] == "/items")
            #expect(CapturedRequest.pairs(seen["query"]!.stringValue!).map { "\($0.0)=\($0.1)" } == ["fixed=1", "q=a b", "n=3"])
            #expect(seen["headers"]?["x-custom"] == "yes")
            #expect(seen["headers"]?["user-agent"] == "Amazon|StepFunctions|HttpInvoke|us-east-1")
            #expect(json(seen["body"]!.stringValue!) == ["name": "widget", "tags": ["x"]])
        }
    }

    @Test func sendsEveryMethodAWSAllows() async throws {
        try await withTestServer(echo) { base, log in
            for method in HTTPInvokeParameters.methods {
                let outcome = await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/m"), "Method": .string(method)])), context: testContext)
                guard case .succeeded(let result) = outcome else { Issue.record("\(method): \(outcome)"); continue }
                #expect(result["StatusCode"] == 200)
            }
            #expect(log.requests.map(\.method) == HTTPInvokeParameters.methods)
        }
    }

    @Test func urlEncodesTheBodyInEachArrayFormat() async throws {
        let expected: [HTTPInvokeParameters.ArrayFormat: [String]] = [
            .indices: ["a[0]=x", "a[1]=y", "o[k]=v", "s=t u"],
            .repeat: ["a=x", "a=y", "o[k]=v", "s=t u"],
            .brackets: ["a[]=x", "a[]=y", "o[k]=v", "s=t u"],
            .commas: ["a=x,y", "o[k]=v", "s=t u"],
        ]
        try await withTestServer(echo) { base, _ in
            for (format, pairs) in expected {
                let outcome = await runner.run(
                    httpTask(
                        .object([
                            "ApiEndpoint": .string(base + "/form"), "Method": "POST", "RequestBody": ["a": ["x", "y"], "o": ["k": "v"], "s": "t u"],
                            "Transform": ["RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": ["ArrayFormat": .string(format.rawValue)]],
                        ])), context: testContext)
                guard case .succeeded(let result) = outcome else { Issue.record("\(format): \(outcome)"); continue }
                let seen = result["ResponseBody"]!
                #expect(seen["headers"]?["content-type"] == "application/x-www-form-urlencoded", "\(format)")
                #expect(CapturedRequest.pairs(seen["body"]!.stringValue!).map { "\($0.0)=\($0.1)" } == pairs, "\(format)")
            }
        }
    }

    @Test func parsesJSONResponsesAndKeepsOthersAsText() async throws {
        try await withTestServer({ request, _ in
            request.path == "/json" ? .json(#"{"ok":true}"#) : TestResponse(headers: [("Content-Type", "text/plain")], body: "plain {text}")
        }) { base, _ in
            let jsonOutcome = await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/json"), "Method": "GET"])), context: testContext)
            let textOutcome = await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/text"), "Method": "GET"])), context: testContext)
            guard case .succeeded(let j) = jsonOutcome, case .succeeded(let t) = textOutcome else { Issue.record("\(jsonOutcome) \(textOutcome)"); return }
            #expect(j["ResponseBody"] == ["ok": true])
            #expect(t["ResponseBody"] == "plain {text}")
        }
    }

    @Test func aNon2xxResponseFailsWithItsStatusCodeAndItsStatusTextAsCause() async throws {
        try await withTestServer({ _, _ in .json(#"{"message":"missing"}"#, status: 404) }) { base, _ in
            let outcome = await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/nothing"), "Method": "GET"])), context: testContext)
            #expect(outcome == .failed(error: "States.Http.StatusCode.404", cause: "Not Found"))
        }
    }

    @Test func anAPIKeyConnectionAddsItsHeaderAndInvocationParameters() async throws {
        let connections = try HTTPConnections(
            section: json(
                #"{"Api": {"AuthorizationType": "API_KEY", "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret"}, "InvocationHttpParameters": {"HeaderParameters": [{"Key": "X-Tenant", "Value": "t1", "IsValueSecret": false}], "QueryStringParameters": [{"Key": "region", "Value": "eu"}], "BodyParameters": [{"Key": "source", "Value": "stepwise"}]}}}}"#
            ).objectValue)
        let runner = HTTPInvokeTaskRunner(client: .shared, connections: connections)
        try await withTestServer(echo) { base, _ in
            let outcome = await runner.run(
                httpTask(
                    .object([
                        "ApiEndpoint": .string(base + "/k"), "Method": "POST", "QueryParameters": ["region": "us"], "RequestBody": ["a": 1],
                        "Authentication": ["ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/Api/8f4c1e3a-0000-4000-8000-000000000000"],
                    ])), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            let seen = result["ResponseBody"]!
            #expect(seen["headers"]?["x-api-key"] == "secret")
            #expect(seen["headers"]?["x-tenant"] == "t1")
            #expect(seen["query"] == "region=eu")
            #expect(json(seen["body"]!.stringValue!) == ["a": 1, "source": "stepwise"])
        }
    }

    @Test func aBasicConnectionSendsBasicAuthorization() async throws {
        let connections = try HTTPConnections(
            section: json(#"{"B": {"AuthorizationType": "BASIC", "AuthParameters": {"BasicAuthParameters": {"Username": "user", "Password": "pa:ss"}}}}"#).objectValue)
        let runner = HTTPInvokeTaskRunner(client: .shared, connections: connections)
        try await withTestServer(echo) { base, _ in
            let outcome = await runner.run(
                httpTask(.object(["ApiEndpoint": .string(base + "/b"), "Method": "GET", "Authentication": ["ConnectionArn": "B"]])), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["ResponseBody"]?["headers"]?["authorization"] == "Basic dXNlcjpwYTpzcw==")
        }
    }

    static func oauthConnections(_ base: String) throws -> HTTPConnections {
        try HTTPConnections(
            section: json(
                #"{"O": {"AuthorizationType": "OAUTH_CLIENT_CREDENTIALS", "AuthParameters": {"OAuthParameters": {"AuthorizationEndpoint": "\#(base)/token", "HttpMethod": "POST", "ClientParameters": {"ClientID": "id", "ClientSecret": "sec"}, "OAuthHttpParameters": {"BodyParameters": [{"Key": "scope", "Value": "read"}]}}}}}"#
            ).objectValue)
    }

    @Test func oauthClientCredentialsFetchesATokenOnceAndReusesItUntilExpiry() async throws {
        try await withTestServer({ request, log in
            if request.path == "/token" {
                let form = Dictionary(uniqueKeysWithValues: CapturedRequest.pairs(request.bodyText))
                guard request.header("Authorization") == "Basic aWQ6c2Vj", form["grant_type"] == "client_credentials", form["scope"] == "read" else {
                    return .json(#"{"error":"invalid_client"}"#, status: 401)
                }
                return .json(#"{"access_token":"tok-\#(log.count(path: "/token"))","token_type":"bearer","expires_in":3600}"#)
            }
            return try await echo(request, log)
        }) { base, log in
            let runner = HTTPInvokeTaskRunner(client: .shared, connections: try Self.oauthConnections(base))
            for _ in 0..<3 {
                let outcome = await runner.run(
                    httpTask(.object(["ApiEndpoint": .string(base + "/api"), "Method": "GET", "Authentication": ["ConnectionArn": "O"]])), context: testContext)
                guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
                #expect(result["ResponseBody"]?["headers"]?["authorization"] == "Bearer tok-1")
            }
            #expect(log.count(path: "/token") == 1)
        }
    }

    @Test func oauthGetsANewTokenOnceWhenTheAPIRefusesTheCachedOne() async throws {
        try await withTestServer({ request, log in
            if request.path == "/token" { return .json(#"{"access_token":"tok-\#(log.count(path: "/token"))","expires_in":3600}"#) }
            // Only the second token is accepted, as if the first had been revoked.
            guard request.header("Authorization") == "Bearer tok-2" else { return .json(#"{"message":"expired"}"#, status: 401) }
            return .json(#"{"ok":true}"#)
        }) { base, log in
            let runner = HTTPInvokeTaskRunner(client: .shared, connections: try Self.oauthConnections(base))
            let outcome = await runner.run(
                httpTask(.object(["ApiEndpoint": .string(base + "/api"), "Method": "GET", "Authentication": ["ConnectionArn": "O"]])), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["ResponseBody"] == ["ok": true])
            #expect(log.count(path: "/token") == 2)
            #expect(log.count(path: "/api") == 2)
        }
    }

    @Test func anUnknownConnectionFailsNamingIt() async throws {
        let outcome = await runner.run(
            httpTask(.object(["ApiEndpoint": "http://127.0.0.1:1/x", "Method": "GET", "Authentication": ["ConnectionArn": "arn:aws:events:us-east-1:1:connection/Nope/abc"]])),
            context: testContext)
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == HTTPInvokeTaskRunner.connectionNotFound)
        #expect(cause?.contains("'Nope'") == true)
    }

    @Test(arguments: [
        (#"{"ApiEndpoint": "http://h/x", "Method": "GET", "Headers": {"Host": "evil"}}"#, "Host"),
        (#"{"ApiEndpoint": "http://h/x", "Method": "GET", "Headers": {"X-Amz-Date": "x"}}"#, "X-Amz-Date"),
        (#"{"ApiEndpoint": "http://h/x", "Method": "FETCH"}"#, "Method"),
        (#"{"ApiEndpoint": "ftp://h/x", "Method": "GET"}"#, "ApiEndpoint"),
        (#"{"Method": "GET"}"#, "ApiEndpoint"),
        (#"{"ApiEndpoint": "http://h/x", "Method": "GET", "Extra": 1}"#, "Extra"),
        (#"{"ApiEndpoint": "http://h/x", "Method": "POST", "RequestBody": "a=b", "Transform": {"RequestBodyEncoding": "URL_ENCODED"}}"#, "RequestBody"),
        (#"{"ApiEndpoint": "http://h/x", "Method": "POST", "Transform": {"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "X"}}}"#, "ArrayFormat"),
    ])
    func unusableParametersFailWithStatesRuntimeNamingTheParameter(parameters: String, named: String) async {
        let outcome = await runner.run(httpTask(json(parameters)), context: testContext)
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "States.Runtime")
        #expect(cause?.contains(named) == true, "\(cause ?? "")")
    }

    @Test func aRefusedConnectionFailsWithStatesHttpSocket() async throws {
        let client = HTTPExchange.makeClient()
        let outcome = await HTTPInvokeTaskRunner(client: client).run(
            httpTask(.object(["ApiEndpoint": "http://127.0.0.1:1/x", "Method": "GET"])), context: testContext)
        try await client.shutdown()
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "States.Http.Socket")
        #expect(cause?.contains("failed") == true, "\(cause ?? "")")
    }

    @Test func aRequestPastTheTimeoutFailsWithStatesHttpSocket() async throws {
        try await withTestServer({ _, log in
            await log.waitForRelease()
            return .json("{}")
        }) { base, _ in
            let runner = HTTPInvokeTaskRunner(client: .shared, requestTimeout: .milliseconds(200))
            let outcome = await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/slow"), "Method": "GET"])), context: testContext)
            guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(error == "States.Http.Socket")
            #expect(cause?.contains("timed out") == true)
        }
    }

    @Test func returnsWhenTheCallingTaskIsCancelled() async throws {
        try await withTestServer({ _, log in
            await log.waitForRelease()
            return .json("{}")
        }) { base, log in
            let runner = HTTPInvokeTaskRunner(client: .shared, requestTimeout: .seconds(3600))
            let task = Task { await runner.run(httpTask(.object(["ApiEndpoint": .string(base + "/hang"), "Method": "GET"])), context: testContext) }
            await log.waitFor(path: "/hang", count: 1)
            task.cancel()
            guard case .failed = await task.value else { Issue.record("a cancelled request succeeded"); return }
        }
    }

    @Test func refusesTheCallbackPattern() async {
        let outcome = await runner.run(
            httpTask(.object(["ApiEndpoint": "http://h/x", "Method": "GET"]), arn: "arn:aws:states:::http:invoke.waitForTaskToken"), context: testContext)
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "States.Runtime")
        #expect(cause?.contains("request-response") == true)
    }

    @Test func badConnectionEntriesNameTheirJSONPointer() {
        #expect(throws: IntegrationConfigurationError(pointer: "/Connections/C/AuthorizationType", message: "AuthorizationType must be API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS, not 'DIGEST'")) {
            try HTTPConnections(section: json(#"{"C": {"AuthorizationType": "DIGEST", "AuthParameters": {}}}"#).objectValue)
        }
        #expect(throws: IntegrationConfigurationError(pointer: "/Connections/C/AuthParameters/BasicAuthParameters/Password", message: "Password (a string) is required")) {
            try HTTPConnections(section: json(#"{"C": {"AuthorizationType": "BASIC", "AuthParameters": {"BasicAuthParameters": {"Username": "u"}}}}"#).objectValue)
        }
    }

    @Test func connectionArnsSelectConnectionsByName() {
        #expect(HTTPConnections.name(fromArn: "arn:aws:events:us-east-2:123456789012:connection/Stripe/81210c42-8af1-456b-9c4a-6ff02fc664ac") == "Stripe")
        #expect(HTTPConnections.name(fromArn: "Stripe") == "Stripe")
    }
}
