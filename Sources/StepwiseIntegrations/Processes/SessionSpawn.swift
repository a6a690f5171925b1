import Foundation

/// Starts a program in a session (and process group) of its own, so that stopping it can signal the
/// whole group, with default signal dispositions and an empty signal mask: the server ignores or
/// blocks SIGTERM/SIGINT for its own shutdown, and ignored signals would survive exec.
enum SessionSpawn {
    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import.
    static let setSessionID: Int32 = 0x80

    /// The child's pid, or the errno of posix_spawn. `files` sets up the child's descriptors.
    static func spawn(
        _ path: String, arguments: [String], environment: [String: String],
        files: (inout posix_spawn_file_actions_t) -> Void
    ) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | setSessionID))
        let cArgs = arguments.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { return .failure(SpawnFailure(path: path, errno: rc)) }
        return .success(pid)
    }
}

/// posix_spawn refused to start a program.
struct SpawnFailure: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "posix_spawn \(path): \(String(cString: strerror(errno)))" }
}
