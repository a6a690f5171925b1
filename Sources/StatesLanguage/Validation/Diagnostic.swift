/// One problem (or warning) found in a definition, as ValidateStateMachineDefinition reports it.
package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Whether the problem blocks creating the state machine.
    package enum Severity: String, Sendable {
        case error = "ERROR"
        case warning = "WARNING"
    }

    package var severity: Severity
    package var code: String
    package var message: String
    /// A JSON pointer into the definition such as `/States/X/Next`; nil when AWS gives none.
    package var location: String?

    package init(severity: Severity = .error, code: String, message: String, location: String?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// The diagnostic as CreateStateMachine prints it inside `InvalidDefinition`.
    package var description: String {
        // CreateStateMachine always appends the location, printing "null" when there is none.
        "\(code): \(message) at \(location ?? "null")"
    }
}

/// Diagnostic codes AWS uses.
package enum DiagnosticCode {
    package static let schemaValidationFailed = "SCHEMA_VALIDATION_FAILED"
    package static let invalidJSONDescription = "INVALID_JSON_DESCRIPTION"
    package static let missingTransitionTarget = "MISSING_TRANSITION_TARGET"
    package static let missingEndState = "MISSING_END_STATE"
    package static let duplicateStateName = "DUPLICATE_STATE_NAME"
    package static let invalidStateName = "INVALID_STATE_NAME"
}

extension Array where Element == Diagnostic {
    /// The `InvalidDefinition` message CreateStateMachine gives: "Invalid State Machine Definition: 'CODE: message at /loc'", several joined as AWS joins them.
    package var invalidDefinitionMessage: String {
        let errors = filter { $0.severity == .error }
        // A JSON syntax error is reported as Jackson's text alone, without code or location.
        if let syntax = errors.first(where: { $0.code == DiagnosticCode.invalidJSONDescription }) {
            return "Invalid State Machine Definition: '\(syntax.code): \(syntax.message)'"
        }
        if errors.count == 1 { return "Invalid State Machine Definition: '\(errors[0])'" }
        // Several problems are each quoted and comma-joined inside the outer quotes.
        return "Invalid State Machine Definition: '" + errors.map { "'\($0)'" }.joined(separator: ", ") + "'"
    }

    /// True when nothing here prevents creating the state machine.
    package var isValid: Bool { !contains { $0.severity == .error } }
}
