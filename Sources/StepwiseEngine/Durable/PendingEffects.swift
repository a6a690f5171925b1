import StatesLanguage

/// The effects of an execution that are in force: timers started and not yet fired or cancelled,
/// tasks started and not yet finished or cancelled. Folded from the interpreter's commands and the
/// inputs it was given, so a replay after a restart knows what to re-arm.
struct PendingEffects {
    var timers: [Int: Timestamp] = [:]
    var tasks: [Int: TaskRequest] = [:]
    /// Tasks whose start is recorded, so a relaunch after a restart does not record it again.
    var startedTasks: Set<Int> = []
    /// Tasks whose `TaskSubmitted` is recorded, so a relaunch re-attaches without recording it again.
    var submittedTasks: Set<Int> = []

    mutating func apply(_ commands: [ExecutionCommand]) {
        for command in commands {
            switch command {
            case .runTask(let request): tasks[request.taskId] = request
            case .cancelTask(let taskId): tasks[taskId] = nil
            case .startTimer(let timerId, let due): timers[timerId] = due
            case .cancelTimer(let timerId): timers[timerId] = nil
            }
        }
    }

    mutating func consumed(_ input: ExecutionInput) {
        switch input {
        case .timerFired(let timerId): timers[timerId] = nil
        case .taskSucceeded(let taskId, _), .taskFailed(let taskId, _, _):
            tasks[taskId] = nil
            startedTasks.remove(taskId)
            submittedTasks.remove(taskId)
        case .taskStarted(let taskId, _): startedTasks.insert(taskId)
        case .taskSubmitted(let taskId, _): submittedTasks.insert(taskId)
        default: break
        }
    }
}
