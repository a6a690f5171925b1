import JSONValue
import StatesLanguage
import StepwiseEngine

/// What a run produced: the exit status and, when the machine got to run, its result.
struct RunReport: Sendable {
    var exitCode: Int32
    var result: ExecutionResult?
}

/// `stepwise run`: runs one execution in this process and prints its output, or its error and cause.
struct RunCommand: Sendable {
    var options: RunOptions

    init(options: RunOptions) {
        self.options = options
    }

    func execute(console: any Console) async -> RunReport {
        let machine: StateMachine
        do {
            machine = try DefinitionLoader().machine(atPath: options.definitionPath)
        } catch {
            for line in error.lines { console.err(line) }
            return RunReport(exitCode: 1, result: nil)
        }
        let machineName = options.stateMachineName ?? DocumentReader.baseName(options.definitionPath)
        let input: JSONValue
        let responses: [String: MockedResponse]
        do {
            input = try InputReader.read(options.input)
            responses = try options.mocksPath.map { (path) throws(InputFileError) in
                try MockLoader.responses(atPath: path, stateMachine: machineName, testCase: options.testCase)
            } ?? [:]
        } catch {
            console.err(error.description)
            return RunReport(exitCode: 1, result: nil)
        }

        let entropy = SystemEntropy()
        let start = SystemClock().now()
        let clock: any ExecutionClock = options.virtualTime ? VirtualClock(start: start) : SystemClock()
        let identity = ExecutionIdentity(
            stateMachineName: machineName, executionName: options.executionName ?? entropy.uuidString(), input: input,
            startTime: start)
        // Without a mock file every Task fails with the runner's message naming the state to mock.
        let driver = ExecutionDriver(clock: clock, runner: MockTaskRunner(responses: responses))
        let result = await driver.run(machine: machine, identity: identity, entropy: entropy)

        if options.history {
            for event in result.history { console.out(HistoryFormatter.line(event, start: start)) }
        }
        return RunReport(exitCode: Self.report(result, console: console), result: result)
    }

    /// Prints the output of a successful execution, or why it ended otherwise; returns the exit status.
    static func report(_ result: ExecutionResult, console: any Console) -> Int32 {
        if result.status == .succeeded {
            console.out((result.output ?? .null).prettyPrinted())
            return 0
        }
        // FAILED is what the error says; the others are worth saying because their error may be absent.
        if result.status != .failed { console.err("status: \(result.status.rawValue)") }
        if let error = result.error { console.err("error: \(error)") }
        if let cause = result.cause { console.err("cause: \(cause)") }
        return 1
    }
}
