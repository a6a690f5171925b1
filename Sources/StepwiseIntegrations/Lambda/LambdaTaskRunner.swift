import AsyncHTTPClient
import Foundation
import JSONValue
import NIOCore
import NIOHTTP1
import StatesLanguage
import StepwiseEngine

/// Lambda functions declared in the configuration's `LambdaFunctions`, called three ways:
///
/// - `arn:aws:states:::lambda:invoke` (optimized): Lambda Invoke's parameters (`FunctionName`,
///   `Payload`, `InvocationType`, `Qualifier`, `ClientContext`, `LogType`); the result is
///   `{"ExecutedVersion", "Payload": <parsed JSON>, "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}`,
///   and a function error fails the task.
/// - `arn:aws:states:::aws-sdk:lambda:invoke`: the same call; the result is the SDK's
///   `{"ExecutedVersion", "Payload": "<text>", "StatusCode"}` with `FunctionError` when the function
///   failed, which does not fail the task.
/// - `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`: the task's input is the payload and
///   the function's result is the task's output.
///
/// A function error fails the task with the error payload's `errorType` as the error and the
/// payload as the cause; a payload without `errorType` (or a process that crashed) fails it with
/// `Lambda.Unknown`, the cause then reading "The cause could not be determined because Lambda did not
/// return an error type. Returned payload: ..."; a function that runs past its `TimeoutSeconds` is
/// such an error, with Lambda's "... Task timed out after N seconds" message. Unknown functions fail with `Lambda.ResourceNotFoundException`
/// ("Function not found: arn:aws:lambda:..."), unusable parameters with `States.Runtime` (structure)
/// or `Lambda.InvalidParameterValueException` (values), a URL that cannot be reached with
/// `Lambda.ServiceException`.
///
/// A `Url` function gets the payload POSTed as JSON (with `X-Amz-Invocation-Type`, and
/// `X-Amz-Client-Context` / `X-Amz-Log-Type` when given). A 2xx response is the result, unless it
/// carries `X-Amz-Function-Error` (as Lambda's own runtime API marks errors), in which case the body
/// is the error payload; any other status is a function error with the body as its payload.
///
/// A `Command` function reads the payload on stdin and writes its result (JSON) on stdout; exit
/// status 0 is success. A non-zero exit is a function error: stdout is the error payload when it is
/// a JSON object with `errorType`, else the error is `Lambda.Unknown` with the tail of stderr as its
/// message. The command sees `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_VERSION`,
/// `AWS_REQUEST_ID` (and `AWS_LAMBDA_CLIENT_CONTEXT` when given) besides its `Environment`.
///
/// `InvocationType: Event` answers 202 at once and runs the function in `runEventInvocations()`,
/// which the owner runs (once) for as long as the runner serves tasks. The `HTTPClient` belongs to
/// the caller, who shuts it down (if it is not `HTTPClient.shared`) after the last task ended.
package struct LambdaTaskRunner: ServiceIntegration {
    package static let unknownError = "Lambda.Unknown"
    package static let resourceNotFound = "Lambda.ResourceNotFoundException"
    package static let invalidParameter = "Lambda.InvalidParameterValueException"
    package static let requestTooLarge = "Lambda.RequestTooLargeException"
    package static let serviceException = "Lambda.ServiceException"
    /// Lambda's limits: 6 MB for a synchronous request or response, 256 KB for an event.
    package static let syncPayloadLimit = 6_291_456
    package static let eventPayloadLimit = 262_144

    package let client: HTTPClient
    package let functions: LambdaFunctions
    package let region: String
    package let account: String
    let events: AsyncStream<EventInvocation>
    let eventSink: AsyncStream<EventInvocation>.Continuation

    /// An `InvocationType: Event` call waiting for `runEventInvocations()`.
    struct EventInvocation: Sendable {
        var function: LambdaFunctionDefinition
        var name: LambdaFunctionName
        var payload: [UInt8]
        var clientContext: String?
    }

    package init(client: HTTPClient, functions: LambdaFunctions, region: String = "us-east-1", account: String = "123456789012") {
        self.client = client
        self.functions = functions
        self.region = region
        self.account = account
        (events, eventSink) = AsyncStream.makeStream(of: EventInvocation.self)
    }

    package func serves(_ resource: TaskResource) -> Bool {
        switch resource.kind {
        case .lambdaFunction: true
        case .service(let type, let action): (type == "lambda" || type == "aws-sdk:lambda") && (action == "invoke" || action.hasPrefix("invoke."))
        case .activity: false
        }
    }

    /// Runs `InvocationType: Event` invocations as they come, several at once, until cancelled
    /// (which cancels those still running). Call it once.
    package func runEventInvocations() async {
        await withDiscardingTaskGroup { group in
            for await event in events {
                group.addTask {
                    _ = try? await execute(
                        event.function, name: event.name, payload: event.payload, clientContext: event.clientContext, invocationType: "Event",
                        logTail: false, requestId: UUID().uuidString.lowercased())
                }
            }
        }
    }

    /// A failed task: its error name and cause.
    package struct Failure: Error, Equatable, Sendable {
        package var error: String
        package var cause: String
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard serves(request.resource) else {
            return .failed(error: StatesErrorName.runtime, cause: "The Lambda integration does not serve the resource '\(request.resource.arn)'.")
        }
        do throws(Failure) {
            switch request.resource.kind {
            case .lambdaFunction:
                guard let name = LambdaFunctionName(request.resource.arn) else {
                    throw Failure(error: StatesErrorName.runtime, cause: "'\(request.resource.arn)' is not a Lambda function ARN.")
                }
                let result = try await invoke(name: name, payload: Array(request.parameters.serialized().utf8), invocationType: "RequestResponse")
                if let error = result.functionError { throw Self.failure(functionError: error, payload: result.payload) }
                return .succeeded(Self.parsePayload(result.payload))
            case .service(let type, _):
                guard request.resource.pattern == .requestResponse || request.resource.pattern == .waitForTaskToken else {
                    throw Failure(
                        error: StatesErrorName.runtime,
                        cause: "The resource '\(request.resource.arn)' is not supported: Lambda Invoke offers request-response and .waitForTaskToken, not \(request.resource.pattern.rawValue).")
                }
                return .succeeded(try await invokeTask(request.parameters, sdk: type == "aws-sdk:lambda"))
            case .activity:
                throw Failure(error: StatesErrorName.runtime, cause: "Activities are not Lambda functions.")
            }
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
    }

    /// `lambda:invoke` (or `aws-sdk:lambda:invoke` when `sdk`): validates the parameters, calls the function, shapes the result.
    package func invokeTask(_ parameters: JSONValue, sdk: Bool) async throws(Failure) -> JSONValue {
        guard let object = parameters.objectValue else {
            throw Failure(error: StatesErrorName.runtime, cause: "The Parameters could not be used to start the Task: [Parameters must be an object with FunctionName, not \(parameters.typeName)]")
        }
        let known: Set<String> = ["FunctionName", "Payload", "InvocationType", "Qualifier", "ClientContext", "LogType"]
        for key in object.keys where !known.contains(key) {
            throw Failure(error: StatesErrorName.runtime, cause: "The Parameters could not be used to start the Task: [The field \"\(key)\" is not supported by Step Functions]")
        }
        func string(_ key: String) throws(Failure) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue else {
                throw Failure(error: StatesErrorName.runtime, cause: "The Parameters could not be used to start the Task: [\(key) must be a string, not \(value.typeName)]")
            }
            return text
        }
        guard let functionName = try string("FunctionName") else {
            throw Failure(error: StatesErrorName.runtime, cause: "The Parameters could not be used to start the Task: [FunctionName is required]")
        }
        guard var name = LambdaFunctionName(functionName) else {
            throw Failure(
                error: Self.invalidParameter,
                cause: "1 validation error detected: Value '\(functionName)' at 'functionName' failed to satisfy constraint: it must be a function name, a partial ARN (ACCOUNT:function:NAME) or a function ARN, optionally with :QUALIFIER")
        }
        if let qualifier = try string("Qualifier") {
            if let derived = name.qualifier, derived != qualifier {
                throw Failure(error: Self.invalidParameter, cause: "The derived qualifier from the function name does not match the specified qualifier.")
            }
            name.qualifier = qualifier
        }
        let invocationType = try string("InvocationType") ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(invocationType) else {
            throw Failure(
                error: Self.invalidParameter,
                cause: "1 validation error detected: Value '\(invocationType)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]")
        }
        let logType = try string("LogType") ?? "None"
        guard logType == "None" || logType == "Tail" else {
            throw Failure(
                error: Self.invalidParameter,
                cause: "1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]")
        }
        let clientContext = try string("ClientContext")
        if let clientContext, Data(base64Encoded: clientContext) == nil {
            throw Failure(error: Self.invalidParameter, cause: "Client context must be a valid Base64-encoded JSON object.")
        }
        // The optimized integration sends the payload as JSON; the SDK integration's blob is text already.
        var payload: [UInt8] = []
        if let value = object["Payload"] {
            if sdk, case .string(let text) = value { payload = Array(text.utf8) } else { payload = Array(value.serialized().utf8) }
        }
        let result = try await invoke(name: name, payload: payload, invocationType: invocationType, clientContext: clientContext, logTail: logType == "Tail", sdk: sdk)
        if !sdk, let error = result.functionError { throw Self.failure(functionError: error, payload: result.payload) }

        var output = JSONObject()
        if invocationType == "RequestResponse" { output.append("ExecutedVersion", .string(name.executedVersion)) }
        if sdk, let error = result.functionError { output.append("FunctionError", .string(error)) }
        if let log = result.logResult { output.append("LogResult", .string(log)) }
        if sdk {
            output.append("Payload", .string(String(decoding: result.payload, as: UTF8.self)))
        } else {
            // Event and DryRun answers carry no payload; a function that returned nothing gives null.
            output.append("Payload", invocationType == "RequestResponse" ? Self.parsePayload(result.payload) : .string(""))
            output.append("SdkHttpMetadata", Self.httpMetadata(result, executedVersion: invocationType == "RequestResponse" ? name.executedVersion : nil))
            output.append("SdkResponseMetadata", .object(["RequestId": .string(result.requestId)]))
        }
        output.append("StatusCode", .int(result.statusCode))
        return .object(output)
    }

    /// What one invocation gave back, as Lambda's Invoke response carries it.
    struct InvocationResult {
        var statusCode: Int
        var payload: [UInt8]
        /// `Unhandled` (or the value a URL function gave) when the function failed.
        var functionError: String?
        var logResult: String?
        var requestId: String
    }

    /// Finds the function, then runs it (or, for events and dry runs, queues it or only checks it).
    func invoke(
        name: LambdaFunctionName, payload: [UInt8], invocationType: String, clientContext: String? = nil, logTail: Bool = false, sdk: Bool = false
    ) async throws(Failure) -> InvocationResult {
        let requestId = UUID().uuidString.lowercased()
        guard let function = functions.definition(for: name) else {
            let message = "Function not found: \(name.arn(defaultRegion: region, defaultAccount: account))"
            throw Failure(
                error: Self.resourceNotFound,
                cause: sdk
                    ? "\(message) (Service: Lambda, Status Code: 404, Request ID: \(requestId))"
                    : "\(message) (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: \(requestId); Proxy: null)")
        }
        let limit = invocationType == "Event" ? Self.eventPayloadLimit : Self.syncPayloadLimit
        guard payload.count <= limit else {
            throw Failure(
                error: Self.requestTooLarge,
                cause: "Request must be smaller than \(limit) bytes for the \(invocationType == "Event" ? "InvokeAsync" : "InvokeFunction") operation")
        }
        if !payload.isEmpty, (try? JSONValue(parsing: payload)) == nil {
            throw Failure(error: "Lambda.InvalidRequestContentException", cause: "Could not parse request body into json: the payload is not JSON")
        }
        switch invocationType {
        case "DryRun":
            return InvocationResult(statusCode: 204, payload: [], requestId: requestId)
        case "Event":
            eventSink.yield(EventInvocation(function: function, name: name, payload: payload, clientContext: clientContext))
            return InvocationResult(statusCode: 202, payload: [], requestId: requestId)
        default:
            return try await execute(
                function, name: name, payload: payload, clientContext: clientContext, invocationType: invocationType, logTail: logTail, requestId: requestId)
        }
    }

    /// Runs the function and waits for its result.
    func execute(
        _ function: LambdaFunctionDefinition, name: LambdaFunctionName, payload: [UInt8], clientContext: String?, invocationType: String, logTail: Bool,
        requestId: String
    ) async throws(Failure) -> InvocationResult {
        let timeout = Duration.milliseconds(Int64(function.timeoutSeconds * 1000))
        // Lambda reports a timeout without an error type, so Step Functions calls it Lambda.Unknown.
        let timedOutPayload = Array(
            JSONValue.object([
                "errorMessage": .string(
                    "\(ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])) \(requestId) Task timed out after \(String(format: "%.2f", function.timeoutSeconds)) seconds")
            ]).serialized().utf8)
        switch function.target {
        case .url(let url):
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Amz-Invocation-Type", value: invocationType)
            request.headers.add(name: "Lambda-Runtime-Aws-Request-Id", value: requestId)
            if let clientContext { request.headers.add(name: "X-Amz-Client-Context", value: clientContext) }
            if logTail { request.headers.add(name: "X-Amz-Log-Type", value: "Tail") }
            request.body = .bytes(ByteBuffer(bytes: payload))
            let reply: HTTPReply
            do throws(HTTPExchangeError) {
                reply = try await HTTPExchange.send(request, on: client, timeout: timeout, maxBodyBytes: Self.syncPayloadLimit + 1)
            } catch {
                switch error {
                case .timedOut: return InvocationResult(statusCode: 200, payload: timedOutPayload, functionError: "Unhandled", requestId: requestId)
                case .cancelled: throw Failure(error: StatesErrorName.taskFailed, cause: "The invocation of \(function.name) was cancelled.")
                case .tooLarge: return Self.responseTooLarge(requestId)
                case .failed(let reason):
                    throw Failure(error: Self.serviceException, cause: "The function \(function.name) at \(HTTPExchange.redacted(url)) could not be reached: \(reason)")
                }
            }
            let failed = reply.header("X-Amz-Function-Error") ?? ((200..<300).contains(reply.status) ? nil : "Unhandled")
            return InvocationResult(statusCode: 200, payload: reply.body, functionError: failed, logResult: reply.header("X-Amz-Log-Result"), requestId: requestId)

        case .command(let arguments, let directory, let configured):
            var environment = configured
            environment["AWS_LAMBDA_FUNCTION_NAME"] = name.name
            environment["AWS_LAMBDA_FUNCTION_VERSION"] = name.executedVersion
            environment["AWS_REQUEST_ID"] = requestId
            if let clientContext { environment["AWS_LAMBDA_CLIENT_CONTEXT"] = clientContext }
            let outcome: LambdaCommandOutcome
            do throws(LambdaCommand.LaunchError) {
                outcome = try await LambdaCommand.run(
                    arguments: arguments, workingDirectory: directory, environment: environment, input: payload, timeout: timeout,
                    maxOutputBytes: Self.syncPayloadLimit)
            } catch {
                let message = JSONValue.object(["errorMessage": .string("The command of \(function.name) could not start: \(error.reason)")])
                return InvocationResult(statusCode: 200, payload: Array(message.serialized().utf8), functionError: "Unhandled", requestId: requestId)
            }
            if outcome.cancelled { throw Failure(error: StatesErrorName.taskFailed, cause: "The invocation of \(function.name) was cancelled.") }
            let log = logTail ? HTTPExchange.base64(outcome.stderrTail) : nil
            if outcome.timedOut {
                return InvocationResult(statusCode: 200, payload: timedOutPayload, functionError: "Unhandled", logResult: log, requestId: requestId)
            }
            if outcome.stdoutTooLarge { return Self.responseTooLarge(requestId) }
            if outcome.exitStatus == 0 { return InvocationResult(statusCode: 200, payload: outcome.stdout, logResult: log, requestId: requestId) }
            if let payload = try? JSONValue(parsing: outcome.stdout), payload["errorType"]?.stringValue != nil {
                return InvocationResult(statusCode: 200, payload: outcome.stdout, functionError: "Unhandled", logResult: log, requestId: requestId)
            }
            let stderr = String(decoding: outcome.stderrTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let how = outcome.exitStatus.map { "exited with status \($0)" } ?? "was killed by signal \(outcome.signal ?? 0)"
            let message = JSONValue.object(["errorMessage": .string("RequestId: \(requestId) Error: the command \(how)" + (stderr.isEmpty ? "" : ": " + stderr))])
            return InvocationResult(statusCode: 200, payload: Array(message.serialized().utf8), functionError: "Unhandled", logResult: log, requestId: requestId)
        }
    }

    static func responseTooLarge(_ requestId: String) -> InvocationResult {
        let payload = JSONValue.object([
            "errorMessage": .string("Response payload size exceeded maximum allowed payload size (\(syncPayloadLimit) bytes)."),
            "errorType": "Function.ResponseSizeTooLarge",
        ])
        return InvocationResult(statusCode: 200, payload: Array(payload.serialized().utf8), functionError: "Unhandled", requestId: requestId)
    }

    /// The task failure for a function error: the payload's `errorType`, or `Lambda.Unknown`.
    static func failure(functionError: String, payload: [UInt8]) -> Failure {
        let text = String(decoding: payload, as: UTF8.self)
        if let type = (try? JSONValue(parsing: payload))?["errorType"]?.stringValue, !type.isEmpty {
            return Failure(error: type, cause: text)
        }
        return Failure(error: unknownError, cause: "The cause could not be determined because Lambda did not return an error type. Returned payload: \(text)")
    }

    /// The payload as JSON, or as text when it is not JSON.
    static func parsePayload(_ payload: [UInt8]) -> JSONValue {
        if payload.isEmpty { return .null }
        return (try? JSONValue(parsing: payload)) ?? .string(String(decoding: payload, as: UTF8.self))
    }

    /// `SdkHttpMetadata` as the optimized integration reports Lambda's HTTP response.
    static func httpMetadata(_ result: InvocationResult, executedVersion: String?) -> JSONValue {
        var headers: [(String, String)] = [
            ("Connection", "keep-alive"), ("Content-Length", String(result.payload.count)), ("Content-Type", "application/json"),
            ("Date", Timestamp(seconds: Date().timeIntervalSince1970).httpDate),
        ]
        if let executedVersion { headers.append(("X-Amz-Executed-Version", executedVersion)) }
        if let error = result.functionError { headers.append(("X-Amz-Function-Error", error)) }
        if let log = result.logResult { headers.append(("X-Amz-Log-Result", log)) }
        headers += [("x-amzn-Remapped-Content-Length", "0"), ("x-amzn-RequestId", result.requestId)]
        return .object([
            "AllHttpHeaders": .object(JSONObject(headers.map { ($0.0, JSONValue.array([.string($0.1)])) })),
            "HttpHeaders": .object(JSONObject(headers.map { ($0.0, JSONValue.string($0.1)) })),
            "HttpStatusCode": .int(result.statusCode),
        ])
    }
}
