import JSONValue

/// The JavaScript number-to-text conversions that jsonata-js's formatting code leans on
/// (`Number.prototype.toString`, `toFixed`, `toString(radix)`, `parseInt`, `Math.round`),
/// reproduced so the Swift results match byte for byte rather than "close enough".
enum JSNumberText {
    /// ECMAScript Number::toString(x) for radix 10.
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == 0 { return "0" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value < 0 ? "-" : ""
        let (digits, n) = JSONNumber.shortestDigits(value)
        let k = digits.count
        let text = digits.map { Character(Unicode.Scalar($0 + 48)) }
        var out = ""
        if k <= n && n <= 21 {
            out = String(text) + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            out = String(text[0..<n]) + "." + String(text[n...])
        } else if -6 < n && n <= 0 {
            out = "0." + String(repeating: "0", count: -n) + String(text)
        } else {
            let e = n - 1
            let expText = (e < 0 ? "-" : "+") + String(e.magnitude)
            out = k == 1 ? String(text) + "e" + expText : String(text[0]) + "." + String(text[1...]) + "e" + expText
        }
        return sign + out
    }

    /// ECMAScript Number.prototype.toFixed(digits): rounds the exact binary value half away from
    /// zero (the spec picks the larger n on a tie), which `%.*f` does not (it rounds ties to even).
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.magnitude >= 1e21 || value.isInfinite { return string(value) }
        let sign = value < 0 ? "-" : ""
        var (integerDigits, fraction) = exactDecimal(value.magnitude)
        if fraction.count > fractionDigits {
            let roundUp = fraction[fractionDigits] >= 5
            fraction.removeSubrange(fractionDigits...)
            if roundUp {
                var carry = true
                var i = fraction.count - 1
                while carry && i >= 0 {
                    if fraction[i] == 9 { fraction[i] = 0 } else { fraction[i] += 1; carry = false }
                    i -= 1
                }
                i = integerDigits.count - 1
                while carry && i >= 0 {
                    if integerDigits[i] == 9 { integerDigits[i] = 0 } else { integerDigits[i] += 1; carry = false }
                    i -= 1
                }
                if carry { integerDigits.insert(1, at: 0) }
            }
        } else {
            fraction += [UInt8](repeating: 0, count: fractionDigits - fraction.count)
        }
        let intText = String(integerDigits.map { Character(Unicode.Scalar($0 + 48)) })
        let fracText = String(fraction.map { Character(Unicode.Scalar($0 + 48)) })
        // -0 and values that round to zero keep JS's sign rule: only x < 0 gets a minus.
        return sign + intText + (fractionDigits > 0 ? "." + fracText : "")
    }

    /// The exact decimal expansion of a finite non-negative double: every double is m·2ᵉ, so it is
    /// (m·5⁻ᵉ)/10⁻ᵉ when e < 0; base-10⁹ limbs keep the arithmetic small.
    private static func exactDecimal(_ value: Double) -> (integer: [UInt8], fraction: [UInt8]) {
        if value == 0 { return ([0], []) }
        let biased = Int(value.exponentBitPattern)
        var mantissa = UInt64(value.significandBitPattern)
        var exponent: Int
        if biased == 0 {
            exponent = -1074
        } else {
            mantissa |= UInt64(1) << 52
            exponent = biased - 1075
        }
        while exponent < 0 && mantissa & 1 == 0 {
            mantissa >>= 1
            exponent += 1
        }
        var limbs: [UInt32] = [UInt32(mantissa % 1_000_000_000), UInt32(mantissa / 1_000_000_000 % 1_000_000_000),
                               UInt32(mantissa / 1_000_000_000_000_000_000)]
        func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let product = UInt64(limbs[i]) * factor + carry
                limbs[i] = UInt32(product % 1_000_000_000)
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(UInt32(carry % 1_000_000_000))
                carry /= 1_000_000_000
            }
        }
        var fractionCount = 0
        if exponent >= 0 {
            var remaining = exponent
            while remaining > 0 {
                let step = min(remaining, 28)
                multiply(by: UInt64(1) << UInt64(step))
                remaining -= step
            }
        } else {
            fractionCount = -exponent
            var remaining = fractionCount
            while remaining > 0 {
                let step = min(remaining, 12)
                var factor: UInt64 = 1
                for _ in 0..<step { factor *= 5 }
                multiply(by: factor)
                remaining -= step
            }
        }
        var digits: [UInt8] = []
        for limb in limbs.reversed() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var v = limb
            for j in stride(from: 8, through: 0, by: -1) {
                chunk[j] = UInt8(v % 10)
                v /= 10
            }
            digits += chunk
        }
        digits = Array(digits.drop(while: { $0 == 0 }))
        if digits.count <= fractionCount {
            digits = [UInt8](repeating: 0, count: fractionCount - digits.count + 1) + digits
        }
        let split = digits.count - fractionCount
        return (Array(digits[..<split]), Array(digits[split...]))
    }

    /// V8's DoubleToRadixCString for the integral values `$formatBase` passes (it rounds first):
    /// digits below the double's precision come out as '0', exactly as V8 fills them.
    static func integerString(_ value: Double, radix: Int) -> String {
        if radix == 10 { return string(value) }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let chars = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var integer = value.magnitude.rounded(.down)
        let r = Double(radix)
        var reversed: [Character] = []
        // Double(x).Exponent() > 0 in V8 means x ≥ 2⁵³: the low digits are not represented.
        while (integer / r) >= 9_007_199_254_740_992 {
            integer /= r
            reversed.append("0")
        }
        repeat {
            let remainder = integer.truncatingRemainder(dividingBy: r)
            reversed.append(chars[Int(remainder)])
            integer = (integer - remainder) / r
        } while integer > 0
        return (value < 0 ? "-" : "") + String(reversed.reversed())
    }

    /// ECMAScript parseInt(text) with no radix: leading white space, a sign, `0x` for hex, then
    /// as many digits as there are; NaN when there are none.
    static func parseInt(_ text: some StringProtocol) -> Double {
        var scalars = Substring(text).unicodeScalars.drop(while: isJSWhiteSpace)
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var radix = 10
        let lead = Array(scalars.prefix(2))
        if lead.count == 2 && lead[0] == "0" && (lead[1] == "x" || lead[1] == "X") {
            radix = 16
            scalars = scalars.dropFirst(2)
        }
        var digits = ""
        for scalar in scalars {
            guard let v = hexValue(scalar), v < radix else { break }
            digits.unicodeScalars.append(scalar)
        }
        if digits.isEmpty { return .nan }
        let magnitude: Double
        if radix == 10 {
            magnitude = Double(digits) ?? .nan
        } else {
            var acc = 0.0
            for scalar in digits.unicodeScalars { acc = acc * 16 + Double(hexValue(scalar) ?? 0) }
            magnitude = acc
        }
        return negative ? -magnitude : magnitude
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "0"..."9": return Int(scalar.value - 48)
        case "a"..."f": return Int(scalar.value - 87)
        case "A"..."F": return Int(scalar.value - 55)
        default: return nil
        }
    }

    /// The characters JavaScript's `\s` and `trim` treat as white space.
    static func isJSWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// JavaScript Math.round: nearest integer, ties toward +∞.
    static func mathRound(_ value: Double) -> Double {
        if !value.isFinite { return value }
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }

    /// jsonata's `round(arg, precision)`: half-to-even, shifting the decimal point through the
    /// number's text so that 1.005 rounds as written rather than as its binary neighbour.
    static func roundHalfEven(_ value: Double, precision: Int) -> Double {
        var arg = value
        if precision != 0 {
            arg = shifted(arg, by: precision)
        }
        var result = mathRound(arg)
        let diff = result - arg
        if diff.magnitude == 0.5 && result.truncatingRemainder(dividingBy: 2).magnitude == 1 {
            result -= 1
        }
        if precision != 0 {
            result = shifted(result, by: -precision)
        }
        return result == 0 ? 0 : result
    }

    /// `+(mantissaText + 'e' + (exponent + places))` on the JS text of `value`.
    private static func shifted(_ value: Double, by places: Int) -> Double {
        let text = string(value)
        let parts = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        let exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) : 0
        return Double(parts[0] + "e" + String(exponent + places)) ?? .nan
    }
}
