import JSONValue

/// The comparison operators of JSONPath Choice rules and the operand each one takes.
enum ChoiceOperator {
    enum Operand {
        case string, number, boolean, timestamp, referencePath
    }

    /// Every operator in the order AWS's documentation lists them.
    static let all: [String] = {
        var names: [String] = []
        for family in ["String", "Numeric", "Timestamp"] {
            for comparison in ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"] {
                names.append(family + comparison)
                names.append(family + comparison + "Path")
            }
            if family == "String" { names.append("StringMatches") }
            if family == "Numeric" { names += ["BooleanEquals", "BooleanEqualsPath"] }
        }
        return names + ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]
    }()

    static let names = Set(all)

    static func operand(of name: String) -> Operand {
        if name.hasSuffix("Path") { return .referencePath }
        if name.hasPrefix("Is") || name == "BooleanEquals" { return .boolean }
        if name.hasPrefix("String") { return .string }
        if name.hasPrefix("Numeric") { return .number }
        return .timestamp
    }
}

extension ValidationPass {
    mutating func validateChoice(_ context: StateContext) {
        let fields = context.fields
        let location = context.location
        require(fields, ["Choices"], at: location)
        if let value = fields["Default"] { expect(.string, value, at: Pointer.member(location, "Default")) }
        guard let value = fields["Choices"] else { return }
        let at = Pointer.member(location, "Choices")
        guard expect(.array, value, at: at), let rules = value.arrayValue else { return }
        if rules.isEmpty { report("Value cannot be empty", at: at) }
        for (index, rule) in rules.enumerated() {
            validateChoiceRule(rule, at: Pointer.element(at, index), topLevel: true, language: context.language)
        }
    }

    private mutating func validateChoiceRule(_ value: JSONValue, at location: String, topLevel: Bool, language: QueryLanguage) {
        guard expect(.object, value, at: location), let rule = value.objectValue else { return }
        var allowed: Set<String> = ["Comment"]
        if topLevel { allowed.formUnion(["Next", "Assign", "Output"]) }
        if language == .jsonata {
            allowed.insert("Condition")
        } else {
            allowed.formUnion(["Variable", "And", "Or", "Not"])
            if rule["Variable"] != nil { allowed.formUnion(ChoiceOperator.names) }
        }
        var usable = JSONObject()
        for (key, member) in rule.members {
            if key == "Output" && language == .jsonPath {
                report(LanguageFields.message(field: key, language: language), at: location)
            } else if key == "Condition" && language == .jsonPath {
                report(LanguageFields.message(field: key, language: language), at: location)
            } else if !allowed.contains(key) {
                report("Field '\(key)' is not supported", at: location)
            } else {
                usable.append(key, member)
            }
        }
        if topLevel {
            require(rule, ["Next"], at: location)
            if let next = usable["Next"] { expect(.string, next, at: Pointer.member(location, "Next")) }
            if let assign = usable["Assign"] { assignField(assign, at: Pointer.member(location, "Assign"), language: language) }
        }
        if let comment = usable["Comment"] { expect(.string, comment, at: Pointer.member(location, "Comment")) }
        if language == .jsonata {
            guard require(rule, ["Condition"], at: location), let condition = usable["Condition"] else { return }
            if case .string(let text) = condition, JSONataText.isExpression(text) { return }
            if case .bool = condition { return }
            report("Value must be a JSONata expression or a boolean", at: Pointer.member(location, "Condition"))
            return
        }
        let selectors = ["And", "Or", "Not", "Variable"].filter { usable[$0] != nil }
        guard selectors.count == 1 else {
            report("The object must have only one of the following fields, [And, Or, Not, Variable, Condition]", at: location)
            return
        }
        switch selectors[0] {
        case "Variable":
            pathField(usable, "Variable", in: location, kind: .reference, nullable: false)
            let operators = ChoiceOperator.all.filter { usable[$0] != nil }
            guard operators.count == 1 else {
                report("There should only be one of the following fields: [\(ChoiceOperator.all.joined(separator: ", "))]", at: location)
                return
            }
            validateOperand(operators[0], usable, at: location)
        case "Not":
            validateChoiceRule(usable["Not"] ?? .null, at: Pointer.member(location, "Not"), topLevel: false, language: language)
        default:
            let key = selectors[0]
            let at = Pointer.member(location, key)
            guard let value = usable[key], expect(.array, value, at: at), let nested = value.arrayValue else { return }
            if nested.isEmpty { report("Value cannot be empty", at: at) }
            for (index, rule) in nested.enumerated() {
                validateChoiceRule(rule, at: Pointer.element(at, index), topLevel: false, language: language)
            }
        }
    }

    private mutating func validateOperand(_ name: String, _ rule: JSONObject, at location: String) {
        guard let value = rule[name] else { return }
        let at = Pointer.member(location, name)
        switch ChoiceOperator.operand(of: name) {
        case .string: expect(.string, value, at: at)
        case .number: expect(.number, value, at: at)
        case .boolean: expect(.boolean, value, at: at)
        case .referencePath: pathField(rule, name, in: location, kind: .reference, nullable: false)
        case .timestamp:
            if expect(.string, value, at: at), let text = value.stringValue, !RFC3339.isValid(text) {
                report("String does not match RFC3339 timestamp", at: at)
            }
        }
    }
}
