/// The actions this API serves, named as in `X-Amz-Target: AWSStepFunctions.<Action>`.
package enum Action: String, Sendable, CaseIterable {
    case createStateMachine = "CreateStateMachine"
    case describeStateMachine = "DescribeStateMachine"
    case updateStateMachine = "UpdateStateMachine"
    case deleteStateMachine = "DeleteStateMachine"
    case listStateMachines = "ListStateMachines"
    case describeStateMachineForExecution = "DescribeStateMachineForExecution"
    case validateStateMachineDefinition = "ValidateStateMachineDefinition"
    case startExecution = "StartExecution"
    case startSyncExecution = "StartSyncExecution"
    case stopExecution = "StopExecution"
    case describeExecution = "DescribeExecution"
    case listExecutions = "ListExecutions"
    case getExecutionHistory = "GetExecutionHistory"
    case createActivity = "CreateActivity"
    case deleteActivity = "DeleteActivity"
    case describeActivity = "DescribeActivity"
    case listActivities = "ListActivities"
    case getActivityTask = "GetActivityTask"
    case sendTaskSuccess = "SendTaskSuccess"
    case sendTaskFailure = "SendTaskFailure"
    case sendTaskHeartbeat = "SendTaskHeartbeat"
    case tagResource = "TagResource"
    case untagResource = "UntagResource"
    case listTagsForResource = "ListTagsForResource"

    /// The service's target prefix (`targetPrefix` in the service model).
    package static let targetPrefix = "AWSStepFunctions."

    /// The action an `X-Amz-Target` header names; anything else (missing header, another service,
    /// an action not served) is UnknownOperationException.
    package init(target: String?) throws(APIError) {
        guard let target, target.hasPrefix(Self.targetPrefix),
            let action = Action(rawValue: String(target.dropFirst(Self.targetPrefix.count)))
        else { throw .unknownOperation(target) }
        self = action
    }

    package var target: String { Self.targetPrefix + rawValue }
}
