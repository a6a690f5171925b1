import JSONValue
import JSONata

/// A JSONata-mode field (`Arguments`, `Output`, `Assign` values, `Items`, `Condition`...): JSON in
/// which every string written `{% expression %}` is replaced by the expression's value.
package indirect enum JSONataTemplate: Sendable {
    case literal(JSONValue)
    /// `readsContext`: whether the expression may read `$states.context`, which is then built for it.
    case expression(JSONataExpression, readsContext: Bool)
    case object([Member])
    case array([JSONataTemplate])

    /// One member of an object template.
    package struct Member: Sendable {
        package var key: String
        package var value: JSONataTemplate
    }

    /// Compiles every `{% %}` string of `value`; a syntax error names the field (`Output/total`).
    package init(compiling value: JSONValue, field: String) throws(DefinitionError) {
        switch value {
        case .string(let text):
            guard let source = JSONataTemplate.expressionSource(text) else {
                self = .literal(value)
                return
            }
            do {
                self = .expression(try JSONataExpression(source), readsContext: JSONataTemplate.readsContext(source))
            } catch {
                throw DefinitionError(
                    pointer: "/" + field,
                    message: "The JSONata expression '\(source)' specified for the field '\(field)' is not valid: \(error.code): \(error.message)")
            }
        case .object(let object):
            var members: [Member] = []
            members.reserveCapacity(object.count)
            var dynamic = false
            for (key, v) in object.members {
                let compiled = try JSONataTemplate(compiling: v, field: field + "/" + key)
                if case .literal = compiled {} else { dynamic = true }
                members.append(Member(key: key, value: compiled))
            }
            self = dynamic ? .object(members) : .literal(value)
        case .array(let elements):
            var compiled: [JSONataTemplate] = []
            compiled.reserveCapacity(elements.count)
            var dynamic = false
            for (i, e) in elements.enumerated() {
                let c = try JSONataTemplate(compiling: e, field: field + "/\(i)")
                if case .literal = c {} else { dynamic = true }
                compiled.append(c)
            }
            self = dynamic ? .array(compiled) : .literal(value)
        default:
            self = .literal(value)
        }
    }

    /// The expression inside `{% ... %}`, trimmed, or nil for a plain string.
    package static func expressionSource(_ text: String) -> String? {
        guard JSONataText.isExpression(text) else { return nil }
        let inner = text.dropFirst(2).dropLast(2)
        return String(inner.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Whether an expression may read the context object: it names `$states` other than as
    /// `$states.input`, `$states.result` or `$states.errorOutput` (building the context object for
    /// every expression would cost more than most expressions do).
    static func readsContext(_ source: String) -> Bool {
        var rest = Substring(source)
        while let found = rest.firstRange(of: "$states") {
            let after = rest[found.upperBound...]
            if !(after.hasPrefix(".input") || after.hasPrefix(".result") || after.hasPrefix(".errorOutput")) { return true }
            rest = after
        }
        return false
    }

    /// The value for `scope`; `field` names the field in error messages and EvaluationFailed events.
    package func evaluate(in scope: JSONataScope, field: String) throws(StatesError) -> JSONValue {
        switch self {
        case .literal(let v):
            return v
        case .expression(let expression, let readsContext):
            return try scope.evaluate(expression, field: field, withContext: readsContext)
        case .object(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for m in members { out.append(m.key, try m.value.evaluate(in: scope, field: field + "/" + m.key)) }
            return .object(out)
        case .array(let elements):
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            for (i, e) in elements.enumerated() { out.append(try e.evaluate(in: scope, field: field + "/\(i)")) }
            return .array(out)
        }
    }

    /// The text an error message quotes for a whole-field expression.
    package var sourceText: String {
        switch self {
        case .expression(let e, _): e.source
        case .literal(let v): v.serialized()
        default: ""
        }
    }
}
