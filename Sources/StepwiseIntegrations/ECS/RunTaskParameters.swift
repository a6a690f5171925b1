import JSONValue

/// A container's overrides in RunTask's `Overrides.ContainerOverrides`.
package struct ContainerOverride: Sendable, Equatable {
    package var name: String
    package var command: [String]?
    package var environment: [(name: String, value: String)]
    package var cpu: Int?
    package var memory: Int?

    package static func == (a: ContainerOverride, b: ContainerOverride) -> Bool {
        a.name == b.name && a.command == b.command && a.environment.map(\.name) == b.environment.map(\.name)
            && a.environment.map(\.value) == b.environment.map(\.value) && a.cpu == b.cpu && a.memory == b.memory
    }
}

/// ECS RunTask's parameters as a Task state passes them (PascalCase, already evaluated).
/// Those that mean nothing locally (subnets, security groups, platform version, ...) are accepted;
/// the state's `TaskScheduled` event records them.
package struct RunTaskParameters: Sendable, Equatable {
    package var cluster: String
    package var taskDefinition: String
    package var launchType: String?
    package var startedBy: String?
    package var group: String?
    package var containerOverrides: [ContainerOverride]
    /// `Overrides` as given (recorded in the task description).
    package var overrides: JSONValue
    package var tags: [(key: String, value: String)]
    package var enableExecuteCommand: Bool

    package static func == (a: RunTaskParameters, b: RunTaskParameters) -> Bool {
        a.cluster == b.cluster && a.taskDefinition == b.taskDefinition && a.launchType == b.launchType && a.startedBy == b.startedBy
            && a.group == b.group && a.containerOverrides == b.containerOverrides && a.overrides == b.overrides
            && a.tags.map(\.key) == b.tags.map(\.key) && a.tags.map(\.value) == b.tags.map(\.value)
            && a.enableExecuteCommand == b.enableExecuteCommand
    }

    /// RunTask's members; anything else is refused, as ECS refuses unknown members.
    static let knownMembers: Set<String> = [
        "Cluster", "TaskDefinition", "LaunchType", "NetworkConfiguration", "Overrides", "StartedBy", "Tags", "Count", "Group",
        "PlatformVersion", "PlacementConstraints", "PlacementStrategy", "PropagateTags", "ReferenceId", "EnableECSManagedTags",
        "EnableExecuteCommand", "CapacityProviderStrategy", "VolumeConfigurations", "ClientToken",
    ]

    package static func parse(_ json: JSONValue) throws(ECSIntegrationError) -> RunTaskParameters {
        guard case .object(let o) = json else { throw .invalidParameter("The parameters of ecs:runTask must be an object.") }
        for key in o.keys where !knownMembers.contains(key) {
            throw .invalidParameter("Unknown parameter '\(key)' for ecs:runTask; RunTask takes \(knownMembers.sorted().joined(separator: ", ")).")
        }
        guard let taskDefinition = o["TaskDefinition"]?.stringValue, !taskDefinition.isEmpty else {
            throw .invalidParameter("TaskDefinition can not be blank.")
        }
        var cluster = "default"
        if let value = o["Cluster"] {
            guard let text = value.stringValue, !text.isEmpty else { throw .invalidParameter("Cluster must be a cluster name or ARN.") }
            // A cluster ARN names its cluster after "cluster/".
            if text.hasPrefix("arn:"), let slash = text.range(of: ":cluster/") {
                cluster = String(text[slash.upperBound...])
            } else {
                cluster = text
            }
        }
        if let count = o["Count"] {
            guard count.numberValue?.intValue == 1 else {
                throw .invalidParameter("Count must be 1: Stepwise starts one task per Task state.")
            }
        }
        let overrides = o["Overrides"] ?? .object(JSONObject())
        guard overrides.objectValue != nil else { throw .invalidParameter("Overrides must be an object.") }
        var containerOverrides: [ContainerOverride] = []
        if let list = overrides["ContainerOverrides"] {
            guard let items = list.arrayValue else { throw .invalidParameter("Overrides.ContainerOverrides must be a list.") }
            for item in items { containerOverrides.append(try containerOverride(item)) }
        }
        var tags: [(key: String, value: String)] = []
        if let list = o["Tags"] {
            guard let items = list.arrayValue else { throw .invalidParameter("Tags must be a list of Key/Value pairs.") }
            for item in items {
                guard let key = item["Key"]?.stringValue else { throw .invalidParameter("Each tag needs a string Key.") }
                tags.append((key, item["Value"]?.stringValue ?? ""))
            }
        }
        return RunTaskParameters(
            cluster: cluster, taskDefinition: taskDefinition, launchType: try text(o["LaunchType"], "LaunchType"),
            startedBy: try text(o["StartedBy"], "StartedBy"), group: try text(o["Group"], "Group"),
            containerOverrides: containerOverrides, overrides: overrides, tags: tags,
            enableExecuteCommand: o["EnableExecuteCommand"]?.boolValue ?? false)
    }

    static func text(_ value: JSONValue?, _ field: String) throws(ECSIntegrationError) -> String? {
        guard let value else { return nil }
        guard let s = value.stringValue else { throw .invalidParameter("\(field) must be a string.") }
        return s
    }

    static func containerOverride(_ json: JSONValue) throws(ECSIntegrationError) -> ContainerOverride {
        guard let name = json["Name"]?.stringValue, !name.isEmpty else {
            throw .invalidParameter("Each of Overrides.ContainerOverrides needs the Name of a container of the task definition.")
        }
        var command: [String]?
        if let list = json["Command"] {
            guard let items = list.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw .invalidParameter("Overrides.ContainerOverrides[\(name)].Command must be a list of strings.")
            }
            command = items.compactMap(\.stringValue)
        }
        var environment: [(name: String, value: String)] = []
        if let list = json["Environment"] {
            guard let items = list.arrayValue else {
                throw .invalidParameter("Overrides.ContainerOverrides[\(name)].Environment must be a list of Name/Value pairs.")
            }
            for item in items {
                guard let n = item["Name"]?.stringValue, let value = item["Value"] else {
                    throw .invalidParameter("Overrides.ContainerOverrides[\(name)].Environment entries need a Name and a Value.")
                }
                // A number or boolean from the input becomes its JSON text, as the environment holds strings only.
                environment.append((n, value.stringValue ?? value.serialized()))
            }
        }
        func integer(_ key: String) throws(ECSIntegrationError) -> Int? {
            guard let v = json[key] else { return nil }
            guard let n = v.numberValue?.intValue, n >= 0 else {
                throw .invalidParameter("Overrides.ContainerOverrides[\(name)].\(key) must be a non-negative integer.")
            }
            return n
        }
        return ContainerOverride(name: name, command: command, environment: environment, cpu: try integer("Cpu"), memory: try integer("Memory"))
    }
}

/// Why an ECS task could not be run; surfaces as the state's error, as Step Functions reports ECS's.
package enum ECSIntegrationError: Error, Equatable, Sendable {
    /// RunTask parameters ECS would refuse (InvalidParameterException).
    case invalidParameter(String)
    /// A task definition ECS would not find or accept (ClientException).
    case client(String)

    /// The state's error name: Step Functions reports ECS's API errors as `ECS.AmazonECSException`.
    package var errorName: String { "ECS.AmazonECSException" }

    /// The state's cause, in the form Step Functions gives ECS's errors.
    package var cause: String {
        switch self {
        case .invalidParameter(let message):
            "\(message) (Service: AmazonECS; Status Code: 400; Error Code: InvalidParameterException)"
        case .client(let message):
            "\(message) (Service: AmazonECS; Status Code: 400; Error Code: ClientException)"
        }
    }
}
