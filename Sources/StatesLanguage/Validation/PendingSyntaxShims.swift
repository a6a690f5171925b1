// Deleted at merge: the real JSONPath and IntrinsicCall replace these.

/// Stand-in for the JSONPath engine's parse error.
package struct JSONPathError: Error, Sendable, Equatable {
    package var message: String
}

/// Stand-in for the JSONPath engine: accepts `$`-rooted text with balanced brackets and quotes.
package struct JSONPath: Sendable {
    package let text: String
    package let isReferencePath: Bool

    package init(_ text: String) throws(JSONPathError) {
        guard text.hasPrefix("$") else { throw JSONPathError(message: "must start with $") }
        var depth = 0
        var quote: Character?
        var escaped = false
        for c in text {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth < 0 { throw JSONPathError(message: "unbalanced ]") }
            default: break
            }
        }
        guard depth == 0, quote == nil else { throw JSONPathError(message: "unbalanced brackets or quotes") }
        self.text = text
        isReferencePath = !text.contains("*") && !text.contains("..") && !text.contains("?") && !text.contains("@")
            && !text.contains(",") && !text.contains(":")
    }
}

/// Stand-in for the intrinsic parser's error.
package struct IntrinsicParseError: Error, Sendable, Equatable {
    package var message: String
}

/// Stand-in for a parsed intrinsic call: `States.Name(args)` with balanced parentheses and quotes.
package struct IntrinsicCall: Sendable {
    package let pathArguments: [String]

    package static func looksLikeCall(_ text: String) -> Bool {
        text.hasPrefix("States.") && text.contains("(")
    }

    package init(parsing text: String) throws(IntrinsicParseError) {
        guard Self.looksLikeCall(text), text.hasSuffix(")") else {
            throw IntrinsicParseError(message: "not a call")
        }
        var depth = 0
        var inString = false
        var escaped = false
        var paths: [String] = []
        var token = ""
        func flush() {
            let t = token.drop(while: { $0 == " " })
            if t.hasPrefix("$") { paths.append(String(t.reversed().drop(while: { $0 == " " }).reversed())) }
            token = ""
        }
        for c in text {
            if inString {
                if escaped {
                    // Only these escapes exist inside an intrinsic string literal.
                    guard "'{}\\".contains(c) else { throw IntrinsicParseError(message: "illegal escape \\\(c)") }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "'" {
                    inString = false
                }
                continue
            }
            switch c {
            case "'": inString = true
            case "(":
                depth += 1
                token = ""
            case ")":
                flush()
                depth -= 1
                if depth < 0 { throw IntrinsicParseError(message: "unbalanced )") }
            case ",": flush()
            default: token.append(c)
            }
        }
        guard depth == 0, !inString else { throw IntrinsicParseError(message: "unbalanced call") }
        pathArguments = paths
    }
}
