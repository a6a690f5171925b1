import Synchronization

/// Callers waiting for executions to end. Kept outside the engine's actor isolation so that a waiter
/// whose task is cancelled (a parent execution stopped while it waits for its child) leaves at once.
final class CompletionWaiters: Sendable {
    struct State {
        var next = 0
        var waiting: [String: [Int: CheckedContinuation<ExecutionRecord?, Never>]] = [:]
        var executionOf: [Int: String] = [:]
        /// Waiters cancelled before they were added.
        var cancelled: Set<Int> = []
    }

    private let state = Mutex(State())

    func makeID() -> Int {
        state.withLock { s in
            defer { s.next += 1 }
            return s.next
        }
    }

    /// Adds the waiter, or resumes it with nil at once when it was cancelled already.
    func add(_ id: Int, executionArn: String, _ continuation: CheckedContinuation<ExecutionRecord?, Never>) {
        let cancelled = state.withLock { s in
            if s.cancelled.remove(id) != nil { return true }
            s.waiting[executionArn, default: [:]][id] = continuation
            s.executionOf[id] = executionArn
            return false
        }
        if cancelled { continuation.resume(returning: nil) }
    }

    func cancel(_ id: Int) {
        let continuation = state.withLock { s -> CheckedContinuation<ExecutionRecord?, Never>? in
            guard let arn = s.executionOf.removeValue(forKey: id) else {
                s.cancelled.insert(id)
                return nil
            }
            let c = s.waiting[arn]?.removeValue(forKey: id)
            if s.waiting[arn]?.isEmpty == true { s.waiting[arn] = nil }
            return c
        }
        continuation?.resume(returning: nil)
    }

    /// Hands the ended execution's record to everyone waiting for it.
    func resumeAll(_ record: ExecutionRecord) {
        let waiters = state.withLock { s -> [Int: CheckedContinuation<ExecutionRecord?, Never>] in
            let waiters = s.waiting.removeValue(forKey: record.executionArn) ?? [:]
            for id in waiters.keys { s.executionOf[id] = nil }
            return waiters
        }
        for continuation in waiters.values { continuation.resume(returning: record) }
    }
}
