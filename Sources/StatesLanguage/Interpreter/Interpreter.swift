import JSONValue

/// The States Language interpreter: a deterministic transition function from an execution's
/// state and an incoming event to new history events and commands.
///
/// A reference type: one instance is one execution's state, advanced in place by one caller at a
/// time (it is not Sendable), which is why its hot fields skip dynamic exclusivity checks.
/// It does no I/O and reads no clock: the host passes the time of every step, supplies the
/// entropy for UUIDs, tokens and jitter, performs the returned commands (run a task, start a
/// timer) and feeds their results back with `handle(_:at:)`.
package final class Interpreter {
    /// AWS's service limits that the interpreter enforces.
    package struct Limits: Sendable {
        package var maxHistoryEvents = 25_000
        package var maxPayloadBytes = 262_144
        package init() {}
    }

    package let machine: StateMachine
    package let identity: ExecutionIdentity
    package let limits: Limits
    let entropy: any EntropySource

    @exclusivity(unchecked) package private(set) var history: [HistoryEvent] = []
    @exclusivity(unchecked) package private(set) var status: ExecutionStatus = .running
    @exclusivity(unchecked) package private(set) var output: JSONValue?
    @exclusivity(unchecked) package private(set) var error: String?
    @exclusivity(unchecked) package private(set) var cause: String?

    /// Frames by id; a finished frame's slot becomes nil.
    @exclusivity(unchecked) var frames: [Frame?] = []
    @exclusivity(unchecked) var tasks: [Int: PendingTask] = [:]
    /// How many tasks each state has scheduled so far (retries and loops included); replay rebuilds it.
    @exclusivity(unchecked) var invocationsByState: [String: Int] = [:]
    @exclusivity(unchecked) var timers: [Int: TimerPurpose] = [:]
    @exclusivity(unchecked) var nextTimerId = 1
    @exclusivity(unchecked) var ready: [Int] = []
    @exclusivity(unchecked) var driving: Int?
    @exclusivity(unchecked) var commands: [ExecutionCommand] = []
    @exclusivity(unchecked) var now: Timestamp
    @exclusivity(unchecked) var historyLimitReached = false
    @exclusivity(unchecked) var unrecordedTaskIds = 0

    package init(machine: StateMachine, identity: ExecutionIdentity, entropy: any EntropySource, limits: Limits = Limits()) {
        self.machine = machine
        self.identity = identity
        self.entropy = entropy
        self.limits = limits
        self.now = identity.startTime
    }

    /// Starts the execution: records ExecutionStarted and runs until every branch waits or the execution ends.
    package func start() -> [ExecutionCommand] {
        now = identity.startTime
        // Most executions visit each state about once, two events each: spare the first regrowths.
        history.reserveCapacity(min(2 * machine.states.count + 8, 4096))
        let startedId = append(.executionStarted, .executionStarted(input: identity.input, roleArn: identity.roleArn), previous: 0)
        if let timeout = machine.timeoutSeconds {
            startTimer(.executionTimeout, due: now.adding(seconds: Double(timeout)))
        }
        let root = makeFrame(machine: machine, input: identity.input, parent: nil, recordsHistory: true, lastEventId: startedId)
        ready.append(root)
        runReadyFrames()
        return takeCommands()
    }

    /// Applies one incoming event at time `time`; returns the commands it leads to.
    package func handle(_ input: ExecutionInput, at time: Timestamp) -> [ExecutionCommand] {
        guard status == .running else { return [] }
        now = max(now, time)
        switch input {
        case .taskStarted(let taskId, let workerName): taskStarted(taskId, workerName: workerName)
        case .taskSubmitted(let taskId, let output): taskSubmitted(taskId, output: output)
        case .taskSucceeded(let taskId, let output): taskSucceeded(taskId, output: output)
        case .taskFailed(let taskId, let error, let cause): taskFailed(taskId, error: error, cause: cause)
        case .taskHeartbeat(let taskId): taskHeartbeat(taskId)
        case .timerFired(let timerId): timerFired(timerId)
        case .stop(let error, let cause): endExecution(.aborted, error: error, cause: cause)
        }
        runReadyFrames()
        failIfHistoryLimitReached()
        return takeCommands()
    }

    /// Timers that are still pending (for hosts that rebuild their scheduler).
    package var pendingTimerIds: [Int] { timers.keys.sorted() }

    func takeCommands() -> [ExecutionCommand] {
        defer { commands.removeAll(keepingCapacity: true) }
        return commands
    }

    // MARK: Frames

    /// A new frame; a branch or iteration starts with a copy of its parent's variables (`inheritsFrom`).
    func makeFrame(
        machine: StateMachine, input: JSONValue, parent: Frame.ParentLink?, recordsHistory: Bool, lastEventId: Int,
        inheritsFrom outer: Frame? = nil
    ) -> Int {
        let id = frames.count
        let frame = Frame(
            id: id, identity: identity, machine: machine, parent: parent, recordsHistory: recordsHistory,
            stateIndex: machine.startIndex, stateInput: input, lastEventId: lastEventId, variables: outer?.variables ?? [:])
        if let outer {
            frame.variableSizes = outer.variableSizes
            frame.variablesBytes = outer.variablesBytes
        }
        frames.append(frame)
        return id
    }

    /// Marks a frame as having work to do now.
    func schedule(_ fid: Int) {
        if driving != fid { ready.append(fid) }
    }

    func runReadyFrames() {
        var i = 0
        while i < ready.count {
            let fid = ready[i]
            i += 1
            drive(fid)
            if status != .running { break }
            if historyLimitReached {
                failIfHistoryLimitReached()
                break
            }
        }
        ready.removeAll(keepingCapacity: true)
    }

    /// Ends the execution once an event could not be recorded for lack of room in the history,
    /// whichever step ran into the limit.
    func failIfHistoryLimitReached() {
        guard historyLimitReached, status == .running else { return }
        endExecution(
            .failed, error: StatesErrorName.runtime,
            cause: "The execution reached the maximum number of history events (\(limits.maxHistoryEvents)).")
    }

    /// Runs a frame's states synchronously until it waits for something or ends.
    func drive(_ fid: Int) {
        driving = fid
        defer { driving = nil }
        while status == .running, !historyLimitReached, fid < frames.count, let phase = frames[fid]?.phase {
            switch phase {
            case .entering: enterState(fid)
            case .executing: executeState(fid)
            default: return
            }
        }
    }

    // MARK: History

    /// Appends an event to the history (unless the frame's events are not recorded) and returns its id.
    @discardableResult
    func emit(_ type: HistoryEventType, _ details: consuming HistoryEventDetails = .none, frame fid: Int?) -> Int {
        if let fid { return emit(type, details, frame: frames[fid]!) }
        return append(type, details, previous: history.count)
    }

    /// `emit` for a frame the caller already holds.
    @discardableResult
    func emit(_ type: HistoryEventType, _ details: consuming HistoryEventDetails = .none, frame: Frame) -> Int {
        guard frame.recordsHistory else { return 0 }
        let id = append(type, details, previous: frame.lastEventId)
        frame.lastEventId = id
        return id
    }

    @discardableResult
    func append(_ type: HistoryEventType, _ details: consuming HistoryEventDetails, previous: Int) -> Int {
        let terminal = type == .executionFailed || type == .executionSucceeded || type == .executionAborted || type == .executionTimedOut
        if !terminal, history.count >= limits.maxHistoryEvents - 1 {
            historyLimitReached = true
            // Like an unrecorded event: no id, so nothing (a task id, say) is keyed on a real event's id.
            return 0
        }
        let id = history.count + 1
        history.append(HistoryEvent(id: id, previousEventId: previous, timestamp: now, type: type, details: details))
        return id
    }

    // MARK: Timers

    @discardableResult
    func startTimer(_ purpose: TimerPurpose, due: Timestamp) -> Int {
        let id = nextTimerId
        nextTimerId += 1
        timers[id] = purpose
        commands.append(.startTimer(timerId: id, due: due))
        return id
    }

    func cancelTimer(_ id: Int) {
        if timers.removeValue(forKey: id) != nil { commands.append(.cancelTimer(timerId: id)) }
    }

    func timerFired(_ timerId: Int) {
        guard let purpose = timers.removeValue(forKey: timerId) else { return }
        switch purpose {
        case .executionTimeout:
            // AWS records ExecutionTimedOut without error or cause.
            endExecution(.timedOut)
        case .wait(let fid):
            waitElapsed(fid)
        case .retry(let fid):
            guard frames[fid] != nil else { return }
            frames[fid]!.phase = .executing
            schedule(fid)
        case .taskTimeout(let fid, let taskId):
            taskTimedOut(fid, taskId: taskId, error: StatesErrorName.timeout)
        case .heartbeatTimeout(let fid, let taskId):
            taskTimedOut(fid, taskId: taskId, error: StatesErrorName.heartbeatTimeout)
        }
    }

    // MARK: Ending

    /// Ends the execution (success is recorded by the root frame; this covers failure, abort and timeout too).
    func endExecution(_ status: ExecutionStatus, output: JSONValue? = nil, error: String? = nil, cause: String? = nil) {
        guard self.status == .running else { return }
        let error = error?.isEmpty == true ? nil : error
        switch status {
        case .succeeded:
            append(.executionSucceeded, .executionSucceeded(output: output ?? .null), previous: history.count)
        case .failed:
            append(.executionFailed, .failure(error: error, cause: cause), previous: history.count)
        case .aborted:
            append(.executionAborted, .failure(error: error, cause: cause), previous: history.count)
        case .timedOut:
            append(.executionTimedOut, .failure(error: error, cause: cause), previous: history.count)
        case .running:
            return
        }
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        // Whatever still runs belongs to a finished execution: stop it.
        for taskId in tasks.keys.sorted() { commands.append(.cancelTask(taskId: taskId)) }
        for timerId in timers.keys.sorted() { commands.append(.cancelTimer(timerId: timerId)) }
        tasks.removeAll()
        timers.removeAll()
        frames.removeAll()
    }
}
