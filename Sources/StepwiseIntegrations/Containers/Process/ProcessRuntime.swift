import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a container definition's entry point and command as a local process, for machines without
/// a container engine: same environment, exit codes, timeouts and stops as `DockerEngineRuntime`.
/// The image is recorded but not used; CPU and memory limits are not enforced.
///
/// Each "container" is a folder named after it under `directory`, holding its output, its result
/// file, its pid and, once it ended, its exit code (written by a `/bin/sh` wrapper). The process
/// runs in its own session, so a stop signals its whole process tree, and it outlives a crash of
/// the server, which then finds it again by its folder.
package struct ProcessRuntime: ContainerRuntime {
    package let directory: String
    let clock: any ExecutionClock
    /// How often a wait looks at the process again.
    let pollInterval: Double

    package init(directory: String, clock: any ExecutionClock = SystemClock(), pollInterval: Double = 0.05) {
        self.directory = directory
        self.clock = clock
        self.pollInterval = pollInterval
    }

    package var kind: String { "process" }

    func folder(_ name: String) -> String { directory + "/" + name }

    package func resultFilePath(for name: String) -> String { folder(name) + "/result.json" }

    /// Runs the command and records its exit code atomically once it ends.
    static let wrapper = #"""
        cd "$STEPWISE_WORKDIR" || exit 126; unset STEPWISE_WORKDIR
        "$@"; code=$?
        echo $code > "$STEPWISE_STATE/exit.tmp" && mv "$STEPWISE_STATE/exit.tmp" "$STEPWISE_STATE/exit"; exit $code
        """#
    /// Starts the wrapper in the background and exits at once, so the wrapper is nobody's child here:
    /// the server never has to reap it, and it carries on alike before and after a server restart.
    static let launcher = #"w="$1"; shift; /bin/sh -c "$w" stepwise-task "$@" & echo $! > "$STEPWISE_STATE/pid.tmp" && mv "$STEPWISE_STATE/pid.tmp" "$STEPWISE_STATE/pid""#

    package func start(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> ContainerStatus? {
        let arguments = (spec.entryPoint ?? []) + (spec.command ?? [])
        guard !arguments.isEmpty else {
            throw .cannotStart(container: spec.name, reason: "the process runtime needs an entryPoint or a command in the container definition")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotStart(container: spec.name, reason: "cannot create \(directory): \(error)")
        }
        let dir = folder(spec.name)
        // mkdir is atomic: whoever creates the folder starts the process; anyone else re-attaches.
        if mkdir(dir, 0o755) != 0 {
            guard errno == EEXIST else { throw .cannotStart(container: spec.name, reason: "cannot create \(dir): \(String(cString: strerror(errno)))") }
            return try await inspect(name: spec.name)
        }
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        for (name, value) in spec.environment { environment[name] = value }
        environment["STEPWISE_STATE"] = dir
        environment["STEPWISE_WORKDIR"] = spec.workingDirectory ?? dir
        write("\(clock.now().seconds)", to: dir + "/started")
        let labels = JSONValue.object(JSONObject(spec.labels.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        write(labels.serialized(), to: dir + "/labels.json")
        let launcher: pid_t
        do {
            launcher = try Self.spawn(
                ["/bin/sh", "-c", Self.launcher, "stepwise-launcher", Self.wrapper] + arguments, environment: environment, folder: dir)
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw .cannotStart(container: spec.name, reason: error.reason)
        }
        // The launcher only forks and exits. It led the new session, so its pid is the group's id.
        var status: Int32 = 0
        waitpid(launcher, &status, 0)
        write("\(launcher)", to: dir + "/pgid")
        return nil
    }

    struct SpawnError: Error {
        var reason: String
    }

    static func spawn(_ argv: [String], environment: [String: String], folder: String) throws(SpawnError) -> pid_t {
        let spawned = SessionSpawn.spawn(argv[0], arguments: argv, environment: environment) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, folder + "/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, folder + "/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        switch spawned {
        case .success(let pid): return pid
        case .failure(let failure): throw SpawnError(reason: failure.description)
        }
    }

    /// Bookkeeping files (start and finish times, the process group) beside the process; one that
    /// cannot be written only costs the timestamps it would have given after a restart.
    func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    package func list() async throws(ContainerRuntimeError) -> [ContainerListing] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().map { name in
            var labels: [String: String] = [:]
            if let text = read(folder(name) + "/labels.json"), case .object(let object)? = try? JSONValue(parsing: text) {
                for (key, value) in object.members { labels[key] = value.stringValue }
            }
            return ContainerListing(name: name, labels: labels)
        }
    }

    package func inspect(name: String) async throws(ContainerRuntimeError) -> ContainerStatus? {
        let dir = folder(name)
        guard FileManager.default.fileExists(atPath: dir) else { return nil }
        let started = read(dir + "/started").flatMap(Double.init)
        if let code = read(dir + "/exit").flatMap(Int.init) {
            if read(dir + "/finished") == nil { write("\(clock.now().seconds)", to: dir + "/finished") }
            return ContainerStatus(phase: .exited, exitCode: code, startedAt: started, finishedAt: read(dir + "/finished").flatMap(Double.init))
        }
        guard let pid = read(dir + "/pid").flatMap({ pid_t($0) }) else {
            // The folder exists but the process was never recorded: the server stopped in between.
            return ContainerStatus(phase: .created)
        }
        if Self.isAlive(pid) { return ContainerStatus(phase: .running, startedAt: started) }
        // The exit code may have been written between the two looks.
        if let code = read(dir + "/exit").flatMap(Int.init) {
            return ContainerStatus(phase: .exited, exitCode: code, startedAt: started, finishedAt: clock.now().seconds)
        }
        // Gone without an exit code: killed by a signal, ours (recorded) or someone else's.
        let signal = read(dir + "/stopped").flatMap(Int.init) ?? Int(SIGKILL)
        write("\(clock.now().seconds)", to: dir + "/finished")
        write("\(128 + signal)", to: dir + "/exit")
        return ContainerStatus(phase: .exited, exitCode: 128 + signal, startedAt: started, finishedAt: clock.now().seconds)
    }

    /// A pid that exists and is not a zombie (an init that does not reap would keep it forever).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }

    package func waitForExit(name: String) async throws(ContainerRuntimeError) -> ContainerStatus {
        while true {
            guard let status = try await inspect(name: name) else {
                throw .refused(operation: "wait for", container: name, status: 404, message: "No such process container: \(name)")
            }
            if status.phase == .exited || status.phase == .created || Task.isCancelled { return status }
            do {
                try await clock.sleep(until: clock.now().adding(seconds: pollInterval))
            } catch {
                return status
            }
        }
    }

    package func stop(name: String, gracePeriod: Int) async throws(ContainerRuntimeError) {
        let dir = folder(name)
        guard let status = try await inspect(name: name), status.phase == .running,
            let pid = read(dir + "/pgid").flatMap({ pid_t($0) })
        else { return }
        // The wrapper shell leads its own process group: signal the whole tree.
        write("\(SIGTERM)", to: dir + "/stopped")
        kill(-pid, SIGTERM)
        let deadline = clock.now().adding(seconds: Double(max(0, gracePeriod)))
        while clock.now() < deadline {
            if let status = try await inspect(name: name), status.phase != .running { return }
            do {
                try await clock.sleep(until: min(deadline, clock.now().adding(seconds: pollInterval)))
            } catch {
                break
            }
        }
        if let status = try await inspect(name: name), status.phase == .running {
            write("\(SIGKILL)", to: dir + "/stopped")
            kill(-pid, SIGKILL)
        }
        _ = try await waitForExit(name: name)
    }

    package func remove(name: String) async throws(ContainerRuntimeError) {
        let dir = folder(name)
        guard FileManager.default.fileExists(atPath: dir) else { return }
        if let group = read(dir + "/pgid").flatMap({ pid_t($0) }), let status = try await inspect(name: name), status.phase == .running {
            kill(-group, SIGKILL)
        }
        do {
            try FileManager.default.removeItem(atPath: dir)
        } catch {
            throw .refused(operation: "remove", container: name, status: 0, message: "\(error)")
        }
    }

    package func logs(name: String, limit: Int) async throws(ContainerRuntimeError) -> ContainerLogs {
        let dir = folder(name)
        let out = BoundedText.tail(Array(FileManager.default.contents(atPath: dir + "/stdout") ?? Data()), limit: limit)
        let err = BoundedText.tail(Array(FileManager.default.contents(atPath: dir + "/stderr") ?? Data()), limit: limit)
        return ContainerLogs(stdout: out.0, stderr: err.0, truncated: out.1 || err.1)
    }

    package func readFile(name: String, path: String) async throws(ContainerRuntimeError) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }
}
