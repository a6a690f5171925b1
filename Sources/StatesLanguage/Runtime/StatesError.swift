/// An ASL runtime error raised while a state runs: the error name a Retry or Catch matches
/// (`States.Runtime`, `States.IntrinsicFailure`, a Fail state's own name) and its cause.
///
/// It is thrown inside the evaluation of one state and turned into history data
/// (a failure event) by the interpreter; it never escapes to callers of the engine.
package struct StatesError: Error, Equatable, Sendable, CustomStringConvertible {
    package var name: String
    package var cause: String?
    /// The field whose JSONata expression failed (`Items`, `Output/total`), recorded in an EvaluationFailed event.
    package var location: String?

    package init(_ name: String, _ cause: String? = nil, location: String? = nil) {
        self.name = name
        self.cause = cause
        self.location = location
    }

    package var description: String { cause.map { "\(name): \($0)" } ?? name }

    /// States.Runtime and States.DataLimitExceeded: States.ALL does not match them, and a Map's
    /// tolerated failures do not cover them.
    package var isTerminal: Bool { name == StatesErrorName.runtime || name == StatesErrorName.dataLimitExceeded }

    /// `States.Runtime` with the given cause.
    package static func runtime(_ cause: String) -> StatesError { StatesError(StatesErrorName.runtime, cause) }

    /// `States.QueryEvaluationError`: a JSONata-mode field could not be evaluated or gave an unusable value.
    package static func queryEvaluation(_ cause: String, location: String) -> StatesError {
        StatesError(StatesErrorName.queryEvaluationError, cause, location: location)
    }
}

/// The predefined error names of the States Language.
package enum StatesErrorName {
    package static let all = "States.ALL"
    package static let heartbeatTimeout = "States.HeartbeatTimeout"
    package static let timeout = "States.Timeout"
    package static let taskFailed = "States.TaskFailed"
    package static let permissions = "States.Permissions"
    package static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    package static let parameterPathFailure = "States.ParameterPathFailure"
    package static let queryEvaluationError = "States.QueryEvaluationError"
    package static let branchFailed = "States.BranchFailed"
    package static let noChoiceMatched = "States.NoChoiceMatched"
    package static let intrinsicFailure = "States.IntrinsicFailure"
    package static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    package static let itemReaderFailed = "States.ItemReaderFailed"
    package static let resultWriterFailed = "States.ResultWriterFailed"
    package static let dataLimitExceeded = "States.DataLimitExceeded"
    package static let runtime = "States.Runtime"
}
