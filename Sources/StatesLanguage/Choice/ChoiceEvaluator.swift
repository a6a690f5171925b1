import JSONValue

/// Evaluates JSONPath-mode Choice rules against a state's effective input.
package struct ChoiceEvaluator {
    package var resolve: (JSONPath) throws(StatesError) -> JSONValue?

    /// `resolve` returns nil for a path that matches nothing.
    package init(resolve: @escaping (JSONPath) throws(StatesError) -> JSONValue?) {
        self.resolve = resolve
    }

    package func evaluate(_ rule: ChoiceRule) throws(StatesError) -> Bool {
        switch rule {
        case .and(let rules):
            for r in rules where try !evaluate(r) { return false }
            return true
        case .or(let rules):
            for r in rules where try evaluate(r) { return true }
            return false
        case .not(let r):
            return try !evaluate(r)
        case .comparison(let c):
            return try evaluate(c)
        case .condition:
            throw StatesError.runtime("JSONata conditions are evaluated by the JSONata engine")
        }
    }

    func evaluate(_ c: ChoiceComparison) throws(StatesError) -> Bool {
        let value = try resolve(c.variable)
        if c.op == .isPresent {
            let expected = c.operand.literalBool ?? true
            return (value != nil) == expected
        }
        guard let value else {
            throw StatesError.runtime(
                "Invalid path '\(c.variable.text)': The choice state's condition path references an invalid value.")
        }
        let operand: JSONValue
        switch c.operand {
        case .value(let v): operand = v
        case .path(let p):
            guard let v = try resolve(p) else {
                throw StatesError.runtime(
                    "Invalid path '\(p.text)': The choice state's condition path references an invalid value.")
            }
            operand = v
        }
        return Self.compare(value, c.op, operand)
    }

    /// The comparison itself; a value of the wrong type never matches (AWS gives false, not an error).
    package static func compare(_ value: JSONValue, _ op: ComparisonOperator, _ operand: JSONValue) -> Bool {
        switch op {
        case .isNull: return value.isNull == (operand.boolValue ?? true)
        case .isPresent: return operand.boolValue ?? true
        case .isNumeric: return (value.numberValue != nil) == (operand.boolValue ?? true)
        case .isString: return (value.stringValue != nil) == (operand.boolValue ?? true)
        case .isBoolean: return (value.boolValue != nil) == (operand.boolValue ?? true)
        case .isTimestamp:
            let isTimestamp = value.stringValue.flatMap(Timestamp.init(rfc3339:)) != nil
            return isTimestamp == (operand.boolValue ?? true)
        case .booleanEquals:
            guard let a = value.boolValue, let b = operand.boolValue else { return false }
            return a == b
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard let a = value.stringValue, let b = operand.stringValue else { return false }
            return ordered(compareUTF16(a, b), op)
        case .stringMatches:
            guard let a = value.stringValue, let pattern = operand.stringValue else { return false }
            return StringMatchPattern(pattern).matches(a)
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            guard let a = value.numberValue, let b = operand.numberValue else { return false }
            return ordered(a == b ? 0 : (a < b ? -1 : 1), op)
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            guard let a = value.stringValue.flatMap(Timestamp.init(rfc3339:)),
                let b = operand.stringValue.flatMap(Timestamp.init(rfc3339:))
            else { return false }
            return ordered(a == b ? 0 : (a < b ? -1 : 1), op)
        }
    }

    static func ordered(_ c: Int, _ op: ComparisonOperator) -> Bool {
        switch op {
        case .stringEquals, .numericEquals, .timestampEquals: c == 0
        case .stringLessThan, .numericLessThan, .timestampLessThan: c < 0
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: c > 0
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: c <= 0
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: c >= 0
        default: false
        }
    }

    /// Java's `String.compareTo`: lexicographic over UTF-16 code units.
    static func compareUTF16(_ a: String, _ b: String) -> Int {
        // Not `a == b`: Swift's equality is canonical equivalence ("é" == "e\u{301}"), Java's is not.
        var ia = a.utf16.makeIterator()
        var ib = b.utf16.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}

extension ChoiceComparison.Operand {
    var literalBool: Bool? { if case .value(let v) = self { return v.boolValue } else { return nil } }
}

/// A StringMatches pattern: `*` matches any run of characters, `\*` a literal star, `\\` a backslash.
package struct StringMatchPattern: Sendable {
    enum Token: Equatable {
        case literal(Character)
        case star
    }
    let tokens: [Token]

    package init(_ pattern: String) {
        var tokens: [Token] = []
        var escaped = false
        for ch in pattern {
            if escaped {
                tokens.append(.literal(ch))
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "*" {
                tokens.append(.star)
            } else {
                tokens.append(.literal(ch))
            }
        }
        if escaped { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    package func matches(_ text: String) -> Bool {
        let chars = Array(text)
        // Classic wildcard matching with backtracking to the last star.
        var t = 0
        var p = 0
        var starP = -1
        var starT = 0
        while t < chars.count {
            if p < tokens.count, case .literal(let c) = tokens[p], c == chars[t] {
                t += 1
                p += 1
            } else if p < tokens.count, tokens[p] == .star {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .star { p += 1 }
        return p == tokens.count
    }
}
