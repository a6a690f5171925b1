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
/// until it ends. The host of `stepwise run` and of the in-process tests; the durable engine
/// of the server builds on the same interpreter.
package struct ExecutionDriver: Sendable {
    package var clock: any ExecutionClock
    package var runner: any TaskRunner
    package var limits = Interpreter.Limits()

    package init(clock: any ExecutionClock, runner: any TaskRunner) {
        self.clock = clock
        self.runner = runner
    }

    /// What finishes inside the driver's task group.
    enum Completion: Sendable {
        case task(taskId: Int, TaskOutcome)
        case wake
    }

    package func run(machine: StateMachine, identity: ExecutionIdentity, entropy: any EntropySource) async -> ExecutionResult {
        let interpreter = Interpreter(machine: machine, identity: identity, entropy: entropy, limits: limits)
        var timers: [Int: Timestamp] = [:]
        var runningTasks: Set<Int> = []
        let context = TaskRunContext(executionArn: identity.executionArn, stateMachineName: identity.stateMachineName)
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
                        runningTasks.insert(request.taskId)
                        inputs.append(.taskStarted(taskId: request.taskId, workerName: nil))
                        group.addTask {
                            .task(taskId: request.taskId, await runner.run(request, context: context))
                        }
                    case .cancelTask(let taskId):
                        runningTasks.remove(taskId)
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
                case .task(let taskId, let outcome):
                    guard runningTasks.remove(taskId) != nil else { continue }
                    switch outcome {
                    case .succeeded(let output):
                        pending = interpreter.handle(.taskSucceeded(taskId: taskId, output: output), at: clock.now())
                    case .failed(let error, let cause):
                        pending = interpreter.handle(.taskFailed(taskId: taskId, error: error, cause: cause), at: clock.now())
                    }
                }
                if interpreter.status != .running { break }
            }
            group.cancelAll()
        }
        return ExecutionResult(
            status: interpreter.status, output: interpreter.output, error: interpreter.error, cause: interpreter.cause,
            history: interpreter.history)
    }
}
