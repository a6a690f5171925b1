import JSONValue

/// A definition that cannot be turned into a runnable state machine: where (a JSON pointer) and why.
///
/// The validator reports problems with AWS's codes first; this error guards the parser against
/// anything the validator let through.
package struct DefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    package var pointer: String
    package var message: String

    package var description: String { "\(message) at \(pointer.isEmpty ? "/" : pointer)" }
}

/// Turns a (validated) definition into a `StateMachine` with compiled paths and templates.
package struct StateMachineParser {
    package init() {}

    package func parse(_ definition: JSONValue) throws(DefinitionError) -> StateMachine {
        try parseMachine(definition, pointer: "", inherited: .jsonPath)
    }

    func parseMachine(_ value: JSONValue, pointer: String, inherited: QueryLanguage) throws(DefinitionError)
        -> StateMachine
    {
        guard let object = value.objectValue else { throw DefinitionError(pointer: pointer, message: "Expected a JSON object") }
        let language = try queryLanguage(object, pointer: pointer, inherited: inherited)
        guard let startAt = object["StartAt"]?.stringValue else {
            throw DefinitionError(pointer: pointer, message: "The field 'StartAt' is required and must be a string")
        }
        guard let statesObject = object["States"]?.objectValue, !statesObject.isEmpty else {
            throw DefinitionError(pointer: pointer, message: "The field 'States' is required and must be a non-empty object")
        }
        var indexByName: [String: Int] = [:]
        for (i, name) in statesObject.keys.enumerated() { indexByName[name] = i }
        guard let startIndex = indexByName[startAt] else {
            throw DefinitionError(pointer: pointer + "/StartAt", message: "Missing 'StartAt' target: \(startAt)")
        }
        var states: [State] = []
        states.reserveCapacity(statesObject.count)
        for (name, stateValue) in statesObject.members {
            states.append(
                try parseState(
                    name: name, stateValue, pointer: pointer + "/States/" + name.jsonPointerEscaped, names: indexByName,
                    inherited: language))
        }
        var timeout: Int?
        if let t = object["TimeoutSeconds"] {
            guard let n = t.numberValue?.intValue, n >= 0 else {
                throw DefinitionError(pointer: pointer + "/TimeoutSeconds", message: "TimeoutSeconds must be a non-negative integer")
            }
            timeout = n
        }
        return StateMachine(
            startIndex: startIndex, states: states, comment: object["Comment"]?.stringValue, timeoutSeconds: timeout,
            queryLanguage: language, pointer: pointer)
    }

    func queryLanguage(_ object: JSONObject, pointer: String, inherited: QueryLanguage) throws(DefinitionError)
        -> QueryLanguage
    {
        guard let raw = object["QueryLanguage"] else { return inherited }
        guard let text = raw.stringValue, let language = QueryLanguage(rawValue: text) else {
            throw DefinitionError(pointer: pointer + "/QueryLanguage", message: "QueryLanguage must be 'JSONPath' or 'JSONata'")
        }
        return language
    }


    func parseState(
        name: String, _ value: JSONValue, pointer: String, names: [String: Int], inherited: QueryLanguage
    ) throws(DefinitionError) -> State {
        guard let o = value.objectValue else { throw DefinitionError(pointer: pointer, message: "A state must be a JSON object") }
        guard let type = o["Type"]?.stringValue else {
            throw DefinitionError(pointer: pointer, message: "The field 'Type' is required but was missing")
        }
        let language = try queryLanguage(o, pointer: pointer, inherited: inherited)
        let fields = FieldReader(object: o, pointer: pointer, language: language)
        let kind: State.Kind
        switch type {
        case "Pass":
            kind = .pass(PassState(result: o["Result"]))
        case "Succeed":
            kind = .succeed
        case "Fail":
            kind = .fail(
                FailState(
                    error: try fields.literalString("Error"), errorPath: try fields.valueSourceOrExpression("Error"),
                    cause: try fields.literalString("Cause"), causePath: try fields.valueSourceOrExpression("Cause")))
        case "Wait":
            kind = .wait(WaitState(duration: try waitDuration(fields)))
        case "Choice":
            kind = .choice(try parseChoice(fields, names: names))
        case "Task":
            guard let resource = try fields.string("Resource") else {
                throw DefinitionError(pointer: pointer, message: "The field 'Resource' is required but was missing")
            }
            kind = .task(
                TaskState(
                    resource: resource,
                    timeoutSeconds: try fields.numberField("TimeoutSeconds"),
                    heartbeatSeconds: try fields.numberField("HeartbeatSeconds"),
                    credentials: o["Credentials"]))
        case "Parallel":
            guard let branches = o["Branches"]?.arrayValue else {
                throw DefinitionError(pointer: pointer, message: "The field 'Branches' is required but was missing")
            }
            var machines: [StateMachine] = []
            for (i, b) in branches.enumerated() {
                machines.append(try parseMachine(b, pointer: pointer + "/Branches/\(i)", inherited: inherited))
            }
            kind = .parallel(ParallelState(branches: machines))
        case "Map":
            kind = .map(try parseMap(fields, inherited: inherited))
        default:
            throw DefinitionError(pointer: pointer + "/Type", message: "Unknown state type '\(type)'")
        }
        var parameters: PayloadTemplate?
        var arguments: JSONataTemplate?
        if language == .jsonata {
            if let a = o["Arguments"] { arguments = try fields.jsonata(a, field: "Arguments") }
            if let a = o["ItemSelector"] { arguments = try fields.jsonata(a, field: "ItemSelector") }
        } else if let p = o["Parameters"] ?? o["ItemSelector"] {
            parameters = try fields.template(p, field: o["Parameters"] != nil ? "Parameters" : "ItemSelector")
        }
        var resultSelector: PayloadTemplate?
        if let p = o["ResultSelector"] { resultSelector = try fields.template(p, field: "ResultSelector") }
        var transition = Transition.end
        if let next = o["Next"] {
            guard let target = next.stringValue, let index = names[target] else {
                throw DefinitionError(pointer: pointer + "/Next", message: "Missing 'Next' target: \(next.stringValue ?? next.serialized())")
            }
            transition = .next(index)
        }
        return State(
            name: name, kind: kind, comment: o["Comment"]?.stringValue, inputPath: try fields.pathField("InputPath"),
            outputPath: try fields.pathField("OutputPath"), resultPath: try fields.pathField("ResultPath"),
            parameters: parameters, resultSelector: resultSelector, retriers: try parseRetry(fields),
            catchers: try parseCatch(fields, names: names), transition: transition, assign: try fields.assignment(),
            queryLanguage: language, arguments: arguments, output: try fields.output())
    }

    func waitDuration(_ f: FieldReader) throws(DefinitionError) -> WaitState.Duration {
        if let e = try f.expression("Seconds") { return .secondsExpression(e) }
        if let e = try f.expression("Timestamp") { return .timestampExpression(e) }
        if let s = f.object["Seconds"] {
            guard let n = s.numberValue?.intValue else {
                throw DefinitionError(pointer: f.pointer + "/Seconds", message: "Seconds must be an integer")
            }
            return .seconds(n)
        }
        if let p = try f.path("SecondsPath") { return .secondsPath(p) }
        if let t = try f.string("Timestamp") { return .timestamp(t) }
        if let p = try f.path("TimestampPath") { return .timestampPath(p) }
        throw DefinitionError(pointer: f.pointer, message: "A Wait state needs one of Seconds, SecondsPath, Timestamp, TimestampPath")
    }

    func parseChoice(_ f: FieldReader, names: [String: Int]) throws(DefinitionError) -> ChoiceState {
        guard let choices = f.object["Choices"]?.arrayValue else {
            throw DefinitionError(pointer: f.pointer, message: "The field 'Choices' is required but was missing")
        }
        var branches: [ChoiceBranch] = []
        for (i, c) in choices.enumerated() {
            let pointer = f.pointer + "/Choices/\(i)"
            guard let o = c.objectValue else { throw DefinitionError(pointer: pointer, message: "A Choice rule must be an object") }
            guard let next = o["Next"]?.stringValue, let index = names[next] else {
                throw DefinitionError(pointer: pointer + "/Next", message: "Missing 'Next' target: \(o["Next"]?.stringValue ?? "")")
            }
            let rule = FieldReader(object: o, pointer: pointer, language: f.language)
            branches.append(
                ChoiceBranch(
                    rule: try parseRule(o, pointer: pointer, language: f.language), next: index, assign: try rule.assignment(),
                    output: try rule.output()))
        }
        var defaultNext: Int?
        if let d = f.object["Default"] {
            guard let target = d.stringValue, let index = names[target] else {
                throw DefinitionError(pointer: f.pointer + "/Default", message: "Missing 'Default' target")
            }
            defaultNext = index
        }
        return ChoiceState(choices: branches, defaultNext: defaultNext)
    }

    func parseRule(_ o: JSONObject, pointer: String, language: QueryLanguage) throws(DefinitionError) -> ChoiceRule {
        if let condition = o["Condition"] {
            return .condition(try FieldReader(object: o, pointer: pointer, language: language).jsonata(condition, field: "Condition"))
        }
        func rules(_ key: String) throws(DefinitionError) -> [ChoiceRule] {
            guard let list = o[key]?.arrayValue else {
                throw DefinitionError(pointer: pointer + "/" + key, message: "\(key) must be an array of rules")
            }
            var out: [ChoiceRule] = []
            for (i, r) in list.enumerated() {
                guard let ro = r.objectValue else { throw DefinitionError(pointer: pointer + "/\(key)/\(i)", message: "A rule must be an object") }
                out.append(try parseRule(ro, pointer: pointer + "/\(key)/\(i)", language: language))
            }
            return out
        }
        if o["And"] != nil { return .and(try rules("And")) }
        if o["Or"] != nil { return .or(try rules("Or")) }
        if let n = o["Not"] {
            guard let no = n.objectValue else { throw DefinitionError(pointer: pointer + "/Not", message: "Not must be a rule object") }
            return .not(try parseRule(no, pointer: pointer + "/Not", language: language))
        }
        let f = FieldReader(object: o, pointer: pointer, language: language)
        guard let variable = try f.path("Variable") else {
            throw DefinitionError(pointer: pointer, message: "A comparison needs a 'Variable'")
        }
        for op in ComparisonOperator.allCases {
            if let v = o[op.rawValue] {
                return .comparison(ChoiceComparison(variable: variable, op: op, operand: .value(v)))
            }
            if op.hasPathVariant, let p = try f.path(op.rawValue + "Path") {
                return .comparison(ChoiceComparison(variable: variable, op: op, operand: .path(p)))
            }
        }
        throw DefinitionError(pointer: pointer, message: "A comparison needs a comparison operator")
    }

    func parseMap(_ f: FieldReader, inherited: QueryLanguage) throws(DefinitionError) -> MapState {
        let o = f.object
        let processorKey = o["ItemProcessor"] != nil ? "ItemProcessor" : "Iterator"
        guard let processorValue = o[processorKey] else {
            throw DefinitionError(pointer: f.pointer, message: "The field 'ItemProcessor' is required but was missing")
        }
        let processor = try parseMachine(processorValue, pointer: f.pointer + "/" + processorKey, inherited: inherited)
        var mode = MapState.Mode.inline
        if let m = processorValue["ProcessorConfig"]?["Mode"]?.stringValue, let parsed = MapState.Mode(rawValue: m) {
            mode = parsed
        }
        var map = MapState(processor: processor, mode: mode)
        map.itemsPath = try f.pathField("ItemsPath")
        if let items = o["Items"] { map.items = try f.jsonata(items, field: "Items") }
        map.maxConcurrency = try f.numberField("MaxConcurrency")
        map.toleratedFailureCount = try f.numberField("ToleratedFailureCount")
        map.toleratedFailurePercentage = try f.numberField("ToleratedFailurePercentage")
        map.label = o["Label"]?.stringValue
        map.itemReader = o["ItemReader"]
        map.itemBatcher = o["ItemBatcher"]
        map.resultWriter = o["ResultWriter"]
        return map
    }

    func parseRetry(_ f: FieldReader) throws(DefinitionError) -> [Retrier] {
        guard let list = f.object["Retry"]?.arrayValue else { return [] }
        var out: [Retrier] = []
        for (i, r) in list.enumerated() {
            let pointer = f.pointer + "/Retry/\(i)"
            guard let o = r.objectValue, let errors = o["ErrorEquals"]?.arrayValue?.compactMap(\.stringValue) else {
                throw DefinitionError(pointer: pointer, message: "A retrier needs 'ErrorEquals'")
            }
            var retrier = Retrier(errorEquals: errors)
            if let v = o["IntervalSeconds"]?.numberValue { retrier.intervalSeconds = v.doubleValue }
            if let v = o["MaxAttempts"]?.numberValue?.intValue { retrier.maxAttempts = v }
            if let v = o["BackoffRate"]?.numberValue { retrier.backoffRate = v.doubleValue }
            if let v = o["MaxDelaySeconds"]?.numberValue { retrier.maxDelaySeconds = v.doubleValue }
            if let v = o["JitterStrategy"]?.stringValue, let j = Retrier.Jitter(rawValue: v) { retrier.jitter = j }
            out.append(retrier)
        }
        return out
    }

    func parseCatch(_ f: FieldReader, names: [String: Int]) throws(DefinitionError) -> [Catcher] {
        guard let list = f.object["Catch"]?.arrayValue else { return [] }
        var out: [Catcher] = []
        for (i, c) in list.enumerated() {
            let pointer = f.pointer + "/Catch/\(i)"
            guard let o = c.objectValue, let errors = o["ErrorEquals"]?.arrayValue?.compactMap(\.stringValue) else {
                throw DefinitionError(pointer: pointer, message: "A catcher needs 'ErrorEquals'")
            }
            guard let next = o["Next"]?.stringValue, let index = names[next] else {
                throw DefinitionError(pointer: pointer + "/Next", message: "Missing 'Next' target: \(o["Next"]?.stringValue ?? "")")
            }
            var catcher = Catcher(errorEquals: errors, next: index)
            let fields = FieldReader(object: o, pointer: pointer, language: f.language)
            catcher.resultPath = try fields.pathField("ResultPath")
            catcher.assign = try fields.assignment()
            catcher.output = try fields.output()
            out.append(catcher)
        }
        return out
    }
}

/// Typed access to one object's fields, with errors located at the field.
struct FieldReader {
    let object: JSONObject
    let pointer: String
    let language: QueryLanguage

    func string(_ key: String) throws(DefinitionError) -> String? {
        guard let v = object[key] else { return nil }
        guard let s = v.stringValue else { throw DefinitionError(pointer: pointer + "/" + key, message: "\(key) must be a string") }
        return s
    }

    func path(_ key: String) throws(DefinitionError) -> JSONPath? {
        guard let text = try string(key) else { return nil }
        do {
            return try JSONPath(text)
        } catch {
            throw DefinitionError(pointer: pointer + "/" + key, message: "The value for the field '\(key)' must be a valid JSONPath")
        }
    }

    func pathField(_ key: String) throws(DefinitionError) -> PathField {
        guard let v = object[key] else { return .default }
        if v.isNull { return .null }
        guard let p = try path(key) else { return .default }
        return .path(p)
    }

    func valueSource(_ key: String) throws(DefinitionError) -> ValueSource? {
        guard let text = try string(key) else { return nil }
        if IntrinsicCall.looksLikeCall(text) {
            do {
                return .intrinsic(try IntrinsicCall(parsing: text))
            } catch {
                throw DefinitionError(pointer: pointer + "/" + key, message: "The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call")
            }
        }
        guard let p = try path(key) else { return nil }
        return .path(p)
    }

    /// A string field's literal text, or nil when absent or (JSONata mode) an expression.
    func literalString(_ key: String) throws(DefinitionError) -> String? {
        guard let text = try string(key) else { return nil }
        if language == .jsonata, JSONataText.isExpression(text) { return nil }
        return text
    }

    /// Fail's `ErrorPath`/`CausePath` (JSONPath mode), or `Error`/`Cause` written as an expression (JSONata mode).
    func valueSourceOrExpression(_ key: String) throws(DefinitionError) -> ValueSource? {
        if let source = try valueSource(key + "Path") { return source }
        return try expression(key).map { .jsonata($0) }
    }

    /// A JSONata-mode field written as a `{% %}` expression, or nil.
    func expression(_ key: String) throws(DefinitionError) -> JSONataTemplate? {
        guard language == .jsonata, case .string(let text)? = object[key], JSONataText.isExpression(text) else { return nil }
        return try jsonata(.string(text), field: key)
    }

    /// A JSONata-mode value whose `{% %}` strings are compiled.
    func jsonata(_ value: JSONValue, field: String) throws(DefinitionError) -> JSONataTemplate {
        do {
            return try JSONataTemplate(compiling: value, field: field)
        } catch {
            throw DefinitionError(pointer: pointer + error.pointer, message: error.message)
        }
    }

    /// JSONata `Output`.
    func output() throws(DefinitionError) -> JSONataTemplate? {
        guard language == .jsonata, let v = object["Output"] else { return nil }
        return try jsonata(v, field: "Output")
    }

    /// `Assign`, compiled in the field's query language.
    func assignment() throws(DefinitionError) -> Assignment? {
        guard let v = object["Assign"] else { return nil }
        guard v.objectValue != nil else { throw DefinitionError(pointer: pointer + "/Assign", message: "Assign must be an object") }
        if language == .jsonata { return .jsonata(try jsonata(v, field: "Assign")) }
        return .jsonPath(try template(v, field: "Assign"))
    }

    /// A number given as `Key` or through `KeyPath`, or as a JSONata expression.
    func numberField(_ key: String) throws(DefinitionError) -> NumberField? {
        if let e = try expression(key) { return .jsonata(e) }
        if let v = object[key] {
            guard let n = v.numberValue else { throw DefinitionError(pointer: pointer + "/" + key, message: "\(key) must be a number") }
            return .value(n.doubleValue)
        }
        if let p = try path(key + "Path") { return .path(p) }
        return nil
    }

    func template(_ value: JSONValue, field: String) throws(DefinitionError) -> PayloadTemplate {
        do {
            return try PayloadTemplate(compiling: value)
        } catch {
            throw DefinitionError(pointer: pointer + "/" + field, message: error.reason)
        }
    }
}
