import JSONValue
import StatesLanguage
import Testing

@testable import stepwise

struct RunCommandTests {
    @Test("a Pass/Choice workflow prints its output as pretty JSON on stdout and exits 0")
    func passChoiceOutput() async throws {
        let (report, console) = await run(options("pass-choice.json") { $0.input = .text(#"{"size": 3}"#) })
        #expect(report.exitCode == 0)
        #expect(console.stderr == "")
        let printed = try JSONValue(parsing: console.stdout)
        #expect(printed == ["size": 3, "measure": ["size": 3, "label": "measured"], "route": "small"])
        // Pretty printed, with the input's key order kept.
        #expect(console.stdout == printed.prettyPrinted() + "\n")
        #expect(console.stdout.contains("\n  \"size\": 3"))
    }

    @Test("--input-file reads the execution input from a file")
    func inputFile() async throws {
        let (report, console) = await run(options("pass-choice.json") { $0.input = .file(Fixtures.path("large-input.json")) })
        #expect(report.exitCode == 0)
        #expect(try JSONValue(parsing: console.stdout)["route"] == "large")
    }

    @Test("without input the execution starts with {}, as StartExecution does")
    func defaultInput() async throws {
        let (report, _) = await run(options("wait-hour.json") { $0.virtualTime = true })
        let started = try #require(report.result?.history.first)
        #expect(started.details == .executionStarted(input: .object(JSONObject()), roleArn: "arn:aws:iam::123456789012:role/stepwise"))
    }

    @Test("a failing workflow prints error and cause on stderr, nothing on stdout, and exits 1")
    func failingWorkflow() async {
        let (report, console) = await run(options("fail.json"))
        #expect(report.exitCode == 1)
        #expect(report.result?.status == .failed)
        #expect(console.stdout == "")
        #expect(console.stderr == "error: Order.Rejected\ncause: The order total is negative\n")
    }

    @Test("--virtual-time lets a one-hour Wait pass at once: the run succeeds and the history shows the Wait")
    func virtualTimeWait() async throws {
        let (report, console) = await run(options("wait-hour.json") { $0.virtualTime = true })
        #expect(report.exitCode == 0)
        #expect(try JSONValue(parsing: console.stdout) == ["waited": true])
        let types = try #require(report.result).history.map(\.type)
        #expect(types.contains(.waitStateEntered))
        #expect(types.contains(.waitStateExited))
        #expect(types.last == .executionSucceeded)
    }

    @Test("a timed-out execution also prints its status, since TIMED_OUT is not an error the user wrote")
    func timedOut() async {
        let (report, console) = await run(options("timeout.json") { $0.virtualTime = true })
        #expect(report.exitCode == 1)
        #expect(report.result?.status == .timedOut)
        // AWS records ExecutionTimedOut without an error name or cause.
        #expect(console.stderr == "status: TIMED_OUT\n")
    }

    @Test("--history prints one line per event (id, type, readable details) before the output")
    func history() async throws {
        let (report, console) = await run(options("pass-choice.json") { $0.input = .text(#"{"size": 3}"#); $0.history = true })
        let events = try #require(report.result).history
        let lines = console.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count > events.count)
        for (line, event) in zip(lines, events) {
            #expect(line.hasPrefix(String(repeating: " ", count: 4 - String(event.id).count) + "\(event.id) "))
            #expect(line.contains(" \(event.type.rawValue)"))
        }
        // Payloads are shown as JSON, not as the escaped strings GetExecutionHistory carries.
        #expect(lines[0].hasSuffix(#"ExecutionStarted             {"input":{"size":3},"roleArn":"arn:aws:iam::123456789012:role/stepwise"}"#))
        #expect(lines[1].hasSuffix(#"{"name":"Measure","input":{"size":3}}"#))
        #expect(!console.stdout.contains("truncated"))
        // The output follows the history.
        let output = lines[events.count...].joined(separator: "\n")
        #expect(try JSONValue(parsing: output)["route"] == "small")
    }

    @Test("the state machine is named after the file and the execution after --name, as the context object shows")
    func names() async throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "order-flow.json",
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"machine.$": "$$.StateMachine.Name", "execution.$": "$$.Execution.Name"}, "End": true}}}"#
        )
        var options = RunOptions(definitionPath: path)
        options.executionName = "first-run"
        let (_, console) = await run(options)
        #expect(try JSONValue(parsing: console.stdout) == ["machine": "order-flow", "execution": "first-run"])
    }

    @Test("a YAML definition runs like the same JSON, its scalars typed as YAML types them and its key order kept")
    func yamlDefinition() async throws {
        let (report, console) = await run(options("workflow.yaml"))
        #expect(report.exitCode == 0, "\(console.stderr)")
        let described = try #require(try JSONValue(parsing: console.stdout)["described"])
        #expect(described == ["zeta": 1, "alpha": 2.5, "enabled": true, "nothing": nil, "quoted": "123", "hex": 16])
        #expect(described.objectValue?.keys == ["zeta", "alpha", "enabled", "nothing", "quoted", "hex"])
    }
}
