/// A JSON number: an exact 64-bit integer, a binary double, or the literal text of a number
/// that neither holds exactly (big integers, long decimals), kept so it prints as written.
public struct JSONNumber: Sendable {
    @usableFromInline
    enum Storage: Sendable {
        case int(Int64)
        case double(Double)
        /// A number as written in the source, e.g. "3.30" or "123456789012345678901234567890".
        case literal(String, Double)
    }

    @usableFromInline
    let storage: Storage

    @inlinable public init(_ value: Int) { storage = .int(Int64(value)) }
    @inlinable public init(_ value: Int64) { storage = .int(value) }

    /// A double; integral values that fit in Int64 become integers, as Jackson's
    /// arithmetic results print without a fraction.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 9.2e18 {
            storage = .int(Int64(value))
        } else {
            storage = .double(value)
        }
    }

    /// A double that keeps its floating-point nature when printed (`1.0` stays `1.0`).
    public init(exactDouble value: Double) { storage = .double(value) }

    /// Parses the literal text of a JSON number (already validated by the caller).
    public init?(literal text: String) {
        let isIntegral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isIntegral, let i = Int64(text) {
            storage = .int(i)
        } else if let d = Double(text) {
            storage = .literal(text, d)
        } else {
            return nil
        }
    }

    /// The value as a double (exact for integers up to 2^53).
    @inlinable public var doubleValue: Double {
        switch storage {
        case .int(let i): Double(i)
        case .double(let d): d
        case .literal(_, let d): d
        }
    }

    /// The value as an integer when it is integral and fits in Int64.
    public var int64Value: Int64? {
        switch storage {
        case .int(let i): return i
        case .double(let d), .literal(_, let d):
            guard d.isFinite, d == d.rounded(), abs(d) < 9.2e18 else { return nil }
            return Int64(d)
        }
    }

    /// The value as an Int when it is integral and fits.
    public var intValue: Int? { int64Value.map { Int($0) } }

    /// True when the number was written or computed without a fractional part.
    public var isIntegral: Bool {
        switch storage {
        case .int: return true
        case .double(let d): return d == d.rounded() && d.isFinite
        case .literal(let text, _): return !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        }
    }

    /// True when written as an integer literal (no fraction or exponent): Jackson's IntNode/LongNode/BigIntegerNode.
    public var isIntegerLiteral: Bool {
        switch storage {
        case .int: return true
        case .double: return false
        case .literal(let text, _): return !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        }
    }

    /// The length of `text` in bytes, without building it for integers.
    public var textSize: Int {
        guard case .int(let i) = storage else { return text.utf8.count }
        var n = i.magnitude
        var digits = 1
        while n >= 10 {
            n /= 10
            digits += 1
        }
        return digits + (i < 0 ? 1 : 0)
    }

    /// The number as JSON text.
    public var text: String {
        switch storage {
        case .int(let i): return String(i)
        case .literal(let text, _): return text
        case .double(let d): return JSONNumber.format(d)
        }
    }

    /// Formats a double the way Java's `Double.toString` does (`1.0`, `0.5`, `1.0E-4`, `1.23456789E7`),
    /// which is how AWS prints computed floating-point values: plain decimals in [1e-3, 1e7), otherwise
    /// one digit, a fraction and an exponent; the shortest digits that round-trip in both cases.
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (digitValues, point) = shortestDigits(d)
        let digits = String(decoding: digitValues.map { $0 + 48 }, as: UTF8.self)
        let out: String
        if d.magnitude >= 1e-3, d.magnitude < 1e7 {
            if point <= 0 {
                out = "0." + String(repeating: "0", count: -point) + digits
            } else if point >= digits.count {
                out = digits + String(repeating: "0", count: point - digits.count) + ".0"
            } else {
                out = digits.prefix(point) + "." + digits.dropFirst(point)
            }
        } else {
            let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
            out = "\(digits.prefix(1)).\(fraction)E\(point - 1)"
        }
        return d < 0 ? "-" + out : out
    }
}

extension JSONNumber {
    /// The shortest decimal digits that round-trip a finite, non-zero `value` (its sign ignored), as
    /// numbers 0-9, and the position of the decimal point: value = 0.d₁d₂… × 10^point. Java's and
    /// JavaScript's number-to-text rules both start from exactly these digits, as Swift's
    /// `description` does; only the layout differs.
    public static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            guard ch >= 48, ch <= 57 else { continue }
            digits.append(ch - 48)
            if !seenPoint { point += 1 }
        }
        while digits.count > 1, digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        return (digits, point + exponent)
    }
}

extension JSONNumber: Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage { return a == b }
        if case .literal(let a, _) = lhs.storage, case .literal(let b, _) = rhs.storage, a == b { return true }
        return lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue)
    }
}

extension JSONNumber: Comparable {
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage { return a < b }
        return lhs.doubleValue < rhs.doubleValue
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String { text }
}
