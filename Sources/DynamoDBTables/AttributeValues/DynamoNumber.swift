/// A DynamoDB number: an exact decimal of up to 38 significant digits between 1E-130 and
/// 9.99…E+125 in magnitude, compared and added exactly as DynamoDB does (no binary floating point).
///
/// Kept normalized (no leading or trailing zero digits), so equal numbers are equal values:
/// value = sign × 0.d₁d₂…dₙ × 10^exponent, and zero has no digits.
package struct DynamoNumber: Sendable, Hashable {
    package static let maximumDigits = 38

    package private(set) var negative: Bool
    /// Significant digits, 0-9 each, the first and last non-zero.
    package private(set) var digits: [UInt8]
    package private(set) var exponent: Int

    package var isZero: Bool { digits.isEmpty }

    private init(negative: Bool, digits: [UInt8], exponent: Int) {
        var digits = digits
        var exponent = exponent
        var leading = 0
        while leading < digits.count, digits[leading] == 0 { leading += 1 }
        digits.removeFirst(leading)
        exponent -= leading
        while let last = digits.last, last == 0 { digits.removeLast() }
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : exponent
        self.negative = digits.isEmpty ? false : negative
    }

    package init(_ value: Int) {
        let magnitude = String(value.magnitude).utf8.map { $0 - 48 }
        self.init(negative: value < 0, digits: magnitude, exponent: magnitude.count)
    }

    /// Parses DynamoDB's number text (`-12.5`, `1e3`, `.5`), enforcing its precision and range.
    package init(parsing text: String) throws(DynamoDBError) {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var pointPosition: Int?
        var sawDigit = false
        var exponentPart = 0
        while i < bytes.count {
            let c = bytes[i]
            if c >= 48, c <= 57 {
                digits.append(c - 48)
                sawDigit = true
            } else if c == UInt8(ascii: "."), pointPosition == nil {
                pointPosition = digits.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                let rest = String(decoding: bytes[(i + 1)...], as: UTF8.self)
                guard sawDigit, !rest.isEmpty, let e = Int(rest), abs(e) < 100_000 else { throw Self.notANumber }
                exponentPart = e
                break
            } else {
                throw Self.notANumber
            }
            i += 1
        }
        guard sawDigit else { throw Self.notANumber }
        self.init(negative: negative, digits: digits, exponent: (pointPosition ?? digits.count) + exponentPart)
        try checkLimits()
    }

    private static let notANumber = DynamoDBError.validation("A value provided cannot be converted into a number")

    /// DynamoDB's precision and magnitude limits, checked after parsing and after arithmetic.
    package func checkLimits() throws(DynamoDBError) {
        guard !isZero else { return }
        if digits.count > Self.maximumDigits {
            throw .validation("Attempting to store more than 38 significant digits in a Number")
        }
        if exponent > 126 {
            throw .validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if exponent < -129 {
            throw .validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
    }

    /// The number as DynamoDB prints it: plain decimal notation without redundant zeros.
    package var text: String {
        if isZero { return "0" }
        var out = negative ? "-" : ""
        let chars = digits.map { Character(Unicode.Scalar($0 + 48)) }
        if exponent <= 0 {
            out += "0." + String(repeating: "0", count: -exponent) + String(chars)
        } else if exponent >= digits.count {
            out += String(chars) + String(repeating: "0", count: exponent - digits.count)
        } else {
            out += String(chars[..<exponent]) + "." + String(chars[exponent...])
        }
        return out
    }

    package static prefix func - (value: DynamoNumber) -> DynamoNumber {
        DynamoNumber(negative: !value.negative, digits: value.digits, exponent: value.exponent)
    }

    /// The exact sum, checked against DynamoDB's limits.
    package static func adding(_ a: DynamoNumber, _ b: DynamoNumber) throws(DynamoDBError) -> DynamoNumber {
        if a.isZero { return b }
        if b.isZero { return a }
        // Align both on the smaller power of ten, as integers of base-10 digits (most significant first).
        let low = min(a.exponent - a.digits.count, b.exponent - b.digits.count)
        let high = max(a.exponent, b.exponent)
        func aligned(_ n: DynamoNumber) -> [Int] {
            var out = [Int](repeating: 0, count: high - low)
            for (i, d) in n.digits.enumerated() { out[high - n.exponent + i] = Int(d) }
            return out
        }
        let x = aligned(a)
        let y = aligned(b)
        var result: [Int]
        var negative: Bool
        if a.negative == b.negative {
            result = [Int](repeating: 0, count: x.count + 1)
            var carry = 0
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                let s = x[i] + y[i] + carry
                result[i + 1] = s % 10
                carry = s / 10
            }
            result[0] = carry
            negative = a.negative
            let sum = DynamoNumber(negative: negative, digits: result.map { UInt8($0) }, exponent: high + 1)
            try sum.checkLimits()
            return sum
        }
        // Opposite signs: subtract the smaller magnitude from the larger.
        let (big, small, bigNegative) = x.lexicographicallyPrecedes(y) ? (y, x, b.negative) : (x, y, a.negative)
        result = [Int](repeating: 0, count: big.count)
        var borrow = 0
        for i in stride(from: big.count - 1, through: 0, by: -1) {
            var d = big[i] - small[i] - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            result[i] = d
        }
        negative = bigNegative
        let difference = DynamoNumber(negative: negative, digits: result.map { UInt8($0) }, exponent: high)
        try difference.checkLimits()
        return difference
    }

    package static func subtracting(_ a: DynamoNumber, _ b: DynamoNumber) throws(DynamoDBError) -> DynamoNumber {
        try adding(a, -b)
    }

    /// Bytes whose unsigned lexicographic order is the numbers' order, for sort keys in storage.
    package var sortableBytes: [UInt8] {
        if isZero { return [0x80] }
        let biased = exponent + 0x4000
        var magnitude: [UInt8] = [UInt8(biased >> 8 & 0xFF), UInt8(biased & 0xFF)]
        // Digits shifted to 1...10 so the 0 terminator sorts a shorter digit string first.
        magnitude += digits.map { $0 + 1 }
        magnitude.append(0)
        if negative { return [0x40] + magnitude.map { 0xFF - $0 } }
        return [0xC0] + magnitude
    }
}

extension DynamoNumber: Comparable {
    package static func < (lhs: DynamoNumber, rhs: DynamoNumber) -> Bool {
        lhs.sortableBytes.lexicographicallyPrecedes(rhs.sortableBytes)
    }
}

extension DynamoNumber: CustomStringConvertible {
    package var description: String { text }
}
