/// A position over the scalars of a path, with the look-ahead helpers Jayway's `CharacterIndex` has,
/// so the compilers can follow its exact acceptance rules.
struct Cursor {
    let chars: [Unicode.Scalar]
    var position: Int
    var end: Int

    init(_ text: String) {
        chars = Array(text.unicodeScalars)
        position = 0
        end = chars.count
    }

    init(chars: [Unicode.Scalar], from: Int, to: Int) {
        self.chars = chars
        position = from
        end = to
    }

    static let space: Unicode.Scalar = " "

    func inBounds(_ i: Int) -> Bool { i >= 0 && i < end }
    var inBounds: Bool { inBounds(position) }
    /// A space when out of bounds, as Jayway's look-ahead answers there.
    func char(_ i: Int) -> Unicode.Scalar { inBounds(i) ? chars[i] : Self.space }
    var current: Unicode.Scalar { char(position) }
    func currentIs(_ c: Unicode.Scalar) -> Bool { inBounds && chars[position] == c }
    var isTail: Bool { position >= end - 1 }
    var lastChar: Unicode.Scalar? { end > 0 ? chars[end - 1] : nil }

    func text(_ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[max(0, from)..<min(to, chars.count)])
        return String(s)
    }

    mutating func trim() {
        while position < end, chars[position].value <= 0x20 { position += 1 }
        while end > position, chars[end - 1].value <= 0x20 { end -= 1 }
    }

    mutating func skipBlanks() {
        while inBounds, chars[position] == Self.space { position += 1 }
    }

    /// The first non-space character after `from`, or a space.
    func nextSignificantChar(after from: Int) -> Unicode.Scalar {
        var i = from + 1
        while inBounds(i), chars[i] == Self.space { i += 1 }
        return char(i)
    }

    var nextSignificantChar: Unicode.Scalar { nextSignificantChar(after: position) }

    func indexOfNextSignificantChar(after from: Int, _ c: Unicode.Scalar) -> Int? {
        var i = from + 1
        while inBounds(i), chars[i] == Self.space { i += 1 }
        return inBounds(i) && chars[i] == c ? i : nil
    }

    func nextIndex(of c: Unicode.Scalar, from: Int) -> Int? {
        var i = from
        while inBounds(i) {
            if chars[i] == c { return i }
            i += 1
        }
        return nil
    }

    func nextIndexOfUnescaped(_ c: Unicode.Scalar, after from: Int) -> Int? {
        var i = from + 1
        var escaped = false
        while inBounds(i) {
            if escaped {
                escaped = false
            } else if chars[i] == "\\" {
                escaped = true
            } else if chars[i] == c {
                return i
            }
            i += 1
        }
        return nil
    }

    enum ScanFailure: Error { case unclosedQuote(Unicode.Scalar), unclosedRegex }

    /// The index closing the bracket opened at `from`, skipping quoted strings and, optionally, `/regex/`.
    func indexOfMatchingClose(
        from: Int, open: Unicode.Scalar, close: Unicode.Scalar, skipStrings: Bool, skipRegex: Bool
    ) throws(ScanFailure) -> Int? {
        guard char(from) == open else { return nil }
        var depth = 1
        var i = from + 1
        while inBounds(i) {
            if skipStrings, chars[i] == "'" || chars[i] == "\"" {
                let quote = chars[i]
                guard let closing = nextIndexOfUnescaped(quote, after: i) else { throw .unclosedQuote(quote) }
                i = closing + 1
            }
            if skipRegex, char(i) == "/" {
                guard let closing = nextIndexOfUnescaped("/", after: i) else { throw .unclosedRegex }
                i = closing + 1
            }
            if char(i) == open { depth += 1 }
            if char(i) == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    func previousSignificantChar() -> Unicode.Scalar {
        var i = position - 1
        while i >= 0, chars[i] == Self.space { i -= 1 }
        return i >= 0 ? chars[i] : Self.space
    }

    func indexOfPreviousSignificantChar() -> Int? {
        var i = position - 1
        while i >= 0, chars[i] == Self.space { i -= 1 }
        return i >= 0 ? i : nil
    }

    func isNumberCharacter(_ i: Int) -> Bool {
        guard inBounds(i) else { return false }
        let c = chars[i]
        return (c >= "0" && c <= "9") || c == "-" || c == "." || c == "E" || c == "e"
    }

    /// Consumes `s` after optional spaces; leaves the position alone when it is not there.
    mutating func hasSignificantSubSequence(_ s: String) -> Bool {
        skipBlanks()
        let scalars = Array(s.unicodeScalars)
        guard position + scalars.count <= end else { return false }
        for (k, c) in scalars.enumerated() where chars[position + k] != c { return false }
        position += scalars.count
        return true
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { self >= "0" && self <= "9" }
}
