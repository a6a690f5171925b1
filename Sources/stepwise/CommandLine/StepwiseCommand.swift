import ArgumentParser
import StatesLanguage

/// The `stepwise` command: parses arguments and hands them to the command types, which do the work.
/// The entry point (`@main` rather than a main.swift, so ArgumentParser's async `main` is the one called).
@main
struct StepwiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Runs AWS Step Functions state machines on your own machines.",
        subcommands: [RunSubcommand.self, ValidateSubcommand.self])
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
