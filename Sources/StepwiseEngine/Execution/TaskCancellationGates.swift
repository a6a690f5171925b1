import Synchronization

/// Cancels one child of a task group at a time: a group can only cancel all of its children, so
/// each child races its work against its gate, and firing the gate cancels that work alone.
/// Plain state under one lock, never held across an await.
final class TaskCancellationGates: Sendable {
    enum Gate {
        case waiting(CheckedContinuation<Void, Never>?)
        case fired
    }

    private let gates = Mutex<[Int: Gate]>([:])

    /// Cancels the work behind `id`; a gate fired before anyone waits on it stays fired.
    func fire(_ id: Int) {
        let waiter = gates.withLock { g -> CheckedContinuation<Void, Never>? in
            defer { g[id] = .fired }
            if case .waiting(let waiter) = g[id] { return waiter }
            return nil
        }
        waiter?.resume()
    }

    /// Returns once `id` is fired, or once the calling task is cancelled (its work ended first).
    func wait(_ id: Int) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = gates.withLock { g -> Bool in
                    if case .fired = g[id] { return true }
                    if Task.isCancelled { return true }
                    g[id] = .waiting(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = gates.withLock { g -> CheckedContinuation<Void, Never>? in
                guard case .waiting(let waiter) = g[id] else { return nil }
                g[id] = .waiting(nil)
                return waiter
            }
            waiter?.resume()
        }
    }

    /// Drops the gate of a child that ended.
    func forget(_ id: Int) {
        _ = gates.withLock { $0.removeValue(forKey: id) }
    }
}
