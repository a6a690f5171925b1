/// `fn:format-number` as jsonata-js implements it. It works on UTF-16 code units throughout
/// because jsonata-js's `charAt`/`indexOf` do, and multi-unit option strings (say a per-mille
/// of "pm") behave differently from single characters in ways results depend on.
enum DecimalPicture {
    private typealias Units = [UInt16]

    private struct Properties {
        var decimalSeparator: Units
        var groupingSeparator: Units
        var exponentSeparator: Units
        var minusSign: Units
        var percent: Units
        var perMille: Units
        var zeroDigit: Units
        var digit: Units
        var patternSeparator: Units
        var digitFamily: [Units]
        var activeChars: [Units]

        init(_ options: [String: String]) {
            func option(_ key: String, _ fallback: String) -> Units { Array((options[key] ?? fallback).utf16) }
            decimalSeparator = option("decimal-separator", ".")
            groupingSeparator = option("grouping-separator", ",")
            exponentSeparator = option("exponent-separator", "e")
            minusSign = option("minus-sign", "-")
            percent = option("percent", "%")
            perMille = option("per-mille", "\u{2030}")
            zeroDigit = option("zero-digit", "0")
            digit = option("digit", "#")
            patternSeparator = option("pattern-separator", ";")
            let zero = zeroDigit.first ?? 0x30
            digitFamily = (0..<10).map { [zero &+ UInt16($0)] }
            activeChars = digitFamily + [decimalSeparator, exponentSeparator, groupingSeparator, digit, patternSeparator]
        }

        func isActive(_ unit: UInt16) -> Bool { activeChars.contains([unit]) }
        func isDigit(_ unit: UInt16) -> Bool { digitFamily.contains([unit]) }
        func isDigitOrOptional(_ unit: UInt16) -> Bool { isDigit(unit) || [unit] == digit }
    }

    private struct Parts {
        var prefix: Units
        var suffix: Units
        var activePart: Units
        var mantissaPart: Units
        var exponentPart: Units?
        var integerPart: Units
        var fractionalPart: Units
        var subpicture: Units
    }

    private struct Variables {
        var integerPartGroupingPositions: [Int]
        var regularGrouping: Int
        var minimumIntegerPartSize: Int
        var scalingFactor: Int
        var prefix: Units
        var fractionalPartGroupingPositions: [Int]
        var minimumFractionalPartSize: Int
        var maximumFractionalPartSize: Int
        var minimumExponentSize: Int
        var suffix: Units
        var picture: Units
    }

    static func format(_ value: Double, picture: String, options: [String: String]) throws(JSONataError) -> String {
        let properties = Properties(options)
        let subPictures = split(Array(picture.utf16), on: properties.patternSeparator)
        if subPictures.count > 2 { throw .formatting("D3080") }
        let parts = subPictures.map { splitParts($0, properties) }
        for part in parts { try validate(part, properties) }
        var variables = parts.map { analyse($0, properties) }
        if variables.count == 1 {
            var negative = variables[0]
            negative.prefix = properties.minusSign + negative.prefix
            variables.append(negative)
        }
        let pic = value >= 0 ? variables[0] : variables[1]
        return render(value, pic, properties)
    }

    // MARK: F&O 4.7.3 and 4.7.4: split, validate, analyse

    private static func splitParts(_ subpicture: Units, _ p: Properties) -> Parts {
        // Later jsonata releases default an all-passive prefix/suffix to "" (2.0.6 crashes on
        // `prefix.length` there); the validation below then reports D3085/D3086 as they do.
        let isBoundary = { (unit: UInt16) in p.isActive(unit) && [unit] != p.exponentSeparator }
        let prefixEnd = subpicture.firstIndex(where: isBoundary)
        let prefix = prefixEnd.map { Array(subpicture[..<$0]) } ?? []
        let suffixStart = subpicture.lastIndex(where: isBoundary)
        let suffix = suffixStart.map { Array(subpicture[($0 + 1)...]) } ?? []
        let activePart = jsSubstring(subpicture, prefix.count, subpicture.count - suffix.count)
        var mantissaPart = activePart
        var exponentPart: Units?
        let exponentPosition = indexOf(subpicture, p.exponentSeparator, from: prefix.count)
        if exponentPosition != -1 && exponentPosition <= subpicture.count - suffix.count {
            // jsonata slices activePart with an index into the whole sub-picture; kept as is.
            mantissaPart = jsSubstring(activePart, 0, exponentPosition)
            exponentPart = jsSubstring(activePart, exponentPosition + 1, activePart.count)
        }
        let decimalPosition = indexOf(mantissaPart, p.decimalSeparator)
        let integerPart: Units
        let fractionalPart: Units
        if decimalPosition == -1 {
            integerPart = mantissaPart
            fractionalPart = suffix
        } else {
            integerPart = jsSubstring(mantissaPart, 0, decimalPosition)
            fractionalPart = jsSubstring(mantissaPart, decimalPosition + 1, mantissaPart.count)
        }
        return Parts(
            prefix: prefix, suffix: suffix, activePart: activePart, mantissaPart: mantissaPart,
            exponentPart: exponentPart, integerPart: integerPart, fractionalPart: fractionalPart,
            subpicture: subpicture)
    }

    /// Every rule is checked and the last failing one wins, as in jsonata-js.
    private static func validate(_ parts: Parts, _ p: Properties) throws(JSONataError) {
        var error: String?
        let sub = parts.subpicture
        let decimalPos = indexOf(sub, p.decimalSeparator)
        if decimalPos != lastIndexOf(sub, p.decimalSeparator) { error = "D3081" }
        if indexOf(sub, p.percent) != lastIndexOf(sub, p.percent) { error = "D3082" }
        if indexOf(sub, p.perMille) != lastIndexOf(sub, p.perMille) { error = "D3083" }
        if indexOf(sub, p.percent) != -1 && indexOf(sub, p.perMille) != -1 { error = "D3084" }
        if !parts.mantissaPart.contains(where: p.isDigitOrOptional) { error = "D3085" }
        if parts.activePart.contains(where: { !p.isActive($0) }) { error = "D3086" }
        if decimalPos != -1 {
            if charAt(sub, decimalPos - 1) == p.groupingSeparator || charAt(sub, decimalPos + 1) == p.groupingSeparator {
                error = "D3087"
            }
        } else if charAt(parts.integerPart, parts.integerPart.count - 1) == p.groupingSeparator {
            error = "D3088"
        }
        if indexOf(sub, p.groupingSeparator + p.groupingSeparator) != -1 { error = "D3089" }
        let optionalInInteger = indexOf(parts.integerPart, p.digit)
        if optionalInInteger != -1 && parts.integerPart[..<optionalInInteger].contains(where: p.isDigit) {
            error = "D3090"
        }
        let optionalInFraction = lastIndexOf(parts.fractionalPart, p.digit)
        if optionalInFraction != -1 && parts.fractionalPart[optionalInFraction...].contains(where: p.isDigit) {
            error = "D3091"
        }
        if let exponent = parts.exponentPart {
            if !exponent.isEmpty && (indexOf(sub, p.percent) != -1 || indexOf(sub, p.perMille) != -1) {
                error = "D3092"
            }
            if exponent.isEmpty || exponent.contains(where: { !p.isDigit($0) }) { error = "D3093" }
        }
        if let error { throw .formatting(error) }
    }

    private static func analyse(_ parts: Parts, _ p: Properties) -> Variables {
        func groupingPositions(_ part: Units, toLeft: Bool) -> [Int] {
            var positions: [Int] = []
            var position = indexOf(part, p.groupingSeparator)
            while position != -1 {
                let counted = toLeft ? jsSubstring(part, 0, position) : jsSubstring(part, position, part.count)
                positions.append(counted.filter(p.isDigitOrOptional).count)
                // jsonata searches the integer part for the next one even when scanning the
                // fractional part; reproduced because it decides which separators are found.
                position = indexOf(parts.integerPart, p.groupingSeparator, from: position + 1)
            }
            return positions
        }
        let integerPositions = groupingPositions(parts.integerPart, toLeft: false)
        var regular = 0
        if let first = integerPositions.first {
            let factor = integerPositions.dropFirst().reduce(first) { IntegerPicture.gcd($0, $1) }
            regular = factor
            for index in 1...integerPositions.count where !integerPositions.contains(index * factor) {
                regular = 0
                break
            }
        }
        let fractionalPositions = groupingPositions(parts.fractionalPart, toLeft: true)
        var minimumIntegerPartSize = parts.integerPart.filter(p.isDigit).count
        let scalingFactor = minimumIntegerPartSize
        var minimumFractionalPartSize = parts.fractionalPart.filter(p.isDigit).count
        var maximumFractionalPartSize = parts.fractionalPart.filter(p.isDigitOrOptional).count
        let exponentPresent = parts.exponentPart != nil
        if minimumIntegerPartSize == 0 && maximumFractionalPartSize == 0 {
            if exponentPresent {
                minimumFractionalPartSize = 1
                maximumFractionalPartSize = 1
            } else {
                minimumIntegerPartSize = 1
            }
        }
        if exponentPresent && minimumIntegerPartSize == 0 && indexOf(parts.integerPart, p.digit) != -1 {
            minimumIntegerPartSize = 1
        }
        if minimumIntegerPartSize == 0 && minimumFractionalPartSize == 0 {
            minimumFractionalPartSize = 1
        }
        let minimumExponentSize = parts.exponentPart.map { $0.filter(p.isDigit).count } ?? 0
        return Variables(
            integerPartGroupingPositions: integerPositions, regularGrouping: regular,
            minimumIntegerPartSize: minimumIntegerPartSize, scalingFactor: scalingFactor, prefix: parts.prefix,
            fractionalPartGroupingPositions: fractionalPositions, minimumFractionalPartSize: minimumFractionalPartSize,
            maximumFractionalPartSize: maximumFractionalPartSize, minimumExponentSize: minimumExponentSize,
            suffix: parts.suffix, picture: parts.subpicture)
    }

    // MARK: F&O 4.7.5: format the number (bullets 3-14)

    private static func render(_ value: Double, _ pic: Variables, _ p: Properties) -> String {
        var adjusted = value
        if indexOf(pic.picture, p.percent) != -1 {
            adjusted = value * 100
        } else if indexOf(pic.picture, p.perMille) != -1 {
            adjusted = value * 1000
        }
        var mantissa = adjusted
        var exponent: Double?
        if pic.minimumExponentSize != 0 {
            let maxMantissa = power10(pic.scalingFactor)
            let minMantissa = power10(pic.scalingFactor - 1)
            var e = 0.0
            // jsonata 2.0.6 loops forever on zero and on negative numbers here; later releases
            // compare magnitudes and leave zero alone, which is what this does.
            if mantissa != 0 && mantissa.isFinite {
                while mantissa.magnitude < minMantissa {
                    mantissa *= 10
                    e -= 1
                }
                while mantissa.magnitude > maxMantissa {
                    mantissa /= 10
                    e += 1
                }
            }
            exponent = e
        }
        let rounded = JSNumberText.roundHalfEven(mantissa, precision: pic.maximumFractionalPartSize)
        var s = makeString(rounded, pic.maximumFractionalPartSize, p)
        let point = indexOf(s, [0x2E])
        if point == -1 {
            s += p.decimalSeparator
        } else {
            s.replaceSubrange(point..<(point + 1), with: p.decimalSeparator)
        }
        while !s.isEmpty && charAt(s, 0) == p.zeroDigit { s.removeFirst() }
        while !s.isEmpty && charAt(s, s.count - 1) == p.zeroDigit { s.removeLast() }
        var decimalPos = indexOf(s, p.decimalSeparator)
        let padLeft = pic.minimumIntegerPartSize - decimalPos
        let padRight = pic.minimumFractionalPartSize - (s.count - decimalPos - 1)
        if padLeft > 0 { s = repeated(p.zeroDigit, padLeft) + s }
        if padRight > 0 { s += repeated(p.zeroDigit, padRight) }
        decimalPos = indexOf(s, p.decimalSeparator)
        if pic.regularGrouping > 0 {
            let groupCount = Int((Double(decimalPos - 1) / Double(pic.regularGrouping)).rounded(.down))
            if groupCount >= 1 {
                for group in 1...groupCount {
                    let at = decimalPos - group * pic.regularGrouping
                    s = jsSlice(s, 0, at) + p.groupingSeparator + jsSlice(s, at, s.count)
                }
            }
        } else {
            for position in pic.integerPartGroupingPositions {
                let at = decimalPos - position
                s = jsSlice(s, 0, at) + p.groupingSeparator + jsSlice(s, at, s.count)
                decimalPos += 1
            }
        }
        decimalPos = indexOf(s, p.decimalSeparator)
        for position in pic.fractionalPartGroupingPositions {
            let at = position + decimalPos + 1
            s = jsSlice(s, 0, at) + p.groupingSeparator + jsSlice(s, at, s.count)
        }
        decimalPos = indexOf(s, p.decimalSeparator)
        if indexOf(pic.picture, p.decimalSeparator) == -1 || decimalPos == s.count - 1 {
            if !s.isEmpty { s.removeLast() }
        }
        if let exponent {
            var exponentText = makeString(exponent, 0, p)
            let pad = pic.minimumExponentSize - exponentText.count
            if pad > 0 { exponentText = repeated(p.zeroDigit, pad) + exponentText }
            s += p.exponentSeparator + (exponent < 0 ? p.minusSign : []) + exponentText
        }
        return String(decoding: pic.prefix + s + pic.suffix, as: UTF16.self)
    }

    /// `Math.abs(value).toFixed(dp)` with ASCII digits swapped for the zero-digit's family.
    private static func makeString(_ value: Double, _ fractionDigits: Int, _ p: Properties) -> Units {
        let text = Array(JSNumberText.fixed(value.magnitude, fractionDigits: fractionDigits).utf16)
        guard p.zeroDigit != [0x30] else { return text }
        return text.map { unit in (0x30...0x39).contains(unit) ? p.digitFamily[Int(unit - 0x30)][0] : unit }
    }

    private static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }

    // MARK: JavaScript string primitives on UTF-16 code units

    private static func repeated(_ units: Units, _ count: Int) -> Units {
        Array([Units](repeating: units, count: count).joined())
    }

    private static func charAt(_ s: Units, _ index: Int) -> Units {
        index >= 0 && index < s.count ? [s[index]] : []
    }

    static func indexOf(_ s: [UInt16], _ needle: [UInt16], from start: Int = 0) -> Int {
        let begin = max(start, 0)
        if needle.isEmpty { return min(begin, s.count) }
        guard s.count >= needle.count, begin <= s.count - needle.count else { return -1 }
        for i in begin...(s.count - needle.count) where s[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return -1
    }

    static func lastIndexOf(_ s: [UInt16], _ needle: [UInt16]) -> Int {
        if needle.isEmpty { return s.count }
        guard s.count >= needle.count else { return -1 }
        for i in stride(from: s.count - needle.count, through: 0, by: -1)
        where s[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return -1
    }

    /// String.prototype.split with a string separator (an empty one splits into units).
    private static func split(_ s: Units, on separator: Units) -> [Units] {
        if separator.isEmpty { return s.map { [$0] } }
        var pieces: [Units] = []
        var start = 0
        var at = indexOf(s, separator)
        while at != -1 {
            pieces.append(Array(s[start..<at]))
            start = at + separator.count
            at = indexOf(s, separator, from: start)
        }
        pieces.append(Array(s[start...]))
        return pieces
    }

    /// String.prototype.substring: clamps to [0, length] and swaps reversed bounds.
    private static func jsSubstring(_ s: Units, _ a: Int, _ b: Int) -> Units {
        let x = min(max(a, 0), s.count)
        let y = min(max(b, 0), s.count)
        return Array(s[min(x, y)..<max(x, y)])
    }

    /// String.prototype.slice: negative bounds count from the end.
    private static func jsSlice(_ s: Units, _ a: Int, _ b: Int) -> Units {
        let x = a < 0 ? max(s.count + a, 0) : min(a, s.count)
        let y = b < 0 ? max(s.count + b, 0) : min(b, s.count)
        return x < y ? Array(s[x..<y]) : []
    }
}
