import JSONValue
import StatesLanguage

/// Parses the JSON payloads requests carry as text (execution input, task output), with AWS's errors.
package enum PayloadText {
    /// Execution input: absent means `{}`; text that is not JSON is InvalidExecutionInput.
    package static func parseInput(_ text: String?) throws(APIError) -> JSONValue {
        guard let text else { return [:] }
        if let value = try? JSONValue(parsing: text) { return value }
        throw .invalidExecutionInput(reason(text))
    }

    /// SendTaskSuccess output: text that is not JSON is InvalidOutput.
    package static func parseOutput(_ text: String) throws(APIError) -> JSONValue {
        if let value = try? JSONValue(parsing: text) { return value }
        throw .invalidOutput(reason(text))
    }

    /// Why the text is not JSON, in the words of the Jackson parser AWS runs; the validator already
    /// reproduces those for definitions, so it is asked here too (only on this failure path).
    static func reason(_ text: String) -> String {
        if text.allSatisfy(\.isWhitespace) { return "No content to map due to end-of-input" }
        let diagnostics = DefinitionValidator(type: .standard).validate(text: text)
        if let jackson = diagnostics.first(where: { $0.code == DiagnosticCode.invalidJSONDescription }) {
            // Jackson appends "\n at [Source: ...]"; AWS quotes only the complaint itself.
            if let cut = jackson.message.range(of: "\n at ") { return String(jackson.message[..<cut.lowerBound]) }
            return jackson.message
        }
        // Jackson read a first value and ignored what followed; this parser is stricter.
        return "Unexpected content after the JSON value"
    }
}

/// Checks a definition as CreateStateMachine and UpdateStateMachine do before storing anything.
package enum DefinitionCheck {
    /// Throws InvalidDefinition with AWS's message when the definition has any ERROR diagnostic.
    package static func validate(_ definition: String, type: StateMachineType) throws(APIError) {
        let diagnostics = DefinitionValidator(type: type).validate(text: definition)
        if !diagnostics.isValid { throw APIError(.invalidDefinition, diagnostics.invalidDefinitionMessage) }
    }
}
