/// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`, optionally qualified by a version number or an
/// alias (`...:NAME:3`, `...:NAME:PROD`) or, for a Distributed Map, a label (`...:NAME/LABEL`).
package struct StateMachineARN: Sendable, Hashable, CustomStringConvertible {
    package enum Qualifier: Sendable, Hashable {
        case version(Int)
        case alias(String)
    }

    package var partition: String
    package var region: String
    package var account: String
    package var name: String
    package var label: String?
    package var qualifier: Qualifier?

    package init(context: ARNContext, name: String, label: String? = nil, qualifier: Qualifier? = nil) {
        partition = context.partition
        region = context.region
        account = context.account
        self.name = name
        self.label = label
        self.qualifier = qualifier
    }

    package init(parsing text: String) throws(APIError) {
        let (arn, parts) = try ARN.states(text, types: ["stateMachine"])
        guard parts.count == 2 || parts.count == 3 else { throw .invalidArn(text) }
        let (machine, label) = try splitLabel(parts[1], in: text)
        partition = arn.partition
        region = arn.region
        account = arn.account
        name = machine
        self.label = label
        qualifier = nil
        if parts.count == 3 {
            let q = String(parts[2])
            guard label == nil, !q.isEmpty else { throw .invalidArn(text) }
            if let version = Int(q) {
                guard version > 0 else { throw .invalidArn(text) }
                qualifier = .version(version)
            } else {
                guard ResourceName.isValid(q) else { throw .invalidArn(text) }
                qualifier = .alias(q)
            }
        }
    }

    /// The state machine itself, without version, alias or label.
    package var unqualified: StateMachineARN {
        var copy = self
        copy.label = nil
        copy.qualifier = nil
        return copy
    }

    package var description: String {
        var text = "arn:\(partition):states:\(region):\(account):stateMachine:\(name)"
        if let label { text += "/" + label }
        switch qualifier {
        case .version(let v): text += ":\(v)"
        case .alias(let a): text += ":" + a
        case nil: break
        }
        return text
    }
}

/// `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME` for Standard executions,
/// `...:express:MACHINE:NAME:UUID` for Express ones, and `...:execution:MACHINE/LABEL:NAME` for the
/// child executions of a Distributed Map run.
package struct ExecutionARN: Sendable, Hashable, CustomStringConvertible {
    package var partition: String
    package var region: String
    package var account: String
    package var stateMachineName: String
    package var label: String?
    package var name: String
    /// The UUID AWS appends to Express execution ARNs; nil for Standard executions.
    package var expressID: String?

    package init(context: ARNContext, stateMachineName: String, label: String? = nil, name: String, expressID: String? = nil) {
        partition = context.partition
        region = context.region
        account = context.account
        self.stateMachineName = stateMachineName
        self.label = label
        self.name = name
        self.expressID = expressID
    }

    package init(parsing text: String) throws(APIError) {
        let (arn, parts) = try ARN.states(text, types: ["execution", "express"])
        let express = parts[0] == "express"
        guard parts.count == (express ? 4 : 3) else { throw .invalidArn(text) }
        let (machine, label) = try splitLabel(parts[1], in: text)
        let name = String(parts[2])
        guard ResourceName.isValid(name) else { throw .invalidArn(text) }
        partition = arn.partition
        region = arn.region
        account = arn.account
        stateMachineName = machine
        self.label = label
        self.name = name
        if express {
            let id = String(parts[3])
            guard !id.isEmpty else { throw .invalidArn(text) }
            expressID = id
        } else {
            expressID = nil
        }
    }

    package var isExpress: Bool { expressID != nil }

    /// The state machine the execution belongs to (unqualified, without the map label).
    package var stateMachine: StateMachineARN {
        StateMachineARN(context: ARNContext(partition: partition, region: region, account: account), name: stateMachineName)
    }

    package var description: String {
        let machine = label.map { stateMachineName + "/" + $0 } ?? stateMachineName
        let prefix = "arn:\(partition):states:\(region):\(account):"
        if let expressID { return prefix + "express:\(machine):\(name):\(expressID)" }
        return prefix + "execution:\(machine):\(name)"
    }
}

/// `arn:aws:states:REGION:ACCOUNT:activity:NAME`.
package struct ActivityARN: Sendable, Hashable, CustomStringConvertible {
    package var partition: String
    package var region: String
    package var account: String
    package var name: String

    package init(context: ARNContext, name: String) {
        partition = context.partition
        region = context.region
        account = context.account
        self.name = name
    }

    package init(parsing text: String) throws(APIError) {
        let (arn, parts) = try ARN.states(text, types: ["activity"])
        guard parts.count == 2, ResourceName.isValid(String(parts[1])) else { throw .invalidArn(text) }
        partition = arn.partition
        region = arn.region
        account = arn.account
        name = String(parts[1])
    }

    package var description: String { "arn:\(partition):states:\(region):\(account):activity:\(name)" }
}

/// `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID`: one Distributed Map run.
package struct MapRunARN: Sendable, Hashable, CustomStringConvertible {
    package var partition: String
    package var region: String
    package var account: String
    package var stateMachineName: String
    package var label: String
    package var id: String

    package init(context: ARNContext, stateMachineName: String, label: String, id: String) {
        partition = context.partition
        region = context.region
        account = context.account
        self.stateMachineName = stateMachineName
        self.label = label
        self.id = id
    }

    package init(parsing text: String) throws(APIError) {
        let (arn, parts) = try ARN.states(text, types: ["mapRun"])
        guard parts.count == 3 else { throw .invalidArn(text) }
        let (machine, label) = try splitLabel(parts[1], in: text)
        guard let label, !parts[2].isEmpty else { throw .invalidArn(text) }
        partition = arn.partition
        region = arn.region
        account = arn.account
        stateMachineName = machine
        self.label = label
        id = String(parts[2])
    }

    package var description: String {
        "arn:\(partition):states:\(region):\(account):mapRun:\(stateMachineName)/\(label):\(id)"
    }
}

/// The resources TagResource, UntagResource and ListTagsForResource accept: state machines and activities.
package enum TaggableARN: Sendable, Hashable, CustomStringConvertible {
    case stateMachine(StateMachineARN)
    case activity(ActivityARN)

    package init(parsing text: String) throws(APIError) {
        let (_, parts) = try ARN.states(text, types: ["stateMachine", "activity"])
        self = parts[0] == "activity" ? .activity(try ActivityARN(parsing: text)) : .stateMachine(try StateMachineARN(parsing: text))
    }

    package var description: String {
        switch self {
        case .stateMachine(let arn): arn.description
        case .activity(let arn): arn.description
        }
    }
}

/// Splits `MACHINE` or `MACHINE/LABEL` (a Distributed Map's child resources), checking both names.
private func splitLabel(_ part: Substring, in text: String) throws(APIError) -> (String, String?) {
    let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
    guard pieces.count <= 2, ResourceName.isValid(String(pieces[0])) else { throw .invalidArn(text) }
    if pieces.count == 2 {
        guard !pieces[1].isEmpty, pieces[1].utf16.count <= ResourceName.maxLength else { throw .invalidArn(text) }
        return (String(pieces[0]), String(pieces[1]))
    }
    return (String(pieces[0]), nil)
}

extension StateMachineARN {
    /// Refuses a Distributed Map's labelled ARN where the action needs the machine itself
    /// (StartExecution, UpdateStateMachine, DeleteStateMachine): AWS answers ValidationException.
    package func unlabeled() throws(APIError) -> StateMachineARN {
        guard label == nil else { throw APIError(.validationException, "This API does not support labeled ARNs.") }
        return self
    }
}
