import ArgumentParser
import Foundation
import JSONValue
import StepwiseIntegrations

/// Registers every `*.json` file of a folder (RegisterTaskDefinition JSON), in name order.
enum TaskDefinitionFolder {
    static func register(_ folder: String, into store: TaskDefinitionStore) throws -> [TaskDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw ValidationError("The task definitions folder \(folder) cannot be read: \(error.localizedDescription)")
        }
        return try names.map { name in try TaskDefinitionFile.register(folder + "/" + name, into: store, unlessUnchanged: true) }
    }
}

/// One RegisterTaskDefinition JSON file.
enum TaskDefinitionFile {
    static func register(_ path: String, into store: TaskDefinitionStore, unlessUnchanged: Bool) throws -> TaskDefinition {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path): the file cannot be read.") }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(data))
        } catch {
            throw ValidationError("\(path): not JSON: \(error.description)")
        }
        do {
            return try store.register(json, unlessUnchanged: unlessUnchanged)
        } catch {
            throw ValidationError("\(path): \(error.message)")
        }
    }
}

struct TaskDefinitionSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task-definition",
        abstract: "Register and list the ECS task definitions that ecs:runTask states run.",
        subcommands: [Register.self, List.self])

    struct Location: ParsableArguments {
        @Option(help: "The data folder of the server (task definitions live in its task-definitions folder).")
        var dataDir = "stepwise-data"

        @Option(help: "The region in the ARNs.")
        var region = "us-east-1"

        @Option(help: "The account id in the ARNs.")
        var account = "123456789012"

        var store: TaskDefinitionStore {
            TaskDefinitionStore(directory: dataDir + "/task-definitions", region: region, account: account)
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a new revision from ECS RegisterTaskDefinition JSON and print ECS's response.",
            discussion: "The file is what `aws ecs register-task-definition --cli-input-json` takes: family, containerDefinitions, ...")

        @Argument(help: "The RegisterTaskDefinition JSON file.")
        var file: String

        @OptionGroup var location: Location

        func run() throws {
            let definition = try TaskDefinitionFile.register(file, into: location.store, unlessUnchanged: false)
            let response: JSONValue = ["taskDefinition": definition.description(region: location.region, account: location.account)]
            print(response.prettyPrinted())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the ARN of every registered revision.")

        @OptionGroup var location: Location

        func run() throws {
            let all: [TaskDefinition]
            do {
                all = try location.store.all()
            } catch {
                throw ValidationError(error.message)
            }
            for definition in all { print(definition.arn(region: location.region, account: location.account)) }
        }
    }
}
