import StatesLanguage
import StepwiseEngine

/// Sends each Task state's resource to the first integration that serves it, and runs the
/// `.waitForTaskToken` pattern around integrations that only make the call: the token is made
/// answerable before the call hands it out, the call's response is recorded as TaskSubmitted, and the
/// task ends with what SendTaskSuccess / SendTaskFailure send (HeartbeatSeconds restarts with
/// SendTaskHeartbeat). A resource no integration serves fails with a message saying what is missing.
package struct IntegrationRoutingRunner: TaskRunner {
    package let integrations: [any ServiceIntegration]
    package let callbacks: CallbackTaskRegistry
    /// Whether this deployment runs containers (for the message of an ECS task it cannot run).
    let hasContainerRuntime: Bool

    package init(integrations: [any ServiceIntegration], callbacks: CallbackTaskRegistry, hasContainerRuntime: Bool = true) {
        self.integrations = integrations
        self.callbacks = callbacks
        self.hasContainerRuntime = hasContainerRuntime
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let integration = integrations.first(where: { $0.serves(request.resource) }) else { return unavailable(request) }
        guard request.resource.pattern == .waitForTaskToken, !integration.handlesCallbacks else {
            return await integration.run(request, context: context)
        }
        return await runWithCallback(request, context: context, integration: integration)
    }

    func runWithCallback(_ request: TaskRequest, context: TaskRunContext, integration: any ServiceIntegration) async -> TaskOutcome {
        guard let token = request.taskToken else {
            return .failed(error: StatesErrorName.taskFailed, cause: "The state '\(request.stateName)' waits for a task token but has none.")
        }
        let generation = callbacks.register(token: token, executionArn: context.executionArn, taskId: request.taskId)
        // A relaunch after a restart whose call is recorded does not call again: the token is out already.
        if !context.alreadySubmitted {
            switch await integration.run(request, context: context) {
            case .failed(let error, let cause):
                callbacks.withdraw(token: token, generation: generation)
                return .failed(error: error, cause: cause)
            case .succeeded(let response):
                await context.submit(response)
            }
        }
        guard let answer = await callbacks.waitForAnswer(token: token) else {
            // A relaunch of this task may hold the token now: withdraw only this run's registration.
            callbacks.withdraw(token: token, generation: generation)
            return .failed(error: StatesErrorName.taskFailed, cause: "The state '\(request.stateName)' stopped waiting for its task token.")
        }
        return answer
    }

    func unavailable(_ request: TaskRequest) -> TaskOutcome {
        if ContainerTaskRunner.servesResource(request.resource), !hasContainerRuntime {
            return .failed(
                error: StatesErrorName.taskFailed,
                cause: "The state '\(request.stateName)' runs the container task '\(request.resource.arn)', but this Stepwise deployment has no container runtime: start it with --container-runtime docker or --container-runtime process.")
        }
        return .failed(
            error: StatesErrorName.taskFailed,
            cause: "No integration of this Stepwise deployment serves the resource '\(request.resource.arn)' of state '\(request.stateName)'; see the integration configuration (stepwise serve --config).")
    }

    package func taskEnded(_ request: TaskRequest, executionArn: String) {
        integrations.first { $0.serves(request.resource) }?.taskEnded(request, executionArn: executionArn)
    }
}
