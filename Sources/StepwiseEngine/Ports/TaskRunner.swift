import JSONValue
import StatesLanguage

/// How a task ended, as its runner reports it.
package enum TaskOutcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(error: String?, cause: String?)
}

/// Runs Task states' work (activities, containers, HTTP, mocks, ...). Implementations must
/// return promptly when the calling task is cancelled (a timeout or a stopped execution).
package protocol TaskRunner: Sendable {
    func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome
}

/// Facts about the execution a task belongs to.
package struct TaskRunContext: Sendable {
    package var executionArn: String
    package var stateMachineName: String
    package init(executionArn: String, stateMachineName: String) {
        self.executionArn = executionArn
        self.stateMachineName = stateMachineName
    }
}
