import Synchronization
import StatesLanguage

/// The engine's source of time: injected so a one-hour Wait can run in microseconds in tests.
package protocol ExecutionClock: Sendable {
    func now() -> Timestamp
    /// Suspends until `deadline` (a virtual clock jumps there at once).
    func sleep(until deadline: Timestamp) async throws
    /// True when time only moves when the engine has nothing else to wait for.
    var isVirtual: Bool { get }
}

/// Wall-clock time.
package struct SystemClock: ExecutionClock {
    package init() {}

    package func now() -> Timestamp {
        return Timestamp(nanoseconds: SystemClock.epochNanoseconds())
    }

    package func sleep(until deadline: Timestamp) async throws {
        let remaining = deadline.nanoseconds - now().nanoseconds
        if remaining > 0 { try await Task.sleep(for: .nanoseconds(remaining)) }
    }

    package var isVirtual: Bool { false }

    static func epochNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Simulated time that jumps to each timer's due time as soon as nothing else is pending.
package final class VirtualClock: ExecutionClock {
    private let current: Mutex<Timestamp>

    package init(start: Timestamp) { current = Mutex(start) }

    package func now() -> Timestamp { current.withLock { $0 } }

    package func sleep(until deadline: Timestamp) async throws {
        current.withLock { if deadline > $0 { $0 = deadline } }
    }

    package func advance(seconds: Double) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }

    package var isVirtual: Bool { true }
}
