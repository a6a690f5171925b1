import JSONValue

/// Compiles the inside of `[?( … )]` with the grammar of Jayway's `FilterCompiler`:
///
///     LogicalOR         = LogicalAND { '||' LogicalAND }
///     LogicalAND        = LogicalANDOperand { '&&' LogicalANDOperand }
///     LogicalANDOperand = RelationalExpression | '(' LogicalOR ')' | '!' LogicalANDOperand
///     RelationalExpression = Value [ RelationalOperator Value ]
///
/// A value alone must be a path (an existence test): `[?(true)]` is rejected, as Jayway does.
struct FilterCompiler {
    private var filter: Cursor

    /// `from..<to` covers `( … )`, parentheses included.
    static func compile(chars: [Unicode.Scalar], from: Int, to: Int) throws(CompileFailure) -> FilterExpression {
        var compiler = FilterCompiler(filter: Cursor(chars: chars, from: from, to: to))
        compiler.filter.trim()
        let result = try compiler.readLogicalOr()
        compiler.filter.skipBlanks()
        if compiler.filter.inBounds {
            throw CompileFailure(
                "Expected end of filter expression instead of: \(compiler.filter.text(compiler.filter.position, compiler.filter.end))")
        }
        return result
    }

    private mutating func readLogicalOr() throws(CompileFailure) -> FilterExpression {
        var operands = [try readLogicalAnd()]
        while filter.hasSignificantSubSequence("||") {
            operands.append(try readLogicalAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func readLogicalAnd() throws(CompileFailure) -> FilterExpression {
        var operands = [try readLogicalAndOperand()]
        while filter.hasSignificantSubSequence("&&") {
            operands.append(try readLogicalAndOperand())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func readLogicalAndOperand() throws(CompileFailure) -> FilterExpression {
        filter.skipBlanks()
        let savepoint = filter.position
        if filter.currentIs("!") {
            filter.position += 1
            filter.skipBlanks()
            if filter.current == "$" || filter.current == "@" {
                // `!@.key` is a negated existence test, read with the path.
                filter.position = savepoint
            } else {
                return .not(try readLogicalAndOperand())
            }
        }
        filter.skipBlanks()
        if filter.currentIs("(") {
            filter.position += 1
            let inner = try readLogicalOr()
            try readSignificantChar(")")
            return inner
        }
        return try readExpression()
    }

    private mutating func readSignificantChar(_ c: Unicode.Scalar) throws(CompileFailure) {
        filter.skipBlanks()
        guard filter.currentIs(c) else { throw CompileFailure("Expected character: \(c)") }
        filter.position += 1
    }

    private mutating func readExpression() throws(CompileFailure) -> FilterExpression {
        let left = try readValueNode()
        let savepoint = filter.position
        if let op = readRelationalOperator(), let right = try? readValue() {
            switch left {
            case .path(let program, _): return .relation(.path(program), op, right)
            case .literal(let value): return .relation(.literal(value), op, right)
            }
        }
        filter.position = savepoint
        guard case .path(let program, let shouldExist) = left else { throw CompileFailure("Expected path node") }
        return .exists(program, shouldExist: shouldExist)
    }

    private enum Value {
        case path(TokenProgram, shouldExist: Bool)
        case literal(FilterValue)
    }

    private mutating func readValue() throws(CompileFailure) -> FilterOperand {
        switch try readValueNode() {
        case .path(let program, _): .path(program)
        case .literal(let v): .literal(v)
        }
    }

    /// A comparison operand; paths keep whether a `!` preceded them, for existence tests.
    private mutating func readValueNode() throws(CompileFailure) -> Value {
        filter.skipBlanks()
        switch filter.current {
        case "$", "@":
            return try readPath()
        case "!":
            filter.position += 1
            filter.skipBlanks()
            guard filter.current == "$" || filter.current == "@" else { throw CompileFailure("Unexpected character: !") }
            return try readPath()
        default:
            return .literal(try readLiteral())
        }
    }

    private static func isRelationalOperatorChar(_ c: Unicode.Scalar) -> Bool {
        c == "<" || c == ">" || c == "=" || c == "~" || c == "!"
    }

    private mutating func readRelationalOperator() -> RelationalOperator? {
        filter.skipBlanks()
        let begin = filter.position
        if Self.isRelationalOperatorChar(filter.current) {
            while filter.inBounds, Self.isRelationalOperatorChar(filter.current) { filter.position += 1 }
        } else {
            while filter.inBounds, filter.current != " " { filter.position += 1 }
        }
        return RelationalOperator(text: filter.text(begin, filter.position))
    }

    private mutating func readLiteral() throws(CompileFailure) -> FilterValue {
        filter.skipBlanks()
        switch filter.current {
        case "'", "\"": return try readStringLiteral(filter.current)
        case "t", "f": return try readBooleanLiteral()
        case "n": return try readNullLiteral()
        case "{", "[": return try readJSONLiteral()
        case "/": return try readPattern()
        default: return try readNumberLiteral()
        }
    }

    private mutating func readStringLiteral(_ quote: Unicode.Scalar) throws(CompileFailure) -> FilterValue {
        let begin = filter.position
        guard let close = filter.nextIndexOfUnescaped(quote, after: begin) else {
            throw CompileFailure("String literal does not have matching quotes. Expected \(quote) in \(filter.text(filter.position, filter.end))")
        }
        filter.position = close + 1
        return .string(JavaText.unescape(filter.text(begin + 1, close)))
    }

    private mutating func readBooleanLiteral() throws(CompileFailure) -> FilterValue {
        for word in ["true", "false"] where filter.text(filter.position, filter.position + word.unicodeScalars.count) == word {
            filter.position += word.unicodeScalars.count
            return .bool(word == "true")
        }
        throw CompileFailure("Expected boolean literal")
    }

    private mutating func readNullLiteral() throws(CompileFailure) -> FilterValue {
        guard filter.position + 4 <= filter.end, filter.text(filter.position, filter.position + 4) == "null" else {
            throw CompileFailure("Expected <null> value")
        }
        filter.position += 4
        return .null
    }

    private mutating func readJSONLiteral() throws(CompileFailure) -> FilterValue {
        let begin = filter.position
        let open = filter.current
        let closeChar: Unicode.Scalar = open == "[" ? "]" : "}"
        let close = try? filter.indexOfMatchingClose(from: begin, open: open, close: closeChar, skipStrings: true, skipRegex: false)
        guard let close = close ?? nil else {
            throw CompileFailure("String not closed. Expected ' in \(filter.text(filter.position, filter.end))")
        }
        filter.position = close + 1
        let text = filter.text(begin, close + 1)
        guard let value = LenientJSON.parse(text) else { throw CompileFailure("Invalid JSON literal \(text)") }
        return .json(value, isLiteral: true)
    }

    private mutating func readPattern() throws(CompileFailure) -> FilterValue {
        let begin = filter.position
        guard let close = filter.nextIndexOfUnescaped("/", after: begin) else {
            throw CompileFailure("Pattern not closed. Expected / in \(filter.text(filter.position, filter.end))")
        }
        var end = close + 1
        while filter.inBounds(end), filter.chars[end].properties.isAlphabetic { end += 1 }
        let pattern = RegexPattern(source: filter.text(begin + 1, close), flags: filter.text(close + 1, end))
        guard FilterEvaluator.compileRegex(pattern) != nil else {
            throw CompileFailure("Invalid regular expression \(filter.text(begin, end))")
        }
        filter.position = end
        return .pattern(pattern)
    }

    private mutating func readNumberLiteral() throws(CompileFailure) -> FilterValue {
        let begin = filter.position
        while filter.isNumberCharacter(filter.position) { filter.position += 1 }
        let text = filter.text(begin, filter.position)
        guard let number = DecimalText(bigDecimal: text) else {
            throw CompileFailure(
                "Failed to parse filter: \(filter.text(0, filter.end)), error on position: \(filter.position), char: \(filter.current)")
        }
        return .number(number)
    }

    private mutating func readPath() throws(CompileFailure) -> Value {
        let previous = filter.previousSignificantChar()
        let begin = filter.position
        filter.position += 1
        while filter.inBounds {
            if filter.current == "[" {
                let close = try? filter.indexOfMatchingClose(
                    from: filter.position, open: "[", close: "]", skipStrings: true, skipRegex: false)
                guard let close = close ?? nil else {
                    throw CompileFailure("Square brackets does not match in filter \(filter.text(0, filter.end))")
                }
                filter.position = close + 1
            }
            let closesFunction = filter.current == ")" && currentClosesFunction(after: begin)
            let closesGroup = filter.current == ")" && !closesFunction
            if !filter.inBounds || Self.isRelationalOperatorChar(filter.current) || filter.current == " " || closesGroup {
                break
            }
            filter.position += 1
        }
        let program = try PathCompiler.compile(filter.text(begin, filter.position))
        return .path(program, shouldExist: previous != "!")
    }

    /// A `)` closes a function call when `(` precedes it and a `.` comes before that, within the path.
    private func currentClosesFunction(after lowerBound: Int) -> Bool {
        guard var i = filter.indexOfPreviousSignificantChar(), filter.chars[i] == "(" else { return false }
        i -= 1
        while i > lowerBound, filter.inBounds(i) {
            if filter.chars[i] == "." { return true }
            i -= 1
        }
        return false
    }
}
