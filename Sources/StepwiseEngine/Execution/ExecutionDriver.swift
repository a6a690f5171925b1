import JSONValue
import StatesLanguage

/// The end of an execution run in process.
package struct ExecutionResult: Sendable {
    package var status: ExecutionStatus
    package var output: JSONValue?
    package var error: String?
    package var cause: String?
    package var history: [HistoryEvent]
}

/// Runs one execution in memory: feeds the interpreter the results of its tasks and timers
/// until it ends. The host of Express executions, `stepwise run` and the in-process tests; the
/// durable engine of the server builds on the same interpreter.
///
/// Each task runs as a child task that is cancelled when the interpreter cancels it (TimeoutSeconds,
/// HeartbeatSeconds, a Catch that moves on) and when the execution ends, and is awaited before
/// `run` returns: runners see cancellation exactly as under the durable engine, so a container
/// task stops its containers.
package struct ExecutionDriver: Sendable {
    package var clock: any ExecutionClock
    package var runner: any TaskRunner
    package var limits = Interpreter.Limits()
    /// The mock test case the execution runs under (see `ExecutionRecord.mockTestCase`).
    package var mockTestCase: String?

    package init(clock: any ExecutionClock, runner: any TaskRunner) {
        self.clock = clock
        self.runner = runner
    }

    /// What finishes inside the driver's task group.
    enum Completion: Sendable {
        case task(taskId: Int, launch: Int, TaskOutcome)
        case wake
    }

    package func run(machine: StateMachine, identity: ExecutionIdentity, entropy: any EntropySource) async -> ExecutionResult {
        let interpreter = Interpreter(machine: machine, identity: identity, entropy: entropy, limits: limits)
        var timers: [Int: Timestamp] = [:]
        // Task id -> the launch serial of its gate (a retried task reuses its task id), and its request.
        var runningTasks: [Int: (launch: Int, request: TaskRequest)] = [:]
        var nextLaunch = 0
        let gates = TaskCancellationGates()
        let context = TaskRunContext(
            executionArn: identity.executionArn, stateMachineName: identity.stateMachineName, mockTestCase: mockTestCase)
        let clock = self.clock
        let runner = self.runner

        await withTaskGroup(of: Completion.self) { group in
            var pending = interpreter.start()
            var sleeperDeadline: Timestamp?
            while true {
                // Perform the commands of the last step; task starts are fed back before anything else.
                var inputs: [ExecutionInput] = []
                for command in pending {
                    switch command {
                    case .runTask(let request):
                        let launch = nextLaunch
                        nextLaunch += 1
                        runningTasks[request.taskId] = (launch, request)
                        inputs.append(.taskStarted(taskId: request.taskId, workerName: nil))
                        group.addTask {
                            let outcome = await Self.runCancellable(request, context: context, runner: runner, gate: launch, gates: gates)
                            return .task(taskId: request.taskId, launch: launch, outcome)
                        }
                    case .cancelTask(let taskId):
                        if let running = runningTasks.removeValue(forKey: taskId) {
                            gates.fire(running.launch)
                            runner.taskEnded(running.request, executionArn: identity.executionArn)
                        }
                    case .startTimer(let timerId, let due):
                        timers[timerId] = due
                    case .cancelTimer(let timerId):
                        timers[timerId] = nil
                    }
                }
                pending = []
                for input in inputs { pending += interpreter.handle(input, at: clock.now()) }
                if interpreter.status != .running { break }
                if !pending.isEmpty { continue }

                // Timers that are due fire in due order.
                let now = clock.now()
                if let (timerId, _) = timers.filter({ $0.value <= now }).min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                    timers[timerId] = nil
                    pending = interpreter.handle(.timerFired(timerId: timerId), at: now)
                    continue
                }
                let nextDue = timers.values.min()
                if runningTasks.isEmpty || !clock.isVirtual, let nextDue, sleeperDeadline != nextDue {
                    if runningTasks.isEmpty, clock.isVirtual {
                        try? await clock.sleep(until: nextDue)
                        continue
                    }
                    sleeperDeadline = nextDue
                    group.addTask {
                        try? await clock.sleep(until: nextDue)
                        return .wake
                    }
                }
                guard let completion = await group.next() else { break }
                switch completion {
                case .wake:
                    sleeperDeadline = nil
                case .task(let taskId, let launch, let outcome):
                    // A cancelled task's late outcome, or that of an earlier attempt, is not delivered.
                    guard let running = runningTasks[taskId], running.launch == launch else { continue }
                    runningTasks[taskId] = nil
                    // Nothing outlives this process's memory: the result is as final as it gets.
                    runner.taskEnded(running.request, executionArn: identity.executionArn)
                    switch outcome {
                    case .succeeded(let output):
                        pending = interpreter.handle(.taskSucceeded(taskId: taskId, output: output), at: clock.now())
                    case .failed(let error, let cause):
                        pending = interpreter.handle(.taskFailed(taskId: taskId, error: error, cause: cause), at: clock.now())
                    }
                }
                if interpreter.status != .running { break }
            }
            // The execution ended: tasks still running are cancelled, and the group awaits them.
            group.cancelAll()
        }
        return ExecutionResult(
            status: interpreter.status, output: interpreter.output, error: interpreter.error, cause: interpreter.cause,
            history: interpreter.history)
    }

    /// Runs the task until it ends or its gate fires; a fired gate cancels the runner, which is
    /// awaited (it may be stopping containers) before this returns.
    static func runCancellable(
        _ request: TaskRequest, context: TaskRunContext, runner: any TaskRunner, gate: Int, gates: TaskCancellationGates
    ) async -> TaskOutcome {
        defer { gates.forget(gate) }
        return await withTaskGroup(of: TaskOutcome?.self) { group in
            group.addTask { await runner.run(request, context: context) }
            group.addTask {
                await gates.wait(gate)
                return nil
            }
            var outcome: TaskOutcome?
            while let next = await group.next() {
                group.cancelAll()
                if let next { outcome = next }
            }
            return outcome ?? .failed(error: StatesErrorName.taskFailed, cause: "The task was cancelled.")
        }
    }
}
