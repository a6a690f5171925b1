import JSONValue

/// One running (sub)machine: the top level, a Parallel branch or a Map iteration.
///
/// A class: the interpreter updates frames in place on every transition, and copying them out
/// and back would cost more than the work itself. Only the interpreter touches a frame, one call
/// at a time, so dynamic exclusivity checks (a cost on every field access) are turned off.
final class Frame {
    let id: Int
    let identity: ExecutionIdentity
    let machine: StateMachine
    let parent: ParentLink?
    /// Distributed Map iterations run as child executions whose events stay out of this history.
    let recordsHistory: Bool

    @exclusivity(unchecked) var stateIndex: Int
    /// The raw input of the current state.
    @exclusivity(unchecked) var stateInput: JSONValue
    /// An upper bound of `stateInput`'s serialized size, so most transitions need not measure their output.
    @exclusivity(unchecked) var inputSizeBound = Int.max
    @exclusivity(unchecked) var enteredEventId = 0
    @exclusivity(unchecked) var enteredTime = Timestamp(nanoseconds: 0)
    @exclusivity(unchecked) var lastEventId: Int
    /// Attempts made so far per retrier of the current state.
    @exclusivity(unchecked) var retryCounts: [Int] = []
    /// Retries so far for the current state (`$$.State.RetryCount`).
    @exclusivity(unchecked) var retryCount = 0
    @exclusivity(unchecked) var phase: Phase = .entering
    @exclusivity(unchecked) var taskToken: String?
    @exclusivity(unchecked) var fanOut: FanOut?
    /// The workflow variables this frame sees: its own assignments over a copy of its parent's
    /// (a branch or iteration reads outer variables; what it assigns stays inside it).
    @exclusivity(unchecked) var variables: [String: JSONValue]
    /// The serialized size of each variable, and their sum, for AWS's limit on all variables together.
    @exclusivity(unchecked) var variableSizes: [String: Int] = [:]
    @exclusivity(unchecked) var variablesBytes = 0

    var state: State { machine.states[stateIndex] }

    init(
        id: Int, identity: ExecutionIdentity, machine: StateMachine, parent: ParentLink?, recordsHistory: Bool, stateIndex: Int,
        stateInput: JSONValue, lastEventId: Int, variables: [String: JSONValue]
    ) {
        self.id = id
        self.identity = identity
        self.machine = machine
        self.parent = parent
        self.recordsHistory = recordsHistory
        self.stateIndex = stateIndex
        self.stateInput = stateInput
        self.lastEventId = lastEventId
        self.variables = variables
    }

    /// Where a frame stands.
    enum Phase: Equatable {
        /// About to enter `stateIndex` with `stateInput`.
        case entering
        /// Entered; (re)run the state's work (after a retry delay).
        case executing
        case awaitingTask(taskId: Int)
        case awaitingTimer(timerId: Int)
        case awaitingChildren
        case finished
    }

    /// The link from a Parallel branch or Map iteration to the state that started it.
    struct ParentLink {
        let frameId: Int
        /// The branch or item index.
        let index: Int
    }
}

/// The children of a running Parallel or Map state.
struct FanOut {
    enum Kind { case parallel, map }
    let kind: Kind
    /// The effective input of the Parallel/Map state (after InputPath).
    let effectiveInput: JSONValue
    var results: [JSONValue?]
    var running: Set<Int> = []
    /// Map items not started yet, in order.
    var pendingIndices: [Int] = []
    var items: [JSONValue] = []
    /// Items already passed through ItemSelector (and batched): each is a child's input as it is.
    var itemsAreInputs = false
    var maxConcurrency = 0
    var failureCount = 0
    var toleratedFailureCount: Int?
    var toleratedFailurePercentage: Double?
    var completed = 0
    var distributed = false

    /// Whether a Map may start another iteration now.
    var canStartIteration: Bool {
        !pendingIndices.isEmpty && (maxConcurrency <= 0 || running.count < maxConcurrency)
    }
}

/// Why a timer was started.
enum TimerPurpose {
    case wait(frameId: Int)
    case retry(frameId: Int)
    case taskTimeout(frameId: Int, taskId: Int)
    case heartbeatTimeout(frameId: Int, taskId: Int)
    case executionTimeout
}

/// A task the execution waits for.
struct PendingTask {
    let frameId: Int
    let resource: TaskResource
    var timerIds: [Int]
    /// HeartbeatSeconds as resolved when the task was scheduled, to re-arm the timer on each heartbeat.
    var heartbeatSeconds: Int?
    /// Whether its start is recorded: a task delivered again after a restart does not start twice.
    var started = false
}

extension Frame: ContextObjectSource {
    /// The context object of the frame's current state.
    func contextObject(mapItem: (index: Int, value: JSONValue)?) -> JSONValue {
        let state = self.state
        return ContextObject(
            identity: identity, stateName: state.name, enteredTime: enteredTime,
            retryCount: state.supportsRetry ? retryCount : nil, taskToken: taskToken, mapItem: mapItem
        ).build()
    }
}
