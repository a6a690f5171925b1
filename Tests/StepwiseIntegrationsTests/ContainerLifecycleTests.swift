import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseIntegrations
import Synchronization
import Testing

/// A container runtime in memory: the test decides when each container exits, and every start,
/// stop and removal is recorded.
final class FakeRuntime: ContainerRuntime {
    struct Container {
        var spec: ContainerSpec
        var status: ContainerStatus
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    struct State {
        var containers: [String: Container] = [:]
        var created: [String] = []
        var stopped: [String] = []
        var removed: [String] = []
        /// Told whenever anything changes, so a test can wait for a condition without sleeping.
        var watchers: [CheckedContinuation<Void, Never>] = []
    }

    let state = Mutex(State())

    var kind: String { "fake" }
    func resultFilePath(for name: String) -> String { "/result.json" }

    func start(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> ContainerStatus? {
        let existing = state.withLock { s -> ContainerStatus? in
            if let c = s.containers[spec.name] { return c.status }
            s.containers[spec.name] = Container(spec: spec, status: ContainerStatus(phase: .running, startedAt: 1))
            s.created.append(spec.name)
            return nil
        }
        changed()
        return existing
    }

    func list() async throws(ContainerRuntimeError) -> [ContainerListing] {
        state.withLock { s in s.containers.values.map { ContainerListing(name: $0.spec.name, labels: $0.spec.labels) }.sorted { $0.name < $1.name } }
    }

    func inspect(name: String) async throws(ContainerRuntimeError) -> ContainerStatus? {
        state.withLock { $0.containers[name]?.status }
    }

    func waitForExit(name: String) async throws(ContainerRuntimeError) -> ContainerStatus {
        while true {
            guard let status = state.withLock({ $0.containers[name]?.status }) else {
                throw .refused(operation: "wait for", container: name, status: 404, message: "gone")
            }
            if status.phase == .exited || Task.isCancelled { return status }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let now = state.withLock { s -> Bool in
                        guard !Task.isCancelled, s.containers[name]?.status.phase == .running else { return true }
                        s.containers[name]?.waiters.append(c)
                        return false
                    }
                    if now { c.resume() }
                }
            } onCancel: {
                let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                    defer { s.containers[name]?.waiters = [] }
                    return s.containers[name]?.waiters ?? []
                }
                for w in waiters { w.resume() }
            }
        }
    }

    /// Ends the container's process with `code`, as the process inside it would.
    func exit(_ name: String, code: Int) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard var c = s.containers[name], c.status.phase == .running else { return [] }
            c.status = ContainerStatus(phase: .exited, exitCode: code, startedAt: 1, finishedAt: 2)
            let waiters = c.waiters
            c.waiters = []
            s.containers[name] = c
            return waiters
        }
        for w in waiters { w.resume() }
        changed()
    }

    func stop(name: String, gracePeriod: Int) async throws(ContainerRuntimeError) {
        let running = state.withLock { s -> Bool in
            guard s.containers[name]?.status.phase == .running else { return false }
            s.stopped.append(name)
            return true
        }
        if running { exit(name, code: 143) }
    }

    func remove(name: String) async throws(ContainerRuntimeError) {
        if state.withLock({ $0.containers[name]?.status.phase == .running }) { exit(name, code: 137) }
        state.withLock { s in
            if s.containers.removeValue(forKey: name) != nil { s.removed.append(name) }
        }
        changed()
    }

    /// Where the container is, without the runtime protocol's errors.
    func phase(_ name: String) -> ContainerStatus.Phase? { state.withLock { $0.containers[name]?.status.phase } }

    func logs(name: String, limit: Int) async throws(ContainerRuntimeError) -> ContainerLogs { ContainerLogs() }
    func readFile(name: String, path: String) async throws(ContainerRuntimeError) -> [UInt8]? { nil }

    func changed() {
        let watchers = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.watchers = [] }
            return s.watchers
        }
        for w in watchers { w.resume() }
    }

    /// Returns once `condition` holds (re-checked after every change).
    func until(_ condition: (State) -> Bool) async {
        while !state.withLock({ condition($0) }) {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let holds = state.withLock { s -> Bool in
                    if condition(s) { return true }
                    s.watchers.append(c)
                    return false
                }
                if holds { c.resume() }
            }
        }
    }
}

/// Container lifecycles the runner owes ECS semantics and crash safety, on the in-memory runtime.
@Suite(.timeLimit(.minutes(1)))
struct ContainerLifecycleTests {
    static let execution = "arn:aws:states:us-east-1:123456789012:execution:m:e1"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-lifecycle-\(UUID().uuidString)").path

    func runner(_ runtime: FakeRuntime, callbacks: CallbackTaskRegistry = CallbackTaskRegistry()) throws -> ContainerTaskRunner {
        let definitions = TaskDefinitionStore(directory: folder + "/defs")
        _ = try definitions.register([
            "family": "job", "containerDefinitions": [["name": "main", "image": "busybox", "command": ["true"]]],
        ])
        _ = try definitions.register([
            "family": "pair",
            "containerDefinitions": [
                ["name": "app", "image": "busybox", "command": ["run"], "essential": true],
                ["name": "sidecar", "image": "busybox", "command": ["watch"], "essential": false],
            ],
        ])
        return ContainerTaskRunner(runtime: runtime, definitions: definitions, callbacks: callbacks, configuration: ContainerTaskConfiguration(stopGracePeriod: 0))
    }

    func request(_ resource: String, family: String = "job", token: String? = nil) -> TaskRequest {
        TaskRequest(
            taskId: 3, stateName: "Job", resource: TaskResource(arn: resource), parameters: ["TaskDefinition": .string(family)], taskToken: token,
            timeoutSeconds: nil, heartbeatSeconds: nil, credentials: nil, attempt: 0)
    }

    var context: TaskRunContext { TaskRunContext(executionArn: Self.execution, stateMachineName: "m") }

    func name(_ container: String = "main") -> String {
        ContainerNaming.containerName(task: ContainerNaming.taskName(executionArn: Self.execution, taskId: 3, attempt: 0), container: container)
    }

    @Test func aRequestResponseContainerStaysAfterItExitsUntilItsTaskEndedIsDurableThenTheReaperRemovesIt() async throws {
        let runtime = FakeRuntime()
        let runner = try runner(runtime)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await runner.runReaper() }
            let task = request("arn:aws:states:::ecs:runTask")
            let outcome = await runner.run(task, context: context)
            guard case .succeeded(let response) = outcome else { throw TestFailure("expected success, got \(outcome)") }
            #expect(response["Tasks"]?[0]?["LastStatus"] == "PENDING")
            runtime.exit(name(), code: 0)
            // Exited, and its answer not known to be committed: the container is what a relaunch finds.
            #expect(runtime.phase(name()) == .exited)
            #expect(runtime.state.withLock { $0.removed }.isEmpty)
            runner.taskEnded(task, executionArn: Self.execution)
            await runtime.until { $0.removed == [name()] }
            group.cancelAll()
        }
    }

    @Test func aRelaunchAfterACrashAnswersFromTheExitedContainerInsteadOfStartingItAgain() async throws {
        let runtime = FakeRuntime()
        let task = request("arn:aws:states:::ecs:runTask")
        let original = try runner(runtime)
        _ = await original.run(task, context: context)
        runtime.exit(name(), code: 0)
        // The server crashed before TaskSucceeded was committed; a new runner relaunches the task.
        let relaunched = try runner(runtime)
        let outcome = await relaunched.run(task, context: TaskRunContext(executionArn: Self.execution, stateMachineName: "m", alreadySubmitted: false))
        guard case .succeeded = outcome else { throw TestFailure("expected success, got \(outcome)") }
        #expect(runtime.state.withLock { $0.created } == [name()])
    }

    @Test func leftoversOfTasksRecoveryDidNotRelaunchAreRemovedOnceExitedWhileRelaunchedOnesStay() async throws {
        let runtime = FakeRuntime()
        let first = try runner(runtime)
        let ended = request("arn:aws:states:::ecs:runTask")
        var pending = ended
        pending.taskId = 9
        _ = await first.run(ended, context: context)
        _ = await first.run(pending, context: context)
        let pendingName = ContainerNaming.containerName(task: ContainerNaming.taskName(executionArn: Self.execution, taskId: 9, attempt: 0), container: "main")
        runtime.exit(name(), code: 0)
        runtime.exit(pendingName, code: 0)
        // A restart: the store holds the end of task 3, so recovery relaunches only task 9.
        let restarted = try runner(runtime)
        let existing = await restarted.existingTasks()
        #expect(existing.count == 2)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await restarted.runReaper() }
            restarted.retireLeftovers(existing, relaunched: [RecoveredTask(executionArn: Self.execution, request: pending)])
            await runtime.until { $0.removed == [name()] }
            #expect(runtime.phase(pendingName) == .exited)
            group.cancelAll()
        }
    }

    @Test func anAnsweredCallbackTaskRunsOnUntilItExitsAndIsThenRemoved() async throws {
        let runtime = FakeRuntime()
        let callbacks = CallbackTaskRegistry()
        let runner = try runner(runtime, callbacks: callbacks)
        let token = String(repeating: "cd", count: 32)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await runner.runReaper() }
            async let outcome = runner.run(request("arn:aws:states:::ecs:runTask.waitForTaskToken", token: token), context: context)
            await runtime.until { !$0.created.isEmpty }
            try callbacks.complete(token: token, outcome: .succeeded(["done": true]))
            #expect(await outcome == .succeeded(["done": true]))
            #expect(runtime.phase(name()) == .running)
            #expect(runtime.state.withLock { $0.stopped }.isEmpty)
            runtime.exit(name(), code: 0)
            await runtime.until { $0.removed == [name()] }
            #expect(runtime.state.withLock { $0.stopped }.isEmpty)
            group.cancelAll()
        }
    }

    @Test func aCallbackTaskCancelledBeforeItsAnswerStopsAndRemovesItsContainer() async throws {
        let runtime = FakeRuntime()
        let callbacks = CallbackTaskRegistry()
        let runner = try runner(runtime, callbacks: callbacks)
        let token = String(repeating: "ef", count: 32)
        let run = Task { await runner.run(request("arn:aws:states:::ecs:runTask.waitForTaskToken", token: token), context: context) }
        await runtime.until { !$0.created.isEmpty }
        while (try? callbacks.openTask(token: token)) == nil { await Task.yield() }
        run.cancel()
        guard case .failed = await run.value else { throw TestFailure("a cancelled run fails") }
        #expect(runtime.state.withLock { ($0.stopped, $0.removed) } == ([name()], [name()]))
        #expect(throws: ActivityTaskError.taskFinished) { try callbacks.openTask(token: token) }
    }

    @Test func whenTheEssentialContainerExitsNonZeroTheOtherIsStoppedBothAreRemovedAndTheStateFailsWithTaskFailed() async throws {
        let runtime = FakeRuntime()
        let runner = try runner(runtime)
        async let outcome = runner.run(request("arn:aws:states:::ecs:runTask.sync", family: "pair"), context: context)
        await runtime.until { $0.created.count == 2 }
        runtime.exit(name("app"), code: 2)
        guard case .failed(let error, let cause) = await outcome else { throw TestFailure("expected failure") }
        #expect(error == "States.TaskFailed")
        let task = try JSONValue(parsing: cause ?? "")
        #expect(task["StopCode"] == "EssentialContainerExited")
        #expect(task["Containers"]?[0]?["ExitCode"] == 2)
        #expect(task["Containers"]?[1]?["ExitCode"] == 143)
        let (stopped, removed) = runtime.state.withLock { ($0.stopped, $0.removed) }
        #expect(stopped == [name("sidecar")])
        #expect(Set(removed) == [name("app"), name("sidecar")])
        #expect(try await runtime.list().isEmpty)
    }
}

/// A failed precondition of a test, reported as the test's error.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
