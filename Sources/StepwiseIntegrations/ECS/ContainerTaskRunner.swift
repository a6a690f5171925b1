import JSONValue
import StatesLanguage
import StepwiseEngine
import Synchronization

/// How container tasks run in one deployment.
package struct ContainerTaskConfiguration: Sendable {
    package var region: String
    package var account: String
    /// Seconds between SIGTERM and SIGKILL when a task is stopped (ECS's stopTimeout default: 30).
    package var stopGracePeriod: Int
    /// Bytes of each output stream kept per container.
    package var logLimitBytes: Int
    /// Given to every container as STEPWISE_ENDPOINT, so it can call the Step Functions API
    /// (SendTaskSuccess, GetActivityTask) of this server.
    package var apiEndpoint: String?

    package init(region: String = "us-east-1", account: String = "123456789012", stopGracePeriod: Int = 30, logLimitBytes: Int = 4096, apiEndpoint: String? = nil) {
        self.region = region
        self.account = account
        self.stopGracePeriod = stopGracePeriod
        self.logLimitBytes = logLimitBytes
        self.apiEndpoint = apiEndpoint
    }
}

/// Runs `arn:aws:states:::ecs:runTask`, `.sync` and `.waitForTaskToken` on a container runtime, with
/// ECS's task definitions, parameters and response shapes.
///
/// - request/response: starts the task and answers RunTask's response; the task runs on by itself
///   and is removed once it exited and its answer is committed (before that, an exited container is
///   what tells a relaunch after a crash that the task ran, so it is never started twice).
/// - `.sync`: records RunTask's response as TaskSubmitted, waits until an essential container exits,
///   stops the others, and answers the stopped task's description (TaskFailed when an essential
///   container exited non-zero, with that description as the cause).
/// - `.waitForTaskToken`: as `.sync`, but the answer is what SendTaskSuccess/Failure sends with the
///   token (given to the containers as STEPWISE_TASK_TOKEN); an essential container exiting non-zero
///   before that fails the task. Once answered, the task runs on until it exits, then is removed.
///
/// A cancelled run (TimeoutSeconds, HeartbeatSeconds, StopExecution, a Catch that moves on) stops and
/// removes the task's containers. A run cancelled because the server shuts down (`detach()`) leaves
/// them running, and the relaunch after the restart finds them again by name.
///
/// Containers whose task is over but which still run (or are not removed yet) are the reaper's:
/// `runReaper()` removes each once its task exited; it runs as long as the server does. What it had
/// not removed at a shutdown or crash is handed to it again at the next start (`retireLeftovers`).

package struct ContainerTaskRunner: ServiceIntegration {
    package let runtime: any ContainerRuntime
    package let definitions: TaskDefinitionStore
    package let callbacks: CallbackTaskRegistry
    package let configuration: ContainerTaskConfiguration
    let clock: any ExecutionClock
    let detaching: Detaching
    /// Names of tasks whose end is durable, for the reaper.
    let retired: AsyncStream<String>
    let retire: AsyncStream<String>.Continuation

    /// Set once by `detach()`; read by every run that ends by cancellation.
    final class Detaching: Sendable {
        let flag = Atomic<Bool>(false)
    }

    package init(
        runtime: any ContainerRuntime, definitions: TaskDefinitionStore, callbacks: CallbackTaskRegistry,
        configuration: ContainerTaskConfiguration = .init(), clock: any ExecutionClock = SystemClock()
    ) {
        self.runtime = runtime
        self.definitions = definitions
        self.callbacks = callbacks
        self.configuration = configuration
        self.clock = clock
        self.detaching = Detaching()
        (retired, retire) = AsyncStream.makeStream(of: String.self)
    }

    /// Called before the engine shuts down: the containers of the runs it cancels keep running.
    package func detach() { detaching.flag.store(true, ordering: .sequentiallyConsistent) }

    package func serves(_ resource: TaskResource) -> Bool { Self.servesResource(resource) }

    /// It registers its task token itself: a container exiting non-zero ends the wait too.
    package var handlesCallbacks: Bool { true }

    /// True for the resources this runner serves.
    package static func servesResource(_ resource: TaskResource) -> Bool {
        guard case .service(let type, let action) = resource.kind, type == "ecs" else { return false }
        return action == "runTask" || action == "runTask.sync" || action == "runTask.waitForTaskToken"
    }

    /// A task prepared to run: its containers and the description of the task they make.
    struct PreparedTask {
        var name: String
        var specs: [ContainerSpec]
        var description: ECSTaskDescription
        var essential: [String]
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard Self.servesResource(request.resource) else {
            return .failed(error: StatesErrorName.taskFailed, cause: "The container runner does not serve the resource '\(request.resource.arn)'.")
        }
        let prepared: PreparedTask
        do {
            prepared = try prepare(request, context: context)
        } catch {
            return .failed(error: error.errorName, cause: error.cause)
        }
        let pattern = request.resource.pattern
        let token = pattern == .waitForTaskToken ? request.taskToken : nil
        let generation = token.map { callbacks.register(token: $0, executionArn: context.executionArn, taskId: request.taskId) }

        // Start the containers (or find them again after a restart).
        var report = prepared.description
        for (index, spec) in prepared.specs.enumerated() {
            do {
                report.containers[index].status = try await runtime.start(spec)
            } catch {
                if Task.isCancelled { return await ended(prepared, token: token, generation: generation) }
                if let token { callbacks.withdraw(token: token, generation: generation) }
                await cleanUp(prepared.specs.prefix(index).map(\.name))
                if case .imageNotFound(let image, let message) = error {
                    report.containers[index].failureReason = "CannotPullContainerError: \(message)"
                    let task = report.json(.stopped(stopCode: "TaskFailedToStart", reason: "CannotPullContainerError: image \(image) is not available to the \(runtime.kind) runtime", at: nowMillis()))
                    return .failed(error: StatesErrorName.taskFailed, cause: task.serialized())
                }
                return .failed(error: StatesErrorName.taskFailed, cause: error.description)
            }
        }
        let submitted = ECSTaskDescription.runTaskResponse(report.json(.submitted))
        // The containers stay after they exit until `taskEnded`: the answer is not durable yet.
        if pattern == .requestResponse { return .succeeded(submitted) }
        if !context.alreadySubmitted { await context.submit(submitted) }

        switch pattern {
        case .waitForTaskToken:
            return await waitForAnswer(prepared, token: token ?? "", generation: generation)
        default:
            let exited = await firstEssentialExit(prepared.essential)
            if Task.isCancelled { return await ended(prepared, token: nil, generation: nil) }
            guard exited != nil else {
                await cleanUp(prepared.specs.map(\.name))
                return .failed(error: StatesErrorName.taskFailed, cause: "The \(runtime.kind) runtime lost track of the task '\(prepared.name)'.")
            }
            return await stopped(prepared)
        }
    }

    // MARK: Preparing

    func prepare(_ request: TaskRequest, context: TaskRunContext) throws(ECSIntegrationError) -> PreparedTask {
        let parameters = try RunTaskParameters.parse(request.parameters)
        let definition: TaskDefinition
        do {
            definition = try definitions.resolve(parameters.taskDefinition)
        } catch {
            throw .client(error.message)
        }
        for override in parameters.containerOverrides where !definition.containers.contains(where: { $0.name == override.name }) {
            throw .invalidParameter("Override for container named \(override.name) is not a container in the TaskDefinition.")
        }
        let name = ContainerNaming.taskName(executionArn: context.executionArn, taskId: request.taskId, attempt: request.attempt)
        let region = configuration.region
        let account = configuration.account
        let clusterArn = "arn:aws:ecs:\(region):\(account):cluster/\(parameters.cluster)"
        let taskArn = "arn:aws:ecs:\(region):\(account):task/\(parameters.cluster)/\(ContainerNaming.taskId(of: name))"
        var specs: [ContainerSpec] = []
        var reports: [ContainerReport] = []
        for container in definition.containers {
            let override = parameters.containerOverrides.first { $0.name == container.name }
            var environment = container.environment
            for (n, v) in override?.environment ?? [] {
                environment.removeAll { $0.name == n }
                environment.append((n, v))
            }
            let runtimeName = ContainerNaming.containerName(task: name, container: container.name)
            environment.append(("STEPWISE_RESULT_FILE", runtime.resultFilePath(for: runtimeName)))
            environment.append(("STEPWISE_EXECUTION_ARN", context.executionArn))
            environment.append(("STEPWISE_TASK_ARN", taskArn))
            if let endpoint = configuration.apiEndpoint { environment.append(("STEPWISE_ENDPOINT", endpoint)) }
            if request.resource.pattern == .waitForTaskToken, let token = request.taskToken {
                environment.append(("STEPWISE_TASK_TOKEN", token))
            }
            let labels = [
                "stepwise.execution-arn": context.executionArn, "stepwise.state": request.stateName, "stepwise.task-arn": taskArn,
                "stepwise.container": container.name, ContainerNaming.essentialLabel: container.essential ? "true" : "false",
            ]
            specs.append(
                ContainerSpec(
                    name: runtimeName, image: container.image, entryPoint: container.entryPoint,
                    command: override?.command ?? container.command, environment: environment, cpu: override?.cpu ?? container.cpu,
                    memoryMiB: override?.memory ?? container.memory, workingDirectory: container.workingDirectory, user: container.user,
                    labels: labels))
            reports.append(ContainerReport(definition: container, runtimeName: runtimeName))
        }
        let description = ECSTaskDescription(
            taskArn: taskArn, clusterArn: clusterArn, definition: definition, definitionArn: definition.arn(region: region, account: account),
            parameters: parameters, containers: reports, createdAt: nowMillis())
        let essential = zip(definition.containers, specs).filter { $0.0.essential }.map { $0.1.name }
        return PreparedTask(name: name, specs: specs, description: description, essential: essential)
    }

    func nowMillis() -> Int64 { clock.now().nanoseconds / 1_000_000 }

    // MARK: Waiting

    /// The first essential container to exit; nil when the runtime could not tell (or on cancellation).
    func firstEssentialExit(_ names: [String]) async -> (String, ContainerStatus)? {
        let runtime = self.runtime
        return await withTaskGroup(of: (String, ContainerStatus)?.self) { group in
            for name in names {
                group.addTask {
                    guard let status = try? await runtime.waitForExit(name: name), status.phase == .exited else { return nil }
                    return (name, status)
                }
            }
            defer { group.cancelAll() }
            for await first in group {
                if let first { return first }
                if Task.isCancelled { return nil }
            }
            return nil
        }
    }

    enum CallbackEvent: Sendable {
        case answer(TaskOutcome?)
        case exited((String, ContainerStatus)?)
    }

    /// Waits for the token's answer; an essential container that exits non-zero first fails the task.
    func waitForAnswer(_ prepared: PreparedTask, token: String, generation: Int?) async -> TaskOutcome {
        let callbacks = self.callbacks
        let event: CallbackEvent? = await withTaskGroup(of: CallbackEvent.self) { group in
            group.addTask { .answer(await callbacks.waitForAnswer(token: token)) }
            group.addTask { .exited(await firstEssentialExit(prepared.essential)) }
            defer { group.cancelAll() }
            for await event in group {
                switch event {
                case .answer:
                    return event
                case .exited(let exit?) where exit.1.exitCode != 0:
                    return event
                case .exited:
                    // A clean exit: the answer may still come from whoever holds the token.
                    if Task.isCancelled { return nil }
                    continue
                }
            }
            return nil
        }
        if Task.isCancelled { return await ended(prepared, token: token, generation: generation) }
        switch event {
        case .answer(let outcome?):
            // The answer is committed before it reaches here; on ECS the task runs on until it exits.
            retire.yield(prepared.name)
            return outcome
        case .exited:
            callbacks.withdraw(token: token, generation: generation)
            return await stopped(prepared)
        case .answer(nil), nil:
            return await ended(prepared, token: token, generation: generation)
        }
    }

    // MARK: Reaping

    package func taskEnded(_ request: TaskRequest, executionArn: String) {
        guard Self.servesResource(request.resource) else { return }
        retire.yield(ContainerNaming.taskName(executionArn: executionArn, taskId: request.taskId, attempt: request.attempt))
    }

    /// Removes the containers of ended tasks once their task exited, until cancelled (the server's
    /// shutdown); containers still running then are left for the next start's `retireLeftovers`.
    package func runReaper() async {
        await withDiscardingTaskGroup { group in
            for await task in retired {
                group.addTask { await reap(task) }
            }
        }
    }

    /// Waits until the task exited (an essential container did), then stops the rest and removes all.
    func reap(_ task: String) async {
        guard let listed = try? await runtime.list() else { return }
        let containers = listed.filter { ContainerNaming.task(ofContainer: $0.name) == task }
        guard !containers.isEmpty else { return }
        let essential = containers.filter { $0.labels[ContainerNaming.essentialLabel] != "false" }.map(\.name)
        guard await firstEssentialExit(essential.isEmpty ? containers.map(\.name) : essential) != nil, !Task.isCancelled else { return }
        await cleanUp(containers.map(\.name))
    }

    /// The tasks that have containers in the runtime; asked at start, before recovery relaunches anything.
    package func existingTasks() async -> Set<String> {
        Set(((try? await runtime.list()) ?? []).map { ContainerNaming.task(ofContainer: $0.name) })
    }

    /// Hands the reaper the tasks found at start that recovery did not relaunch: the store holds
    /// their end (or their execution's), so nothing will run them again.
    package func retireLeftovers(_ existing: Set<String>, relaunched: [RecoveredTask]) {
        let pending = Set(relaunched.map { ContainerNaming.taskName(executionArn: $0.executionArn, taskId: $0.request.taskId, attempt: $0.request.attempt) })
        for task in existing.subtracting(pending).sorted() { retire.yield(task) }
    }

    // MARK: Ending

    /// The task's essential container exited: stop the rest, describe the stopped task, remove it.
    func stopped(_ prepared: PreparedTask) async -> TaskOutcome {
        let runtime = self.runtime
        let grace = configuration.stopGracePeriod
        let limit = configuration.logLimitBytes
        // Shielded from cancellation: the containers are removed whatever happens to this run.
        let (report, result) = await withTaskCancellationShielded {
            var report = prepared.description
            var result: JSONValue?
            for (index, spec) in prepared.specs.enumerated() {
                try? await runtime.stop(name: spec.name, gracePeriod: grace)
                report.containers[index].status = try? await runtime.inspect(name: spec.name)
                report.containers[index].logs = try? await runtime.logs(name: spec.name, limit: limit)
                if result == nil, let bytes = try? await runtime.readFile(name: spec.name, path: runtime.resultFilePath(for: spec.name)) {
                    result = Self.parseResult(bytes)
                }
                try? await runtime.remove(name: spec.name)
            }
            return (report, result)
        }
        let failedEssential = report.containers.first { c in
            c.definition.essential && (c.status?.exitCode ?? 1) != 0
        }
        let exitedFirst = report.containers.filter { $0.definition.essential }.compactMap(\.status).compactMap(\.finishedAt).min()
        let at = exitedFirst.map { Int64(($0 * 1000).rounded()) } ?? nowMillis()
        let task = report.json(.stopped(stopCode: "EssentialContainerExited", reason: "Essential container in task exited", at: at), result: result)
        if failedEssential != nil { return .failed(error: StatesErrorName.taskFailed, cause: task.serialized()) }
        return .succeeded(task)
    }

    /// A result file holds JSON; anything else is kept as text so the output still shows it.
    static func parseResult(_ bytes: [UInt8]) -> JSONValue {
        if let json = try? JSONValue(parsing: bytes) { return json }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// The run was cancelled: a timeout, a stop or a Catch ends the task and its containers; a
    /// server shutting down leaves them to the relaunch after its restart.
    func ended(_ prepared: PreparedTask, token: String?, generation: Int?) async -> TaskOutcome {
        if !detaching.flag.load(ordering: .sequentiallyConsistent) {
            if let token { callbacks.withdraw(token: token, generation: generation) }
            await cleanUp(prepared.specs.map(\.name))
        }
        return .failed(error: StatesErrorName.taskFailed, cause: "The task '\(prepared.name)' was stopped.")
    }

    /// Stops (SIGTERM, then SIGKILL after the grace period) and removes containers, even from a
    /// cancelled run: the cleanup runs in its own task, which this run awaits.
    func cleanUp(_ names: [String]) async {
        let runtime = self.runtime
        let grace = configuration.stopGracePeriod
        await withTaskCancellationShielded {
            for name in names {
                try? await runtime.stop(name: name, gracePeriod: grace)
                try? await runtime.remove(name: name)
            }
        }
    }
}
