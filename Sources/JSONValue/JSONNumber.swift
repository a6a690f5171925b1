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

    /// Formats a double the way Java's `Double.toString` does for the common range
    /// (`1.0`, `0.5`, `1.0E20`), which is how AWS prints computed floating-point values.
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        let magnitude = abs(d)
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e7 {
            // Java switches to computerized scientific notation outside [1e-3, 1e7).
            var s = "\(d)"  // Swift: "1e+20" / "1.5e-05"
            if let eIndex = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                var mantissa = String(s[..<eIndex])
                var exponent = String(s[s.index(after: eIndex)...])
                if !mantissa.contains(".") { mantissa += ".0" }
                if exponent.hasPrefix("+") { exponent.removeFirst() }
                if exponent.hasPrefix("-0") { exponent = "-" + exponent.dropFirst(2) }
                while exponent.hasPrefix("0") && exponent.count > 1 { exponent.removeFirst() }
                s = mantissa + "E" + exponent
            }
            return s
        }
        let s = "\(d)"
        return s
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
