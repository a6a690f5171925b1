import JSONValue

/// A compiled payload template (`Parameters`, `ResultSelector`, `ItemSelector`): literal JSON in
/// which `"key.$"` members take their value from a path or an intrinsic function call.
package indirect enum PayloadTemplate: Sendable {
    case literal(JSONValue)
    case object([Member])
    case array([PayloadTemplate])
    case path(JSONPath, field: String)
    case intrinsic(IntrinsicCall, field: String)

    /// One member of an object template; `key` is the output key (without `.$`).
    package struct Member: Sendable {
        package var key: String
        package var value: PayloadTemplate
    }

    /// Compiles a template; throws with the offending field's name for a `.$` value that is
    /// neither a JSONPath nor an intrinsic call.
    package init(compiling value: JSONValue) throws(PayloadTemplateError) {
        switch value {
        case .object(let object):
            var members: [Member] = []
            members.reserveCapacity(object.count)
            var dynamic = false
            for (key, v) in object.members {
                if key.hasSuffix(".$"), key.count > 2 {
                    let outKey = String(key.dropLast(2))
                    guard case .string(let text) = v else {
                        throw PayloadTemplateError(field: key, reason: "The value for the field '\(key)' must be a STRING that contains a JSONPath or an intrinsic function call")
                    }
                    members.append(Member(key: outKey, value: try Self.compileExpression(text, field: key)))
                    dynamic = true
                } else {
                    let compiled = try PayloadTemplate(compiling: v)
                    if case .literal = compiled {} else { dynamic = true }
                    members.append(Member(key: key, value: compiled))
                }
            }
            self = dynamic ? .object(members) : .literal(value)
        case .array(let elements):
            let compiled = try elements.map { (e) throws(PayloadTemplateError) -> PayloadTemplate in
                try PayloadTemplate(compiling: e)
            }
            let dynamic = compiled.contains { if case .literal = $0 { false } else { true } }
            self = dynamic ? .array(compiled) : .literal(value)
        default:
            self = .literal(value)
        }
    }

    static func compileExpression(_ text: String, field: String) throws(PayloadTemplateError) -> PayloadTemplate {
        if IntrinsicCall.looksLikeCall(text) {
            do {
                return .intrinsic(try IntrinsicCall(parsing: text), field: field)
            } catch {
                throw PayloadTemplateError(field: field, reason: "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call")
            }
        }
        do {
            return .path(try JSONPath(text), field: field)
        } catch {
            throw PayloadTemplateError(field: field, reason: "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call")
        }
    }

    /// Whether evaluating the template may read the context object (`$$`), so callers build it only when needed.
    package var usesContext: Bool {
        switch self {
        case .literal: false
        case .object(let members): members.contains { $0.value.usesContext }
        case .array(let elements): elements.contains { $0.usesContext }
        case .path(let p, _): p.root == .context
        case .intrinsic(let call, _): call.pathArguments.contains { $0.hasPrefix("$$") }
        }
    }

    /// An upper bound of the serialized size of the payload, as fixed bytes plus a number of copies of the
    /// input's size; nil when it cannot be bounded by the input (intrinsics, context or indefinite paths).
    package var sizeBound: PayloadSizeBound? {
        switch self {
        case .literal(let v):
            return PayloadSizeBound(fixed: v.serializedSize, inputCopies: 0)
        case .object(let members):
            var bound = PayloadSizeBound(fixed: 2 + max(0, members.count - 1), inputCopies: 0)
            for m in members {
                guard let child = m.value.sizeBound else { return nil }
                bound.fixed += m.key.utf8.count * 6 + 3 + child.fixed
                bound.inputCopies += child.inputCopies
            }
            return bound
        case .array(let elements):
            var bound = PayloadSizeBound(fixed: 2 + max(0, elements.count - 1), inputCopies: 0)
            for e in elements {
                guard let child = e.sizeBound else { return nil }
                bound.fixed += child.fixed
                bound.inputCopies += child.inputCopies
            }
            return bound
        case .path(let p, _):
            // A definite input path selects one value, whose text is part of the input's text.
            return p.root == .input && p.isDefinite ? PayloadSizeBound(fixed: 0, inputCopies: 1) : nil
        case .intrinsic:
            return nil
        }
    }

    /// Builds the payload for `scope`.
    package func evaluate(in scope: borrowing EvaluationScope) throws(StatesError) -> JSONValue {
        switch self {
        case .literal(let v):
            return v
        case .object(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for i in members.indices { out.append(members[i].key, try members[i].value.evaluate(in: scope)) }
            return .object(out)
        case .array(let elements):
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            for i in elements.indices { out.append(try elements[i].evaluate(in: scope)) }
            return .array(out)
        case .path(let path, let field):
            if path.root == .input, let value = path.quickValue(in: scope.input) { return value }
            do {
                return try scope.value(of: path)
            } catch {
                throw StatesError.runtime(
                    "The JSONPath '\(path.text)' specified for the field '\(field)' could not be found in the input '\(scope.rootText(for: path))'"
                )
            }
        case .intrinsic(let call, _):
            let resolver = copy scope
            return try call.evaluate(resolvePath: resolver.resolveIntrinsicPath, entropy: resolver.entropy)
        }
    }
}

/// `fixed + inputCopies × (input size)` bounds a payload's serialized size.
package struct PayloadSizeBound: Sendable, Equatable {
    package var fixed: Int
    package var inputCopies: Int

    package func bound(inputSize: Int) -> Int {
        let (product, overflow) = inputCopies.multipliedReportingOverflow(by: inputSize)
        guard !overflow else { return Int.max }
        let (sum, sumOverflow) = fixed.addingReportingOverflow(product)
        return sumOverflow ? Int.max : sum
    }
}

/// A payload template that cannot be compiled: which field and why.
package struct PayloadTemplateError: Error, Equatable, Sendable {
    package var field: String
    package var reason: String
}
