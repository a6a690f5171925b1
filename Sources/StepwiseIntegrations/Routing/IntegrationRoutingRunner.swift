import StatesLanguage
import StepwiseEngine

/// Sends each service integration to the runner that serves it: `ecs:runTask*` to the container
/// runner when one is configured, everything else to `other`. A deployment without a container
/// runtime fails ECS tasks with a message saying so (never silently).
package struct IntegrationRoutingRunner: TaskRunner {
    package let containers: ContainerTaskRunner?
    package let other: any TaskRunner

    package init(containers: ContainerTaskRunner?, other: any TaskRunner = UnavailableIntegrationRunner()) {
        self.containers = containers
        self.other = other
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard ContainerTaskRunner.serves(request.resource) else { return await other.run(request, context: context) }
        guard let containers else {
            return .failed(
                error: StatesErrorName.taskFailed,
                cause: "The state '\(request.stateName)' runs the container task '\(request.resource.arn)', but this Stepwise deployment has no container runtime: start it with --container-runtime docker or --container-runtime process.")
        }
        return await containers.run(request, context: context)
    }

    package func taskEnded(_ request: TaskRequest, executionArn: String) {
        guard ContainerTaskRunner.serves(request.resource) else { return other.taskEnded(request, executionArn: executionArn) }
        containers?.taskEnded(request, executionArn: executionArn)
    }
}
