// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Stepwise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stepwise", targets: ["stepwise"]),
        .executable(name: "stepwise-bench", targets: ["stepwise-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Pure targets: no I/O, no heavy dependencies, so their tests build in seconds.
        .target(name: "JSONValue", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // JSONata 2.0 as AWS Step Functions runs it: parser, evaluator and function library.
        .target(name: "JSONata", dependencies: ["JSONValue"]),
        .target(name: "StatesLanguage", dependencies: ["JSONValue", "JSONata"]),
        // DynamoDB-compatible tables: item format, expressions, operations, a storage port.
        .target(name: "DynamoDBTables", dependencies: ["JSONValue"]),
        .target(name: "StepwiseEngine", dependencies: ["StatesLanguage", "JSONValue"]),
        .target(name: "StepwiseTestSupport", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONValue"]),
        // The AWS JSON 1.0 contract without sockets: shapes, dispatch, errors, ARNs, pagination.
        .target(name: "StepwiseAPI", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONValue"]),
        // The Hummingbird app: POST / through StepwiseAPI, health.
        .target(
            name: "StepwiseServer",
            dependencies: [
                "StepwiseAPI", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // ExecutionStore and ResourceStore on SQLite (GRDB): WAL, synchronous=FULL, one writer batching commits.
        .target(
            name: "StepwiseStoreSQLite",
            dependencies: [
                "StepwiseEngine", "StatesLanguage", "JSONValue", "DynamoDBTables",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // TaskRunner implementations: ECS-style container tasks on Docker or local processes.
        .target(
            name: "StepwiseIntegrations",
            dependencies: [
                "StepwiseEngine", "StatesLanguage", "JSONValue", "DynamoDBTables",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "stepwise",
            dependencies: [
                "StepwiseEngine", "StatesLanguage", "JSONValue", "StepwiseAPI", "StepwiseServer", "StepwiseStoreSQLite",
                "StepwiseIntegrations", "DynamoDBTables",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "stepwise-bench", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONata", "JSONValue"]),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"]),
        .testTarget(name: "JSONataTests", dependencies: ["JSONata", "JSONValue"]),
        .testTarget(name: "DynamoDBTablesTests", dependencies: ["DynamoDBTables", "JSONValue"]),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage", "JSONValue", "StepwiseTestSupport"]),
        .testTarget(name: "StepwiseEngineTests", dependencies: ["StepwiseEngine", "StepwiseTestSupport"]),
        .testTarget(name: "stepwiseTests", dependencies: ["stepwise", "StepwiseTestSupport"]),
        .testTarget(name: "StepwiseAPITests", dependencies: ["StepwiseAPI", "StepwiseTestSupport"]),
        .testTarget(
            name: "StepwiseServerTests",
            dependencies: [
                "StepwiseServer", "StepwiseTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "StepwiseIntegrationsTests",
            dependencies: [
                "StepwiseIntegrations", "StepwiseAPI", "StepwiseTestSupport",
                // A real HTTP server on 127.0.0.1 for the http:invoke and Lambda URL tests.
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "StepwiseStoreSQLiteTests", dependencies: ["StepwiseStoreSQLite", "StepwiseTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
