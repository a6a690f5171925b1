import JSONValue

/// A grouping-separator-sign in a decimal digit pattern, `position` digits from the right.
struct GroupingSeparator: Sendable, Equatable {
    var position: Int
    var character: String
}

/// An analysed `fn:format-integer` picture (jsonata-js `analyseIntegerPicture`), shared by
/// `$formatInteger`, `$parseInteger` and the integer-valued date/time components.
struct IntegerPicture: Sendable {
    enum Primary: Sendable { case decimal, letters, roman, words, sequence }
    enum LetterCase: Sendable { case upper, lower, title }

    var primary: Primary = .decimal
    var letterCase: LetterCase = .lower
    var ordinal = false
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    /// Non-nil when the separators repeat at one interval with one character.
    var regularGrouping: GroupingSeparator?
    var groupingSeparators: [GroupingSeparator] = []
    /// The unsupported numbering-sequence token, reported by D3130.
    var token = ""
    /// Set when another integer marker follows directly in a date/time picture: parsing then
    /// needs an exact digit count to know where this component ends.
    var parseWidth: Int?

    /// The first code point of each Unicode decimal digit block jsonata recognises.
    static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
        0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    init(analysing picture: String) throws(JSONataError) {
        var primaryFormat = Substring(picture)
        if let semicolon = picture.lastIndex(of: ";") {
            primaryFormat = picture[..<semicolon]
            let modifier = picture[picture.index(after: semicolon)...]
            ordinal = modifier.unicodeScalars.first == "o"
        }
        switch primaryFormat {
        case "A":
            letterCase = .upper
            primary = .letters
        case "a":
            primary = .letters
        case "I":
            letterCase = .upper
            primary = .roman
        case "i":
            primary = .roman
        case "W":
            letterCase = .upper
            primary = .words
        case "Ww":
            letterCase = .title
            primary = .words
        case "w":
            primary = .words
        default:
            try analyseDecimal(primaryFormat)
        }
    }

    private mutating func analyseDecimal(_ pattern: Substring) throws(JSONataError) {
        var zero: UInt32?
        var separators: [GroupingSeparator] = []
        var separatorPosition = 0
        // Walking from the right gives each separator its distance from the units digit.
        for scalar in pattern.unicodeScalars.reversed() {
            if let group = Self.decimalGroups.first(where: { scalar.value >= $0 && scalar.value <= $0 + 9 }) {
                mandatoryDigits += 1
                separatorPosition += 1
                if let zero, zero != group { throw .formatting("D3131") }
                zero = group
            } else if scalar == "#" {
                separatorPosition += 1
                optionalDigits += 1
            } else {
                separators.append(GroupingSeparator(position: separatorPosition, character: String(scalar)))
            }
        }
        guard mandatoryDigits > 0, let zero else {
            primary = .sequence
            token = String(pattern)
            return
        }
        primary = .decimal
        zeroCode = zero
        let interval = Self.regularInterval(separators)
        if interval > 0 {
            regularGrouping = GroupingSeparator(position: interval, character: separators[0].character)
        } else {
            groupingSeparators = separators
        }
    }

    /// The common interval when every separator is the same character at a multiple of it
    /// (and every multiple up to their count is used); 0 otherwise.
    private static func regularInterval(_ separators: [GroupingSeparator]) -> Int {
        guard let first = separators.first else { return 0 }
        guard separators.allSatisfy({ $0.character == first.character }) else { return 0 }
        let positions = separators.map(\.position)
        let factor = positions.dropFirst().reduce(positions[0]) { gcd($0, $1) }
        for index in 1...positions.count where !positions.contains(index * factor) { return 0 }
        return factor
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    // MARK: Formatting

    /// jsonata-js `_formatInteger`: `value` is already an integer (or NaN/∞, which JS lets through).
    func format(_ value: Double) throws(JSONataError) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var text: String
        switch primary {
        case .letters:
            guard !magnitude.isInfinite else { throw .formatting("U1001") }
            text = Self.letters(magnitude, upper: letterCase == .upper)
        case .roman:
            text = try Self.roman(magnitude)
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            text = try NumberWords.words(magnitude, ordinal: ordinal)
            if letterCase == .upper {
                text = text.uppercased()
            } else if letterCase == .lower {
                text = text.lowercased()
            }
        case .decimal:
            text = formatDecimal(magnitude)
        case .sequence:
            throw .formatting("D3130", value: .string(token))
        }
        return negative ? "-" + text : text
    }

    private func formatDecimal(_ magnitude: Double) -> String {
        var scalars = Array(JSNumberText.string(magnitude).unicodeScalars)
        if mandatoryDigits > scalars.count {
            scalars = Array(repeating: "0", count: mandatoryDigits - scalars.count) + scalars
        }
        if zeroCode != 0x30 {
            scalars = scalars.map { Unicode.Scalar($0.value + zeroCode - 0x30) ?? $0 }
        }
        var text = scalars.map(String.init)
        if let regular = regularGrouping {
            let count = (text.count - 1) / regular.position
            if count > 0 {
                for ii in stride(from: count, to: 0, by: -1) {
                    Self.insert(regular.character, into: &text, at: text.count - ii * regular.position)
                }
            }
        } else {
            for separator in groupingSeparators.reversed() {
                Self.insert(separator.character, into: &text, at: text.count - separator.position)
            }
        }
        if ordinal {
            let last = text.last ?? ""
            var suffix: String
            switch last {
            case "1": suffix = "st"
            case "2": suffix = "nd"
            case "3": suffix = "rd"
            default: suffix = "th"
            }
            if text.count > 1 && text[text.count - 2] == "1" { suffix = "th" }
            text.append(suffix)
        }
        return text.joined()
    }

    /// `s.substr(0, pos) + sep + s.substr(pos)`, including what JS's substr does with a negative
    /// position (counts from the end, so digits before it are dropped).
    private static func insert(_ separator: String, into text: inout [String], at position: Int) {
        if position >= 0 {
            text.insert(separator, at: min(position, text.count))
        } else {
            text = [separator] + text[max(text.count + position, 0)...]
        }
    }

    static func letters(_ value: Double, upper: Bool) -> String {
        let a: UInt32 = upper ? 65 : 97
        var letters: [Character] = []
        var v = value
        while v > 0 {
            let offset = (v - 1).truncatingRemainder(dividingBy: 26)
            letters.append(Character(Unicode.Scalar(UInt32(offset) + a) ?? "?"))
            v = ((v - 1) / 26).rounded(.down)
        }
        return String(letters.reversed())
    }

    private static let romanNumerals: [(Double, String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    /// jsonata recurses once per numeral; V8 runs out of stack long before this many, so larger
    /// values fail as its stack overflow does instead of building megabytes of 'm'.
    private static let romanLimit = 10_000_000.0

    static func roman(_ value: Double) throws(JSONataError) -> String {
        guard value < romanLimit else { throw .formatting("U1001") }
        var out = ""
        var v = value
        var index = 0
        while index < romanNumerals.count {
            let (amount, numeral) = romanNumerals[index]
            if v >= amount {
                out += numeral
                v -= amount
            } else {
                index += 1
            }
        }
        return out
    }

    // MARK: Parsing

    /// jsonata-js `parseInteger`'s per-format parse: it does not validate against the picture,
    /// so stray text yields NaN or a partial number exactly as JS's parseInt would.
    func parse(_ text: String) throws(JSONataError) -> Double {
        switch primary {
        case .letters:
            let a: Double = letterCase == .upper ? 65 : 97
            var decimal = 0.0
            for (i, unit) in text.utf16.reversed().enumerated() {
                decimal += (Double(unit) - a + 1) * pow26(i)
            }
            return decimal
        case .roman:
            return Self.romanValue(letterCase == .upper ? text : text.uppercased())
        case .words:
            return NumberWords.value(of: text.lowercased())
        case .decimal:
            var units = Array(text.utf16)
            if ordinal { units = Array(units.dropLast(2)) }
            var digits = String(decoding: units, as: UTF16.self)
            let strip = regularGrouping != nil ? [","] : groupingSeparators.map(\.character)
            for separator in strip { digits = digits.split(separator: separator, omittingEmptySubsequences: false).joined() }
            if zeroCode != 0x30 {
                let mapped = digits.utf16.map { unit -> String in
                    let shifted = Int(unit) - Int(zeroCode) + 0x30
                    return shifted >= 0 ? Unicode.Scalar(UInt32(shifted)).map(String.init) ?? "" : ""
                }
                digits = mapped.joined()
            }
            return JSNumberText.parseInt(digits)
        case .sequence:
            throw .formatting("D3130", value: .string(token))
        }
    }

    private func pow26(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 26 }
        return result
    }

    static func romanValue(_ roman: String) -> Double {
        var decimal = 0.0
        var max = 1.0
        for unit in roman.utf16.reversed() {
            let value: Double
            switch unit {
            case 77: value = 1000  // M
            case 68: value = 500  // D
            case 67: value = 100  // C
            case 76: value = 50  // L
            case 88: value = 10  // X
            case 86: value = 5  // V
            case 73: value = 1  // I
            default: value = .nan  // JS's `undefined` poisons the sum the same way
            }
            if value < max {
                decimal -= value
            } else {
                max = value
                decimal += value
            }
        }
        return decimal
    }
}

/// English cardinal and ordinal number words as jsonata-js spells them ("and" after hundreds,
/// commas between magnitudes, "thousand trillion" beyond trillions).
enum NumberWords {
    static let few = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ]
    static let ordinals = [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ]
    static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
    static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    static func words(_ value: Double, ordinal: Bool) throws(JSONataError) -> String {
        // jsonata's recursion never bottoms out for these; V8 reports a stack overflow.
        guard value.isFinite else { throw .formatting("U1001") }
        return lookup(value, prev: false, ord: ordinal)
    }

    private static func lookup(_ num: Double, prev: Bool, ord: Bool) -> String {
        var words: String
        if num <= 19 {
            let index = Int(num)
            words = (prev ? " and " : "") + (ord ? ordinals[index] : few[index])
        } else if num < 100 {
            let tens = Int((num / 10).rounded(.down))
            let remainder = num.truncatingRemainder(dividingBy: 10)
            words = (prev ? " and " : "") + decades[tens - 2]
            if remainder > 0 {
                words += "-" + lookup(remainder, prev: false, ord: ord)
            } else if ord {
                words = String(words.dropLast()) + "ieth"
            }
        } else if num < 1000 {
            let hundreds = Int((num / 100).rounded(.down))
            let remainder = num.truncatingRemainder(dividingBy: 100)
            words = (prev ? ", " : "") + few[hundreds] + " Hundred"
            if remainder > 0 {
                words += lookup(remainder, prev: true, ord: ord)
            } else if ord {
                words += "th"
            }
        } else {
            // floor(log10(num) / 3) capped at trillions; comparing against exact powers of 1000
            // avoids depending on the platform's log10 rounding.
            var mag = 1
            var factor = 1000.0
            while mag < magnitudes.count && num >= factor * 1000 {
                mag += 1
                factor *= 1000
            }
            let mant = (num / factor).rounded(.down)
            let remainder = num - mant * factor
            words = (prev ? ", " : "") + lookup(mant, prev: false, ord: false) + " " + magnitudes[mag - 1]
            if remainder > 0 {
                words += lookup(remainder, prev: true, ord: ord)
            } else if ord {
                words += "th"
            }
        }
        return words
    }

    /// Every word jsonata's parser knows with its value, in its insertion order: the order is the
    /// alternation order of the regular expression it builds for date/time parsing.
    static let wordValues: [(word: String, value: Double)] = {
        var list: [(String, Double)] = []
        func add(_ word: String, _ value: Double) {
            if !list.contains(where: { $0.0 == word }) { list.append((word, value)) }
        }
        for (i, word) in few.enumerated() { add(word.lowercased(), Double(i)) }
        for (i, word) in ordinals.enumerated() { add(word.lowercased(), Double(i)) }
        for (i, word) in decades.enumerated() {
            let lower = word.lowercased()
            add(lower, Double((i + 2) * 10))
            add(String(lower.dropLast()) + "ieth", Double((i + 2) * 10))
        }
        add("hundredth", 100)
        var power = 1.0
        for word in magnitudes {
            power *= 1000
            add(word.lowercased(), power)
            add(word.lowercased() + "th", power)
        }
        return list
    }()

    private static let valueByWord: [String: Double] = Dictionary(
        wordValues.map { ($0.word, $0.value) }, uniquingKeysWith: { first, _ in first })

    /// jsonata-js `wordsToNumber`: splits on `/,\s|\sand\s|[\s\\-]/` and folds magnitudes.
    static func value(of text: String) -> Double {
        let values = split(text).map { valueByWord[$0] ?? .nan }
        var segs: [Double] = [0]
        for value in values {
            if value < 100 {
                var top = segs.removeLast()
                if top >= 1000 {
                    segs.append(top)
                    top = 0
                }
                segs.append(top + value)
            } else {
                segs.append(segs.removeLast() * value)
            }
        }
        return segs.reduce(0, +)
    }

    private static func split(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func isSpace(_ at: Int) -> Bool { at < s.count && JSNumberText.isJSWhiteSpace(s[at]) }
        while i < s.count {
            var separatorLength = 0
            if s[i] == ",", isSpace(i + 1) {
                separatorLength = 2
            } else if isSpace(i), i + 4 < s.count, s[i + 1] == "a", s[i + 2] == "n", s[i + 3] == "d", isSpace(i + 4) {
                separatorLength = 5
            } else if isSpace(i) || s[i] == "\\" || s[i] == "-" {
                separatorLength = 1
            }
            if separatorLength > 0 {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                i += separatorLength
            } else {
                current.append(s[i])
                i += 1
            }
        }
        parts.append(String(current))
        return parts
    }
}
