import JSONValue

/// One running (sub)machine: the top level, a Parallel branch or a Map iteration.
struct Frame {
    let id: Int
    let machine: StateMachine
    let parent: ParentLink?
    /// Distributed Map iterations run as child executions whose events stay out of this history.
    let recordsHistory: Bool

    var stateIndex: Int
    /// The raw input of the current state.
    var stateInput: JSONValue
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
    var firstFailure: StatesError?
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
