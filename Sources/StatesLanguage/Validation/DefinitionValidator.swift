import JSONValue

/// Checks an Amazon States Language definition the way CreateStateMachine and
/// ValidateStateMachineDefinition do, reporting every problem with AWS's codes, messages and locations.
package struct DefinitionValidator: Sendable {
    package var type: StateMachineType

    package init(type: StateMachineType = .standard) {
        self.type = type
    }

    /// All problems in a parsed definition, in AWS's order as far as it is known.
    package func validate(_ definition: JSONValue) -> [Diagnostic] {
        guard case .object(let root) = definition else {
            return [Diagnostic(code: DiagnosticCode.schemaValidationFailed, message: "Definition must be a valid JSON object", location: nil)]
        }
        var pass = ValidationPass(machineType: type)
        pass.validateRoot(root)
        return pass.diagnostics
    }

    /// Parses the text first: malformed JSON gives Jackson's INVALID_JSON_DESCRIPTION, as AWS's Java parser words it.
    package func validate(text: String) -> [Diagnostic] {
        if text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            // Jackson reads blank text as no value at all, which AWS reports as a schema problem.
            return [Diagnostic(code: DiagnosticCode.schemaValidationFailed, message: "Definition must be a valid JSON object", location: nil)]
        }
        if let value = try? JSONValue(parsing: text) { return validate(value) }
        let jackson = JacksonErrorMessage(text: text)
        if jackson.isError {
            return [Diagnostic(code: DiagnosticCode.invalidJSONDescription, message: jackson.message, location: jackson.location)]
        }
        // Jackson stops after the first value and ignores what follows, so AWS validates that value alone.
        let prefix = String(decoding: Array(text.utf16)[0..<jackson.valueEnd], as: UTF16.self)
        guard let value = try? JSONValue(parsing: prefix) else {
            return [Diagnostic(code: DiagnosticCode.schemaValidationFailed, message: "Definition must be a valid JSON object", location: nil)]
        }
        return validate(value)
    }
}


/// JSON types as AWS names them in "Expected value of type [...]".
enum ExpectedType: String {
    case string = "STRING"
    case integer = "INTEGER"
    case number = "NUMBER"
    case boolean = "BOOLEAN"
    case object = "OBJECT"
    case array = "ARRAY"
}

/// Builds the JSON-pointer-like locations AWS reports: `/States/X`, `/States/X/Catch[0]`.
enum Pointer {
    static func member(_ base: String, _ key: String) -> String {
        base == "/" ? "/" + key : base + "/" + key
    }

    static func element(_ base: String, _ index: Int) -> String {
        "\(base)[\(index)]"
    }
}

/// One validation run: the diagnostics found so far and what must be remembered across nested machines.
struct ValidationPass {
    let machineType: StateMachineType
    var diagnostics: [Diagnostic] = []
    /// State names seen anywhere in the machine: AWS wants them unique across nested branches too.
    var stateNames: Set<String> = []
    var rootLanguage: QueryLanguage = .jsonPath

    init(machineType: StateMachineType) {
        self.machineType = machineType
    }

    mutating func report(_ message: String, at location: String?, code: String = DiagnosticCode.schemaValidationFailed) {
        diagnostics.append(Diagnostic(code: code, message: message, location: location))
    }

    // MARK: Top level and nested machines

    mutating func validateRoot(_ root: JSONObject) {
        // AWS lists the missing top-level fields in this order.
        let missing = ["States", "StartAt"].filter { root[$0] == nil }
        if !missing.isEmpty {
            report("These fields are required: [\(missing.joined(separator: ", "))]", at: "/")
        }
        if let language = root["QueryLanguage"] {
            rootLanguage = queryLanguage(language, at: "/QueryLanguage") ?? .jsonPath
        }
        let allowed: Set<String> = ["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"]
        for key in root.keys where !allowed.contains(key) {
            report("Field '\(key)' is not supported", at: "/")
        }
        if let comment = root["Comment"] { _ = expect(.string, comment, at: "/Comment") }
        if let version = root["Version"], expect(.string, version, at: "/Version"), version.stringValue != "1.0" {
            report("Value should be one of the following: [1.0]", at: "/Version")
        }
        if root["TimeoutSeconds"] != nil {
            integerField(root, "TimeoutSeconds", in: "/", minimum: 1, maximum: 99_999_999, language: .jsonPath)
        }
        guard missing.isEmpty else { return }
        validateMachine(root, at: "/", isRoot: true)
    }

    /// A top-level machine, a Parallel branch or a Map's item processor: its states, then its graph.
    mutating func validateMachine(_ machine: JSONObject, at location: String, isRoot: Bool) {
        guard let statesValue = machine["States"] else { return }
        let statesLocation = Pointer.member(location, "States")
        guard case .object(let states) = statesValue else {
            report("Expected value of type [\(ExpectedType.object.rawValue)]", at: statesLocation)
            return
        }
        var startAt: String?
        if let value = machine["StartAt"], expect(.string, value, at: Pointer.member(location, "StartAt")) {
            startAt = value.stringValue
        }
        for (name, state) in states.members {
            let stateLocation = Pointer.member(statesLocation, name)
            if name.isEmpty || name.count > 80 {
                report("State name must be between 1 and 80 characters long", at: stateLocation, code: DiagnosticCode.invalidStateName)
            }
            if !stateNames.insert(name).inserted {
                report("Duplicate State name: \(name)", at: stateLocation, code: DiagnosticCode.duplicateStateName)
            }
            validateState(state, named: name, at: stateLocation, siblings: states)
        }
        validateGraph(states, startAt: startAt, machineLocation: location, isRoot: isRoot)
    }

    /// Parses a QueryLanguage value, reporting a wrong type or spelling.
    mutating func queryLanguage(_ value: JSONValue, at location: String) -> QueryLanguage? {
        guard expect(.string, value, at: location) else { return nil }
        guard let language = QueryLanguage(rawValue: value.stringValue ?? "") else {
            report("Value should be one of the following: [JSONPath, JSONata]", at: location)
            return nil
        }
        return language
    }

    // MARK: Value helpers

    /// Reports "Expected value of type [T]" when `value` is not of `type`.
    @discardableResult
    mutating func expect(_ type: ExpectedType, _ value: JSONValue, at location: String) -> Bool {
        let matches: Bool
        switch (type, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array), (.number, .number): matches = true
        case (.integer, .number(let n)): matches = n.isIntegerLiteral || n.isIntegral
        default: matches = false
        }
        if !matches { report("Expected value of type [\(type.rawValue)]", at: location) }
        return matches
    }

    /// An integer field in a range; JSONata mode also accepts a `{% %}` expression in its place.
    mutating func integerField(
        _ object: JSONObject, _ key: String, in location: String, minimum: Int64, maximum: Int64?, language: QueryLanguage
    ) {
        guard let value = object[key] else { return }
        let at = Pointer.member(location, key)
        if language == .jsonata, case .string(let text) = value, JSONataText.isExpression(text) { return }
        guard expect(.integer, value, at: at), let number = value.numberValue else { return }
        checkRange(number.doubleValue, minimum: Double(minimum), maximum: maximum.map(Double.init), at: at)
    }

    /// A number field in a range; JSONata mode also accepts an expression.
    mutating func numberField(
        _ object: JSONObject, _ key: String, in location: String, minimum: Double, maximum: Double?, language: QueryLanguage
    ) {
        guard let value = object[key] else { return }
        let at = Pointer.member(location, key)
        if language == .jsonata, case .string(let text) = value, JSONataText.isExpression(text) { return }
        guard expect(.number, value, at: at), let number = value.numberValue else { return }
        checkRange(number.doubleValue, minimum: minimum, maximum: maximum, at: at)
    }

    mutating func checkRange(_ value: Double, minimum: Double, maximum: Double?, at location: String) {
        if value < minimum {
            report("Value should be greater than or equal to \(Self.format(minimum))", at: location)
        } else if let maximum, value > maximum {
            report("Value should be less than or equal to \(Self.format(maximum))", at: location)
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A string field that must hold one of `values`.
    mutating func enumField(_ object: JSONObject, _ key: String, in location: String, values: [String]) {
        guard let value = object[key] else { return }
        let at = Pointer.member(location, key)
        guard expect(.string, value, at: at) else { return }
        if !values.contains(value.stringValue ?? "") {
            report("Value should be one of the following: [\(values.joined(separator: ", "))]", at: at)
        }
    }

    /// Reports each member not in `allowed` the way AWS's schema does, at the object's location.
    mutating func rejectUnknownFields(_ object: JSONObject, allowed: Set<String>, at location: String) {
        for key in object.keys where !allowed.contains(key) {
            report("Field '\(key)' is not supported", at: location)
        }
    }

    /// Reports a pair of fields where at most one may appear.
    mutating func exclusive(_ object: JSONObject, _ fields: [String], at location: String) {
        if fields.filter({ object[$0] != nil }).count > 1 {
            report("There should only be one of the following fields: [\(fields.joined(separator: ", "))]", at: location)
        }
    }

    /// Reports when none of `fields` appears, or more than one.
    mutating func exactlyOne(_ object: JSONObject, _ fields: [String], at location: String) {
        let present = fields.filter { object[$0] != nil }.count
        if present == 0 {
            report("This object should have only one of the following fields: [\(fields.joined(separator: ", "))]", at: location)
        } else if present > 1 {
            report("There should only be one of the following fields: [\(fields.joined(separator: ", "))]", at: location)
        }
    }

    /// Reports the required fields `object` lacks, in the order given.
    @discardableResult
    mutating func require(_ object: JSONObject, _ fields: [String], at location: String) -> Bool {
        let missing = fields.filter { object[$0] == nil }
        if !missing.isEmpty {
            report("These fields are required: [\(missing.joined(separator: ", "))]", at: location)
        }
        return missing.isEmpty
    }
}

/// Recognises JSONata expressions written in a JSONata-mode string field.
enum JSONataText {
    static func isExpression(_ text: String) -> Bool {
        text.hasPrefix("{%") && text.hasSuffix("%}") && text.count >= 4
    }
}
