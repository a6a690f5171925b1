import JSONValue

/// One entry of an execution's history, with AWS's event type, ids and details.
package struct HistoryEvent: Sendable, Equatable {
    package var id: Int
    package var previousEventId: Int
    package var timestamp: Timestamp
    package var type: HistoryEventType
    package var details: HistoryEventDetails

    package init(id: Int, previousEventId: Int, timestamp: Timestamp, type: HistoryEventType, details: consuming HistoryEventDetails) {
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }
}

/// AWS's history event types.
package enum HistoryEventType: String, Sendable, CaseIterable {
    case executionStarted = "ExecutionStarted"
    case executionSucceeded = "ExecutionSucceeded"
    case executionFailed = "ExecutionFailed"
    case executionAborted = "ExecutionAborted"
    case executionTimedOut = "ExecutionTimedOut"
    case passStateEntered = "PassStateEntered"
    case passStateExited = "PassStateExited"
    case choiceStateEntered = "ChoiceStateEntered"
    case choiceStateExited = "ChoiceStateExited"
    case waitStateEntered = "WaitStateEntered"
    case waitStateExited = "WaitStateExited"
    case waitStateAborted = "WaitStateAborted"
    case succeedStateEntered = "SucceedStateEntered"
    case succeedStateExited = "SucceedStateExited"
    case failStateEntered = "FailStateEntered"
    case taskStateEntered = "TaskStateEntered"
    case taskStateExited = "TaskStateExited"
    case taskStateAborted = "TaskStateAborted"
    case parallelStateEntered = "ParallelStateEntered"
    case parallelStateExited = "ParallelStateExited"
    case parallelStateStarted = "ParallelStateStarted"
    case parallelStateSucceeded = "ParallelStateSucceeded"
    case parallelStateFailed = "ParallelStateFailed"
    case parallelStateAborted = "ParallelStateAborted"
    case mapStateEntered = "MapStateEntered"
    case mapStateExited = "MapStateExited"
    case mapStateStarted = "MapStateStarted"
    case mapStateSucceeded = "MapStateSucceeded"
    case mapStateFailed = "MapStateFailed"
    case mapStateAborted = "MapStateAborted"
    case mapIterationStarted = "MapIterationStarted"
    case mapIterationSucceeded = "MapIterationSucceeded"
    case mapIterationFailed = "MapIterationFailed"
    case mapIterationAborted = "MapIterationAborted"
    case mapRunStarted = "MapRunStarted"
    case mapRunSucceeded = "MapRunSucceeded"
    case mapRunFailed = "MapRunFailed"
    case mapRunAborted = "MapRunAborted"
    case taskScheduled = "TaskScheduled"
    case taskStartFailed = "TaskStartFailed"
    case taskStarted = "TaskStarted"
    case taskSubmitFailed = "TaskSubmitFailed"
    case taskSubmitted = "TaskSubmitted"
    case taskSucceeded = "TaskSucceeded"
    case taskFailed = "TaskFailed"
    case taskTimedOut = "TaskTimedOut"
    case activityScheduled = "ActivityScheduled"
    case activityScheduleFailed = "ActivityScheduleFailed"
    case activityStarted = "ActivityStarted"
    case activitySucceeded = "ActivitySucceeded"
    case activityFailed = "ActivityFailed"
    case activityTimedOut = "ActivityTimedOut"
    case lambdaFunctionScheduled = "LambdaFunctionScheduled"
    case lambdaFunctionScheduleFailed = "LambdaFunctionScheduleFailed"
    case lambdaFunctionStarted = "LambdaFunctionStarted"
    case lambdaFunctionStartFailed = "LambdaFunctionStartFailed"
    case lambdaFunctionSucceeded = "LambdaFunctionSucceeded"
    case lambdaFunctionFailed = "LambdaFunctionFailed"
    case lambdaFunctionTimedOut = "LambdaFunctionTimedOut"
    case evaluationFailed = "EvaluationFailed"
}

/// The details of a history event, in typed form (printed with AWS's member names by `detailsMember`).
package enum HistoryEventDetails: Sendable, Equatable {
    case none
    case executionStarted(input: JSONValue, roleArn: String)
    case executionSucceeded(output: JSONValue)
    /// ExecutionFailed/Aborted/TimedOut, MapRunFailed, ActivityFailed/TimedOut, LambdaFunctionFailed/TimedOut ...
    case failure(error: String?, cause: String?)
    case stateEntered(name: String, input: JSONValue)
    case stateExited(name: String, output: JSONValue, assignedVariables: JSONObject?)
    case mapStateStarted(length: Int)
    case mapIteration(name: String, index: Int)
    case mapRunStarted(mapRunArn: String)
    case taskScheduled(
        resourceType: String, resource: String, region: String, parameters: JSONValue, timeoutInSeconds: Int?,
        heartbeatInSeconds: Int?)
    case taskStarted(resourceType: String, resource: String)
    case taskSubmitted(resourceType: String, resource: String, output: JSONValue)
    case taskSucceeded(resourceType: String, resource: String, output: JSONValue)
    /// TaskFailed, TaskTimedOut, TaskStartFailed, TaskSubmitFailed.
    case taskFailure(resourceType: String, resource: String, error: String?, cause: String?)
    case activityScheduled(resource: String, input: JSONValue, timeoutInSeconds: Int?, heartbeatInSeconds: Int?)
    case activityStarted(workerName: String?)
    case lambdaFunctionScheduled(resource: String, input: JSONValue, timeoutInSeconds: Int?)
    /// ActivitySucceeded, LambdaFunctionSucceeded.
    case output(JSONValue)
    /// A JSONata expression of `state` failed at `location` (the field).
    case evaluationFailed(error: String, cause: String?, location: String, state: String)
}
