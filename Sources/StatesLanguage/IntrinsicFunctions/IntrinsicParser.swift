import JSONValue

/// Parses intrinsic call text: `States.Name(arg, ...)` where an argument is a single-quoted
/// string (escapes `\'` `\{` `\}` `\\` only), a number, `true`/`false`/`null`, a path starting
/// with `$`, or a nested call. Offsets in errors are UTF-8 offsets into the text.
struct IntrinsicParser {
    /// AWS allows up to 10 intrinsic functions nested within one field.
    static let maxNesting = 10

    private let bytes: [UInt8]
    private var i = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func parseWhole() throws(IntrinsicParseError) -> IntrinsicCall {
        skipWhitespace()
        let call = try parseCall(depth: 1)
        skipWhitespace()
        if i < bytes.count {
            throw error("Unexpected text '\(text(from: i, to: bytes.count))' after the end of the intrinsic function call")
        }
        return call
    }

    // MARK: - Calls

    private mutating func parseCall(depth: Int) throws(IntrinsicParseError) -> IntrinsicCall {
        let start = i
        guard hasPrefix("States.") else {
            throw error("Expected an intrinsic function call starting with 'States.'")
        }
        i += 7
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        let name = text(from: start, to: i)
        guard let function = IntrinsicFunction(rawValue: name) else {
            throw error("The intrinsic function '\(name)' is not supported", at: start)
        }
        if depth > Self.maxNesting {
            throw error("Intrinsic functions can be nested at most \(Self.maxNesting) levels deep", at: start)
        }
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "(") else {
            throw error("Expected '(' after '\(name)'")
        }
        i += 1
        var arguments: [IntrinsicArgument] = []
        var template: FormatTemplate?
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: ")") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                let wantsTemplate = function == .format && arguments.isEmpty
                let (argument, parsedTemplate) = try parseArgument(depth: depth, wantsTemplate: wantsTemplate)
                if wantsTemplate { template = parsedTemplate }
                arguments.append(argument)
                skipWhitespace()
                guard i < bytes.count else {
                    throw error("Unexpected end of the intrinsic function call: expected ',' or ')'")
                }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: ")") {
                    i += 1
                    break
                }
                throw error("Expected ',' or ')' after an argument of \(name), found '\(describe(bytes[i]))'")
            }
        }
        guard function.arity.contains(arguments.count) else {
            throw error(
                "\(name) takes \(function.arityDescription), but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                at: start)
        }
        var call = IntrinsicCall(function: function, arguments: arguments)
        call.literalTemplate = template
        return call
    }

    private mutating func parseArgument(
        depth: Int, wantsTemplate: Bool
    ) throws(IntrinsicParseError) -> (IntrinsicArgument, FormatTemplate?) {
        guard i < bytes.count else { throw error("Unexpected end of the intrinsic function call: expected an argument") }
        switch bytes[i] {
        case UInt8(ascii: "'"):
            let (value, segments) = try parseStringLiteral(splitPlaceholders: wantsTemplate)
            let template = segments.map { FormatTemplate(source: value, segments: $0) }
            return (.literal(.string(value)), template)
        case UInt8(ascii: "$"):
            return (.path(try parsePath()), nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (.literal(.number(try parseNumber())), nil)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return (.literal(try parseKeyword()), nil)
        case UInt8(ascii: "S") where hasPrefix("States."):
            return (.call(try parseCall(depth: depth + 1)), nil)
        case UInt8(ascii: ","), UInt8(ascii: ")"):
            throw error("Expected an argument before '\(describe(bytes[i]))'")
        case UInt8(ascii: "\""):
            throw error("String literals in intrinsic functions must be enclosed in single quotes")
        default:
            throw error("Unexpected character '\(describe(bytes[i]))': expected a string, number, path or intrinsic function")
        }
    }

    // MARK: - Literals

    /// Reads a single-quoted literal. With `splitPlaceholders`, also returns the text cut at each
    /// unescaped `{}` (escaped braces stay text).
    private mutating func parseStringLiteral(
        splitPlaceholders: Bool
    ) throws(IntrinsicParseError) -> (String, [String]?) {
        let start = i
        i += 1
        var out: [UInt8] = []
        var segmentStart = 0
        var segments: [String] = []
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "'"):
                i += 1
                let value = String(decoding: out, as: UTF8.self)
                guard splitPlaceholders else { return (value, nil) }
                segments.append(String(decoding: out[segmentStart...], as: UTF8.self))
                return (value, segments)
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { throw error("Unterminated string literal", at: start) }
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\\"):
                    out.append(e)
                    i += 2
                default:
                    throw error(
                        "Invalid escape sequence '\\\(describe(e))' in a string literal: only \\', \\{, \\} and \\\\ are allowed",
                        at: i)
                }
            case UInt8(ascii: "{") where splitPlaceholders && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "}"):
                segments.append(String(decoding: out[segmentStart...], as: UTF8.self))
                out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                segmentStart = out.count
                i += 2
            default:
                out.append(b)
                i += 1
            }
        }
        throw error("Unterminated string literal", at: start)
    }

    private mutating func parseNumber() throws(IntrinsicParseError) -> JSONNumber {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("Invalid number: expected a digit") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw error("Invalid number: leading zeros are not allowed") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("Invalid number: expected a digit after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("Invalid number: expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        try expectDelimiter(after: "number")
        let literal = text(from: start, to: i)
        if integral, let value = Int64(literal) { return JSONNumber(value) }
        guard let number = JSONNumber(literal: literal) else { throw error("Invalid number '\(literal)'", at: start) }
        return number
    }

    private mutating func parseKeyword() throws(IntrinsicParseError) -> JSONValue {
        let start = i
        let value: JSONValue
        if hasPrefix("true") {
            i += 4
            value = .bool(true)
        } else if hasPrefix("false") {
            i += 5
            value = .bool(false)
        } else if hasPrefix("null") {
            i += 4
            value = .null
        } else {
            throw error("Unexpected character '\(describe(bytes[i]))': expected a string, number, path or intrinsic function")
        }
        if i < bytes.count, isNameByte(bytes[i]) {
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            throw error("Unknown literal '\(text(from: start, to: i))'", at: start)
        }
        try expectDelimiter(after: "literal")
        return value
    }

    // MARK: - Paths

    /// A path runs to the next `,` or `)` outside brackets, parentheses and quotes, so
    /// `$.a['b, c'][0]` and filter expressions stay whole; its validity is the path engine's business.
    private mutating func parsePath() throws(IntrinsicParseError) -> String {
        let start = i
        var depth = 0
        scan: while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let quoteStart = i
                i += 1
                while i < bytes.count, bytes[i] != b {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                guard i < bytes.count else { throw error("Unterminated quoted name in path", at: quoteStart) }
                i += 1
                continue
            case UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ")"):
                if depth == 0 { break scan }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { break scan }
            default:
                break
            }
            i += 1
        }
        if depth > 0 { throw error("Unbalanced brackets in path", at: start) }
        var end = i
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return text(from: start, to: end)
    }

    // MARK: - Helpers

    private mutating func expectDelimiter(after what: String) throws(IntrinsicParseError) {
        guard i < bytes.count else { return }
        let b = bytes[i]
        if isWhitespace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: ")") { return }
        throw error("Unexpected character '\(describe(b))' after a \(what)")
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where bytes[i + k] != p[k] { return false }
        return true
    }

    private func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private func text(from start: Int, to end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\u{\(String(b, radix: 16))}"
    }

    private func error(_ message: String, at offset: Int? = nil) -> IntrinsicParseError {
        IntrinsicParseError(message: message, offset: min(offset ?? i, bytes.count))
    }
}
