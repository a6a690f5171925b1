/// Java library behaviour the path syntax depends on (`Integer.parseInt`, `String.split`, Jayway's
/// `Utils.unescape`, `BigDecimal` text), so that what Jayway accepts and how it compares stays identical.
enum JavaText {
    /// `Integer.parseInt`: optional sign, decimal digits, 32-bit range.
    static func parseInt(_ s: String) -> Int? {
        var scalars = Substring(s).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value: Int64 = 0
        for c in scalars {
            guard c.isDigit else { return nil }
            value = value * 10 + Int64(c.value - 48)
            if value > Int64(Int32.max) + 1 { return nil }
        }
        value = negative ? -value : value
        guard value >= Int64(Int32.min), value <= Int64(Int32.max) else { return nil }
        return Int(value)
    }

    /// `String.split(sep)` with its default limit: trailing empty strings are dropped.
    static func split(_ s: String, _ separator: Character) -> [String] {
        var parts = s.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        return parts
    }

    /// Jayway's `Utils.unescape`: backslash escapes including `\uXXXX`; unknown escapes keep the character.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var units: [UInt16] = []
        let scalars = Array(s.unicodeScalars)
        var i = 0
        func appendScalar(_ c: Unicode.Scalar) { units.append(contentsOf: Array(String(c).utf16)) }
        while i < scalars.count {
            let c = scalars[i]
            if c != "\\" {
                appendScalar(c)
                i += 1
                continue
            }
            i += 1
            guard i < scalars.count else {
                appendScalar("\\")
                break
            }
            let e = scalars[i]
            i += 1
            switch e {
            case "r": units.append(0x0D)
            case "f": units.append(0x0C)
            case "t": units.append(0x09)
            case "n": units.append(0x0A)
            case "b": units.append(0x08)
            case "u":
                var hex = ""
                while hex.count < 4, i < scalars.count {
                    hex.unicodeScalars.append(scalars[i])
                    i += 1
                }
                if let v = UInt16(hex, radix: 16) { units.append(v) }
            default: appendScalar(e)
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// A decimal number as Java's `BigDecimal` sees it: its value for comparisons and its `toString()` text,
/// which Jayway uses when it compares a string with a number.
struct DecimalText: Sendable, Hashable {
    var value: Double
    var exactInteger: Int64?
    var text: String

    /// Parses `BigDecimal(String)` syntax: sign, digits with an optional point, optional exponent.
    init?(bigDecimal s: String) {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        var negative = false
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
            negative = scalars[i] == "-"
            i += 1
        }
        var intDigits = ""
        var fracDigits = ""
        while i < scalars.count, scalars[i].isDigit {
            intDigits.unicodeScalars.append(scalars[i])
            i += 1
        }
        if i < scalars.count, scalars[i] == "." {
            i += 1
            while i < scalars.count, scalars[i].isDigit {
                fracDigits.unicodeScalars.append(scalars[i])
                i += 1
            }
        }
        guard !(intDigits.isEmpty && fracDigits.isEmpty) else { return nil }
        var exponent = 0
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            var expText = ""
            if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
                expText.unicodeScalars.append(scalars[i])
                i += 1
            }
            var digits = 0
            while i < scalars.count, scalars[i].isDigit {
                expText.unicodeScalars.append(scalars[i])
                digits += 1
                i += 1
            }
            guard digits > 0, let e = Int(expText), abs(e) < 100_000 else { return nil }
            exponent = e
        }
        guard i == scalars.count, let d = Double(s) else { return nil }
        value = d
        var coefficient = String((intDigits + fracDigits).drop(while: { $0 == "0" }))
        if coefficient.isEmpty { coefficient = "0" }
        let scale = fracDigits.count - exponent
        text = DecimalText.format(negative: negative, coefficient: coefficient, scale: scale)
        exactInteger = (scale <= 0 || fracDigits.allSatisfy { $0 == "0" }) && abs(d) < 9e15 ? Int64(d) : nil
    }

    /// A number read from the document, printed the way json-smart's Integer/Long/Double would be.
    init(_ number: JSONNumberView) {
        value = number.double
        if let i = number.integer {
            exactInteger = i
            text = String(i)
        } else {
            exactInteger = value.isFinite && value == value.rounded() && abs(value) < 9e15 ? Int64(value) : nil
            text = DecimalText.javaDouble(value)
        }
    }

    /// `BigDecimal.toString()`: plain notation unless the exponent is small, else scientific.
    static func format(negative: Bool, coefficient: String, scale: Int) -> String {
        let sign = negative && coefficient != "0" ? "-" : ""
        let adjusted = -scale + (coefficient.count - 1)
        if scale == 0 { return sign + coefficient }
        if scale > 0, adjusted >= -6 {
            if coefficient.count > scale {
                let cut = coefficient.index(coefficient.endIndex, offsetBy: -scale)
                return sign + coefficient[..<cut] + "." + coefficient[cut...]
            }
            return sign + "0." + String(repeating: "0", count: scale - coefficient.count) + coefficient
        }
        let head = String(coefficient.prefix(1))
        let tail = coefficient.count > 1 ? "." + coefficient.dropFirst() : ""
        return sign + head + tail + "E" + (adjusted > 0 ? "+" : "") + String(adjusted)
    }

    /// Java's `Double.toString` for the common range.
    static func javaDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        let magnitude = abs(d)
        var s = "\(d)"
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e7 {
            if let e = s.firstIndex(where: { $0 == "e" }) {
                var mantissa = String(s[..<e])
                var exponent = String(s[s.index(after: e)...])
                if !mantissa.contains(".") { mantissa += ".0" }
                if exponent.hasPrefix("+") { exponent.removeFirst() }
                s = mantissa + "E" + exponent
            } else {
                // Swift prints up to 2^53 without an exponent; Java switches at 1e7.
                var exponent = 0
                var m = magnitude
                while m >= 10 { m /= 10; exponent += 1 }
                var mantissa = "\(d < 0 ? -m : m)"
                if !mantissa.contains(".") { mantissa += ".0" }
                s = mantissa + "E" + String(exponent)
            }
        }
        return s
    }
}

/// The two readings of a document number the filter language needs.
struct JSONNumberView {
    var double: Double
    var integer: Int64?
}
