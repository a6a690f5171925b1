import JSONValue

/// One running (sub)machine: the top level, a Parallel branch or a Map iteration.
///
/// A class: the interpreter updates frames in place on every transition, and copying them out
/// and back would cost more than the work itself.
final class Frame {
    let id: Int
    let machine: StateMachine
    let parent: ParentLink?
    /// Distributed Map iterations run as child executions whose events stay out of this history.
    let recordsHistory: Bool

    var stateIndex: Int
    /// The raw input of the current state.
    var stateInput: JSONValue
    /// An upper bound of `stateInput`'s serialized size, so most transitions need not measure their output.
    var inputSizeBound = Int.max
    var enteredEventId = 0
    var enteredTime = Timestamp(nanoseconds: 0)
    var lastEventId: Int
    /// Attempts made so far per retrier of the current state.
    var retryCounts: [Int] = []
    /// Retries so far for the current state (`$$.State.RetryCount`).
    var retryCount = 0
    var phase: Phase = .entering
    var taskToken: String?
    var fanOut: FanOut?

    var state: State { machine.states[stateIndex] }

    init(id: Int, machine: StateMachine, parent: ParentLink?, recordsHistory: Bool, stateIndex: Int, stateInput: JSONValue, lastEventId: Int) {
        self.id = id
        self.machine = machine
        self.parent = parent
        self.recordsHistory = recordsHistory
        self.stateIndex = stateIndex
        self.stateInput = stateInput
        self.lastEventId = lastEventId
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
}
