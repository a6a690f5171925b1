import JSONValue
import StatesLanguage

// MARK: ValidateStateMachineDefinition

package struct ValidateStateMachineDefinitionInput: RequestShape, Equatable {
    package enum Severity: String, Sendable, CaseIterable {
        case error = "ERROR"
        case warning = "WARNING"
    }

    package var definition: String
    package var type: StateMachineType
    /// The least severe diagnostics to return: ERROR (the default) returns errors only.
    package var severity: Severity
    /// 0...100; 0 and absent mean 100.
    package var maxResults: Int?

    package init(definition: String, type: StateMachineType = .standard, severity: Severity = .error, maxResults: Int? = nil) {
        self.definition = definition
        self.type = type
        self.severity = severity
        self.maxResults = maxResults
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        definition = try r.requiredString("definition", length: Limits.definition, sensitive: true)
        type = try r.enumeration("type", cases: stateMachineTypes) ?? .standard
        severity = try r.enumeration("severity", Severity.self) ?? .error
        maxResults = try r.integer("maxResults", range: 0...100)
        try r.finish()
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("definition", definition)
        o.put("type", type)
        o.put("severity", severity)
        o.put("maxResults", maxResults)
        return .object(o)
    }
}

package struct ValidateStateMachineDefinitionOutput: ResponseShape, Equatable {
    package enum Result: String, Sendable, CaseIterable {
        case ok = "OK"
        case fail = "FAIL"
    }

    package var result: Result
    package var diagnostics: [Diagnostic]
    package var truncated: Bool

    package init(result: Result, diagnostics: [Diagnostic], truncated: Bool = false) {
        self.result = result
        self.diagnostics = diagnostics
        self.truncated = truncated
    }

    /// The answer for a definition, from the validator alone: no backend state is involved.
    package init(validating request: ValidateStateMachineDefinitionInput) {
        let all = DefinitionValidator(type: request.type).validate(text: request.definition)
        let wanted = request.severity == .warning ? all : all.filter { $0.severity == .error }
        // 0 and absent both mean the model's default and maximum, 100.
        let limit = request.maxResults.flatMap { $0 > 0 ? $0 : nil } ?? 100
        result = all.isValid ? .ok : .fail
        diagnostics = Array(wanted.prefix(limit))
        truncated = wanted.count > limit
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("result", result)
        o.append("diagnostics", .array(diagnostics.map(Self.json)))
        o.put("truncated", truncated)
        return .object(o)
    }

    /// A diagnostic as AWS lists it; `location` is left out when the validator has none.
    static func json(_ d: Diagnostic) -> JSONValue {
        var o = JSONObject()
        o.append("severity", .string(d.severity.rawValue))
        o.append("code", .string(d.code))
        o.append("message", .string(d.message))
        o.put("location", d.location)
        return .object(o)
    }
}
