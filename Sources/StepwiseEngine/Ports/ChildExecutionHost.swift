import JSONValue
import StatesLanguage

/// An execution a Task state started (`states:startExecution`), as the parent sees it.
package struct ChildExecution: Sendable, Equatable {
    package var executionArn: String
    package var stateMachineArn: String
    package var name: String
    package var status: ExecutionStatus
    package var startDate: Timestamp
    package var stopDate: Timestamp?
    package var input: JSONValue
    package var output: JSONValue?
    package var error: String?
    package var cause: String?

    package init(
        executionArn: String, stateMachineArn: String, name: String, status: ExecutionStatus, startDate: Timestamp,
        stopDate: Timestamp? = nil, input: JSONValue, output: JSONValue? = nil, error: String? = nil, cause: String? = nil
    ) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
    }
}

/// Why a child execution could not start: the Step Functions API error (`code`, e.g.
/// `StateMachineDoesNotExist`) and its message.
package struct ChildExecutionError: Error, Equatable, Sendable {
    package var code: String
    package var message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Starts, watches and stops executions for Task states (implemented by the API's backend, which
/// owns state machines and Express executions).
package protocol ChildExecutionHost: Sendable {
    /// Starts the execution. A `relaunched` task (after a restart) that finds the execution of that
    /// name with the same input answers that one: it started it before.
    func startChild(
        stateMachineArn: String, name: String, input: JSONValue, relaunched: Bool
    ) async throws(ChildExecutionError) -> ChildExecution
    /// The execution once it ended (one that no longer exists ends as failed, saying so); nil when
    /// the calling task is cancelled first.
    func waitForChild(_ executionArn: String) async -> ChildExecution?
    /// Stops a running execution (the parent's task was stopped, timed out or caught).
    func stopChild(_ executionArn: String, error: String?, cause: String?) async
}
