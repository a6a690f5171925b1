import JSONValue
import StatesLanguage
import StepwiseAPI
import StepwiseTestSupport
import Testing

/// The `validation` conformance cases (recorded against AWS), played through the API layer.
@Suite("Validation conformance")
struct ValidationConformanceTests {
    static let cases: [ConformanceCase] = (try? SharedFixtures.conformanceCases(categories: ["validation"])) ?? []

    @Test("the validation cases are found beside the repository")
    func found() {
        #expect(Self.cases.contains { $0.action == "validate_state_machine_definition" })
        #expect(Self.cases.contains { $0.action == "create_state_machine" })
    }

    @Test(
        "ValidateStateMachineDefinition answers as AWS recorded",
        arguments: cases.filter { $0.action == "validate_state_machine_definition" }.map(\.name))
    func validate(_ name: String) async throws {
        let c = try #require(Self.cases.first { $0.name == name })
        var body = JSONObject()
        body.append("definition", .string(c.definitionText))
        body.append("type", .string(c.stateMachineType ?? "STANDARD"))
        let (status, json) = await Client().call("ValidateStateMachineDefinition", .object(body))
        #expect(status == 200)
        let matcher = ConformanceMatcher(wildcards: c.wildcards)
        try matcher.compare(c.expected["status"] ?? .null, json["result"] ?? .null, at: "result")
        try matcher.compare(c.expected["diagnostics"] ?? .null, json["diagnostics"] ?? .null, at: "diagnostics")
        #expect(json["truncated"] == false)
    }

    @Test(
        "CreateStateMachine refuses the definition with AWS's error and message",
        arguments: cases.filter { $0.action == "create_state_machine" }.map(\.name))
    func create(_ name: String) async throws {
        let c = try #require(Self.cases.first { $0.name == name })
        var body = JSONObject()
        body.append("name", "conf_case")
        body.append("definition", .string(c.definitionText))
        body.append("roleArn", .string(role))
        body.append("type", .string(c.stateMachineType ?? "STANDARD"))
        let backend = FakeBackend()
        let (status, json) = await Client(backend: backend).call("CreateStateMachine", .object(body))
        #expect(status == 400)
        let matcher = ConformanceMatcher(wildcards: c.wildcards)
        try matcher.compare(c.expected["error"] ?? .null, json["__type"] ?? .null, at: "error")
        try matcher.compare(c.expected["cause"] ?? .null, json["message"] ?? .null, at: "message")
        #expect(await backend.machines.isEmpty, "a refused definition changes nothing")
    }

    @Test("severity WARNING includes warnings, maxResults truncates, the default is 100")
    func severityAndTruncation() {
        // Several independent errors: one per bad Next target.
        let states = (0..<5).map { #""S\#($0)":{"Type":"Pass","Next":"Missing\#($0)"}"# }.joined(separator: ",")
        let text = #"{"StartAt":"S0","States":{"# + states + "}}"
        let all = ValidateStateMachineDefinitionOutput(validating: ValidateStateMachineDefinitionInput(definition: text))
        #expect(all.result == .fail)
        #expect(all.diagnostics.count >= 2)
        #expect(!all.truncated)
        let cut = ValidateStateMachineDefinitionOutput(validating: ValidateStateMachineDefinitionInput(definition: text, maxResults: 1))
        #expect(cut.diagnostics.count == 1)
        #expect(cut.truncated)
        #expect(cut.result == .fail)
        let ok = ValidateStateMachineDefinitionOutput(
            validating: ValidateStateMachineDefinitionInput(definition: definition, severity: .warning))
        #expect(ok.json == ["result": "OK", "diagnostics": [], "truncated": false])
    }

    @Test("UpdateStateMachine's definition is checked by the backend against the stored type")
    func updateDefinition() async {
        let client = Client()
        _ = await client.call("CreateStateMachine", ["name": "HelloWorld", "definition": .string(definition), "roleArn": .string(role)])
        let e = await client.error("UpdateStateMachine", ["stateMachineArn": .string(smArn), "definition": #"{"StartAt":"X"}"#])
        #expect(e.code == "InvalidDefinition")
        #expect(e.message == "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'")
    }
}
