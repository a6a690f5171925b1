import ArgumentParser
import StatesLanguage
import Testing

@testable import stepwise

struct CommandLineTests {
    @Test("run's flags and options become RunOptions")
    func runOptions() throws {
        let command = try RunSubcommand.parse([
            "flow.json", "--input-file", "in.json", "--history", "--mocks", "m.json", "--test-case", "Happy",
            "--virtual-time", "--name", "exec-1",
        ])
        let options = command.options
        #expect(options.definitionPath == "flow.json")
        #expect(options.input == .file("in.json"))
        #expect(options.history && options.virtualTime)
        #expect(options.mocksPath == "m.json" && options.testCase == "Happy")
        #expect(options.executionName == "exec-1")
        #expect(options.stateMachineName == nil)
        #expect(try RunSubcommand.parse(["flow.json", "--input", "{}"]).options.input == .text("{}"))
        #expect(try RunSubcommand.parse(["flow.json"]).options.input == InputSource.none)
    }

    @Test("contradictory options are usage errors, as ArgumentParser reports them")
    func usageErrors() {
        #expect(throws: (any Error).self) { try RunSubcommand.parse(["f.json", "--input", "{}", "--input-file", "i.json"]) }
        #expect(throws: (any Error).self) { try RunSubcommand.parse(["f.json", "--test-case", "X"]) }
        #expect(RunSubcommand.exitCode(for: ValidationError("x")) == .validationFailure)
    }

    @Test("validate's --type takes STANDARD or EXPRESS, in either case")
    func validateType() throws {
        #expect(try ValidateSubcommand.parse(["f.json"]).type == .standard)
        #expect(try ValidateSubcommand.parse(["f.json", "--type", "EXPRESS"]).type.type == .express)
        #expect(try ValidateSubcommand.parse(["f.json", "--type", "express"]).type == .express)
        #expect(throws: (any Error).self) { try ValidateSubcommand.parse(["f.json", "--type", "BATCH"]) }
    }
}
