import JSONValue

/// What Stepwise knows of one container of a running or stopped ECS task.
struct ContainerReport {
    var definition: ContainerDefinition
    var runtimeName: String
    var status: ContainerStatus?
    var logs: ContainerLogs?
    /// Why it never ran (an image that is not there).
    var failureReason: String?
}

/// The ECS `Task` object (DescribeTasks / RunTask) in the PascalCase form Step Functions returns,
/// built from a task definition, the RunTask parameters and what the runtime reports.
struct ECSTaskDescription {
    var taskArn: String
    var clusterArn: String
    var definition: TaskDefinition
    var definitionArn: String
    var parameters: RunTaskParameters
    var containers: [ContainerReport]
    /// Milliseconds since the epoch.
    var createdAt: Int64

    enum Stage {
        /// Just started: RunTask's answer.
        case submitted
        /// Every essential container has exited, or the task could not start.
        case stopped(stopCode: String, reason: String, at: Int64)
    }

    static func millis(_ seconds: Double?) -> JSONValue {
        guard let seconds else { return .null }
        return .int(Int((seconds * 1000).rounded()))
    }

    func containerArn(_ report: ContainerReport) -> String {
        let id = ContainerNaming.uuid(of: report.runtimeName)
        return clusterArn.replacingOccurrences(of: ":cluster/", with: ":container/") + "/" + taskArn.split(separator: "/").last! + "/" + id
    }

    func json(_ stage: Stage, result: JSONValue? = nil) -> JSONValue {
        var stopped = false
        var task = JSONObject()
        task["Attachments"] = []
        task["Attributes"] = [["Name": "ecs.cpu-architecture", "Value": "x86_64"]]
        task["AvailabilityZone"] = "local"
        task["ClusterArn"] = .string(clusterArn)
        if case .stopped = stage { stopped = true }
        task["Containers"] = .array(containerObjects(stopped: stopped))
        task["Cpu"] = .string(definition.cpu ?? String(definition.containers.compactMap(\.cpu).reduce(0, +)))
        task["CreatedAt"] = .int(Int(createdAt))
        task["DesiredStatus"] = stopped ? "STOPPED" : "RUNNING"
        task["EnableExecuteCommand"] = .bool(parameters.enableExecuteCommand)
        task["Group"] = .string(parameters.group ?? "family:\(definition.family)")
        task["LastStatus"] = stopped ? "STOPPED" : "PENDING"
        task["LaunchType"] = .string(parameters.launchType ?? "FARGATE")
        task["Memory"] = .string(definition.memory ?? String(definition.containers.compactMap(\.memory).reduce(0, +)))
        var overrides = parameters.overrides.objectValue ?? JSONObject()
        if overrides["ContainerOverrides"] == nil { overrides["ContainerOverrides"] = [] }
        if overrides["InferenceAcceleratorOverrides"] == nil { overrides["InferenceAcceleratorOverrides"] = [] }
        task["Overrides"] = .object(overrides)
        if let startedBy = parameters.startedBy { task["StartedBy"] = .string(startedBy) }
        task["Tags"] = .array(parameters.tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        task["TaskArn"] = .string(taskArn)
        task["TaskDefinitionArn"] = .string(definitionArn)
        task["Version"] = stopped ? 3 : 1
        let startedAt = self.containers.compactMap { $0.status?.startedAt }.min()
        if let startedAt {
            task["PullStartedAt"] = Self.millis(startedAt)
            task["PullStoppedAt"] = Self.millis(startedAt)
        }
        if case .stopped(let stopCode, let reason, let at) = stage {
            if let startedAt { task["StartedAt"] = Self.millis(startedAt) }
            task["Connectivity"] = "CONNECTED"
            task["ExecutionStoppedAt"] = .int(Int(at))
            task["StopCode"] = .string(stopCode)
            task["StoppedAt"] = .int(Int(at))
            task["StoppedReason"] = .string(reason)
            task["StoppingAt"] = .int(Int(at))
        }
        if let result { task["Result"] = result }
        return .object(task)
    }

    func containerObjects(stopped: Bool) -> [JSONValue] {
        containers.map { report in
            var c = JSONObject()
            c["ContainerArn"] = .string(containerArn(report))
            c["Cpu"] = .string(String(report.definition.cpu ?? 0))
            if stopped, let code = report.status?.exitCode { c["ExitCode"] = .int(code) }
            c["Image"] = .string(report.definition.image)
            c["LastStatus"] = stopped ? "STOPPED" : "PENDING"
            if let memory = report.definition.memory { c["Memory"] = .string(String(memory)) }
            c["Name"] = .string(report.definition.name)
            c["NetworkBindings"] = []
            c["NetworkInterfaces"] = []
            if let reason = report.failureReason ?? report.status?.reason { c["Reason"] = .string(reason) }
            c["RuntimeId"] = .string(report.runtimeName)
            c["TaskArn"] = .string(taskArn)
            if let logs = report.logs {
                // Beyond ECS: the end of the container's output, kept with the task's events.
                c["Logs"] = ["Stdout": .string(logs.stdout), "Stderr": .string(logs.stderr), "Truncated": .bool(logs.truncated)]
            }
            return .object(c)
        }
    }

    /// The RunTask response wrapping a task.
    static func runTaskResponse(_ task: JSONValue) -> JSONValue {
        ["Failures": [], "Tasks": [task]]
    }
}
