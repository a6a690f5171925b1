import StatesLanguage

/// Fails every task it is given with a message naming the resource: for deployments where no
/// runner is configured for that kind of resource, so such a Task state fails visibly (and its
/// Retry and Catch apply) instead of waiting forever.
package struct UnavailableIntegrationRunner: TaskRunner {
    package init() {}

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        .failed(
            error: StatesErrorName.taskFailed,
            cause: "No task runner is configured for the resource '\(request.resource.arn)' of state '\(request.stateName)' in this Stepwise deployment.")
    }
}
