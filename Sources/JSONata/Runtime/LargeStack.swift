import Foundation

/// Runs deeply recursive work on a helper thread with a big stack while the caller waits:
/// Swift concurrency's pool threads have small stacks, and a runaway expression must end in
/// U1001 rather than a crash.
enum LargeStack {
    private final class Handoff<T>: @unchecked Sendable {
        // Written by the helper thread before it signals, read by the caller only after waiting.
        var outcome: Result<T, Failure>?
        let work: () throws(Failure) -> T
        let done = DispatchSemaphore(value: 0)
        init(_ work: @escaping () throws(Failure) -> T) { self.work = work }
    }

    static func run<T>(stackSize: Int, _ work: @escaping () throws(Failure) -> T) throws(Failure) -> T {
        let handoff = Handoff(work)
        let thread = Thread {
            do throws(Failure) {
                handoff.outcome = .success(try handoff.work())
            } catch {
                handoff.outcome = .failure(error)
            }
            handoff.done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        handoff.done.wait()
        return try handoff.outcome!.get()
    }
}
