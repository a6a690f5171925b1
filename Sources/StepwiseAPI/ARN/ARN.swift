/// An Amazon Resource Name split into its six parts: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
///
/// The resource part keeps its own colons (`execution:machine:run`); the typed ARNs in this
/// folder read it for Step Functions' resource types.
package struct ARN: Sendable, Hashable, CustomStringConvertible {
    package var partition: String
    package var service: String
    package var region: String
    package var account: String
    package var resource: String

    package init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses any ARN, with AWS's InvalidArn wording: "Invalid ARN prefix" when the text does not
    /// start as an ARN, otherwise the whole ARN quoted.
    package init(parsing text: String) throws(APIError) {
        guard text.hasPrefix("arn:") else { throw .invalidArn("Invalid ARN prefix: \(text)") }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty else {
            throw .invalidArn(text)
        }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    package var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The resource split at colons: the type first (`stateMachine`, `execution`, ...), then its names.
    var resourceParts: [Substring] { resource.split(separator: ":", omittingEmptySubsequences: false) }

    /// Parses a Step Functions ARN (service `states`, with region and account) of one of the given resource types.
    static func states(_ text: String, types: Set<String>) throws(APIError) -> (ARN, [Substring]) {
        let arn = try ARN(parsing: text)
        guard arn.service == "states", !arn.region.isEmpty, !arn.account.isEmpty else { throw .invalidArn(text) }
        let parts = arn.resourceParts
        guard types.contains(String(parts[0])) else {
            throw .invalidArn("Resource type not valid in this context: \(parts[0])")
        }
        return (arn, parts)
    }
}

/// Where this service's ARNs live: AWS builds every ARN from a partition, a region and an account,
/// and Stepwise makes them configurable so ARNs look exactly like the ones a deployment would have.
package struct ARNContext: Sendable, Hashable {
    package var partition: String
    package var region: String
    package var account: String

    package init(partition: String = "aws", region: String = "us-east-1", account: String = "123456789012") {
        self.partition = partition
        self.region = region
        self.account = account
    }

    package static let `default` = ARNContext()

    package func stateMachine(_ name: String) -> StateMachineARN {
        StateMachineARN(context: self, name: name)
    }

    package func execution(stateMachine: String, name: String) -> ExecutionARN {
        ExecutionARN(context: self, stateMachineName: stateMachine, name: name)
    }

    /// Express executions carry a third part, a UUID, after the execution name.
    package func expressExecution(stateMachine: String, name: String, id: String) -> ExecutionARN {
        ExecutionARN(context: self, stateMachineName: stateMachine, name: name, expressID: id)
    }

    package func activity(_ name: String) -> ActivityARN {
        ActivityARN(context: self, name: name)
    }

    package func mapRun(stateMachine: String, label: String, id: String) -> MapRunARN {
        MapRunARN(context: self, stateMachineName: stateMachine, label: label, id: id)
    }

    /// True when the ARN belongs to this partition, region and account.
    package func owns(partition: String, region: String, account: String) -> Bool {
        partition == self.partition && region == self.region && account == self.account
    }
}
