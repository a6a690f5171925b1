#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes its two streams. Injected so tests read what a user would see
/// without starting a subprocess.
protocol Console: Sendable {
    /// Writes `line` and a newline to standard output (results the user may pipe on).
    func out(_ line: String)
    /// Writes `line` and a newline to standard error (problems and failure details).
    func err(_ line: String)
}

/// The process's real stdout and stderr, written through their file descriptors: unbuffered, so
/// history lines and errors appear in the order they were produced, and no shared `FILE *` is touched.
struct StandardConsole: Console {
    func out(_ line: String) { Self.emit(line + "\n", to: 1) }
    func err(_ line: String) { Self.emit(line + "\n", to: 2) }

    private static func emit(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                // EINTR is retried; any other failure drops the rest, as there is nowhere left to report it.
                if written < 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }
}
