/// What to run in one container: the resolved container definition of an ECS task, with overrides applied.
package struct ContainerSpec: Sendable, Equatable {
    /// The runtime's name for the container: stable for an execution, state entry, attempt and container.
    package var name: String
    package var image: String
    /// Replaces the image's entry point when set.
    package var entryPoint: [String]?
    /// Replaces the image's command when set.
    package var command: [String]?
    /// In order; a later entry of the same name wins.
    package var environment: [(name: String, value: String)]
    /// ECS CPU units (1024 = one core), when limited.
    package var cpu: Int?
    /// Hard memory limit in MiB, when limited.
    package var memoryMiB: Int?
    package var workingDirectory: String?
    package var user: String?
    /// Facts recorded on the container (execution, state, task ARN, whether it is essential), for
    /// people and for re-attaching.
    package var labels: [String: String]

    package init(
        name: String, image: String, entryPoint: [String]? = nil, command: [String]? = nil,
        environment: [(name: String, value: String)] = [], cpu: Int? = nil, memoryMiB: Int? = nil,
        workingDirectory: String? = nil, user: String? = nil, labels: [String: String] = [:]
    ) {
        self.name = name
        self.image = image
        self.entryPoint = entryPoint
        self.command = command
        self.environment = environment
        self.cpu = cpu
        self.memoryMiB = memoryMiB
        self.workingDirectory = workingDirectory
        self.user = user
        self.labels = labels
    }

    package static func == (a: ContainerSpec, b: ContainerSpec) -> Bool {
        a.name == b.name && a.image == b.image && a.entryPoint == b.entryPoint && a.command == b.command
            && a.environment.map(\.name) == b.environment.map(\.name) && a.environment.map(\.value) == b.environment.map(\.value)
            && a.cpu == b.cpu && a.memoryMiB == b.memoryMiB && a.workingDirectory == b.workingDirectory && a.user == b.user
            && a.labels == b.labels
    }
}

/// A container the runtime holds: its name and the labels it was started with.
package struct ContainerListing: Sendable, Equatable {
    package var name: String
    package var labels: [String: String]

    package init(name: String, labels: [String: String]) {
        self.name = name
        self.labels = labels
    }
}

/// Where a container is in its life, as the runtime reports it.

package struct ContainerStatus: Sendable, Equatable {
    package enum Phase: String, Sendable {
        case created, running, exited
    }

    package var phase: Phase
    /// Set once the container exited: its code, or 128 + the signal that ended it.
    package var exitCode: Int?
    /// Seconds since the epoch; nil when unknown.
    package var startedAt: Double?
    package var finishedAt: Double?
    /// The runtime's own reason, when it has one (out of memory, a start error).
    package var reason: String?

    package init(phase: Phase, exitCode: Int? = nil, startedAt: Double? = nil, finishedAt: Double? = nil, reason: String? = nil) {
        self.phase = phase
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.reason = reason
    }
}

/// The end of a container's output: at most the limit asked for, of each stream.
package struct ContainerLogs: Sendable, Equatable {
    package var stdout: String
    package var stderr: String
    /// True when earlier output was dropped to keep within the limit.
    package var truncated: Bool

    package init(stdout: String = "", stderr: String = "", truncated: Bool = false) {
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
    }
}

/// Why a container runtime could not do what it was asked.
package enum ContainerRuntimeError: Error, Equatable, Sendable {
    /// The image is not in the runtime's image store (Stepwise does not pull from registries).
    case imageNotFound(image: String, message: String)
    /// The runtime cannot be reached at all (no engine at the socket).
    case unreachable(endpoint: String, reason: String)
    /// The runtime refused the call: which call, and the runtime's message.
    case refused(operation: String, container: String, status: Int, message: String)
    /// The command of a process container cannot be started.
    case cannotStart(container: String, reason: String)

    package var description: String {
        switch self {
        case .imageNotFound(let image, let message): "The image '\(image)' is not available: \(message)"
        case .unreachable(let endpoint, let reason): "The container runtime at \(endpoint) cannot be reached: \(reason)"
        case .refused(let operation, let container, let status, let message):
            "The container runtime refused to \(operation) the container '\(container)' (status \(status)): \(message)"
        case .cannotStart(let container, let reason): "The container '\(container)' cannot be started: \(reason)"
        }
    }
}

/// Runs containers by name. Every call is idempotent on the name, so a task relaunched after a
/// restart finds its container again instead of starting a second one. A container stays (exited)
/// until it is removed: only its removal makes its name free to start again.
package protocol ContainerRuntime: Sendable {
    /// What the runtime is, for messages ("docker", "process").
    var kind: String { get }
    /// Where the container finds the file it may write its JSON result to.
    func resultFilePath(for name: String) -> String
    /// Creates and starts the container unless one of that name exists already. Returns the
    /// existing container's status in that case, nil when it started a new one.
    func start(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> ContainerStatus?
    /// Every container Stepwise started in this runtime that is not removed yet, running or exited.
    func list() async throws(ContainerRuntimeError) -> [ContainerListing]
    /// The container's status; nil when no container has that name.
    func inspect(name: String) async throws(ContainerRuntimeError) -> ContainerStatus?
    /// Waits until the container has exited, and returns its final status. Returns early, with the
    /// status of that moment, when the calling task is cancelled.
    func waitForExit(name: String) async throws(ContainerRuntimeError) -> ContainerStatus
    /// Sends SIGTERM, then SIGKILL once `gracePeriod` seconds passed; no-op for an exited container.
    func stop(name: String, gracePeriod: Int) async throws(ContainerRuntimeError)
    /// Removes the container (stopping it at once if it still runs); no-op when it is gone.
    func remove(name: String) async throws(ContainerRuntimeError)
    /// The last `limit` bytes of each output stream.
    func logs(name: String, limit: Int) async throws(ContainerRuntimeError) -> ContainerLogs
    /// The bytes of the file at `path` inside the container, nil when there is none.
    func readFile(name: String, path: String) async throws(ContainerRuntimeError) -> [UInt8]?
}
