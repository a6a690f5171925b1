import ArgumentParser
import DynamoDBTables
import Foundation
import JSONValue
import StepwiseStoreSQLite

/// `stepwise table`: creates, lists and describes the embedded DynamoDB tables of a data folder.
struct TableSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Create, list and describe the DynamoDB tables embedded in a data folder.",
        subcommands: [Create.self, List.self, Describe.self])

    struct Location: ParsableArguments {
        @Option(name: [.customLong("data"), .customLong("data-dir")], help: "The data folder of the server (tables live in its tables.sqlite).")
        var data = "stepwise-data"

        @Option(help: "The region in the ARNs.")
        var region = "us-east-1"

        @Option(help: "The account id in the ARNs.")
        var account = "123456789012"

        func service() throws -> DynamoDBService {
            let storage: SQLiteTableStorage
            do {
                storage = try SQLiteTableStorage(dataDirectory: data)
            } catch {
                throw TableSubcommand.fail(error)
            }
            return DynamoDBService(storage: storage, region: region, account: account) { Date().timeIntervalSince1970 }
        }

        /// Runs one action and prints its response; an API error is printed as DynamoDB names it, exit 1.
        func call(_ action: String, _ input: JSONValue) async throws {
            let service = try service()
            do {
                StandardConsole().out(try await service.handle(action: action, input: input).prettyPrinted())
            } catch {
                throw TableSubcommand.fail(error)
            }
        }
    }

    /// Reports an API error on stderr (without the usage text a ValidationError would add) and exits 1.
    static func fail(_ error: DynamoDBError) -> ExitCode {
        StandardConsole().err("\(error.code): \(error.message)")
        return ExitCode(1)
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a table from DynamoDB CreateTable JSON and print DynamoDB's response.",
            discussion: "The file is what `aws dynamodb create-table --cli-input-json` takes: TableName, KeySchema, AttributeDefinitions, BillingMode, ...")

        @Option(help: "The CreateTable JSON file.")
        var definition: String

        @OptionGroup var location: Location

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: definition) else {
                throw ValidationError("\(definition): the file cannot be read.")
            }
            let json: JSONValue
            do {
                json = try JSONValue(parsing: Array(data))
            } catch {
                throw ValidationError("\(definition): not JSON: \(error.description)")
            }
            try await location.call("CreateTable", json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the name of every table.")

        @OptionGroup var location: Location

        func run() async throws {
            let service = try location.service()
            do {
                for name in try await service.storage.tableNames() { StandardConsole().out(name) }
            } catch {
                throw TableSubcommand.fail(error)
            }
        }
    }

    struct Describe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print DynamoDB's DescribeTable response for a table.")

        @Argument(help: "The table name.")
        var name: String

        @OptionGroup var location: Location

        func run() async throws {
            try await location.call("DescribeTable", ["TableName": .string(name)])
        }
    }
}
