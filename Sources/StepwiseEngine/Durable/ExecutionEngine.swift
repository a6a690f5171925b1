import JSONValue
import StatesLanguage

/// Why the engine refused a request.
package enum EngineError: Error, Equatable, Sendable {
    case executionDoesNotExist(arn: String)
    /// An execution with this ARN exists with different input (AWS's ExecutionAlreadyExists).
    case executionAlreadyExists(arn: String)
    case invalidDefinition(message: String)
    case store(StoreError)
}

/// Runs standard executions durably: every step of an execution is committed to the store before
/// its effects (timers, tasks) start, and after a restart `recover()` rebuilds each unfinished
/// execution by replaying its logged inputs through a fresh interpreter, then re-arms what was pending.
package actor ExecutionEngine {
    let store: any ExecutionStore
    let runner: any TaskRunner
    let clock: any ExecutionClock
    let limits: Interpreter.Limits

    var live: [String: LiveExecution] = [:]
    /// Pending timers of all live executions.
    var timers: [TimerKey: Timestamp] = [:]
    var timerLoop: Task<Void, Never>?
    var timerLoopTarget: Timestamp?
    var runningTasks: [TaskKey: RunningTask] = [:]
    let completionWaiters = CompletionWaiters()
    /// Executions dropped after their store commit failed, being rebuilt from the store once it works again.
    var healing: [String: Task<Void, Never>] = [:]
    /// Set by `shutdown()`: no timer or task starts after it.
    var isShutDown = false

    struct TimerKey: Hashable {
        var executionArn: String
        var timerId: Int
    }

    struct TaskKey: Hashable {
        var executionArn: String
        var taskId: Int
    }

    /// A launched task, and what it runs (the runner is told when it ends for good).
    struct RunningTask {
        var task: Task<Void, Never>
        var request: TaskRequest
    }

    /// An input waiting to be applied, and who waits for it to be durable (told nil once it is, or the store's error).
    struct QueuedInput {
        var input: ExecutionInput
        var committed: CheckedContinuation<StoreError?, Never>?
    }

    /// One execution in memory: its interpreter and the inputs waiting to be applied, one at a time.
    final class LiveExecution {
        var record: ExecutionRecord
        let interpreter: Interpreter
        var nextSequence = 1
        var queue: [QueuedInput] = []
        var processing = false
        var committedEvents = 0

        init(record: ExecutionRecord, interpreter: Interpreter) {
            self.record = record
            self.interpreter = interpreter
        }
    }

    /// Told of every status change an execution makes (started, resumed after a restart, ended),
    /// after it is durable; the server logs these.
    let onStatusChange: @Sendable (ExecutionRecord) -> Void
    /// Which stored executions this engine resumes: all of them, or its shard's (`ShardedExecutionEngine`).
    let owns: @Sendable (String) -> Bool

    package init(
        store: any ExecutionStore, runner: any TaskRunner, clock: any ExecutionClock, limits: Interpreter.Limits = .init(),
        onStatusChange: @escaping @Sendable (ExecutionRecord) -> Void = { _ in },
        owns: @escaping @Sendable (String) -> Bool = { _ in true }
    ) {
        self.store = store
        self.runner = runner
        self.clock = clock
        self.limits = limits
        self.onStatusChange = onStatusChange
        self.owns = owns
    }

    // MARK: Starting and resuming

    /// Starts an execution, or returns the stored one when an execution with the same ARN and input
    /// exists already (StartExecution is idempotent on name and input).
    @discardableResult
    package func start(_ record: ExecutionRecord) async throws(EngineError) -> ExecutionRecord {
        let machine = try parse(record.definition)
        let stored: (record: ExecutionRecord, created: Bool)
        do {
            stored = try await store.insertExecution(record)
        } catch {
            throw .store(error)
        }
        guard stored.created else {
            guard stored.record.input == record.input else { throw .executionAlreadyExists(arn: record.executionArn) }
            return stored.record
        }
        let execution = LiveExecution(record: record, interpreter: makeInterpreter(machine, record))
        live[record.executionArn] = execution
        execution.processing = true
        let commands = execution.interpreter.start()
        // The execution is stored already: if its first step cannot be committed, it is rebuilt
        // from the store later, so the start still stands.
        await commitAndPerform(execution, logEntry: nil, commands: commands)
        if execution.record.status == .running { onStatusChange(execution.record) }
        execution.processing = false
        await drain(execution)
        return execution.record
    }

    /// Resumes every execution the store has as RUNNING: replays its inputs, then re-arms its
    /// pending timers and restarts its pending tasks under the same task ids (and tokens).
    /// Returns the tasks it relaunched: exactly those whose end the store does not hold.
    @discardableResult
    package func recover() async throws(EngineError) -> [RecoveredTask] {
        let records: [ExecutionRecord]
        do {
            records = try await store.runningExecutions()
        } catch {
            throw .store(error)
        }
        var relaunched: [RecoveredTask] = []
        for record in records where live[record.executionArn] == nil && owns(record.executionArn) {
            relaunched += try await resume(record).map { RecoveredTask(executionArn: record.executionArn, request: $0) }
        }
        rescheduleTimerLoop()
        return relaunched
    }

    /// Rebuilds one stored running execution by replaying its log, then re-arms its pending timers
    /// and relaunches its pending tasks under the same task ids (and tokens), which it returns.
    @discardableResult
    func resume(_ record: ExecutionRecord) async throws(EngineError) -> [TaskRequest] {
        let machine = try parse(record.definition)
        let entries: [ExecutionLogEntry]
        do {
            entries = try await store.logEntries(executionArn: record.executionArn)
        } catch {
            throw .store(error)
        }
        let interpreter = makeInterpreter(machine, record)
        var effects = PendingEffects()
        effects.apply(interpreter.start())
        for entry in entries {
            effects.consumed(entry.input)
            effects.apply(interpreter.handle(entry.input, at: entry.time))
        }
        let execution = LiveExecution(record: record, interpreter: interpreter)
        execution.nextSequence = (entries.last?.sequence ?? 0) + 1
        execution.committedEvents = interpreter.history.count
        live[record.executionArn] = execution
        onStatusChange(record)
        if entries.isEmpty, await storedHistoryIsEmpty(record.executionArn) {
            // The process stopped between storing the execution and committing its start:
            // commit the start's events now (its effects are re-armed below).
            execution.committedEvents = 0
            // A store that fails here drops the execution again (to be healed): arm nothing for it.
            guard await commitAndPerform(execution, logEntry: nil, commands: []) == nil else { return [] }
        }
        for (timerId, due) in effects.timers { timers[TimerKey(executionArn: record.executionArn, timerId: timerId)] = due }
        let pending = effects.tasks.values.sorted(by: { $0.taskId < $1.taskId })
        for request in pending {
            launch(
                request, executionArn: record.executionArn, relaunched: true, alreadyStarted: effects.startedTasks.contains(request.taskId),
                alreadySubmitted: effects.submittedTasks.contains(request.taskId))
        }
        rescheduleTimerLoop()
        return pending
    }

    func storedHistoryIsEmpty(_ executionArn: String) async -> Bool {
        ((try? await store.history(executionArn: executionArn, afterId: 0, limit: 1)) ?? []).isEmpty
    }

    func parse(_ definition: String) throws(EngineError) -> StateMachine {
        do {
            return try StateMachineParser().parse(try JSONValue(parsing: definition))
        } catch let error as DefinitionError {
            throw .invalidDefinition(message: error.description)
        } catch {
            throw .invalidDefinition(message: "\(error)")
        }
    }

    func makeInterpreter(_ machine: StateMachine, _ record: ExecutionRecord) -> Interpreter {
        let identity = ExecutionIdentity(
            executionArn: record.executionArn, name: record.name, stateMachineArn: record.stateMachineArn,
            stateMachineName: record.stateMachineName, roleArn: record.roleArn, region: record.region, input: record.input,
            startTime: record.startTime)
        return Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: record.seed), limits: limits)
    }

    // MARK: Inputs

    /// Applies an incoming event (a task result, a stop request, ...) to an execution.
    package func send(_ input: ExecutionInput, to executionArn: String) async throws(EngineError) {
        guard let execution = live[executionArn] else {
            let stored: ExecutionRecord?
            do {
                stored = try await store.execution(arn: executionArn)
            } catch {
                throw .store(error)
            }
            // A finished execution ignores late inputs, as AWS does; an unknown one is an error.
            guard stored != nil else { throw .executionDoesNotExist(arn: executionArn) }
            return
        }
        // Returns once the input is committed (or the execution has ended), so a caller that answers
        // a client afterwards (SendTaskSuccess, StopExecution) never acknowledges what a crash could lose.
        let failure: StoreError?
        if execution.processing {
            failure = await withCheckedContinuation { continuation in
                execution.queue.append(QueuedInput(input: input, committed: continuation))
            }
        } else {
            // Nothing is queued while no step runs, so this input is the first the drain applies.
            execution.queue.append(QueuedInput(input: input, committed: nil))
            failure = await drain(execution)
        }
        if let failure { throw .store(failure) }
    }

    /// Applies queued inputs one at a time, each committed before its effects run; returns the
    /// store's error if the first input applied could not be committed.
    @discardableResult
    func drain(_ execution: LiveExecution) async -> StoreError? {
        // One step at a time per execution: a call that finds a step running leaves its input queued
        // for the loop already running, so steps are committed in the order they were applied.
        guard !execution.processing else { return nil }
        execution.processing = true
        defer { execution.processing = false }
        var first: StoreError??
        while !execution.queue.isEmpty, execution.interpreter.status == .running, live[execution.record.executionArn] === execution {
            let queued = execution.queue.removeFirst()
            let now = clock.now()
            let entry = ExecutionLogEntry(sequence: execution.nextSequence, time: now, input: queued.input)
            execution.nextSequence += 1
            let commands = execution.interpreter.handle(queued.input, at: now)
            let failure = await commitAndPerform(execution, logEntry: entry, commands: commands)
            if first == nil { first = .some(failure) }
            queued.committed?.resume(returning: failure)
            if let failure {
                releaseWaiters(execution, failure: failure)
                return first ?? failure
            }
        }
        releaseWaiters(execution, failure: nil)
        return first ?? nil
    }

    /// Lets every caller waiting on a queued input go on: the execution ended (its input is ignored,
    /// as a finished execution ignores late inputs), or was dropped because the store failed.
    func releaseWaiters(_ execution: LiveExecution, failure: StoreError?) {
        let waiting = execution.queue
        execution.queue.removeAll()
        for queued in waiting { queued.committed?.resume(returning: failure) }
    }

    /// Delivers a task's result that arrived through the API (SendTaskSuccess/Failure) and returns
    /// once it is committed; the runner's own delivery of the same result is then skipped.
    package func deliverTaskResult(_ outcome: TaskOutcome, taskId: Int, executionArn: String) async throws(EngineError) {
        let key = TaskKey(executionArn: executionArn, taskId: taskId)
        guard runningTasks.removeValue(forKey: key) != nil else { return }
        switch outcome {
        case .succeeded(let output): try await send(.taskSucceeded(taskId: taskId, output: output), to: executionArn)
        case .failed(let error, let cause): try await send(.taskFailed(taskId: taskId, error: error, cause: cause), to: executionArn)
        }
    }

    /// Commits the step's new events and status, then performs its commands; returns the store's
    /// error when the step could not be committed (nothing of it was acted on).
    @discardableResult
    func commitAndPerform(_ execution: LiveExecution, logEntry: ExecutionLogEntry?, commands: [ExecutionCommand]) async
        -> StoreError?
    {
        let interpreter = execution.interpreter
        let newEvents = Array(interpreter.history[execution.committedEvents...])
        execution.committedEvents = interpreter.history.count
        let finished = interpreter.status != .running
        let commit = ExecutionCommit(
            executionArn: execution.record.executionArn, logEntry: logEntry, events: newEvents, status: interpreter.status,
            stopTime: finished ? clock.now() : nil, output: interpreter.output, error: interpreter.error, cause: interpreter.cause)
        if let failure = await commitRetryingBriefly(commit) {
            // Nothing of this step was acted on. The in-memory interpreter is now ahead of the store, so it
            // is dropped and rebuilt from what the store holds once the store works again.
            live[execution.record.executionArn] = nil
            heal(execution.record.executionArn)
            return failure
        }
        perform(commands, executionArn: execution.record.executionArn)
        if finished {
            execution.record.status = interpreter.status
            execution.record.stopTime = commit.stopTime
            execution.record.output = interpreter.output
            execution.record.error = interpreter.error
            execution.record.cause = interpreter.cause
            live[execution.record.executionArn] = nil
            onStatusChange(execution.record)
            completionWaiters.resumeAll(execution.record)
        }
        return nil
    }

    /// A commit, tried again a few times over a fraction of a second: a busy or briefly failing
    /// store should not cost an execution its place in memory.
    func commitRetryingBriefly(_ commit: ExecutionCommit) async -> StoreError? {
        var delay: Duration = .milliseconds(20)
        var attempt = 1
        while true {
            do {
                try await store.commit(commit)
                return nil
            } catch {
                if attempt == Self.commitAttempts || isShutDown { return error }
            }
            attempt += 1
            try? await Task.sleep(for: delay)
            delay *= 2
        }
    }

    static let commitAttempts = 4

    /// Rebuilds an execution dropped after a failed commit, retrying (up to every 5 s) until the
    /// store answers again or the engine shuts down; its completion waiters stay registered.
    func heal(_ executionArn: String) {
        guard healing[executionArn] == nil, !isShutDown else { return }
        healing[executionArn] = Task {
            var delay: Duration = .milliseconds(100)
            while !Task.isCancelled {
                try? await Task.sleep(for: delay)
                if await self.tryHeal(executionArn) { return }
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    /// One attempt to rebuild a dropped execution; true when there is nothing more to do.
    func tryHeal(_ executionArn: String) async -> Bool {
        guard !isShutDown else { return true }
        do {
            guard let record = try await store.execution(arn: executionArn), record.status == .running else {
                healing[executionArn] = nil
                let stored = try? await store.execution(arn: executionArn)
                if let stored {
                    completionWaiters.resumeAll(stored)
                }
                return true
            }
            if live[executionArn] == nil { try await resume(record) }
            healing[executionArn] = nil
            return live[executionArn] != nil
        } catch {
            return false
        }
    }

    func perform(_ commands: [ExecutionCommand], executionArn: String) {
        var timersChanged = false
        for command in commands {
            switch command {
            case .runTask(let request):
                launch(request, executionArn: executionArn)
            case .cancelTask(let taskId):
                // The step that cancels the task is committed: no relaunch will run it again.
                if let running = runningTasks.removeValue(forKey: TaskKey(executionArn: executionArn, taskId: taskId)) {
                    running.task.cancel()
                    runner.taskEnded(running.request, executionArn: executionArn)
                }
            case .startTimer(let timerId, let due):
                timers[TimerKey(executionArn: executionArn, timerId: timerId)] = due
                timersChanged = true
            case .cancelTimer(let timerId):
                timers[TimerKey(executionArn: executionArn, timerId: timerId)] = nil
            }
        }
        if timersChanged { rescheduleTimerLoop() }
    }

    // MARK: Tasks

    /// `alreadyStarted`, `alreadySubmitted`: the task's start or submission is in the log already
    /// (a relaunch after a restart).
    func launch(
        _ request: TaskRequest, executionArn: String, relaunched: Bool = false, alreadyStarted: Bool = false, alreadySubmitted: Bool = false
    ) {
        guard !isShutDown else { return }
        let key = TaskKey(executionArn: executionArn, taskId: request.taskId)
        let runner = self.runner
        let context = TaskRunContext(
            executionArn: executionArn, stateMachineName: live[executionArn]?.record.stateMachineName ?? "",
            relaunched: relaunched, alreadySubmitted: alreadySubmitted, mockTestCase: live[executionArn]?.record.mockTestCase,
            submit: { output in await self.taskProgress(.taskSubmitted(taskId: request.taskId, output: output), key: key) })
        // A runner that reports its own start (an activity: started when a worker takes it) sends
        // `.taskStarted` itself; for the others the task has started once it is launched.
        let reportsOwnStart = (runner as? any TaskStartReporting)?.reportsStart(of: request) ?? false
        let task = Task {
            if !reportsOwnStart, !alreadyStarted {
                await self.taskProgress(.taskStarted(taskId: request.taskId, workerName: nil), key: key)
            }
            let outcome = await runner.run(request, context: context)
            guard !Task.isCancelled else { return }
            let committed: Bool
            switch outcome {
            case .succeeded(let output):
                committed = await self.taskProgress(.taskSucceeded(taskId: request.taskId, output: output), key: key, finished: true)
            case .failed(let error, let cause):
                committed = await self.taskProgress(.taskFailed(taskId: request.taskId, error: error, cause: cause), key: key, finished: true)
            }
            if committed { runner.taskEnded(request, executionArn: executionArn) }
        }
        runningTasks[key] = RunningTask(task: task, request: request)
    }

    /// Sends the task's progress; true when the input is committed (false for a result already
    /// delivered through the API or of a cancelled task, which is not delivered again).
    @discardableResult
    func taskProgress(_ input: ExecutionInput, key: TaskKey, finished: Bool = false) async -> Bool {
        if finished, runningTasks.removeValue(forKey: key) == nil { return false }
        do {
            try await send(input, to: key.executionArn)
            return true
        } catch {
            return false
        }
    }

    // MARK: Timers

    /// Restarts the timer loop so that it sleeps until the earliest pending timer.
    func rescheduleTimerLoop() {
        guard !isShutDown else { return }
        let earliest = timers.values.min()
        if let target = timerLoopTarget, let earliest, target <= earliest, timerLoop != nil { return }
        timerLoop?.cancel()
        timerLoopTarget = earliest
        guard let earliest else {
            timerLoop = nil
            return
        }
        let clock = self.clock
        timerLoop = Task {
            do {
                try await clock.sleep(until: earliest)
            } catch {
                return
            }
            guard !Task.isCancelled else { return }
            await self.fireDueTimers()
        }
    }

    func fireDueTimers() async {
        guard !isShutDown else { return }
        timerLoop = nil
        timerLoopTarget = nil
        let now = clock.now()
        let due = timers.filter { $0.value <= now }.sorted { ($0.value, $0.key.timerId) < ($1.value, $1.key.timerId) }
        for (key, _) in due {
            timers[key] = nil
            try? await send(.timerFired(timerId: key.timerId), to: key.executionArn)
        }
        rescheduleTimerLoop()
    }

    // MARK: Waiting and shutdown

    /// Waits until the execution ends (tests); a cancelled wait answers the execution as it is then.
    package func waitForCompletion(of executionArn: String) async throws(EngineError) -> ExecutionRecord {
        if let ended = try await waitForEnd(of: executionArn) { return ended }
        return try await storedExecution(executionArn)
    }

    /// The execution once it ended; nil when the calling task is cancelled first.
    package func waitForEnd(of executionArn: String) async throws(EngineError) -> ExecutionRecord? {
        guard live[executionArn] != nil else { return try await storedExecution(executionArn) }
        let waiters = completionWaiters
        let id = waiters.makeID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in waiters.add(id, executionArn: executionArn, continuation) }
        } onCancel: {
            waiters.cancel(id)
        }
    }

    func storedExecution(_ executionArn: String) async throws(EngineError) -> ExecutionRecord {
        let stored: ExecutionRecord?
        do {
            stored = try await store.execution(arn: executionArn)
        } catch {
            throw .store(error)
        }
        guard let stored else { throw .executionDoesNotExist(arn: executionArn) }
        return stored
    }

    /// Stops timers and tasks (a graceful shutdown, or the end of a test) and waits for them.
    package func shutdown() async {
        isShutDown = true
        let loop = timerLoop
        timerLoop = nil
        loop?.cancel()
        let tasks = runningTasks.values.map(\.task) + Array(healing.values)
        runningTasks.removeAll()
        healing.removeAll()
        for task in tasks { task.cancel() }
        await loop?.value
        for task in tasks { await task.value }
    }

    /// How many executions are in memory (for tests and metrics).
    package var liveExecutionCount: Int { live.count }
}
