import JSONValue
import StatesLanguage
import StepwiseEngine
import Synchronization

/// `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`, `.waitForTaskToken`):
/// child executions on this same server.
///
/// - request-response answers StartExecution's response; the child runs on by itself.
/// - `.sync` and `.sync:2` record that response as TaskSubmitted, wait for the child's end and answer
///   its description (input and output as JSON text with `.sync`, as JSON with `.sync:2`); a child
///   that fails, times out or is aborted fails the task with States.TaskFailed and the description
///   as the cause. A run cancelled by the parent (stopped, timed out, caught) stops the child; a run
///   cancelled because the server shuts down (`detach()`) leaves it to the relaunch after the restart.
/// - `.waitForTaskToken` starts the child; `IntegrationRoutingRunner` waits for the token's answer.
///
/// A child started without `Name` is named from the parent's execution, task and attempt, so a task
/// relaunched after a crash finds the child it started instead of starting a second one.
package final class StartExecutionIntegration: ServiceIntegration {
    private let host = Mutex<(any ChildExecutionHost)?>(nil)
    private let detaching = Atomic<Bool>(false)

    package init() {}

    /// Sets the host that starts children (the backend, which is made after its runners).
    package func attach(_ host: any ChildExecutionHost) { self.host.withLock { $0 = host } }

    /// Called before the engine shuts down: the children of the runs it cancels keep running.
    package func detach() { detaching.store(true, ordering: .sequentiallyConsistent) }

    package func serves(_ resource: TaskResource) -> Bool {
        guard case .service(let type, let action) = resource.kind, type == "states" else { return false }
        return ["startExecution", "startExecution.sync", "startExecution.sync:2", "startExecution.waitForTaskToken"].contains(action)
    }

    static let knownParameters: Set<String> = ["StateMachineArn", "Input", "Name", "TraceHeader"]

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let host = host.withLock({ $0 }) else {
            return .failed(error: StatesErrorName.taskFailed, cause: "Child executions are not available in this Stepwise deployment.")
        }
        let arn: String
        let name: String
        let input: JSONValue
        do {
            (arn, name, input) = try parameters(request, parentArn: context.executionArn)
        } catch {
            return .failed(error: error.code, cause: error.message)
        }
        let child: ChildExecution
        do {
            child = try await host.startChild(stateMachineArn: arn, name: name, input: input, relaunched: context.relaunched)
        } catch {
            return .failed(error: Self.errorName(error.code), cause: error.message)
        }
        var started = JSONObject()
        started.append("ExecutionArn", .string(child.executionArn))
        started.append("StartDate", Self.millis(child.startDate))
        let pattern = request.resource.pattern
        guard pattern == .sync || pattern == .sync2 else { return .succeeded(.object(started)) }

        if !context.alreadySubmitted { await context.submit(.object(started)) }
        guard let ended = await host.waitForChild(child.executionArn) else {
            if !detaching.load(ordering: .sequentiallyConsistent) {
                await withTaskCancellationShielded {
                    await host.stopChild(
                        child.executionArn, error: nil, cause: "The parent execution \(context.executionArn) stopped the state '\(request.stateName)'.")
                }
            }
            return .failed(error: StatesErrorName.taskFailed, cause: "The state '\(request.stateName)' stopped waiting for \(child.executionArn).")
        }
        let description = Self.description(ended, asJSON: pattern == .sync2)
        guard ended.status == .succeeded else { return .failed(error: StatesErrorName.taskFailed, cause: description.serialized()) }
        return .succeeded(description)
    }

    func parameters(_ request: TaskRequest, parentArn: String) throws(ChildExecutionError) -> (String, String, JSONValue) {
        guard let o = request.parameters.objectValue else {
            throw Self.unusable("Parameters must be an object with StateMachineArn, not \(request.parameters.typeName)")
        }
        for key in o.keys where !Self.knownParameters.contains(key) {
            throw Self.unusable("The field \"\(key)\" is not supported by Step Functions")
        }
        guard let arn = o["StateMachineArn"]?.stringValue, !arn.isEmpty else {
            throw Self.unusable("StateMachineArn is required: the ARN of the state machine to start")
        }
        let input: JSONValue
        switch o["Input"] {
        case nil: input = .object(JSONObject())
        case .string(let text)?:
            do {
                input = try JSONValue(parsing: text)
            } catch {
                throw ChildExecutionError(
                    code: Self.errorName("InvalidExecutionInput"), message: "Invalid State Machine Execution Input: 'Input' is not valid JSON text: \(error)")
            }
        case let value?: input = value
        }
        let name: String
        if let given = o["Name"] {
            guard let text = given.stringValue else { throw Self.unusable("Name must be a string, not \(given.typeName)") }
            name = text
        } else {
            name = Self.childName(parentArn: parentArn, taskId: request.taskId, attempt: request.attempt)
        }
        return (arn, name, input)
    }

    /// The error a state fails with when StartExecution refuses: `StepFunctions.<Code>Exception`, as
    /// the AWS SDK names Step Functions' errors.
    static func errorName(_ code: String) -> String {
        "StepFunctions." + (code.hasSuffix("Exception") ? code : code + "Exception")
    }

    /// Parameters that cannot make a StartExecution call, worded as AWS words them (`States.Runtime`).
    static func unusable(_ reason: String) -> ChildExecutionError {
        ChildExecutionError(code: StatesErrorName.runtime, message: "The Parameters could not be used to start the Task: [\(reason)]")
    }

    /// A UUID-shaped name that the same task attempt always derives again.
    package static func childName(parentArn: String, taskId: Int, attempt: Int) -> String {
        let digest = SHA256.hash(Array("\(parentArn)\n\(taskId)\n\(attempt)".utf8))
        let hex = digest.prefix(16).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }

    static func millis(_ t: Timestamp) -> JSONValue { .number(JSONNumber(t.nanoseconds / 1_000_000)) }

    /// DescribeExecution's response as the `.sync` integrations answer it (PascalCase, dates in epoch milliseconds).
    static func description(_ e: ChildExecution, asJSON: Bool) -> JSONValue {
        func payload(_ value: JSONValue) -> JSONValue { asJSON ? value : .string(value.serialized()) }
        var o = JSONObject()
        o.append("ExecutionArn", .string(e.executionArn))
        o.append("Input", payload(e.input))
        o.append("InputDetails", ["Included": true])
        o.append("Name", .string(e.name))
        if e.status == .succeeded, let output = e.output {
            o.append("Output", payload(output))
            o.append("OutputDetails", ["Included": true])
        }
        if let error = e.error { o.append("Error", .string(error)) }
        if let cause = e.cause { o.append("Cause", .string(cause)) }
        o.append("StartDate", millis(e.startDate))
        o.append("StateMachineArn", .string(e.stateMachineArn))
        o.append("Status", .string(e.status.rawValue))
        if let stop = e.stopDate { o.append("StopDate", millis(stop)) }
        return .object(o)
    }
}
