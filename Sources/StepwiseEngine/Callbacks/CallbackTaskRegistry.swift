import JSONValue
import StatesLanguage
import Synchronization

/// The `.waitForTaskToken` tasks of service integrations (a container, a queue message, ...) whose
/// result comes back through SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat with their token.
///
/// The integration's runner registers the token before it hands the token out, then waits for the
/// answer; the API looks the token up, commits the answer through the engine and completes it here.
/// Plain state under one lock, as in `ActivityTaskRunner`: a cancelled wait must withdraw at once.
package final class CallbackTaskRegistry: Sendable {
    /// Delivers a heartbeat to the task's execution (wired to `ExecutionEngine.send`).
    package typealias EventSink = @Sendable (_ input: ExecutionInput, _ executionArn: String) async -> Void

    /// The task a token belongs to.
    package struct CallbackTask: Sendable, Equatable {
        package var executionArn: String
        package var taskId: Int
    }

    struct Entry {
        var task: CallbackTask
        /// Which registration of the token this is: a relaunch registers it again, and the run it
        /// replaced must not withdraw the new one.
        var generation: Int
        /// The answer, when it came before anyone waited for it.
        var outcome: TaskOutcome?
        var waiter: CheckedContinuation<TaskOutcome?, Never>?
    }

    struct State {
        var open: [String: Entry] = [:]
        var finished = FinishedTokens()
        var sink: EventSink?
        var registrations = 0
    }

    private let state = Mutex(State())
    let finishedTokenLimit: Int

    package init(finishedTokenLimit: Int = 100_000) {
        self.finishedTokenLimit = finishedTokenLimit
    }

    /// Sets where heartbeats go (set once the engine exists).
    package func setEventSink(_ sink: @escaping EventSink) {
        state.withLock { $0.sink = sink }
    }

    // MARK: The runner's side

    /// Makes the token answerable and returns this registration's generation. A relaunch registers
    /// the same token again; the run it replaces sees its wait end with nil.
    @discardableResult
    package func register(token: String, executionArn: String, taskId: Int) -> Int {
        let (generation, replaced) = state.withLock { s -> (Int, Entry?) in
            s.finished.remove(token)
            s.registrations += 1
            let entry = Entry(task: CallbackTask(executionArn: executionArn, taskId: taskId), generation: s.registrations)
            return (s.registrations, s.open.updateValue(entry, forKey: token))
        }
        replaced?.waiter?.resume(returning: nil)
        return generation
    }

    /// The answer sent for the token; nil when the wait was cancelled or the token withdrawn.
    package func waitForAnswer(token: String) async -> TaskOutcome? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<TaskOutcome?, Never>) in
                enum Action { case now(TaskOutcome?), wait }
                let action = state.withLock { s -> Action in
                    guard !Task.isCancelled, var entry = s.open[token] else { return .now(nil) }
                    if let outcome = entry.outcome {
                        s.open[token] = nil
                        return .now(outcome)
                    }
                    entry.waiter = continuation
                    s.open[token] = entry
                    return .wait
                }
                if case .now(let outcome) = action { continuation.resume(returning: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<TaskOutcome?, Never>? in
                let waiter = s.open[token]?.waiter
                s.open[token]?.waiter = nil
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Ends the token without an answer (the task failed or was stopped): a late answer is refused
    /// as TaskTimedOut. With `generation`, only that registration is withdrawn, not a newer one.
    package func withdraw(token: String, generation: Int? = nil) {
        let limit = finishedTokenLimit
        let waiter = state.withLock { s -> CheckedContinuation<TaskOutcome?, Never>? in
            if let generation, s.open[token]?.generation != generation { return nil }
            let entry = s.open.removeValue(forKey: token)
            if entry != nil { s.finished.insert(token, limit: limit) }
            return entry?.waiter
        }
        waiter?.resume(returning: nil)
    }

    // MARK: The API's side

    /// The open task a token names, or the error a caller gets for it.
    package func openTask(token: String) throws(ActivityTaskError) -> CallbackTask {
        let result = state.withLock { s -> Result<CallbackTask, ActivityTaskError> in
            guard let entry = s.open[token], entry.outcome == nil else {
                return .failure(s.finished.contains(token) || s.open[token] != nil ? .taskFinished : .unknownToken)
            }
            return .success(entry.task)
        }
        return try result.get()
    }

    /// Hands the answer to the waiting runner (after the engine committed it).
    package func complete(token: String, outcome: TaskOutcome) throws(ActivityTaskError) {
        let limit = finishedTokenLimit
        let result = state.withLock { s -> Result<CheckedContinuation<TaskOutcome?, Never>?, ActivityTaskError> in
            guard var entry = s.open[token], entry.outcome == nil else {
                return .failure(s.finished.contains(token) || s.open[token] != nil ? .taskFinished : .unknownToken)
            }
            s.finished.insert(token, limit: limit)
            if let waiter = entry.waiter {
                s.open[token] = nil
                return .success(waiter)
            }
            entry.outcome = outcome
            s.open[token] = entry
            return .success(nil)
        }
        switch result {
        case .success(let waiter): waiter?.resume(returning: outcome)
        case .failure(let error): throw error
        }
    }

    /// Restarts the task's HeartbeatSeconds timer.
    package func heartbeat(token: String) async throws(ActivityTaskError) {
        let result = state.withLock { s -> Result<(CallbackTask, EventSink?), ActivityTaskError> in
            guard let entry = s.open[token], entry.outcome == nil else {
                return .failure(s.finished.contains(token) || s.open[token] != nil ? .taskFinished : .unknownToken)
            }
            return .success((entry.task, s.sink))
        }
        switch result {
        case .success(let (task, sink)): await sink?(.taskHeartbeat(taskId: task.taskId), task.executionArn)
        case .failure(let error): throw error
        }
    }

    /// Tokens that can be answered now (tests, metrics).
    package var openCount: Int { state.withLock { s in s.open.values.filter { $0.outcome == nil }.count } }
}
