/// How an AWS service is reached on the wire.
package enum AWSWireProtocol: Sendable, Equatable {
    /// AWS JSON 1.0 or 1.1: `POST /`, `X-Amz-Target: <targetPrefix>.<Action>`.
    case json(version: String, targetPrefix: String)
    /// AWS Query: a form-encoded `Action=...&Version=...` body, XML answers.
    case query
}

/// One AWS service as Task states call it: names, protocol, and what its wire format needs.
package struct AWSServiceDescription: Sendable, Equatable {
    /// The name in `arn:aws:states:::aws-sdk:NAME:action` (`sqs`, `sfn`, `eventbridge`, ...).
    package var name: String
    /// Other names configuration and optimized integrations use for it (`events`, `states`).
    package var aliases: [String]
    /// The SDK's service class name, which prefixes aws-sdk error names (`Sfn`, `DynamoDb`).
    package var sdkName: String
    /// The credential scope's service (`states` for Step Functions).
    package var signingName: String
    /// The first label of the service's AWS host name (`https://PREFIX.REGION.amazonaws.com`).
    package var endpointPrefix: String
    package var wireProtocol: AWSWireProtocol
    package var apiVersion: String
    /// True when the wire's member names are camelCase while Step Functions shows them PascalCase.
    package var camelCaseWire: Bool
    /// Map-typed members (by wire name) whose keys are user data: their keys are never recased,
    /// and the Query protocol encodes them as `entry.N` maps, with the entry names given.
    package var maps: [String: AWSQuery.MapNames]
    /// The optimized integration (`arn:aws:states:::TYPE:action`) on this service, if any.
    package var optimized: OptimizedIntegration?

    /// An optimized integration's names: its resource type, its actions, and how its errors read.
    package struct OptimizedIntegration: Sendable, Equatable {
        /// `sqs` in `arn:aws:states:::sqs:sendMessage`.
        package var resourceType: String
        /// The actions offered (camelCase), with whether each offers `.waitForTaskToken`.
        package var actions: [String: Bool]
        /// The error name prefix (`SQS`, `DynamoDB`).
        package var errorPrefix: String
        /// The service name AWS SDK for Java 1.x prints in causes (`AmazonSQS`, `AmazonDynamoDBv2`).
        package var causeServiceName: String
        /// The SDK 1.x exception class for errors without a code (`AmazonSQSException`).
        package var baseException: String
    }

    /// `sendMessage` is sent as `SendMessage`.
    package static func wireAction(_ action: String) -> String {
        guard let first = action.first else { return action }
        return first.uppercased() + action.dropFirst()
    }
}

/// The services Stepwise can call, by every name they go by.
package enum AWSServiceCatalog {
    package static let services: [AWSServiceDescription] = [
        AWSServiceDescription(
            name: "sqs", aliases: [], sdkName: "Sqs", signingName: "sqs", endpointPrefix: "sqs",
            wireProtocol: .json(version: "1.0", targetPrefix: "AmazonSQS"), apiVersion: "2012-11-05", camelCaseWire: false,
            maps: ["Attributes": .init(), "MessageAttributes": .init(), "MessageSystemAttributes": .init(), "Tags": .init()],
            optimized: .init(
                resourceType: "sqs", actions: ["sendMessage": true], errorPrefix: "SQS", causeServiceName: "AmazonSQS",
                baseException: "AmazonSQSException")),
        AWSServiceDescription(
            name: "sns", aliases: [], sdkName: "Sns", signingName: "sns", endpointPrefix: "sns", wireProtocol: .query,
            apiVersion: "2010-03-31", camelCaseWire: false,
            maps: [
                "Attributes": .init(), "MessageAttributes": .init(key: "Name", value: "Value"),
                "SubscriptionAttributes": .init(),
            ],
            optimized: .init(
                resourceType: "sns", actions: ["publish": true], errorPrefix: "SNS", causeServiceName: "AmazonSNS",
                baseException: "AmazonSNSException")),
        AWSServiceDescription(
            name: "eventbridge", aliases: ["events"], sdkName: "EventBridge", signingName: "events", endpointPrefix: "events",
            wireProtocol: .json(version: "1.1", targetPrefix: "AWSEvents"), apiVersion: "2015-10-07", camelCaseWire: false,
            maps: ["InputPathsMap": .init(), "HeaderParameters": .init(), "QueryStringParameters": .init()],
            optimized: .init(
                resourceType: "events", actions: ["putEvents": true], errorPrefix: "EventBridge",
                causeServiceName: "AmazonEventBridge", baseException: "AmazonEventBridgeException")),
        AWSServiceDescription(
            name: "dynamodb", aliases: [], sdkName: "DynamoDb", signingName: "dynamodb", endpointPrefix: "dynamodb",
            wireProtocol: .json(version: "1.0", targetPrefix: "DynamoDB_20120810"), apiVersion: "2012-08-10",
            camelCaseWire: false, maps: [:],
            optimized: .init(
                resourceType: "dynamodb",
                actions: ["getItem": false, "putItem": false, "updateItem": false, "deleteItem": false],
                errorPrefix: "DynamoDB", causeServiceName: "AmazonDynamoDBv2", baseException: "AmazonDynamoDBException")),
        AWSServiceDescription(
            name: "ecs", aliases: [], sdkName: "Ecs", signingName: "ecs", endpointPrefix: "ecs",
            wireProtocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"), apiVersion: "2014-11-13",
            camelCaseWire: true,
            maps: ["dockerLabels": .init(), "options": .init(), "driverOpts": .init(), "labels": .init()],
            optimized: nil),
        AWSServiceDescription(
            name: "sfn", aliases: ["states", "stepfunctions"], sdkName: "Sfn", signingName: "states", endpointPrefix: "states",
            wireProtocol: .json(version: "1.0", targetPrefix: "AWSStepFunctions"), apiVersion: "2016-11-23",
            camelCaseWire: true, maps: [:], optimized: nil),
        AWSServiceDescription(
            name: "sts", aliases: [], sdkName: "Sts", signingName: "sts", endpointPrefix: "sts", wireProtocol: .query,
            apiVersion: "2011-06-15", camelCaseWire: false, maps: [:], optimized: nil),
    ]

    /// The service with this aws-sdk name or alias.
    package static func service(named name: String) -> AWSServiceDescription? {
        let lower = name.lowercased()
        return services.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// The service whose optimized integration has this resource type (`sqs`, `events`, ...).
    package static func service(optimizedType type: String) -> AWSServiceDescription? {
        services.first { $0.optimized?.resourceType == type }
    }
}
