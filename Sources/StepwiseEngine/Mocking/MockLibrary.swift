import JSONValue
import StatesLanguage
import Synchronization

/// A deployment's mock configuration in AWS Step Functions Local's format: test cases of state
/// machines, each mapping state names to mocked responses. Executions pick a test case when they start.
package final class MockLibrary: Sendable {
    package let document: JSONValue
    private let resolved = Mutex<[String: [String: MockedResponse]]>([:])

    /// Checks every test case now, so a broken file is refused at start rather than at the first execution.
    package init(document: JSONValue) throws(MockConfigurationError) {
        guard let root = document.objectValue, root["StateMachines"] != nil else {
            throw MockConfigurationError(
                pointer: "", message: "A mock configuration needs 'StateMachines' and 'MockedResponses', as AWS Step Functions Local's does")
        }
        guard let machines = root["StateMachines"]?.objectValue, !machines.isEmpty else {
            throw MockConfigurationError(pointer: "/StateMachines", message: "'StateMachines' must be a non-empty object")
        }
        self.document = document
        for machine in machines.keys {
            let pointer = "/StateMachines/\(machine.jsonPointerEscaped)/TestCases"
            guard let cases = machines[machine]?["TestCases"]?.objectValue, !cases.isEmpty else {
                throw MockConfigurationError(pointer: pointer, message: "'TestCases' must be a non-empty object")
            }
            for testCase in cases.keys { _ = try responses(stateMachine: machine, testCase: testCase) }
        }
    }

    /// The mocked responses of one test case, by state name.
    package func responses(stateMachine: String, testCase: String) throws(MockConfigurationError) -> [String: MockedResponse] {
        let key = stateMachine + "#" + testCase
        if let hit = resolved.withLock({ $0[key] }) { return hit }
        let responses = try MockConfiguration.awsForm(document.objectValue ?? JSONObject(), stateMachine: stateMachine, testCase: testCase)
        resolved.withLock { $0[key] = responses }
        return responses
    }
}

/// Answers the Task states that an execution's mock test case mocks; everything else (and every
/// execution started without a test case) goes to `other`. An execution whose test case the
/// deployment no longer has (restarted with another mock configuration, or none) fails its Task
/// states rather than calling real services.
///
/// The response is the one for the task's invocation number (the state's earlier tasks in the
/// execution, retries and loops included), as Step Functions Local counts; the interpreter numbers
/// them, so an execution resumed after a restart goes on with the same numbers.
package struct MockedExecutionsRunner: TaskRunner {
    package let library: MockLibrary?
    package let other: any TaskRunner

    package init(library: MockLibrary?, other: any TaskRunner) {
        self.library = library
        self.other = other
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let testCase = context.mockTestCase else { return await other.run(request, context: context) }
        let responses: [String: MockedResponse]
        do {
            guard let library else {
                throw MockConfigurationError(pointer: "", message: "this Stepwise deployment has no mock configuration")
            }
            responses = try library.responses(stateMachine: context.stateMachineName, testCase: testCase)
        } catch {
            return .failed(
                error: StatesErrorName.taskFailed,
                cause: "The execution runs under the mock test case '\(testCase)' of '\(context.stateMachineName)', which cannot be used: \(error)")
        }
        guard let response = responses[request.stateName] else { return await other.run(request, context: context) }
        return response.outcome(forInvocation: request.invocation)
    }

    package func taskEnded(_ request: TaskRequest, executionArn: String) {
        other.taskEnded(request, executionArn: executionArn)
    }
}
