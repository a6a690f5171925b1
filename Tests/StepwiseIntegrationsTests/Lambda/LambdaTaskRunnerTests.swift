import AsyncHTTPClient
import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import Testing

@testable import StepwiseIntegrations

func lambdaTask(_ parameters: JSONValue, arn: String = "arn:aws:states:::lambda:invoke") -> TaskRequest {
    TaskRequest(taskId: 1, stateName: "Invoke", resource: TaskResource(arn: arn), parameters: parameters)
}

/// A temporary folder holding function scripts, removed at the end.
func withScripts<T>(_ scripts: [String: String], _ body: (String) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-lambda-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (name, text) in scripts { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return try await body(dir)
}

func commandFunction(_ name: String, _ script: String, directory: String, timeout: Double = 900, environment: [String: String] = [:]) -> LambdaFunctionDefinition {
    LambdaFunctionDefinition(
        name: name, target: .command(arguments: ["/bin/sh", script], workingDirectory: directory, environment: environment), timeoutSeconds: timeout)
}

@Suite struct LambdaTaskRunnerTests {
    @Test func invokesAURLFunctionAndReturnsTheOptimizedIntegrationShape() async throws {
        try await withTestServer({ request, _ in .json(#"{"echo":\#(request.bodyText),"type":"\#(request.header("X-Amz-Invocation-Type") ?? "")"}"#) }) { base, log in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "echo", target: .url(base + "/fn"))]))
            let outcome = await runner.run(
                lambdaTask(["FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:echo:7", "Payload": ["n": 1]]), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["StatusCode"] == 200)
            #expect(result["ExecutedVersion"] == "7")
            #expect(result["Payload"] == ["echo": ["n": 1], "type": "RequestResponse"])
            #expect(result["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
            #expect(result["SdkHttpMetadata"]?["HttpHeaders"]?["X-Amz-Executed-Version"] == "7")
            #expect(result["SdkHttpMetadata"]?["AllHttpHeaders"]?["Content-Type"] == ["application/json"])
            #expect(result["SdkResponseMetadata"]?["RequestId"]?.stringValue?.isEmpty == false)
            #expect(log.requests.first?.method == "POST")
        }
    }

    @Test func aBareFunctionArnReturnsThePayloadItself() async throws {
        try await withTestServer({ request, _ in .json(request.bodyText) }) { base, _ in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "echo", target: .url(base + "/fn"))]))
            let outcome = await runner.run(lambdaTask(["a": [1, 2]], arn: "arn:aws:lambda:us-east-1:123456789012:function:echo"), context: testContext)
            #expect(outcome == .succeeded(["a": [1, 2]]))
        }
    }

    @Test func theSDKIntegrationReturnsThePayloadAsTextAndReportsFunctionErrorsWithoutFailing() async throws {
        try await withTestServer({ request, _ in
            request.path == "/ok" ? .json(#"{"x":1}"#) : .json(#"{"errorType":"Boom","errorMessage":"no"}"#, headers: [("X-Amz-Function-Error", "Unhandled")])
        }) { base, _ in
            let runner = LambdaTaskRunner(
                client: .shared, functions: LambdaFunctions([.init(name: "ok", target: .url(base + "/ok")), .init(name: "bad", target: .url(base + "/bad"))]))
            let ok = await runner.run(lambdaTask(["FunctionName": "ok", "Payload": "{}"], arn: "arn:aws:states:::aws-sdk:lambda:invoke"), context: testContext)
            #expect(ok == .succeeded(["ExecutedVersion": "$LATEST", "Payload": #"{"x":1}"#, "StatusCode": 200]))
            let bad = await runner.run(lambdaTask(["FunctionName": "bad"], arn: "arn:aws:states:::aws-sdk:lambda:invoke"), context: testContext)
            guard case .succeeded(let result) = bad else { Issue.record("\(bad)"); return }
            #expect(result["FunctionError"] == "Unhandled")
        }
    }

    @Test func aURLFunctionErrorWithATypeFailsWithThatTypeAndThePayloadAsCause() async throws {
        let payload = #"{"errorType":"InvalidOrder","errorMessage":"no items"}"#
        try await withTestServer({ _, _ in .json(payload, headers: [("X-Amz-Function-Error", "Unhandled")]) }) { base, _ in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url(base + "/fn"))]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            #expect(outcome == .failed(error: "InvalidOrder", cause: payload))
            let bare = await runner.run(lambdaTask([:], arn: "arn:aws:lambda:us-east-1:123456789012:function:f"), context: testContext)
            #expect(bare == .failed(error: "InvalidOrder", cause: payload))
        }
    }

    @Test func aFunctionErrorWithoutATypeIsLambdaUnknown() async throws {
        try await withTestServer({ _, _ in .json(#"{"errorMessage":"crashed"}"#, status: 500) }) { base, _ in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url(base + "/fn"))]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(error == "Lambda.Unknown")
            #expect(cause?.contains("crashed") == true)
        }
    }

    @Test func anUnknownFunctionFailsWithResourceNotFoundAndLambdasMessage() async {
        let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions())
        let outcome = await runner.run(lambdaTask(["FunctionName": "missing:prod"]), context: testContext)
        guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "Lambda.ResourceNotFoundException")
        #expect(cause?.hasPrefix("Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing:prod") == true)
    }

    @Test func anEventInvocationAnswers202AndRunsTheFunctionInTheBackground() async throws {
        try await withTestServer({ _, _ in .json("{}") }) { base, log in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url(base + "/fn"))]))
            await withDiscardingTaskGroup { group in
                group.addTask { await runner.runEventInvocations() }
                let outcome = await runner.run(lambdaTask(["FunctionName": "f", "InvocationType": "Event", "Payload": ["e": 1]]), context: testContext)
                guard case .succeeded(let result) = outcome else {
                    Issue.record("\(outcome)")
                    group.cancelAll()
                    return
                }
                #expect(result["StatusCode"] == 202)
                #expect(result["Payload"] == "")
                #expect(result["ExecutedVersion"] == nil)
                await log.waitFor(path: "/fn", count: 1)
                #expect(log.requests.first?.header("X-Amz-Invocation-Type") == "Event")
                #expect(json(log.requests.first?.bodyText ?? "") == ["e": 1])
                group.cancelAll()
            }
        }
    }

    @Test func aDryRunChecksTheFunctionWithoutRunningIt() async throws {
        try await withScripts(["f.sh": "echo ran > ran.txt; echo '{}'"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f", "InvocationType": "DryRun"]), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["StatusCode"] == 204)
            #expect(!FileManager.default.fileExists(atPath: dir + "/ran.txt"))
        }
    }

    @Test func aCommandFunctionReadsThePayloadOnStdinAndItsStdoutIsTheResult() async throws {
        try await withScripts(["f.sh": #"read -r input; printf '{"got":%s,"name":"%s","mode":"%s","cwd":"%s"}' "$input" "$AWS_LAMBDA_FUNCTION_NAME" "$MODE" "$(basename "$PWD")""#]) { dir in
            let runner = LambdaTaskRunner(
                client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir, environment: ["MODE": "fast"])]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f", "Payload": ["v": 1]]), context: testContext)
            guard case .succeeded(let result) = outcome else { Issue.record("\(outcome)"); return }
            #expect(result["Payload"] == .object(["got": ["v": 1], "name": "f", "mode": "fast", "cwd": .string((dir as NSString).lastPathComponent)]))
        }
    }

    @Test func aCommandThatExitsNonZeroWithAnErrorObjectFailsWithItsType() async throws {
        try await withScripts(["f.sh": #"printf '{"errorType":"ValidationError","errorMessage":"bad input"}'; exit 1"#]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            #expect(outcome == .failed(error: "ValidationError", cause: #"{"errorType":"ValidationError","errorMessage":"bad input"}"#))
        }
    }

    @Test func aCommandThatFailsWithoutAnErrorObjectIsLambdaUnknownWithStderrsTail() async throws {
        try await withScripts(["f.sh": "echo 'Traceback: something broke' >&2; exit 3"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(error == "Lambda.Unknown")
            #expect(cause?.contains("exited with status 3") == true)
            #expect(cause?.contains("something broke") == true)
        }
    }

    @Test func aCommandPastItsTimeoutIsKilledWithItsProcessGroup() async throws {
        try await withScripts(["f.sh": "sleep 300 & echo $! > child.pid; wait"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir, timeout: 1)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(error == "Lambda.Unknown")
            #expect(cause?.hasPrefix("The cause could not be determined because Lambda did not return an error type. Returned payload: ") == true)
            #expect(cause?.contains("Task timed out after 1.00 seconds") == true)
            // The shell may not have got as far as starting its child on a loaded machine; when it did, the child died with it.
            if let text = try? String(contentsOfFile: dir + "/child.pid", encoding: .utf8), let child = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                #expect(!ProcessRuntime.isAlive(child))
            }
        }
    }

    @Test func cancellingTheTaskKillsTheCommand() async throws {
        try await withScripts(["f.sh": "echo $$ > pid; sleep 300"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir)]))
            let task = Task { await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext) }
            // The shell creates the file before it writes the pid: wait for the pid itself.
            func writtenPid() -> pid_t? {
                pid_t((try? String(contentsOfFile: dir + "/pid", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
            }
            while writtenPid() == nil { try await Task.sleep(for: .milliseconds(10)) }
            task.cancel()
            guard case .failed = await task.value else { Issue.record("a cancelled invocation succeeded"); return }
            let pid = try #require(writtenPid())
            #expect(!ProcessRuntime.isAlive(pid))
        }
    }

    @Test func pythonFunctionsWork() async throws {
        try await withScripts(["fn.py": "import json, sys\nevent = json.load(sys.stdin)\nprint(json.dumps({'sum': sum(event['values'])}))\n"]) { dir in
            let runner = LambdaTaskRunner(
                client: .shared,
                functions: LambdaFunctions([.init(name: "py", target: .command(arguments: ["python3", "fn.py"], workingDirectory: dir, environment: [:]))]))
            let outcome = await runner.run(lambdaTask(["values": [1, 2, 3]], arn: "arn:aws:lambda:us-east-1:123456789012:function:py"), context: testContext)
            #expect(outcome == .succeeded(["sum": 6]))
        }
    }

    @Test func anUnreachableURLFunctionFailsWithLambdaServiceException() async throws {
        let client = HTTPExchange.makeClient()
        let runner = LambdaTaskRunner(client: client, functions: LambdaFunctions([.init(name: "f", target: .url("http://127.0.0.1:1/fn"))]))
        let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
        try await client.shutdown()
        guard case .failed(let error, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "Lambda.ServiceException")
    }

    @Test func aURLFunctionPastItsTimeoutFailsWithLambdaUnknownAndLambdasTimeoutMessage() async throws {
        try await withTestServer({ _, log in
            await log.waitForRelease()
            return .json("{}")
        }) { base, _ in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url(base + "/slow"), timeoutSeconds: 0.2)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f"]), context: testContext)
            guard case .failed(let error, let cause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(error == "Lambda.Unknown")
            #expect(cause?.contains("Task timed out after 0.20 seconds") == true, "\(cause ?? "")")
        }
    }

    @Test func logTypeTailReturnsTheCommandsStderrAsLogResult() async throws {
        try await withScripts(["f.sh": "echo 'debug line' >&2; echo '{}'"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir)]))
            let outcome = await runner.run(lambdaTask(["FunctionName": "f", "LogType": "Tail"]), context: testContext)
            guard case .succeeded(let result) = outcome, let log = result["LogResult"]?.stringValue, let data = Data(base64Encoded: log) else {
                Issue.record("\(outcome)")
                return
            }
            #expect(String(decoding: data, as: UTF8.self) == "debug line\n")
        }
    }

    @Test func aPayloadOverLambdasLimitFailsWithRequestTooLarge() async {
        let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url("http://127.0.0.1:1/"))]))
        let big = JSONValue.string(String(repeating: "x", count: LambdaTaskRunner.eventPayloadLimit))
        let outcome = await runner.run(lambdaTask(["FunctionName": "f", "InvocationType": "Event", "Payload": ["data": big]]), context: testContext)
        guard case .failed(let error, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error == "Lambda.RequestTooLargeException")
    }

    @Test func unusableParametersFailClearly() async {
        let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([.init(name: "f", target: .url("http://127.0.0.1:1/"))]))
        let unknown = await runner.run(lambdaTask(["FunctionName": "f", "Bogus": 1]), context: testContext)
        #expect(unknown == .failed(error: "States.Runtime", cause: #"The Parameters could not be used to start the Task: [The field "Bogus" is not supported by Step Functions]"#))
        guard case .failed(let error, _) = await runner.run(lambdaTask(["FunctionName": "f", "InvocationType": "Sometimes"]), context: testContext) else {
            Issue.record("accepted"); return
        }
        #expect(error == "Lambda.InvalidParameterValueException")
        guard case .failed(let mismatch, _) = await runner.run(lambdaTask(["FunctionName": "f:1", "Qualifier": "2"]), context: testContext) else {
            Issue.record("accepted"); return
        }
        #expect(mismatch == "Lambda.InvalidParameterValueException")
    }

    @Test func functionNamesParseInEveryLambdaForm() {
        #expect(LambdaFunctionName("f") == LambdaFunctionName(name: "f"))
        #expect(LambdaFunctionName("f:prod") == LambdaFunctionName(name: "f", qualifier: "prod"))
        #expect(LambdaFunctionName("123456789012:function:f") == LambdaFunctionName(name: "f", account: "123456789012"))
        #expect(LambdaFunctionName("arn:aws:lambda:eu-west-1:1:function:f:3") == LambdaFunctionName(name: "f", qualifier: "3", region: "eu-west-1", account: "1"))
        #expect(LambdaFunctionName("arn:aws:s3:::bucket") == nil)
    }

    @Test func badFunctionEntriesNameTheirJSONPointer() {
        #expect(throws: IntegrationConfigurationError(pointer: "/LambdaFunctions/f", message: "A function has a Url or a Command, not both")) {
            try LambdaFunctions(section: json(#"{"f": {"Url": "http://x", "Command": ["a"]}}"#).objectValue)
        }
        #expect(throws: IntegrationConfigurationError(pointer: "/LambdaFunctions/f/TimeoutSeconds", message: "TimeoutSeconds must be a number of seconds above 0 and at most 86400 (a day)")) {
            try LambdaFunctions(section: json(#"{"f": {"Command": ["a"], "TimeoutSeconds": 0}}"#).objectValue)
        }
        #expect(throws: IntegrationConfigurationError(pointer: "/LambdaFunctions/f/Command", message: "Command must be a non-empty array of strings")) {
            try LambdaFunctions(section: json(#"{"f": {"Command": []}}"#).objectValue)
        }
    }
}
