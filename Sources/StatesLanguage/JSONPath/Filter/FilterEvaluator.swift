import JSONValue

/// Tests one item against a filter with Jayway's evaluators: path operands become value nodes,
/// and any evaluation problem makes the item not match (Jayway's `accept` swallows them).
struct FilterEvaluator {
    let root: JSONValue
    let item: JSONValue

    func test(_ expression: FilterExpression) -> Bool {
        switch expression {
        case .and(let operands): return operands.allSatisfy(test)
        case .or(let operands): return operands.contains(where: test)
        case .not(let operand): return !test(operand)
        case .exists(let program, let shouldExist):
            return exists(program) == shouldExist
        case .relation(let left, let op, let right):
            guard let l = try? value(left), let r = try? value(right) else { return false }
            return (try? Self.evaluate(l, op, r)) ?? false
        }
    }

    /// Existence uses Jayway's `REQUIRE_PROPERTIES`: a definite path must match, an indefinite one
    /// only has to get through without a missing step.
    private func exists(_ program: TokenProgram) -> Bool {
        let model = program.isRelative ? item : root
        do {
            _ = try Evaluator.evaluate(program, on: model, root: root, requireProperties: true)
            return true
        } catch {
            return false
        }
    }

    private func value(_ operand: FilterOperand) throws(EvaluationFailure) -> FilterValue {
        switch operand {
        case .literal(let v):
            return v
        case .path(let program):
            let model = program.isRelative ? item : root
            let result: JSONValue
            do {
                result = try Evaluator.evaluate(program, on: model, root: root)
            } catch {
                if case .notFound = error { return .undefined }
                throw error
            }
            return Self.node(result)
        }
    }

    /// The value node Jayway makes of a document value.
    static func node(_ value: JSONValue) -> FilterValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        case .number(let n): .number(DecimalText(JSONNumberView(double: n.doubleValue, integer: n.isIntegerLiteral ? n.int64Value : nil)))
        case .array, .object: .json(value, isLiteral: false)
        }
    }

    private struct NotApplicable: Error {}

    /// Jayway's `EvaluatorFactory`. Throws where Jayway's node conversions throw (the item then fails).
    private static func evaluate(_ l: FilterValue, _ op: RelationalOperator, _ r: FilterValue) throws -> Bool {
        switch op {
        case .eq: return equals(l, r)
        case .ne: return !equals(l, r)
        case .tseq: return l.kind == r.kind && equals(l, r)
        case .tsne: return !(l.kind == r.kind && equals(l, r))
        case .lt, .lte, .gt, .gte:
            let order: Int
            switch (l, r) {
            case (.number(let a), .number(let b)): order = compare(a, b)
            case (.string(let a), .string(let b)): order = a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : (a.utf16.elementsEqual(b.utf16) ? 0 : 1)
            default: return false
            }
            switch op {
            case .lt: return order < 0
            case .lte: return order <= 0
            case .gt: return order > 0
            default: return order >= 0
            }
        case .regex:
            switch (l, r) {
            case (.pattern(let p), .pattern): _ = p; return false
            case (.pattern(let p), let other), (let other, .pattern(let p)): return matches(p, regexInput(other))
            default: return false
            }
        case .in: return try list(r).contains { equals(l, $0) }
        case .nin: return try !list(r).contains { equals(l, $0) }
        case .subsetof:
            let right = try list(r)
            return try list(l).allSatisfy { v in right.contains { equals(v, $0) } }
        case .anyof:
            let right = try list(r)
            return try list(l).contains { v in right.contains { equals(v, $0) } }
        case .noneof:
            let right = try list(r)
            return try !list(l).contains { v in right.contains { equals(v, $0) } }
        case .size:
            guard case .number(let n) = r, let expected = n.exactInteger ?? Int64(exactly: n.value.rounded(.towardZero)) else { return false }
            switch l {
            case .string(let s): return Int64(s.utf16.count) == expected
            case .json(.array(let a), _): return Int64(a.count) == expected
            case .json: return expected == -1
            default: return false
            }
        case .empty:
            guard case .bool(let wanted) = r else { throw NotApplicable() }
            switch l {
            case .string(let s): return s.isEmpty == wanted
            case .json(.array(let a), _): return a.isEmpty == wanted
            case .json(.object(let o), _): return o.isEmpty == wanted
            case .json(.string(let s), _): return s.isEmpty == wanted
            case .json: return wanted
            default: return false
            }
        case .contains:
            switch (l, r) {
            case (.string(let a), .string(let b)): return b.isEmpty || a.contains(b)
            case (.json(.array(let a), _), _): return a.map(node).contains { equals($0, r) }
            default: return false
            }
        case .all, .type, .matches:
            // Their right-hand sides (value lists, classes, predicates) cannot be written in a path.
            throw NotApplicable()
        }
    }

    /// The right side of `in`/`nin`/...: a JSON array; anything else is not applicable.
    private static func list(_ v: FilterValue) throws -> [FilterValue] {
        guard case .json(let json, _) = v else { throw NotApplicable() }
        guard case .array(let a) = json else { return [] }
        return a.map(listElement)
    }

    /// Jayway's `ValueNode.toValueNode` for list members: strings are unescaped and lose outer quotes.
    private static func listElement(_ value: JSONValue) -> FilterValue {
        if case .string(let s) = value {
            var text = s
            if text.count > 1, let first = text.first, let last = text.last, first == last, first == "'" || first == "\"" {
                text = String(text.dropFirst().dropLast())
            }
            return .string(JavaText.unescape(text))
        }
        return node(value)
    }

    /// `left.equals(right)` on Jayway's nodes, asymmetric as Jayway is: a string on the left equals a
    /// number with the same text; a number on the left equals a string holding the same value.
    static func equals(_ l: FilterValue, _ r: FilterValue) -> Bool {
        switch (l, r) {
        case (.json(let a, let literal), .json(let b, _)): return !literal && a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.string(let a), .number(let b)): return a.utf8.elementsEqual(b.text.utf8)
        case (.number(let a), .number(let b)): return compare(a, b) == 0
        case (.number(let a), .string(let b)):
            guard let parsed = DecimalText(bigDecimal: b) else { return false }
            return compare(a, parsed) == 0
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    static func compare(_ a: DecimalText, _ b: DecimalText) -> Int {
        if let x = a.exactInteger, let y = b.exactInteger { return x < y ? -1 : (x == y ? 0 : 1) }
        return a.value < b.value ? -1 : (a.value == b.value ? 0 : 1)
    }

    private static func regexInput(_ v: FilterValue) -> String {
        switch v {
        case .string(let s): s
        case .number(let n): n.text
        case .bool(let b): String(b)
        default: ""
        }
    }

    private static func matches(_ pattern: RegexPattern, _ input: String) -> Bool {
        guard let regex = compileRegex(pattern) else { return false }
        return (try? regex.wholeMatch(in: input)) != nil
    }

    /// Java's `Pattern` flags map onto Swift regex options; the match must cover the whole input.
    static func compileRegex(_ pattern: RegexPattern) -> Regex<AnyRegexOutput>? {
        guard var regex = try? Regex(pattern.source) else { return nil }
        for flag in pattern.flags {
            switch flag {
            case "i": regex = regex.ignoresCase()
            case "m": regex = regex.anchorsMatchLineEndings()
            case "s": regex = regex.dotMatchesNewlines()
            default: break
            }
        }
        return regex
    }
}
