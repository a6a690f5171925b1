/// A lexical token; `position` is the offset just past the token, as jsonata-js reports it.
struct Token {
    enum Kind { case name, variable, op, string, number, value, regex }
    var kind: Kind
    var text: String
    var number: Double = 0
    var literal: Value = .null
    var regex: RegexMatcher?
    var position: Int
}

/// The tokenizer of jsonata-js's parser.js, over Unicode scalars.
struct Lexer {
    static let operators: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 80,
        ":": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 20, "=": 40, "<": 40,
        ">": 40, "^": 40, "**": 60, "..": 20, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40,
        "and": 30, "or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
    ]
    private static let singleCharOperators: Set<Unicode.Scalar> = Set("[]{}(),@#;:?+-*/%|=<>^&!~.".unicodeScalars)
    private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}"]

    let chars: [Unicode.Scalar]
    var position = 0

    init(_ source: String) { chars = Array(source.unicodeScalars) }

    private func char(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < chars.count ? chars[i] : nil }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[max(0, from)..<min(to, chars.count)])
        return String(s)
    }

    private func create(_ kind: Token.Kind, _ text: String) -> Token {
        Token(kind: kind, text: text, position: position)
    }

    mutating func next(prefix: Bool) throws(Failure) -> Token? {
        if position >= chars.count { return nil }
        var c = chars[position]
        while position < chars.count, Lexer.whitespace.contains(chars[position]) {
            position += 1
        }
        if position >= chars.count { return nil }
        c = chars[position]
        if c == "/", char(position + 1) == "*" {
            let commentStart = position
            position += 2
            while !(char(position) == "*" && char(position + 1) == "/") {
                position += 1
                if position >= chars.count { throw Failure("S0106", position: commentStart) }
            }
            position += 2
            return try next(prefix: prefix)
        }
        if !prefix, c == "/" {
            position += 1
            return try scanRegex()
        }
        let n = char(position + 1)
        let pairs: [(Unicode.Scalar, Unicode.Scalar, String)] = [
            (".", ".", ".."), (":", "=", ":="), ("!", "=", "!="), (">", "=", ">="), ("<", "=", "<="),
            ("*", "*", "**"), ("~", ">", "~>"),
        ]
        for (a, b, op) in pairs where c == a && n == b {
            position += 2
            return create(.op, op)
        }
        if Lexer.singleCharOperators.contains(c) {
            position += 1
            return create(.op, String(c))
        }
        if c == "\"" || c == "'" {
            return try scanString(quote: c)
        }
        if let number = try scanNumber() { return number }
        if c == "`" {
            position += 1
            if let end = chars[position...].firstIndex(of: "`") {
                let name = text(position, end)
                position = end + 1
                return create(.name, name)
            }
            position = chars.count
            throw Failure("S0105", position: position)
        }
        var i = position
        while true {
            let ch = char(i)
            if ch == nil || Lexer.whitespace.contains(ch!) || Lexer.singleCharOperators.contains(ch!) {
                if chars[position] == "$" {
                    let name = text(position + 1, i)
                    position = i
                    return create(.variable, name)
                }
                let name = text(position, i)
                position = i
                switch name {
                case "or", "in", "and": return create(.op, name)
                case "true": var t = create(.value, name); t.literal = .bool(true); return t
                case "false": var t = create(.value, name); t.literal = .bool(false); return t
                case "null": var t = create(.value, name); t.literal = .null; return t
                default:
                    if position == chars.count && name.isEmpty { return nil }
                    return create(.name, name)
                }
            }
            i += 1
        }
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(Failure) -> Token {
        position += 1
        var units: [UInt16] = []
        while position < chars.count {
            let c = chars[position]
            if c == "\\" {
                position += 1
                guard let e = char(position) else { break }
                switch e {
                case "\"", "\\", "/": units.append(UInt16(e.value))
                case "b": units.append(8)
                case "f": units.append(12)
                case "n": units.append(10)
                case "r": units.append(13)
                case "t": units.append(9)
                case "u":
                    let hex = text(position + 1, position + 5)
                    guard hex.unicodeScalars.count == 4, let code = UInt16(hex, radix: 16) else {
                        throw Failure("S0104", position: position)
                    }
                    units.append(code)
                    position += 4
                default:
                    throw Failure("S0103", position: position, token: String(e))
                }
            } else if c == quote {
                position += 1
                return create(.string, String(decoding: units, as: UTF16.self))
            } else {
                units.append(contentsOf: String(c).utf16)
            }
            position += 1
        }
        throw Failure("S0101", position: position)
    }

    private mutating func scanNumber() throws(Failure) -> Token? {
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }
        var i = position
        if char(i) == "-" { i += 1 }
        guard isDigit(char(i)) else { return nil }
        if char(i) == "0" {
            i += 1
        } else {
            while isDigit(char(i)) { i += 1 }
        }
        if char(i) == ".", isDigit(char(i + 1)) {
            i += 1
            while isDigit(char(i)) { i += 1 }
        }
        if char(i) == "e" || char(i) == "E" {
            var j = i + 1
            if char(j) == "+" || char(j) == "-" { j += 1 }
            if isDigit(char(j)) {
                while isDigit(char(j)) { j += 1 }
                i = j
            }
        }
        let literal = text(position, i)
        guard let value = Double(literal), value.isFinite else {
            throw Failure("S0102", position: position, token: literal)
        }
        position = i
        var t = create(.number, literal)
        t.number = value
        return t
    }

    private mutating func scanRegex() throws(Failure) -> Token {
        var start = position
        var depth = 0
        func isClosingSlash(_ p: Int) -> Bool {
            if chars[p] == "/" && depth == 0 {
                var backslashes = 0
                while char(p - (backslashes + 1)) == "\\" { backslashes += 1 }
                return backslashes % 2 == 0
            }
            return false
        }
        while position < chars.count {
            let c = chars[position]
            if isClosingSlash(position) {
                let pattern = text(start, position)
                if pattern.isEmpty { throw Failure("S0301", position: position) }
                position += 1
                start = position
                while char(position) == "i" || char(position) == "m" { position += 1 }
                let flags = text(start, position)
                var t = create(.regex, pattern)
                t.regex = try RegexMatcher(pattern: pattern, flags: flags, position: position)
                return t
            }
            if (c == "(" || c == "[" || c == "{") && char(position - 1) != "\\" { depth += 1 }
            if (c == ")" || c == "]" || c == "}") && char(position - 1) != "\\" { depth -= 1 }
            position += 1
        }
        throw Failure("S0302", position: position)
    }
}
