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
    /// Told once the task's end is durable: its result is committed, or the step that cancelled it
    /// is. From then on no relaunch after a restart will run it again, so the runner may release
    /// what it kept for one (a container task's exited containers).
    func taskEnded(_ request: TaskRequest, executionArn: String)
}

extension TaskRunner {
    /// Most runners keep nothing for a relaunch.
    package func taskEnded(_ request: TaskRequest, executionArn: String) {}
}

/// A task an engine relaunched when it resumed an execution after a restart.
package struct RecoveredTask: Sendable, Equatable {
    package var executionArn: String
    package var request: TaskRequest

    package init(executionArn: String, request: TaskRequest) {
        self.executionArn = executionArn
        self.request = request
    }
}

/// Facts about the execution a task belongs to, and how the runner reports progress to it.
package struct TaskRunContext: Sendable {
    package var executionArn: String
    package var stateMachineName: String
    /// True when this run is a relaunch, after a restart or a store failure, of a task that may have
    /// run before: whatever it started then may exist already (a child execution, a container).
    package var relaunched: Bool
    /// True when this run is a relaunch after a restart whose `TaskSubmitted` is already recorded,
    /// so the runner re-attaches to the work without reporting the submission again.
    package var alreadySubmitted: Bool
    /// The mock test case the execution runs under (see `ExecutionRecord.mockTestCase`).
    package var mockTestCase: String?
    /// Records `TaskSubmitted` with the given output (a `.sync` or `.waitForTaskToken` integration
    /// reports the service's first answer this way), and returns once it is durable.
    package var submit: @Sendable (JSONValue) async -> Void

    package init(
        executionArn: String, stateMachineName: String, relaunched: Bool = false, alreadySubmitted: Bool = false, mockTestCase: String? = nil,
        submit: @escaping @Sendable (JSONValue) async -> Void = { _ in }
    ) {
        self.executionArn = executionArn
        self.stateMachineName = stateMachineName
        self.relaunched = relaunched || alreadySubmitted
        self.alreadySubmitted = alreadySubmitted
        self.mockTestCase = mockTestCase
        self.submit = submit
    }
}
