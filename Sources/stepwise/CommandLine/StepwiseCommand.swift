import Foundation
import ArgumentParser
import Logging
import StatesLanguage
import StepwiseIntegrations

/// The `stepwise` command: parses arguments and hands them to the command types, which do the work.
/// The entry point (`@main` rather than a main.swift, so ArgumentParser's async `main` is the one called).
@main
struct StepwiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Runs AWS Step Functions state machines on your own machines.",
        subcommands: [ServeSubcommand.self, RunSubcommand.self, ValidateSubcommand.self, TaskDefinitionSubcommand.self, TableSubcommand.self])
}

struct RunSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a state machine in this process and print its output.",
        discussion: """
            Prints the output JSON and exits 0 when the execution succeeds; otherwise prints its error \
            and cause on stderr and exits 1. Task states are answered from --mocks.
            """)

    @Argument(help: "The state machine definition, JSON or YAML.")
    var file: String

    @Option(help: "The execution input as JSON text (default: {}).")
    var input: String?

    @Option(help: "A file holding the execution input (JSON, or YAML by extension).")
    var inputFile: String?

    @Flag(help: "Also print every history event.")
    var history = false

    @Option(help: "A mock file answering Task states (AWS Step Functions Local's format, or {\"State\": {\"Return\": ...}}).")
    var mocks: String?

    @Option(help: "The test case of the mock file to use.")
    var testCase: String?

    @Flag(help: "Let Waits and retry delays pass at once.")
    var virtualTime = false

    @Option(help: "The execution name (default: a random UUID).")
    var name: String?

    @Option(help: "The state machine name (default: the file's base name).")
    var stateMachineName: String?

    func validate() throws {
        if input != nil, inputFile != nil { throw ValidationError("Give the input with --input or --input-file, not both.") }
        if testCase != nil, mocks == nil { throw ValidationError("--test-case needs --mocks.") }
    }

    var options: RunOptions {
        var options = RunOptions(definitionPath: file)
        options.input = input.map(InputSource.text) ?? inputFile.map(InputSource.file) ?? .none
        options.history = history
        options.mocksPath = mocks
        options.testCase = testCase
        options.virtualTime = virtualTime
        options.executionName = name
        options.stateMachineName = stateMachineName
        return options
    }

    func run() async throws {
        let report = await RunCommand(options: options).execute(console: StandardConsole())
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// `--type` values, accepted in either case.
enum MachineTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case standard = "STANDARD"
    case express = "EXPRESS"

    init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    var type: StateMachineType {
        switch self {
        case .standard: .standard
        case .express: .express
        }
    }
}

struct ValidateSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a state machine definition and print every problem with its location.")

    @Argument(help: "The state machine definition, JSON or YAML.")
    var file: String

    @Option(help: "The state machine type: STANDARD or EXPRESS.")
    var type: MachineTypeArgument = .standard

    func run() throws {
        let code = ValidateCommand(definitionPath: file, type: type.type).execute(console: StandardConsole())
        if code != 0 { throw ExitCode(code) }
    }
}

struct ServeSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the AWS Step Functions API, with executions kept in a SQLite store.",
        discussion: """
            Use it with any AWS SDK or the aws CLI: aws stepfunctions --endpoint-url http://127.0.0.1:8083 ... \
            Stops gracefully on SIGTERM or SIGINT; executions that were running go on after the next start.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8083

    @Option(help: "Where the SQLite store lives.")
    var dataDir = "stepwise-data"

    @Option(help: "The region in the ARNs Stepwise makes.")
    var region = "us-east-1"

    @Option(help: "The account id in the ARNs Stepwise makes.")
    var account = "123456789012"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "What runs ecs:runTask tasks: none (they fail saying so), docker (a Docker engine) or process (local processes).")
    var containerRuntime = "none"

    @Option(help: "The Docker engine's unix socket.")
    var dockerSocket = "/var/run/docker.sock"

    @Option(help: "The network of Docker containers: none, or host (to reach services on 127.0.0.1).")
    var containerNetwork = "none"

    @Option(help: "Seconds between SIGTERM and SIGKILL when a container task is stopped.")
    var containerStopTimeout = 30

    @Option(help: "A folder of ECS RegisterTaskDefinition JSON files to register at start.")
    var taskDefinitions: String?

    @Option(help: "The integration configuration (JSON or YAML): Connections, LambdaFunctions, DynamoDB, AWS, Mocks.")
    var config: String?

    @Option(help: "A mock configuration in AWS Step Functions Local's format; StartExecution on ARN#TestCase uses its test case. Default: $SFN_MOCK_CONFIG.")
    var mockConfig: String?

    func validate() throws {
        guard ContainerOptions.Runtime(rawValue: containerRuntime) != nil else {
            throw ValidationError("--container-runtime must be none, docker or process.")
        }
        guard DockerEngineRuntime.NetworkMode(rawValue: containerNetwork) != nil else {
            throw ValidationError("--container-network must be none or host.")
        }
        guard (0...3600).contains(containerStopTimeout) else { throw ValidationError("--container-stop-timeout must be between 0 and 3600.") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level '\(logLevel)' is not a log level.") }
        guard account.count == 12, account.allSatisfy(\.isNumber) else { throw ValidationError("--account must be 12 digits.") }
    }

    func run() async throws {
        var options = ServeOptions()
        options.host = host
        options.port = port
        options.dataDirectory = dataDir
        options.region = region
        options.account = account
        options.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        options.containers.runtime = ContainerOptions.Runtime(rawValue: containerRuntime) ?? .none
        options.containers.dockerSocket = dockerSocket
        options.containers.network = DockerEngineRuntime.NetworkMode(rawValue: containerNetwork) ?? .none
        options.containers.stopGracePeriod = containerStopTimeout
        options.containers.taskDefinitionsFolder = taskDefinitions
        options.configurationPath = config
        options.mockConfigurationPath = mockConfig ?? ProcessInfo.processInfo.environment["SFN_MOCK_CONFIG"]
        try await ServeCommand.run(options)
    }
}
