import JSONValue

/// One container of an ECS task definition, as RegisterTaskDefinition takes it.
package struct ContainerDefinition: Sendable, Equatable {
    package var name: String
    package var image: String
    package var command: [String]?
    package var entryPoint: [String]?
    package var environment: [(name: String, value: String)]
    package var cpu: Int?
    /// Hard limit in MiB.
    package var memory: Int?
    package var memoryReservation: Int?
    package var essential: Bool
    package var workingDirectory: String?
    package var user: String?

    package static func == (a: ContainerDefinition, b: ContainerDefinition) -> Bool {
        a.name == b.name && a.image == b.image && a.command == b.command && a.entryPoint == b.entryPoint
            && a.environment.map(\.name) == b.environment.map(\.name) && a.environment.map(\.value) == b.environment.map(\.value)
            && a.cpu == b.cpu && a.memory == b.memory && a.memoryReservation == b.memoryReservation && a.essential == b.essential
            && a.workingDirectory == b.workingDirectory && a.user == b.user
    }
}

/// An ECS task definition revision: its family, revision and containers, plus the registration
/// JSON it came from (fields Stepwise does not use locally, such as roles, are kept and shown).
package struct TaskDefinition: Sendable, Equatable {
    package var family: String
    package var revision: Int
    package var containers: [ContainerDefinition]
    /// Task-level CPU units and memory (MiB), as ECS keeps them: strings in its responses.
    package var cpu: String?
    package var memory: String?
    /// The RegisterTaskDefinition input, as given.
    package var registration: JSONValue

    /// `arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION`
    package func arn(region: String, account: String) -> String {
        "arn:aws:ecs:\(region):\(account):task-definition/\(family):\(revision)"
    }

    /// DescribeTaskDefinition's `taskDefinition` shape.
    package func description(region: String, account: String) -> JSONValue {
        var object = registration.objectValue ?? JSONObject()
        _ = object.removeValue(forKey: "tags")
        object["taskDefinitionArn"] = .string(arn(region: region, account: account))
        object["revision"] = .int(revision)
        object["status"] = "ACTIVE"
        return .object(object)
    }
}

/// Why a task definition was refused or not found; each message is the one ECS gives.
package enum TaskDefinitionError: Error, Equatable, Sendable {
    /// RegisterTaskDefinition input that ECS would refuse (ECS's ClientException).
    case invalid(String)
    /// No revision matches the reference (ECS's ClientException "Unable to describe task definition.").
    case notFound(reference: String)
    /// The definitions folder cannot be read or written.
    case storage(path: String, reason: String)

    package var message: String {
        switch self {
        case .invalid(let message): message
        case .notFound: "TaskDefinition not found."
        case .storage(let path, let reason): "The task definitions at \(path) cannot be used: \(reason)"
        }
    }
}

extension TaskDefinition {
    /// Parses RegisterTaskDefinition's JSON (the `aws ecs register-task-definition --cli-input-json`
    /// form: camelCase members). The revision is assigned by the store.
    package static func parse(registration json: JSONValue) throws(TaskDefinitionError) -> TaskDefinition {
        guard case .object(let object) = json else { throw .invalid("The task definition must be a JSON object.") }
        guard let family = object["family"]?.stringValue, !family.isEmpty else {
            throw .invalid("Family should not be null or empty.")
        }
        guard family.count <= 255, family.utf8.allSatisfy({ isNameByte($0) }) else {
            throw .invalid("Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.")
        }
        guard let list = object["containerDefinitions"]?.arrayValue, !list.isEmpty else {
            throw .invalid("Container list cannot be empty.")
        }
        var containers: [ContainerDefinition] = []
        for (index, item) in list.enumerated() {
            containers.append(try container(item, index: index))
        }
        var names = Set<String>()
        for c in containers where !names.insert(c.name).inserted {
            throw .invalid("Duplicate container name found: \(c.name). Container names must be unique within a task definition.")
        }
        guard containers.contains(where: \.essential) else {
            throw .invalid("Task definition does not have any essential container.")
        }
        return TaskDefinition(
            family: family, revision: 0, containers: containers, cpu: try numberText(object["cpu"], "cpu"),
            memory: try numberText(object["memory"], "memory"), registration: json)
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    static func container(_ json: JSONValue, index: Int) throws(TaskDefinitionError) -> ContainerDefinition {
        guard case .object(let o) = json else { throw .invalid("containerDefinitions[\(index)] must be an object.") }
        guard let name = o["name"]?.stringValue, !name.isEmpty else { throw .invalid("Container.name should not be null or empty.") }
        guard name.count <= 255, name.utf8.allSatisfy({ isNameByte($0) }) else {
            throw .invalid("Container.name contains invalid characters: up to 255 letters, numbers, hyphens, and underscores are allowed.")
        }
        guard let image = o["image"]?.stringValue, !image.isEmpty else { throw .invalid("Container.image should not be null or empty.") }
        var environment: [(name: String, value: String)] = []
        if let env = o["environment"] {
            guard let items = env.arrayValue else { throw .invalid("Container \(name): environment must be a list of name/value pairs.") }
            for item in items {
                guard let n = item["name"]?.stringValue, let v = item["value"]?.stringValue else {
                    throw .invalid("Container \(name): each environment entry needs a string name and a string value.")
                }
                environment.append((n, v))
            }
        }
        return ContainerDefinition(
            name: name, image: image, command: try strings(o["command"], "\(name).command"),
            entryPoint: try strings(o["entryPoint"], "\(name).entryPoint"), environment: environment,
            cpu: try integer(o["cpu"], "\(name).cpu"), memory: try integer(o["memory"], "\(name).memory"),
            memoryReservation: try integer(o["memoryReservation"], "\(name).memoryReservation"),
            essential: o["essential"]?.boolValue ?? true, workingDirectory: o["workingDirectory"]?.stringValue, user: o["user"]?.stringValue)
    }

    static func strings(_ value: JSONValue?, _ field: String) throws(TaskDefinitionError) -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .invalid("\(field) must be a list of strings.") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .invalid("\(field) must be a list of strings.") }
            out.append(s)
        }
        return out
    }

    static func integer(_ value: JSONValue?, _ field: String) throws(TaskDefinitionError) -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let n = value.numberValue?.intValue, n >= 0 else { throw .invalid("\(field) must be a non-negative integer.") }
        return n
    }

    /// Task-level cpu/memory: ECS takes them as strings ("256", "0.25 vCPU") or numbers.
    static func numberText(_ value: JSONValue?, _ field: String) throws(TaskDefinitionError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .number(let n)?: return n.text
        default: throw .invalid("The task definition's \(field) must be a string or a number.")
        }
    }
}
