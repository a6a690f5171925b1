import JSONValue
import StatesLanguage
import Synchronization

/// One activity task as a worker receives it.
package struct ActivityTask: Sendable, Equatable {
    package var token: String
    package var input: JSONValue
    package var executionArn: String
    package var taskId: Int

    package init(token: String, input: JSONValue, executionArn: String, taskId: Int) {
        self.token = token
        self.input = input
        self.executionArn = executionArn
        self.taskId = taskId
    }
}

/// Why a worker's answer (success, failure, heartbeat) was refused.
package enum ActivityTaskError: Error, Equatable, Sendable {
    /// No task was ever issued with this token.
    case unknownToken
    /// The task already ended: answered, timed out, or its execution stopped.
    case taskFinished
}

/// Runs activity tasks: each task waits on its activity's queue until a worker takes it with
/// `poll`, then until the worker answers with `complete` (SendTaskSuccess/Failure). The waiting
/// `run` is what the engine cancels on a timeout or a stop, which ends the task for good.
///
/// Plain state under one lock, with continuations resumed outside the engine's actor: a cancelled
/// `run` or `poll` (onCancel handlers are synchronous) must be able to withdraw itself at once.
package final class ActivityTaskRunner: TaskStartReporting {
    /// Delivers what a worker did to the execution: `.taskStarted` when it takes the task,
    /// `.taskHeartbeat` when it beats. The backend wires this to `ExecutionEngine.send`.
    package typealias EventSink = @Sendable (_ input: ExecutionInput, _ executionArn: String) async -> Void

    struct OpenTask {
        var task: ActivityTask
        var activityArn: String
        var continuation: CheckedContinuation<TaskOutcome, Never>
        var taken = false
    }

    struct Poller {
        var id: Int
        var workerName: String?
        var continuation: CheckedContinuation<ActivityTask?, Never>
        var timeout: Task<Void, Never>?
    }

    struct State {
        var open: [String: OpenTask] = [:]
        /// Tokens not yet taken, per activity ARN, oldest first.
        var queues: [String: [String]] = [:]
        /// Waiting polls, per activity ARN, oldest first.
        var pollers: [String: [Poller]] = [:]
        /// Tokens of tasks that ended, so a late answer is TaskTimedOut rather than TaskDoesNotExist.
        var finished = FinishedTokens()
        var nextPollerId = 0
        var sink: EventSink?
        var isShutDown = false
    }

    private let state = Mutex(State())
    let clock: any ExecutionClock
    /// How long a poll waits for a task before answering with none (AWS: 60 seconds).
    package let pollTimeout: Double
    let finishedTokenLimit: Int

    package init(clock: any ExecutionClock = SystemClock(), pollTimeout: Double = 60, finishedTokenLimit: Int = 100_000) {
        self.clock = clock
        self.pollTimeout = pollTimeout
        self.finishedTokenLimit = finishedTokenLimit
    }

    /// Sets where worker events go (set once the engine exists: the engine needs this runner first).
    package func setEventSink(_ sink: @escaping EventSink) {
        state.withLock { $0.sink = sink }
    }

    package func reportsStart(of request: TaskRequest) -> Bool { request.resource.kind == .activity }

    // MARK: The engine's side

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let token = request.taskToken else {
            return .failed(error: StatesErrorName.runtime, cause: "An activity task needs a task token.")
        }
        let task = ActivityTask(token: token, input: request.parameters, executionArn: context.executionArn, taskId: request.taskId)
        let activityArn = request.resource.arn
        let limit = finishedTokenLimit
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<TaskOutcome, Never>) in
                enum Action {
                    case cancelled
                    case handed(Poller, replaced: CheckedContinuation<TaskOutcome, Never>?)
                    case queued(replaced: CheckedContinuation<TaskOutcome, Never>?)
                }
                let action = state.withLock { s -> Action in
                    if Task.isCancelled || s.isShutDown {
                        s.finished.insert(token, limit: limit)
                        return .cancelled
                    }
                    // A relaunch under the same token (recovery) replaces the earlier wait.
                    let replaced = s.open.removeValue(forKey: token)?.continuation
                    s.queues[activityArn]?.removeAll { $0 == token }
                    s.finished.remove(token)
                    var open = OpenTask(task: task, activityArn: activityArn, continuation: continuation)
                    if var waiting = s.pollers[activityArn], !waiting.isEmpty {
                        let poller = waiting.removeFirst()
                        s.pollers[activityArn] = waiting
                        open.taken = true
                        s.open[token] = open
                        return .handed(poller, replaced: replaced)
                    }
                    s.open[token] = open
                    s.queues[activityArn, default: []].append(token)
                    return .queued(replaced: replaced)
                }
                switch action {
                case .cancelled:
                    continuation.resume(returning: Self.cancelledOutcome)
                case .handed(let poller, let replaced):
                    replaced?.resume(returning: Self.cancelledOutcome)
                    poller.timeout?.cancel()
                    poller.continuation.resume(returning: task)
                case .queued(let replaced):
                    replaced?.resume(returning: Self.cancelledOutcome)
                }
            }
        } onCancel: {
            // A timeout or a stop: the task ends here, and a late answer from its worker is refused.
            let open = state.withLock { s -> OpenTask? in
                guard let open = s.open.removeValue(forKey: token) else { return nil }
                s.queues[open.activityArn]?.removeAll { $0 == token }
                s.finished.insert(token, limit: limit)
                return open
            }
            open?.continuation.resume(returning: Self.cancelledOutcome)
        }
    }

    /// What a cancelled run returns; the engine ignores the outcome of a cancelled task.
    static let cancelledOutcome = TaskOutcome.failed(error: StatesErrorName.runtime, cause: "The activity task was cancelled.")

    // MARK: The workers' side

    /// The next task of the activity, as soon as one is queued; nil when none came within the poll
    /// timeout (or the poll was cancelled). Concurrent polls get distinct tasks, oldest poll first.
    /// The task's execution is told it started (with the worker's name) before the task is returned,
    /// so its `ActivityStarted` always precedes what the worker answers.
    package func poll(activityArn: String, workerName: String?, timeout: Double? = nil) async -> ActivityTask? {
        let id = state.withLock { s -> Int in
            s.nextPollerId += 1
            return s.nextPollerId
        }
        let deadline = clock.now().adding(seconds: timeout ?? pollTimeout)
        let task: ActivityTask? = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ActivityTask?, Never>) in
                enum Action { case now(ActivityTask?), wait }
                let action = state.withLock { s -> Action in
                    if Task.isCancelled || s.isShutDown { return .now(nil) }
                    if var queue = s.queues[activityArn], !queue.isEmpty {
                        let token = queue.removeFirst()
                        s.queues[activityArn] = queue
                        s.open[token]?.taken = true
                        return .now(s.open[token]?.task)
                    }
                    s.pollers[activityArn, default: []].append(Poller(id: id, workerName: workerName, continuation: continuation))
                    return .wait
                }
                switch action {
                case .now(let task):
                    continuation.resume(returning: task)
                case .wait:
                    let clock = self.clock
                    let timer = Task {
                        do {
                            try await clock.sleep(until: deadline)
                        } catch {
                            return
                        }
                        self.withdrawPoll(id: id, activityArn: activityArn)
                    }
                    // The poll may have been served already, in which case its timer is not needed.
                    let stillWaiting = state.withLock { s -> Bool in
                        guard let i = s.pollers[activityArn]?.firstIndex(where: { $0.id == id }) else { return false }
                        s.pollers[activityArn]![i].timeout = timer
                        return true
                    }
                    if !stillWaiting { timer.cancel() }
                }
            }
        } onCancel: {
            withdrawPoll(id: id, activityArn: activityArn)
        }
        if let task {
            let sink = state.withLock { $0.sink }
            await sink?(.taskStarted(taskId: task.taskId, workerName: workerName), task.executionArn)
        }
        return task
    }

    /// Ends a waiting poll with no task (its timeout came, or its caller went away).
    func withdrawPoll(id: Int, activityArn: String) {
        let poller = state.withLock { s -> Poller? in
            guard let i = s.pollers[activityArn]?.firstIndex(where: { $0.id == id }) else { return nil }
            return s.pollers[activityArn]!.remove(at: i)
        }
        poller?.timeout?.cancel()
        poller?.continuation.resume(returning: nil)
    }

    /// Ends the task with the worker's answer; its execution continues with it.
    /// The open task a token names, or the error a worker gets for it.
    package func openTask(token: String) throws(ActivityTaskError) -> ActivityTask {
        let result = state.withLock { s -> Result<ActivityTask, ActivityTaskError> in
            guard let open = s.open[token] else { return .failure(s.finished.contains(token) ? .taskFinished : .unknownToken) }
            return .success(open.task)
        }
        return try result.get()
    }

    package func complete(token: String, outcome: TaskOutcome) throws(ActivityTaskError) {
        let limit = finishedTokenLimit
        let result = state.withLock { s -> Result<OpenTask, ActivityTaskError> in
            guard let open = s.open.removeValue(forKey: token) else {
                return .failure(s.finished.contains(token) ? .taskFinished : .unknownToken)
            }
            s.queues[open.activityArn]?.removeAll { $0 == token }
            s.finished.insert(token, limit: limit)
            return .success(open)
        }
        switch result {
        case .success(let open): open.continuation.resume(returning: outcome)
        case .failure(let error): throw error
        }
    }

    /// Reports that the worker is alive: the execution restarts its HeartbeatSeconds timer.
    package func heartbeat(token: String) async throws(ActivityTaskError) {
        let result = state.withLock { s -> Result<(ActivityTask, EventSink?), ActivityTaskError> in
            guard let open = s.open[token] else { return .failure(s.finished.contains(token) ? .taskFinished : .unknownToken) }
            return .success((open.task, s.sink))
        }
        switch result {
        case .success(let (task, sink)): await sink?(.taskHeartbeat(taskId: task.taskId), task.executionArn)
        case .failure(let error): throw error
        }
    }

    /// Answers every waiting poll with no task; later polls answer at once.
    package func shutdown() {
        let pollers = state.withLock { s -> [Poller] in
            s.isShutDown = true
            let all = s.pollers.values.flatMap { $0 }
            s.pollers.removeAll()
            return all
        }
        for poller in pollers {
            poller.timeout?.cancel()
            poller.continuation.resume(returning: nil)
        }
    }

    // MARK: Inspection (tests, metrics)

    /// Tasks of the activity that no worker has taken yet.
    package func queuedCount(activityArn: String) -> Int { state.withLock { $0.queues[activityArn]?.count ?? 0 } }

    /// Polls of the activity waiting for a task.
    package func waitingPollCount(activityArn: String) -> Int { state.withLock { $0.pollers[activityArn]?.count ?? 0 } }
}
