import JSONValue

/// Walks a token program over a document the way Jayway's path tokens do, collecting matches in
/// document order and raising Jayway's `PathNotFoundException` where it would.
struct Evaluator {
    let program: TokenProgram
    /// The document `$` refers to inside filters and function arguments.
    let root: JSONValue
    /// Jayway's `REQUIRE_PROPERTIES`, which its existence tests (`[?(@.a)]`) switch on.
    let requireProperties: Bool
    var results: [JSONValue] = []

    init(program: TokenProgram, root: JSONValue, requireProperties: Bool = false) {
        self.program = program
        self.root = root
        self.requireProperties = requireProperties
    }

    /// Evaluates `program` on `model`: a definite program yields its single value, else an array.
    static func evaluate(
        _ program: TokenProgram, on model: JSONValue, root: JSONValue, requireProperties: Bool = false
    ) throws(EvaluationFailure) -> JSONValue {
        var evaluator = Evaluator(program: program, root: root, requireProperties: requireProperties)
        if program.invertsScanFunction {
            return try evaluator.invertedFunction(on: model)
        }
        try evaluator.eval(0, model, program.rootSymbol)
        if program.isDefinite {
            guard let first = evaluator.results.first else {
                throw .notFound("No results for path: " + program.normalized)
            }
            return first
        }
        return .array(evaluator.results)
    }

    private var tokens: [PathToken] { program.tokens }
    private func isLeaf(_ i: Int) -> Bool { i == program.tokens.count - 1 }

    mutating func eval(_ i: Int, _ model: JSONValue, _ path: String) throws(EvaluationFailure) {
        guard i < tokens.count else {
            results.append(model)
            return
        }
        switch tokens[i] {
        case .property(let name):
            guard case .object(let object) = model else { return try notAnObject(i, model, path) }
            try handleProperty(i, object, name, path)
        case .properties(let names):
            guard case .object(let object) = model else { return try notAnObject(i, model, path) }
            if isLeaf(i) {
                try mergeProperties(i, object, names, path)
            } else {
                for name in names { try handleProperty(i, object, name, path) }
            }
        case .index(let index):
            guard case .array(let array) = try arrayModel(i, model, path) else { return }
            try handleIndex(i, array, index, path)
        case .indices(let indices):
            guard case .array(let array) = try arrayModel(i, model, path) else { return }
            for index in indices { try handleIndex(i, array, index, path) }
        case .slice(let from, let to):
            guard case .array(let array) = try arrayModel(i, model, path) else { return }
            try slice(i, array, from, to, path)
        case .wildcard:
            try wildcard(i, model, path)
        case .scan:
            try walk(i + 1, model, path)
        case .filter(let expression):
            try filter(i, expression, model, path)
        case .function(let function, let arguments):
            var values: [JSONValue] = []
            for argument in arguments { values.append(try argumentValue(argument)) }
            let result: JSONValue
            do {
                result = try function.invoke(model, values)
            } catch {
                throw .failed(error.message)
            }
            // Jayway records the function's value even when more tokens follow it.
            results.append(result)
            if !isLeaf(i) { try eval(i + 1, result, path) }
        }
    }

    private func argumentValue(_ argument: FunctionArgument) throws(EvaluationFailure) -> JSONValue {
        switch argument {
        case .json(let value): value
        case .path(let program): try Evaluator.evaluate(program, on: root, root: root)
        }
    }

    /// `$..x.fn()`: Jayway turns it into `fn($..x)` applied at the root.
    private mutating func invertedFunction(on model: JSONValue) throws(EvaluationFailure) -> JSONValue {
        guard case .function(let function, _) = tokens.last else { return .null }
        let prefix = Array(tokens.dropLast())
        func run(_ tokens: [PathToken]) throws(EvaluationFailure) -> JSONValue {
            let program = TokenProgram(rootSymbol: self.program.rootSymbol, tokens: tokens, isRelative: false)
            return try Evaluator.evaluate(program, on: model, root: root)
        }
        do {
            switch function {
            case .length, .size:
                // Jayway's length() appends a wildcard to its path argument and counts what that yields.
                return try function.invoke(run(prefix + [.wildcard]), [])
            case .avg, .stddev, .sum, .min, .max:
                return try function.invoke(model, [run(prefix)])
            default:
                return try function.invoke(run(prefix), [])
            }
        } catch let failure as FunctionFailure {
            throw .failed(failure.message)
        } catch let failure as EvaluationFailure {
            throw failure
        } catch {
            throw .failed("\(error)")
        }
    }

    // MARK: Objects

    private func notAnObject(_ i: Int, _ model: JSONValue, _ path: String) throws(EvaluationFailure) {
        guard program.upstreamDefinite[i] else { return }
        throw .notFound(
            "Expected to find an object with property \(tokens[i].fragment) in path \(path) but found '\(JavaDescription.className(model))'. "
                + "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.")
    }

    private mutating func handleProperty(
        _ i: Int, _ object: JSONObject, _ name: String, _ path: String
    ) throws(EvaluationFailure) {
        let evalPath = path + "['" + name + "']"
        guard let value = object.exactMember(name) else {
            if isLeaf(i) {
                if requireProperties { throw .notFound("No results for path: " + evalPath) }
                return
            }
            if !(program.upstreamDefinite[i] && program.tokenDefinite[i]) && !requireProperties { return }
            throw .notFound("Missing property in path " + evalPath)
        }
        try eval(i + 1, value, evalPath)
    }

    /// `['a','b']` at the end of a path: one object with the members that exist.
    private mutating func mergeProperties(
        _ i: Int, _ object: JSONObject, _ names: [String], _ path: String
    ) throws(EvaluationFailure) {
        var merged = JSONObject()
        for name in names {
            guard let value = object.exactMember(name) else {
                if requireProperties { throw .notFound("Missing property in path " + path + tokens[i].fragment) }
                continue
            }
            merged[name] = value
        }
        results.append(.object(merged))
    }

    // MARK: Arrays

    /// Jayway's `checkArrayModel`: a non-array is skipped on indefinite paths and fails definite ones.
    private func arrayModel(_ i: Int, _ model: JSONValue, _ path: String) throws(EvaluationFailure) -> JSONValue? {
        if case .array = model { return model }
        guard program.upstreamDefinite[i] else { return nil }
        if case .null = model { throw .notFound("The path \(path) is null") }
        throw .notFound(
            "Filter: \(program.fragment(from: i)) can only be applied to arrays. Current context is: \(JavaDescription.text(model))")
    }

    private mutating func handleIndex(
        _ i: Int, _ array: [JSONValue], _ index: Int, _ path: String
    ) throws(EvaluationFailure) {
        let effective = index < 0 ? array.count + index : index
        guard effective >= 0, effective < array.count else { return }
        try eval(i + 1, array[effective], path + "[\(index)]")
    }

    private mutating func slice(
        _ i: Int, _ array: [JSONValue], _ from: Int?, _ to: Int?, _ path: String
    ) throws(EvaluationFailure) {
        let length = array.count
        switch (from, to) {
        case (let from?, nil):
            let start = Swift.max(0, from < 0 ? length + from : from)
            guard length > 0, start < length else { return }
            for k in start..<length { try handleIndex(i, array, k, path) }
        case (let from?, let to?):
            // Jayway clamps only `to` here and lets negative indices wrap, so `[-4:1]` wraps around.
            let end = Swift.min(length, to)
            guard from < end, length > 0 else { return }
            for k in from..<end { try handleIndex(i, array, k, path) }
        case (nil, let to?):
            guard length > 0 else { return }
            let end = Swift.min(length, to < 0 ? length + to : to)
            guard end > 0 else { return }
            for k in 0..<end { try handleIndex(i, array, k, path) }
        case (nil, nil):
            return
        }
    }

    // MARK: Wildcard, scan, filter

    private mutating func wildcard(_ i: Int, _ model: JSONValue, _ path: String) throws(EvaluationFailure) {
        switch model {
        case .object(let object):
            for (key, value) in object.members { try eval(i + 1, value, path + "['" + key + "']") }
        case .array(let array):
            for k in array.indices {
                do {
                    try handleIndex(i, array, k, path)
                } catch {
                    if case .notFound = error, !requireProperties { continue }
                    throw error
                }
            }
        default:
            if !isLeaf(i) {
                throw .notFound(
                    "Expected to find an object or array in path \(path) but found '\(JavaDescription.className(model))'. ")
            }
        }
    }

    /// Deep scan: at every object and array, pre-order, apply token `i` where Jayway's scan predicate lets it.
    private mutating func walk(_ i: Int, _ model: JSONValue, _ path: String) throws(EvaluationFailure) {
        switch model {
        case .object(let object):
            if try scanMatches(i, model) { try eval(i, model, path) }
            for (key, value) in object.members { try walk(i, value, path + "['" + key + "']") }
        case .array(let array):
            if try scanMatches(i, model) { try eval(i, model, path) }
            for (k, value) in array.enumerated() { try walk(i, value, path + "[\(k)]") }
        default:
            return
        }
    }

    private func scanMatches(_ i: Int, _ model: JSONValue) throws(EvaluationFailure) -> Bool {
        guard i < tokens.count else { return false }
        switch tokens[i] {
        case .property(let name):
            guard case .object(let object) = model else { return false }
            return object.exactMember(name) != nil
        case .properties(let names):
            guard case .object(let object) = model else { return false }
            guard program.tokenDefinite[i] else { return true }
            return names.allSatisfy { object.exactMember($0) != nil }
        case .index, .indices, .slice:
            if case .array = model { return true }
            return false
        case .wildcard:
            return true
        case .filter(let expression):
            return accept(expression, model)
        case .scan, .function:
            return false
        }
    }

    private mutating func filter(
        _ i: Int, _ expression: FilterExpression, _ model: JSONValue, _ path: String
    ) throws(EvaluationFailure) {
        switch model {
        case .object:
            if accept(expression, model) { try eval(i + 1, model, path) }
        case .array(let array):
            for (k, item) in array.enumerated() where accept(expression, item) {
                try handleIndex(i, array, k, path)
            }
        default:
            if program.upstreamDefinite[i] {
                throw .invalid(
                    "Filter: \(program.fragment(from: i)) can not be applied to primitives. Current context is: \(JavaDescription.text(model))")
            }
        }
    }

    private func accept(_ expression: FilterExpression, _ item: JSONValue) -> Bool {
        FilterEvaluator(root: root, item: item).test(expression)
    }
}

/// An evaluation that stopped: Jayway's `PathNotFoundException`, `InvalidPathException` or another failure.
enum EvaluationFailure: Error {
    case notFound(String)
    case invalid(String)
    case failed(String)
}

extension JSONObject {
    /// The member whose key has exactly these scalars: Jayway compares keys by code unit, while Swift's
    /// `==` would also match a canonically equivalent key (NFC `ü` against NFD `u¨`).
    @inline(__always)
    func exactMember(_ key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        // An ASCII key has no canonically equivalent spelling, so `==` already meant byte equality.
        if key.utf8.allSatisfy({ $0 < 0x80 }) || self.key(at: i).utf8.elementsEqual(key.utf8) { return value(at: i) }
        for m in members where m.key.utf8.elementsEqual(key.utf8) { return m.value }
        return nil
    }
}

/// How Jayway (json-smart on the JVM) prints values in its exception messages.
enum JavaDescription {
    static func className(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "java.lang.Boolean"
        case .number(let n): n.isIntegerLiteral ? (n.int64Value.map { Int32(exactly: $0) != nil } == true ? "java.lang.Integer" : "java.lang.Long") : "java.lang.Double"
        case .string: "java.lang.String"
        case .array: "net.minidev.json.JSONArray"
        case .object: "net.minidev.json.JSONObject"
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): n.text
        case .string(let s): s
        case .array(let a): "[" + a.map(text).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.members.map { "\($0.0)=\(text($0.1))" }.joined(separator: ", ") + "}"
        }
    }
}
