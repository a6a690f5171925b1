import Synchronization

@testable import stepwise

/// Keeps what was written, for tests.
final class RecordingConsole: Console {
    private let lines = Mutex<(out: [String], err: [String])>(([], []))

    init() {}

    func out(_ line: String) { lines.withLock { $0.out.append(line) } }
    func err(_ line: String) { lines.withLock { $0.err.append(line) } }

    /// Everything written to stdout, one newline after each line as the terminal would show it.
    var stdout: String { lines.withLock { $0.out.map { $0 + "\n" }.joined() } }
    var stderr: String { lines.withLock { $0.err.map { $0 + "\n" }.joined() } }
}
