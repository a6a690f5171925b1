import StatesLanguage
import Testing

@testable import stepwise

struct ValidateCommandTests {
    @Test("an invalid definition prints every diagnostic with code and location, and exits 1")
    func invalidDefinition() {
        let console = RecordingConsole()
        let code = ValidateCommand(definitionPath: Fixtures.path("invalid.json")).execute(console: console)
        #expect(code == 1)
        let lines = console.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("ERROR MISSING_TRANSITION_TARGET at /States/First/Next: ") && $0.contains("Nowhere") })
        #expect(lines.contains { $0.hasPrefix("ERROR SCHEMA_VALIDATION_FAILED at /States/Odd/Type: ") })
        #expect(!lines.contains("OK"))
    }

    @Test("a valid definition prints OK and exits 0")
    func validDefinition() {
        let console = RecordingConsole()
        let code = ValidateCommand(definitionPath: Fixtures.path("pass-choice.json")).execute(console: console)
        #expect(code == 0)
        #expect(console.stdout == "OK\n")
        #expect(console.stderr == "")
    }

    @Test("a YAML definition is validated like its JSON")
    func yamlDefinition() {
        let console = RecordingConsole()
        #expect(ValidateCommand(definitionPath: Fixtures.path("workflow.yaml")).execute(console: console) == 0)
        #expect(console.stdout == "OK\n")
    }

    @Test("a diagnostic without a location prints without 'at'")
    func noLocation() {
        let line = DiagnosticFormatter.line(Diagnostic(code: "MISSING_END_STATE", message: "Workflow has no terminal state", location: nil))
        #expect(line == "ERROR MISSING_END_STATE: Workflow has no terminal state")
    }

    @Test("malformed JSON is reported on stderr with the file, line and column, and exits 1")
    func malformedJSON() {
        let console = RecordingConsole()
        let path = Fixtures.path("malformed.json")
        #expect(ValidateCommand(definitionPath: path).execute(console: console) == 1)
        #expect(console.stderr == "\(path): line 4, column 3: Expected ',' or '}' in object\n")
        #expect(console.stdout == "")
    }

    @Test("run validates first: an invalid definition prints the diagnostics as validate does and runs nothing")
    func runRejectsInvalid() async {
        let (report, console) = await run(options("invalid.json"))
        #expect(report.exitCode == 1)
        #expect(report.result == nil)
        #expect(console.stderr.contains("ERROR MISSING_TRANSITION_TARGET at /States/First/Next: "))
        #expect(console.stdout == "")
    }
}
