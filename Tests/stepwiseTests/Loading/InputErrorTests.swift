import JSONValue
import Testing

@testable import stepwise

struct InputErrorTests {
    @Test("a malformed definition given to run is reported with the file, line and column")
    func malformedDefinition() async {
        let path = Fixtures.path("malformed.json")
        let (report, console) = await run(RunOptions(definitionPath: path))
        #expect(report.exitCode == 1)
        #expect(console.stderr == "\(path): line 4, column 3: Expected ',' or '}' in object\n")
    }

    @Test("malformed --input JSON is reported as '--input' with its line and column")
    func malformedInputText() async {
        let (report, console) = await run(options("pass-choice.json") { $0.input = .text("{\"size\": 3,\n}") })
        #expect(report.exitCode == 1)
        #expect(report.result == nil)
        #expect(console.stderr == "--input: line 2, column 1: Expected a string key in object\n")
    }

    @Test("a malformed --input-file is reported with its path, line and column")
    func malformedInputFile() async throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("input.json", "[1, 2,, 3]")
        let (report, console) = await run(options("pass-choice.json") { $0.input = .file(path) })
        #expect(report.exitCode == 1)
        #expect(console.stderr == "\(path): line 1, column 7: Unexpected character ',': expected a JSON value\n")
    }

    @Test("a missing file is named with a plain sentence")
    func missingFile() async {
        let (report, console) = await run(RunOptions(definitionPath: "/nonexistent/flow.json"))
        #expect(report.exitCode == 1)
        #expect(console.stderr == "/nonexistent/flow.json: No such file\n")
    }

    @Test("malformed YAML is reported with the file, line and column libyaml gives")
    func malformedYAML() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("flow.yaml", "StartAt: A\nStates:\n  A: {Type: Pass\n  End: true\n")
        let console = RecordingConsole()
        #expect(ValidateCommand(definitionPath: path).execute(console: console) == 1)
        #expect(console.stderr.hasPrefix("\(path): line 4, column "))
    }

    @Test("a mock file's mistakes are reported with the file and the JSON pointer of the bad value")
    func badMockEntry() async throws {
        let temp = try TemporaryDirectory()
        let mocks = try temp.write("mocks.json", #"{"Charge": [{"Return": 1}, {"Retrun": 2}]}"#)
        let (report, console) = await run(options("charge.json") { $0.mocksPath = mocks })
        #expect(report.exitCode == 1)
        #expect(console.stderr == "\(mocks) at /Charge/1: A mocked response needs 'Return' or 'Throw'\n")
    }

    @Test("the place in an error reads as a compiler would print it")
    func descriptions() {
        #expect(InputFileError(file: "f.json", place: .text(line: 3, column: 5), message: "m").description == "f.json: line 3, column 5: m")
        #expect(InputFileError(file: "m.json", place: .pointer("/A/0"), message: "m").description == "m.json at /A/0: m")
        #expect(InputFileError(file: "m.json", place: .pointer(""), message: "m").description == "m.json at /: m")
        #expect(InputFileError(file: "f.json", place: .file, message: "No such file").description == "f.json: No such file")
    }

    @Test("a definition the validator accepts but the parser rejects prints the parser's pointer and message")
    func parserRejection() {
        let error = DefinitionLoadError.unsupported(
            InputFileError(file: "flow.json", place: .pointer("/States/A/Parameters"), message: "Unsupported template"))
        #expect(error.lines == ["flow.json at /States/A/Parameters: Unsupported template"])
    }
}
