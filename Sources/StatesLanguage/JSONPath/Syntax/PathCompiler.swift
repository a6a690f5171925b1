import JSONValue

/// Why Jayway's compiler rejects a path (the text of its `InvalidPathException`).
struct CompileFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Compiles Jayway path syntax (`$…` or `@…`) into tokens, following `PathCompiler`'s acceptance rules
/// token by token, quirks included (e.g. a dot-number is a property name; `$['a']x` ignores the `x`).
struct PathCompiler {
    private var path: Cursor
    private var tokens: [PathToken] = []

    /// Compiles a Jayway path. Text that starts with neither `$` nor `@` gets Jayway's `$.` prefix.
    static func compile(_ text: String, rootSymbol: String? = nil) throws(CompileFailure) -> TokenProgram {
        var cursor = Cursor(text)
        cursor.trim()
        guard cursor.inBounds else { throw CompileFailure("path can not be null or empty") }
        if cursor.current != "$", cursor.current != "@" {
            cursor = Cursor("$." + text)
            cursor.trim()
        }
        if cursor.lastChar == "." { throw CompileFailure("Path must not end with a '.' or '..'") }
        var compiler = PathCompiler(path: cursor)
        let rootChar = cursor.current
        try compiler.readContextToken()
        return TokenProgram(
            rootSymbol: rootSymbol ?? String(rootChar), tokens: compiler.tokens, isRelative: rootChar == "@")
    }

    private init(path: Cursor) { self.path = path }

    private mutating func readContextToken() throws(CompileFailure) {
        while path.inBounds, path.current == " " || path.current == "\t" || path.current == "\n" || path.current == "\r" {
            path.position += 1
        }
        guard path.current == "$" || path.current == "@" else { throw CompileFailure("Path must start with '$' or '@'") }
        if path.isTail { return }
        path.position += 1
        guard path.current == "." || path.current == "[" else {
            throw CompileFailure("Illegal character at position \(path.position) expected '.' or '['")
        }
        try readTokens()
    }

    /// Jayway stops as soon as at most one character is left after a token.
    private mutating func readTokens() throws(CompileFailure) {
        repeat {
            try readNextToken()
        } while !path.isTail
    }

    private mutating func readNextToken() throws(CompileFailure) {
        let start = path.position
        switch path.current {
        case "[":
            if try readBracketPropertyToken() { return }
            if try readArrayToken() { return }
            if try readWildcardToken() { return }
            if try readFilterToken() { return }
            if try readPlaceholderToken() { return }
            throw CompileFailure("Could not parse token starting at position \(start). Expected ?, ', 0-9, * ")
        case ".":
            try readDotToken()
        case "*":
            if try !readWildcardToken() { throw CompileFailure("Could not parse token starting at position \(start)") }
        default:
            if try !readPropertyOrFunctionToken() {
                throw CompileFailure("Could not parse token starting at position \(start)")
            }
        }
    }

    private mutating func readDotToken() throws(CompileFailure) {
        if path.currentIs("."), path.char(path.position + 1) == "." {
            tokens.append(.scan)
            path.position += 2
        } else if !path.inBounds(path.position + 1) {
            throw CompileFailure("Path must not end with a '.")
        } else {
            path.position += 1
        }
        if path.currentIs(".") { throw CompileFailure("Character '.' on position \(path.position) is not valid.") }
        try readNextToken()
    }

    private mutating func readPropertyOrFunctionToken() throws(CompileFailure) -> Bool {
        let c = path.current
        if c == "[" || c == "*" || c == "." || c == " " { return false }
        let start = path.position
        var read = start
        var endPosition: Int?
        var isFunction = false
        while path.inBounds(read) {
            let ch = path.chars[read]
            if ch == " " {
                throw CompileFailure(
                    "Use bracket notion ['my prop'] if your property contains blank characters. position: \(path.position)")
            } else if ch == "." || ch == "[" {
                endPosition = read
                break
            } else if ch == "(" {
                isFunction = true
                endPosition = read
                break
            }
            read += 1
        }
        let end = endPosition ?? path.end
        let name = path.text(start, end)
        guard isFunction else {
            path.position = end
            tokens.append(.property(name))
            return true
        }
        var depth = 1
        var close = read + 1
        while close < path.end {
            if path.chars[close] == ")" { depth -= 1 } else if path.chars[close] == "(" { depth += 1 }
            if depth == 0 { break }
            close += 1
        }
        guard depth == 0 else { throw CompileFailure("Arguments to function: '\(name)' are not closed properly.") }
        guard let function = PathFunction(rawValue: name) else {
            throw CompileFailure("Function with name: \(name) does not exist.")
        }
        let arguments = try Self.parseArguments(path.text(read + 1, close), function: name)
        tokens.append(.function(function, arguments))
        path.position = close + 1
        return true
    }

    /// Splits `a, b` at top-level commas; `$…`/`@…` arguments are paths, anything else JSON.
    private static func parseArguments(_ text: String, function: String) throws(CompileFailure) -> [FunctionArgument] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var escaped = false
        for ch in text {
            if let q = quote {
                current.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(ch)
        }
        guard quote == nil, depth == 0 else {
            throw CompileFailure("Arguments to function: '\(function)' are not closed properly.")
        }
        parts.append(current)
        var arguments: [FunctionArgument] = []
        for raw in parts {
            let part = raw.trimmingSpaces
            if part.isEmpty { continue }
            if part.hasPrefix("$") || part.hasPrefix("@") {
                arguments.append(.path(try compile(part)))
            } else if let value = LenientJSON.parse(part) {
                arguments.append(.json(value))
            } else {
                throw CompileFailure("Invalid function argument: \(part)")
            }
        }
        return arguments
    }

    // [?], [?, ?]: placeholders for filters passed through Jayway's Java API, which text paths cannot supply.
    private mutating func readPlaceholderToken() throws(CompileFailure) -> Bool {
        guard path.currentIs("["), let question = path.indexOfNextSignificantChar(after: path.position, "?") else {
            return false
        }
        let next = path.nextSignificantChar(after: question)
        guard next == "]" || next == "," else { return false }
        guard path.nextIndex(of: "]", from: path.position + 1) != nil else { return false }
        throw CompileFailure("Not enough predicates supplied for filter at position \(path.position)")
    }

    private mutating func readFilterToken() throws(CompileFailure) -> Bool {
        guard path.currentIs("["),
            let question = path.indexOfNextSignificantChar(after: path.position, "?"),
            let open = path.indexOfNextSignificantChar(after: question, "(")
        else { return false }
        let close: Int?
        do {
            close = try path.indexOfMatchingClose(from: open, open: "(", close: ")", skipStrings: true, skipRegex: true)
        } catch {
            switch error {
            case .unclosedQuote(let q):
                throw CompileFailure("Could not find matching close quote for \(q) when parsing : \(path.text(0, path.end))")
            case .unclosedRegex:
                throw CompileFailure("Could not find matching close for / when parsing regex in : \(path.text(0, path.end))")
            }
        }
        guard let close, let statementClose = path.indexOfNextSignificantChar(after: close, "]") else { return false }
        let filter = try FilterCompiler.compile(chars: path.chars, from: open, to: close + 1)
        tokens.append(.filter(filter))
        path.position = statementClose + 1
        return true
    }

    private mutating func readWildcardToken() throws(CompileFailure) -> Bool {
        let inBracket = path.currentIs("[")
        if inBracket, path.nextSignificantChar != "*" { return false }
        if !path.currentIs("*"), !path.inBounds(path.position + 1) { return false }
        if inBracket {
            let star = path.indexOfNextSignificantChar(after: path.position, "*")!
            guard let close = path.indexOfNextSignificantChar(after: star, "]") else {
                throw CompileFailure("Expected wildcard token to end with ']' on position \(star + 1)")
            }
            path.position = close + 1
        } else {
            path.position += 1
        }
        tokens.append(.wildcard)
        return true
    }

    private mutating func readArrayToken() throws(CompileFailure) -> Bool {
        guard path.currentIs("[") else { return false }
        let next = path.nextSignificantChar
        guard next.isDigit || next == "-" || next == ":" else { return false }
        guard let close = path.nextIndex(of: "]", from: path.position + 1) else { return false }
        let expression = path.text(path.position + 1, close).trimmingSpaces
        if expression == "*" { return false }
        for c in expression.unicodeScalars where !(c.isDigit || c == "," || c == "-" || c == ":" || c == " ") {
            return false
        }
        if expression.contains(":") {
            tokens.append(try Self.parseSlice(expression))
        } else {
            tokens.append(try Self.parseIndices(expression))
        }
        path.position = close + 1
        return true
    }

    private static func parseSlice(_ expression: String) throws(CompileFailure) -> PathToken {
        for c in expression.unicodeScalars where !(c.isDigit || c == "-" || c == ":") {
            throw CompileFailure("Failed to parse SliceOperation: \(expression)")
        }
        let parts = JavaText.split(expression, ":")
        func read(_ i: Int) throws(CompileFailure) -> Int? {
            guard i < parts.count, !parts[i].isEmpty else { return nil }
            guard let n = JavaText.parseInt(parts[i]) else {
                throw CompileFailure("java.lang.NumberFormatException: For input string: \"\(parts[i])\"")
            }
            return n
        }
        let from = try read(0)
        let to = try read(1)
        if from == nil, to == nil { throw CompileFailure("Failed to parse SliceOperation: \(expression)") }
        return .slice(from: from, to: to)
    }

    private static func parseIndices(_ expression: String) throws(CompileFailure) -> PathToken {
        var indices: [Int] = []
        for raw in expression.split(separator: ",", omittingEmptySubsequences: false) {
            let token = String(raw).trimmingSpaces
            guard let n = JavaText.parseInt(token) else {
                throw CompileFailure("Failed to parse token in ArrayIndexOperation: \(token)")
            }
            indices.append(n)
        }
        return indices.count == 1 ? .index(indices[0]) : .indices(indices)
    }

    private mutating func readBracketPropertyToken() throws(CompileFailure) -> Bool {
        guard path.currentIs("[") else { return false }
        let delimiter = path.nextSignificantChar
        guard delimiter == "'" || delimiter == "\"" else { return false }
        var properties: [String] = []
        var start = path.position + 1
        var read = start
        var endPosition = 0
        var inProperty = false
        var inEscape = false
        var lastWasComma = false
        while path.inBounds(read) {
            let c = path.chars[read]
            if inEscape {
                inEscape = false
            } else if c == "\\" {
                inEscape = true
            } else if c == "]", !inProperty {
                if lastWasComma { throw CompileFailure("Found empty property at index \(read)") }
                break
            } else if c == delimiter {
                if inProperty {
                    let next = path.nextSignificantChar(after: read)
                    guard next == "]" || next == "," else {
                        throw CompileFailure(
                            "Property must be separated by comma or Property must be terminated close square bracket at index \(read)")
                    }
                    endPosition = read
                    properties.append(Self.unescapeQuote(path.text(start, endPosition), delimiter))
                    inProperty = false
                } else {
                    start = read + 1
                    inProperty = true
                    lastWasComma = false
                }
            } else if c == ",", !inProperty {
                if lastWasComma { throw CompileFailure("Found empty property at index \(read)") }
                lastWasComma = true
            }
            read += 1
        }
        if inProperty { throw CompileFailure("Property has not been closed - missing closing \(delimiter)") }
        guard let close = path.indexOfNextSignificantChar(after: endPosition, "]") else {
            throw CompileFailure("Property has not been closed - missing closing ]")
        }
        guard !properties.isEmpty else { throw CompileFailure("Empty properties") }
        path.position = close + 1
        tokens.append(properties.count == 1 ? .property(properties[0]) : .properties(properties))
        return true
    }
}

extension String {
    /// Java's `String.trim()`: strips characters up to U+0020 at both ends.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// json-smart's permissive reading of JSON literals in paths: single-quoted strings are allowed.
enum LenientJSON {
    static func parse(_ text: String) -> JSONValue? {
        if let v = try? JSONValue(parsing: text) { return v }
        guard text.contains("'") else { return nil }
        var out = ""
        var quote: Character?
        var escaped = false
        for ch in text {
            if let q = quote {
                if escaped {
                    escaped = false
                    if q == "'" && ch == "'" { out.append("'") } else { out.append("\\"); out.append(ch) }
                } else if ch == "\\" {
                    escaped = true
                } else if ch == q {
                    out.append("\"")
                    quote = nil
                } else if ch == "\"" {
                    out.append("\\\"")
                } else {
                    out.append(ch)
                }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                out.append("\"")
            } else {
                out.append(ch)
            }
        }
        return try? JSONValue(parsing: out)
    }
}

extension PathCompiler {
    /// AWS reads a quoted bracket name literally except for an escaped delimiter or backslash (`['it\'s']`):
    /// `$['Test\""Name"']` selects the key `Test\""Name"`, where Jayway's full unescaping would not.
    static func unescapeQuote(_ s: String, _ delimiter: Unicode.Scalar) -> String {
        guard s.contains("\\") else { return s }
        var out = String.UnicodeScalarView()
        var pendingBackslash = false
        for c in s.unicodeScalars {
            if pendingBackslash {
                pendingBackslash = false
                if c != delimiter && c != "\\" { out.append("\\") }
                out.append(c)
            } else if c == "\\" {
                pendingBackslash = true
            } else {
                out.append(c)
            }
        }
        if pendingBackslash { out.append("\\") }
        return String(out)
    }
}
