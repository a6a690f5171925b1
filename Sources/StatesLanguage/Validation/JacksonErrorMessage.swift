/// The text AWS gives for malformed JSON: its Java service parses definitions with Jackson, and
/// INVALID_JSON_DESCRIPTION carries Jackson's exception message and source location verbatim.
struct JacksonErrorMessage {
    /// Jackson's message followed by "\n at " and the location, as AWS returns it.
    private(set) var message = ""
    /// `[Source: (String)"..."; line: L, column: C]`.
    private(set) var location = ""
    /// False when Jackson reads the first value without complaint (it ignores trailing content).
    private(set) var isError = false
    /// Where the first JSON value ends, in UTF-16 units, when it parsed.
    private(set) var valueEnd = 0

    private let units: [UInt16]
    private let text: String
    private var i = 0

    init(text: String) {
        self.text = text
        units = Array(text.utf16)
        do {
            try scanDocument()
            valueEnd = i
        } catch {
            isError = true
            location = sourceLocation(at: error.offset)
            message = error.reason + "\n at " + location
        }
    }

    /// A Jackson complaint and the input position it reports.
    private struct Failure: Error {
        var reason: String
        var offset: Int
    }

    private static let validValues = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    // MARK: Scanner

    private mutating func scanDocument() throws(Failure) {
        skipWhitespace()
        guard i < units.count else { throw Failure(reason: "No content to map due to end-of-input", offset: i) }
        try scanValue()
    }

    private mutating func skipWhitespace() {
        while i < units.count, units[i] == 0x20 || units[i] == 0x0A || units[i] == 0x0D || units[i] == 0x09 { i += 1 }
    }

    private mutating func scanValue() throws(Failure) {
        guard i < units.count else { throw Failure(reason: "Unexpected end-of-input: expected a value", offset: i) }
        let c = units[i]
        switch c {
        case 0x7B: try scanContainer(object: true)
        case 0x5B: try scanContainer(object: false)
        case 0x22: try scanString()
        case 0x2D, 0x30...0x39: try scanNumber()
        case 0x74: try scanLiteral("true")
        case 0x66: try scanLiteral("false")
        case 0x6E: try scanLiteral("null")
        default:
            if Self.isIdentifierStart(c) { throw invalidToken(from: i) }
            i += 1
            throw Failure(reason: "Unexpected character (\(Self.describe(c))): expected a valid value \(Self.validValues)", offset: i)
        }
    }

    private func invalidToken(from start: Int) -> Failure {
        var end = start
        while end < units.count, Self.isIdentifierPart(units[end]) { end += 1 }
        let token = String(decoding: units[start..<end], as: UTF16.self)
        return Failure(reason: "Unrecognized token '\(token)': was expecting \(Self.validValues)", offset: end)
    }

    private mutating func scanLiteral(_ word: String) throws(Failure) {
        let start = i
        for unit in word.utf16 {
            guard i < units.count, units[i] == unit else { throw invalidToken(from: start) }
            i += 1
        }
        if i < units.count, Self.isIdentifierPart(units[i]) { throw invalidToken(from: start) }
    }

    private mutating func scanString() throws(Failure) {
        i += 1
        while i < units.count {
            let c = units[i]
            i += 1
            if c == 0x22 { return }
            if c == 0x5C {
                guard i < units.count else { break }
                let e = units[i]
                i += 1
                if e == 0x75 {
                    for _ in 0..<4 {
                        guard i < units.count else { break }
                        guard Self.isHex(units[i]) else {
                            i += 1
                            throw Failure(
                                reason: "Unexpected character (\(Self.describe(units[i - 1]))): expected a hex-digit for character escape sequence",
                                offset: i)
                        }
                        i += 1
                    }
                } else if ![0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74].contains(e) {
                    throw Failure(reason: "Unrecognized character escape \(Self.describe(e))", offset: i)
                }
            } else if c < 0x20 {
                throw Failure(
                    reason: "Illegal unquoted character (\(Self.describe(c))): has to be escaped using backslash to be included in string value",
                    offset: i)
            }
        }
        throw Failure(reason: "Unexpected end-of-input: was expecting closing quote for a string value", offset: i)
    }

    private mutating func scanNumber() throws(Failure) {
        if units[i] == 0x2D {
            i += 1
            guard i < units.count, Self.isDigit(units[i]) else {
                if i < units.count {
                    let c = units[i]
                    i += 1
                    throw Failure(
                        reason: "Unexpected character (\(Self.describe(c))) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
                        offset: i)
                }
                throw Failure(reason: "Unexpected end-of-input in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value", offset: i)
            }
        }
        if units[i] == 0x30, i + 1 < units.count, Self.isDigit(units[i + 1]) {
            i += 2
            throw Failure(reason: "Invalid numeric value: Leading zeroes not allowed", offset: i)
        }
        while i < units.count, Self.isDigit(units[i]) { i += 1 }
        if i < units.count, units[i] == 0x2E {
            i += 1
            guard i < units.count, Self.isDigit(units[i]) else {
                let c = i < units.count ? units[i] : nil
                i += 1
                throw Failure(
                    reason: "Unexpected character (\(c.map(Self.describe) ?? "EOF")) in numeric value: Decimal point not followed by a digit",
                    offset: min(i, units.count))
            }
            while i < units.count, Self.isDigit(units[i]) { i += 1 }
        }
        if i < units.count, units[i] == 0x65 || units[i] == 0x45 {
            i += 1
            if i < units.count, units[i] == 0x2B || units[i] == 0x2D { i += 1 }
            guard i < units.count, Self.isDigit(units[i]) else {
                let c = i < units.count ? units[i] : nil
                i += 1
                throw Failure(
                    reason: "Unexpected character (\(c.map(Self.describe) ?? "EOF")) in numeric value: Exponent indicator not followed by a digit",
                    offset: min(i, units.count))
            }
            while i < units.count, Self.isDigit(units[i]) { i += 1 }
        }
    }

    private mutating func scanContainer(object: Bool) throws(Failure) {
        let start = i
        let close: UInt16 = object ? 0x7D : 0x5D
        let kind = object ? "Object" : "Array"
        i += 1
        skipWhitespace()
        if i < units.count, units[i] == close {
            i += 1
            return
        }
        while true {
            skipWhitespace()
            guard i < units.count else { throw endOfInput(kind, start) }
            if object {
                guard units[i] == 0x22 else {
                    let c = units[i]
                    i += 1
                    throw Failure(reason: "Unexpected character (\(Self.describe(c))): was expecting double-quote to start field name", offset: i)
                }
                try scanString()
                skipWhitespace()
                guard i < units.count else { throw endOfInput(kind, start) }
                guard units[i] == 0x3A else {
                    let c = units[i]
                    i += 1
                    throw Failure(reason: "Unexpected character (\(Self.describe(c))): was expecting a colon to separate field name and value", offset: i)
                }
                i += 1
                skipWhitespace()
            }
            guard i < units.count else { throw endOfInput(kind, start) }
            try scanValue()
            skipWhitespace()
            guard i < units.count else { throw endOfInput(kind, start) }
            let c = units[i]
            i += 1
            if c == close { return }
            if c != 0x2C {
                throw Failure(reason: "Unexpected character (\(Self.describe(c))): was expecting comma to separate \(kind) entries", offset: i)
            }
        }
    }

    private func endOfInput(_ kind: String, _ start: Int) -> Failure {
        Failure(
            reason: "Unexpected end-of-input: expected close marker for \(kind) (start marker at \(sourceLocation(at: start + 1)))",
            offset: units.count)
    }

    // MARK: Location text

    /// Jackson's location: the source (cut at 500 characters) and the 1-based line and column of `offset`.
    private func sourceLocation(at offset: Int) -> String {
        var line = 1
        var rowStart = 0
        for k in 0..<min(offset, units.count) where units[k] == 0x0A {
            line += 1
            rowStart = k + 1
        }
        let column = offset - rowStart + 1
        let limit = 500
        var source = "(String)\""
        if units.count > limit {
            source += String(decoding: units[0..<limit], as: UTF16.self) + "\"[truncated \(units.count - limit) chars]"
        } else {
            source += text + "\""
        }
        return "[Source: \(source); line: \(line), column: \(column)]"
    }

    private static func describe(_ c: UInt16) -> String {
        if c < 0x20 { return "(CTRL-CHAR, code \(c))" }
        let character = String(decoding: [c], as: UTF16.self)
        if c > 255 { return "'\(character)' (code \(c) / 0x\(String(c, radix: 16)))" }
        return "'\(character)' (code \(c))"
    }

    private static func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt16) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }

    /// Java's `Character.isJavaIdentifierStart`, close enough for the ASCII range plus any non-ASCII letter.
    private static func isIdentifierStart(_ c: UInt16) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24 || c >= 0xC0
    }

    private static func isIdentifierPart(_ c: UInt16) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
