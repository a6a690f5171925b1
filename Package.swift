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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure targets: no I/O, no heavy dependencies, so their tests build in seconds.
        .target(name: "JSONValue", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "StatesLanguage", dependencies: ["JSONValue"]),
        .target(name: "StepwiseEngine", dependencies: ["StatesLanguage", "JSONValue"]),
        .target(name: "StepwiseTestSupport", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONValue"]),
        // The AWS JSON 1.0 contract without sockets: shapes, dispatch, errors, ARNs, pagination.
        .target(name: "StepwiseAPI", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONValue"]),
        // ExecutionStore and ResourceStore on SQLite (GRDB): WAL, synchronous=FULL, one writer batching commits.
        .target(
            name: "StepwiseStoreSQLite",
            dependencies: [
                "StepwiseEngine", "StatesLanguage", "JSONValue",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "stepwise",
            dependencies: [
                "StepwiseEngine", "StatesLanguage", "JSONValue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "stepwise-bench", dependencies: ["StepwiseEngine", "StatesLanguage", "JSONValue"]),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"]),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage", "JSONValue", "StepwiseTestSupport"]),
        .testTarget(name: "StepwiseEngineTests", dependencies: ["StepwiseEngine", "StepwiseTestSupport"]),
        .testTarget(name: "stepwiseTests", dependencies: ["stepwise", "StepwiseTestSupport"]),
        .testTarget(name: "StepwiseAPITests", dependencies: ["StepwiseAPI", "StepwiseTestSupport"]),
        .testTarget(name: "StepwiseStoreSQLiteTests", dependencies: ["StepwiseStoreSQLite", "StepwiseTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
