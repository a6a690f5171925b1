import JSONValue
import JSONata

/// The eight state types, spelled as in a definition.
enum StateTypeName: String, CaseIterable {
    case task = "Task", wait = "Wait", pass = "Pass", succeed = "Succeed", fail = "Fail", choice = "Choice"
    case parallel = "Parallel", map = "Map"

    /// Every field a state of this type may carry in either query language (measured against AWS).
    var allowedFields: Set<String> {
        let common: Set<String> = ["Type", "Comment", "QueryLanguage"]
        let specific: Set<String>
        switch self {
        case .pass:
            specific = ["InputPath", "OutputPath", "Result", "ResultPath", "Parameters", "Output", "Assign", "Next", "End"]
        case .task:
            specific = [
                "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign", "Resource",
                "Credentials", "ResultSelector", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath",
                "HeartbeatSeconds", "HeartbeatSecondsPath", "Next", "End",
            ]
        case .wait:
            specific = ["InputPath", "OutputPath", "Output", "Assign", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Next", "End"]
        case .parallel:
            specific = [
                "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign", "ResultSelector",
                "Retry", "Catch", "Branches", "Next", "End",
            ]
        case .map:
            specific = [
                "InputPath", "OutputPath", "ResultPath", "Parameters", "Output", "Assign", "ResultSelector", "Retry", "Catch",
                "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter",
                "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "Next", "End",
            ]
        case .choice:
            specific = ["InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"]
        case .succeed:
            specific = ["InputPath", "OutputPath", "Output"]
        case .fail:
            specific = ["Error", "Cause", "ErrorPath", "CausePath"]
        }
        return common.union(specific)
    }

    /// States that move on with Next or stop with End.
    var transitions: Bool {
        switch self {
        case .pass, .task, .wait, .parallel, .map: true
        case .choice, .succeed, .fail: false
        }
    }
}

/// Fields that exist only in one query language.
enum LanguageFields {
    static let jsonPathOnly: Set<String> = [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result", "ItemsPath",
        "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "TimeoutSecondsPath",
        "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
    ]
    static let jsonataOnly: Set<String> = ["Arguments", "Output", "Items"]

    static func belongsToOther(_ field: String, than language: QueryLanguage) -> Bool {
        switch language {
        case .jsonPath: jsonataOnly.contains(field)
        case .jsonata: jsonPathOnly.contains(field)
        }
    }

    static func message(field: String, language: QueryLanguage) -> String {
        let other: QueryLanguage = language == .jsonPath ? .jsonata : .jsonPath
        return "The QueryLanguage is set to '\(language.rawValue)', but field '\(field)' is only supported for the '\(other.rawValue)' QueryLanguage"
    }
}

/// What the per-type rules need to know about the state being checked.
struct StateContext {
    var name: String
    var location: String
    var type: StateTypeName
    var language: QueryLanguage
    /// The state's members that belong to its type and language: rules read only these, so a field
    /// already refused is not reported a second time.
    var fields: JSONObject
}

extension ValidationPass {
    mutating func validateState(_ value: JSONValue, named name: String, at location: String, siblings: JSONObject) {
        guard case .object(let state) = value else {
            report("Expected value of type [\(ExpectedType.object.rawValue)]", at: location)
            return
        }
        var language = rootLanguage
        var downgraded = false
        if let declared = state["QueryLanguage"], let parsed = queryLanguage(declared, at: Pointer.member(location, "QueryLanguage")) {
            if rootLanguage == .jsonata && parsed == .jsonPath {
                report("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at: location)
                downgraded = true
            }
            language = parsed
        }
        guard let typeValue = state["Type"] else {
            require(state, ["Type"], at: location)
            return
        }
        let typeLocation = Pointer.member(location, "Type")
        guard expect(.string, typeValue, at: typeLocation) else { return }
        guard let type = StateTypeName(rawValue: typeValue.stringValue ?? "") else {
            report(
                "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
                at: typeLocation)
            return
        }
        let allowed = type.allowedFields
        var usable = JSONObject()
        for (key, member) in state.members {
            if !allowed.contains(key) {
                report("Field '\(key)' is not supported", at: location)
            } else if LanguageFields.belongsToOther(key, than: language) {
                // A refused downgrade is the whole answer for that state: its fields are not judged again.
                if !downgraded { report(LanguageFields.message(field: key, language: language), at: location) }
            } else {
                usable.append(key, member)
            }
        }
        var context = StateContext(name: name, location: location, type: type, language: language, fields: usable)
        validateCommonFields(&context)
        switch type {
        case .pass: validatePass(context)
        case .task: validateTask(context)
        case .wait: validateWait(context)
        case .succeed: break
        case .fail: validateFail(context)
        case .choice: validateChoice(context)
        case .parallel: validateParallel(context)
        case .map: validateMap(context)
        }
        if language == .jsonata { compileExpressions(in: .object(usable), at: location) }
    }

    /// Every `{% %}` expression of a JSONata state must compile: a definition that can never run is
    /// refused when it is created, not when an execution reaches the state.
    mutating func compileExpressions(in value: JSONValue, at location: String) {
        switch value {
        case .string(let text):
            guard let source = JSONataTemplate.expressionSource(text) else { return }
            do {
                _ = try JSONataExpression(source)
            } catch {
                report("The JSONata expression '\(source)' is not valid: \(error.code): \(error.message)", at: location)
            }
        case .object(let object):
            for (key, member) in object.members where !Self.notExpressionFields.contains(key) {
                compileExpressions(in: member, at: Pointer.member(location, key))
            }
        case .array(let items):
            for (i, item) in items.enumerated() { compileExpressions(in: item, at: Pointer.element(location, i)) }
        default:
            return
        }
    }

    /// Members that hold no expressions of this state: text, names, and nested machines (checked on their own).
    static let notExpressionFields: Set<String> = ["Comment", "Type", "Next", "Default", "Resource", "Branches", "ItemProcessor", "Iterator"]

    /// Fields shared by several state types: Comment, Next/End, the I/O paths, templates and Assign.
    mutating func validateCommonFields(_ context: inout StateContext) {
        let fields = context.fields
        let location = context.location
        if let comment = fields["Comment"] { expect(.string, comment, at: Pointer.member(location, "Comment")) }
        if context.type.transitions {
            let next = fields["Next"]
            let end = fields["End"]
            if let next { expect(.string, next, at: Pointer.member(location, "Next")) }
            if let end { expect(.boolean, end, at: Pointer.member(location, "End")) }
            let ends = end?.boolValue == true
            if next != nil && end != nil {
                report("There should only be one of the following fields: [Next, End]", at: location)
            } else if next == nil && !ends {
                report("This object should have only one of the following fields: [Next, End]", at: location)
            }
        }
        if context.language == .jsonPath {
            pathField(fields, "InputPath", in: location, kind: .path, nullable: true)
            pathField(fields, "OutputPath", in: location, kind: .path, nullable: true)
            pathField(fields, "ResultPath", in: location, kind: .reference, nullable: true)
            for key in ["Parameters", "ResultSelector"] {
                if let template = fields[key] {
                    let at = Pointer.member(location, key)
                    if expect(.object, template, at: at) { payloadTemplate(template, at: at) }
                }
            }
        } else if let arguments = fields["Arguments"] {
            jsonataObjectOrExpression(arguments, at: Pointer.member(location, "Arguments"))
        }
        if let assign = fields["Assign"] {
            assignField(assign, at: Pointer.member(location, "Assign"), language: context.language)
        }
    }

    /// JSONata Arguments: an object or one `{% %}` expression.
    mutating func jsonataObjectOrExpression(_ value: JSONValue, at location: String) {
        if case .string(let text) = value, JSONataText.isExpression(text) { return }
        expect(.object, value, at: location)
    }

    mutating func assignField(_ value: JSONValue, at location: String, language: QueryLanguage) {
        guard expect(.object, value, at: location) else { return }
        if language == .jsonPath { payloadTemplate(value, at: location) }
    }

    // MARK: Pass, Succeed, Fail

    mutating func validatePass(_ context: StateContext) {
        // Result is any JSON value and is never evaluated; nothing more to check.
    }

    mutating func validateFail(_ context: StateContext) {
        let fields = context.fields
        let location = context.location
        exclusive(fields, ["Error", "ErrorPath"], at: location)
        exclusive(fields, ["Cause", "CausePath"], at: location)
        for key in ["Error", "Cause"] {
            guard let value = fields[key] else { continue }
            expect(.string, value, at: Pointer.member(location, key))
        }
        pathField(fields, "ErrorPath", in: location, kind: .pathOrIntrinsic, nullable: false)
        pathField(fields, "CausePath", in: location, kind: .pathOrIntrinsic, nullable: false)
    }
}
