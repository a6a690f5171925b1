import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How a function's command ended.
package struct LambdaCommandOutcome: Sendable {
    /// The exit status, nil when a signal ended the process.
    package var exitStatus: Int32?
    package var signal: Int32?
    package var stdout: [UInt8]
    /// True when stdout was longer than the limit (and was cut there).
    package var stdoutTooLarge: Bool
    /// The last bytes of stderr.
    package var stderrTail: [UInt8]
    package var timedOut: Bool
    package var cancelled: Bool
}

/// Runs a function's command: the payload on stdin, the result on stdout. The command runs in its
/// own session, so a timeout or a cancellation kills its whole process group (SIGKILL).
///
/// The pipes are served by one thread per command, blocked in poll(2): blocking calls stay off the
/// cooperative pool, and the calling task awaits the thread, so nothing outlives the call.
package enum LambdaCommand {
    /// Why a command could not start.
    package struct LaunchError: Error, Sendable {
        package var reason: String
    }

    static let stderrTailBytes = 4096

    /// Shared between the calling task (which may cancel) and the thread serving the pipes.
    final class Control: Sendable {
        /// The process group, whether it was reaped, and why it was killed.
        struct State {
            var group: pid_t = 0
            var reaped = false
            var cancelled = false
            var timedOut = false
        }
        let state = Mutex(State())

        /// Kills the process group unless the process was reaped (its group id may be reused then).
        func kill(cancelled: Bool) {
            state.withLock { state in
                if cancelled { state.cancelled = true } else { state.timedOut = true }
                if state.group > 0, !state.reaped { _ = Glibc.kill(-state.group, SIGKILL) }
            }
        }
    }

    package static func run(
        arguments: [String], workingDirectory: String?, environment: [String: String], input: [UInt8], timeout: Duration,
        maxOutputBytes: Int
    ) async throws(LaunchError) -> LambdaCommandOutcome {
        if Task.isCancelled {
            return LambdaCommandOutcome(exitStatus: nil, signal: nil, stdout: [], stdoutTooLarge: false, stderrTail: [], timedOut: false, cancelled: true)
        }
        // stdin is a socket so writes to a command that exits without reading fail with EPIPE
        // (MSG_NOSIGNAL) instead of raising SIGPIPE in the server.
        var stdinPair: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stdinPair) == 0 else {
            throw LaunchError(reason: "socketpair: \(String(cString: strerror(errno)))")
        }
        // Close-on-exec from the start (socketpair with SOCK_CLOEXEC is atomic, where pipe + fcntl is
        // not), so a command spawned meanwhile by another task cannot inherit a write end and keep
        // this one's output open; dup2 clears the flag on 0, 1 and 2.
        let streamFlags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, streamFlags, 0, &stdoutPipe) == 0, socketpair(AF_UNIX, streamFlags, 0, &stderrPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in stdinPair + stdoutPipe + stderrPipe where fd > 0 { close(fd) }
            throw LaunchError(reason: "socketpair: \(reason)")
        }
        shutdown(stdinPair[0], Int32(SHUT_WR))

        // The shell changes directory, then execs the command, searching the PATH given below.
        let script = #"cd "$1" || exit 126; shift; exec "$@""#
        let argv = ["/bin/sh", "-c", script, "stepwise-lambda", workingDirectory ?? "."] + arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        for (key, value) in environment { env[key] = value }
        let spawned = SessionSpawn.spawn("/bin/sh", arguments: argv, environment: env) { actions in
            posix_spawn_file_actions_adddup2(&actions, stdinPair[0], 0)
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        }
        close(stdinPair[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        let child: pid_t
        switch spawned {
        case .success(let pid): child = pid
        case .failure(let failure):
            close(stdinPair[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw LaunchError(reason: failure.description)
        }
        let control = Control()
        control.state.withLock { $0.group = child }
        let fds = (stdin: stdinPair[1], stdout: stdoutPipe[0], stderr: stderrPipe[0])
        let deadline = ContinuousClock.now.advanced(by: timeout)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<LambdaCommandOutcome, Never>) in
                let thread = Thread {
                    continuation.resume(returning: serve(pid: child, fds: fds, input: input, deadline: deadline, maxOutputBytes: maxOutputBytes, control: control))
                }
                thread.start()
            }
        } onCancel: {
            control.kill(cancelled: true)
        }
    }

    /// Feeds stdin, drains stdout and stderr, enforces the deadline and reaps the process.
    static func serve(
        pid: pid_t, fds: (stdin: Int32, stdout: Int32, stderr: Int32), input: [UInt8], deadline: ContinuousClock.Instant, maxOutputBytes: Int,
        control: Control
    ) -> LambdaCommandOutcome {
        var stdinFD = fds.stdin
        var stdoutFD = fds.stdout
        var stderrFD = fds.stderr
        _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        var written = 0
        if input.isEmpty {
            close(stdinFD)
            stdinFD = -1
        }
        var stdout: [UInt8] = []
        var tooLarge = false
        var stderr: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var killedAt: ContinuousClock.Instant?
        var status: Int32 = 0
        var exitedAt: ContinuousClock.Instant?

        /// Reaps the command once it exited; under the lock, so `kill` never signals a reused group id.
        func reapIfExited() {
            guard exitedAt == nil else { return }
            let done = control.state.withLock { state -> Bool in
                let result = waitpid(pid, &status, WNOHANG)
                guard result == pid || (result < 0 && errno != EINTR) else { return false }
                state.reaped = true
                return true
            }
            if done { exitedAt = .now }
        }

        func timedOut() -> Bool {
            if killedAt == nil, ContinuousClock.now >= deadline {
                control.kill(cancelled: false)
                killedAt = .now
            }
            if killedAt == nil, control.state.withLock({ $0.cancelled }) { killedAt = .now }
            // A descendant that left the group may hold the pipes open: stop waiting for them soon after the kill.
            return killedAt.map { ContinuousClock.now - $0 > .seconds(1) } ?? false
        }

        while stdoutFD >= 0 || stderrFD >= 0 {
            if timedOut() { break }
            // A background process the command left may hold its output open: once the command
            // exited, what it wrote arrives at once, so stop reading soon after.
            reapIfExited()
            if let exitedAt, ContinuousClock.now - exitedAt > .seconds(1) { break }
            var polls = [
                pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0), pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0),
            ]
            let remaining = killedAt == nil ? deadline - .now : .milliseconds(100)
            let milliseconds = max(0, min(Int32(100), Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)))
            // poll ignores negative descriptors, so closed streams stay in the array.
            let ready = poll(&polls, nfds_t(polls.count), max(1, milliseconds))
            if ready < 0, errno != EINTR { break }
            if ready <= 0 { continue }
            if stdinFD >= 0, polls[0].revents != 0 {
                let n = input[written...].withUnsafeBytes { send(stdinFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n > 0 { written += n }
                if written >= input.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                    close(stdinFD)
                    stdinFD = -1
                }
            }
            for (index, isStdout) in [(1, true), (2, false)] where polls[index].revents != 0 {
                let fd = isStdout ? stdoutFD : stderrFD
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR || errno == EAGAIN { continue }
                if n <= 0 {
                    close(fd)
                    if isStdout { stdoutFD = -1 } else { stderrFD = -1 }
                    continue
                }
                if isStdout {
                    let room = maxOutputBytes - stdout.count
                    if n > room { tooLarge = true }
                    stdout += buffer[0..<min(n, max(0, room))]
                } else {
                    stderr += buffer[0..<n]
                    if stderr.count > stderrTailBytes * 2 { stderr.removeFirst(stderr.count - stderrTailBytes) }
                }
            }
        }
        for fd in [stdinFD, stdoutFD, stderrFD] where fd >= 0 { close(fd) }
        // The command may have closed its output and carry on: wait for it under the same deadline.
        while true {
            reapIfExited()
            if exitedAt != nil { break }
            if killedAt == nil { _ = timedOut() }
            usleep(5000)
        }
        let state = control.state.withLock { state -> Control.State in
            state.reaped = true
            return state
        }
        if stderr.count > stderrTailBytes { stderr.removeFirst(stderr.count - stderrTailBytes) }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which are macros in C.
        let exited = status & 0x7F == 0
        return LambdaCommandOutcome(
            exitStatus: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F, stdout: stdout, stdoutTooLarge: tooLarge,
            stderrTail: stderr, timedOut: state.timedOut, cancelled: state.cancelled)
    }
}
