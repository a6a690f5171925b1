/// What serves the API: one method per action, given a request already decoded and checked by
/// this layer (member types, model constraints, ARN syntax, name characters, payload JSON, and for
/// CreateStateMachine the definition), returning the response or throwing an `APIError`.
///
/// What is left to the backend is what needs state: existence (StateMachineDoesNotExist, ...),
/// idempotency and conflicts (ExecutionAlreadyExists, StateMachineAlreadyExists), tokens
/// (TaskDoesNotExist, TaskTimedOut, InvalidToken via `Page`/`PageToken`), tag quotas
/// (TooManyTags), and validating UpdateStateMachine's definition against the stored machine's
/// type (`DefinitionCheck.validate`).
package protocol StepFunctionsBackend: Sendable {
    // State machines
    func createStateMachine(_ request: CreateStateMachineInput) async throws(APIError) -> CreateStateMachineOutput
    func describeStateMachine(_ request: DescribeStateMachineInput) async throws(APIError) -> DescribeStateMachineOutput
    func updateStateMachine(_ request: UpdateStateMachineInput) async throws(APIError) -> UpdateStateMachineOutput
    func deleteStateMachine(_ request: DeleteStateMachineInput) async throws(APIError) -> EmptyOutput
    func listStateMachines(_ request: ListStateMachinesInput) async throws(APIError) -> ListStateMachinesOutput
    func describeStateMachineForExecution(
        _ request: DescribeStateMachineForExecutionInput
    ) async throws(APIError) -> DescribeStateMachineForExecutionOutput
    func validateStateMachineDefinition(
        _ request: ValidateStateMachineDefinitionInput
    ) async throws(APIError) -> ValidateStateMachineDefinitionOutput

    // Executions
    func startExecution(_ request: StartExecutionInput) async throws(APIError) -> StartExecutionOutput
    func startSyncExecution(_ request: StartSyncExecutionInput) async throws(APIError) -> StartSyncExecutionOutput
    func stopExecution(_ request: StopExecutionInput) async throws(APIError) -> StopExecutionOutput
    func describeExecution(_ request: DescribeExecutionInput) async throws(APIError) -> DescribeExecutionOutput
    func listExecutions(_ request: ListExecutionsInput) async throws(APIError) -> ListExecutionsOutput
    func getExecutionHistory(_ request: GetExecutionHistoryInput) async throws(APIError) -> GetExecutionHistoryOutput

    // Activities and task tokens
    func createActivity(_ request: CreateActivityInput) async throws(APIError) -> CreateActivityOutput
    func deleteActivity(_ request: DeleteActivityInput) async throws(APIError) -> EmptyOutput
    func describeActivity(_ request: DescribeActivityInput) async throws(APIError) -> DescribeActivityOutput
    func listActivities(_ request: ListActivitiesInput) async throws(APIError) -> ListActivitiesOutput
    /// May wait (AWS holds the poll up to 60 seconds); returns `.noTask` when none came.
    func getActivityTask(_ request: GetActivityTaskInput) async throws(APIError) -> GetActivityTaskOutput
    func sendTaskSuccess(_ request: SendTaskSuccessInput) async throws(APIError) -> EmptyOutput
    func sendTaskFailure(_ request: SendTaskFailureInput) async throws(APIError) -> EmptyOutput
    func sendTaskHeartbeat(_ request: SendTaskHeartbeatInput) async throws(APIError) -> EmptyOutput

    // Tags
    func tagResource(_ request: TagResourceInput) async throws(APIError) -> EmptyOutput
    func untagResource(_ request: UntagResourceInput) async throws(APIError) -> EmptyOutput
    func listTagsForResource(_ request: ListTagsForResourceInput) async throws(APIError) -> ListTagsForResourceOutput
}

extension StepFunctionsBackend {
    /// Answered from the definition alone, so no backend has to implement it.
    package func validateStateMachineDefinition(
        _ request: ValidateStateMachineDefinitionInput
    ) async throws(APIError) -> ValidateStateMachineDefinitionOutput {
        ValidateStateMachineDefinitionOutput(validating: request)
    }
}
