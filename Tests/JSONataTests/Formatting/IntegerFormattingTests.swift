import Testing

@testable import JSONata

struct FormatIntegerCase: Sendable, CustomTestStringConvertible {
    let id: String
    let value: Double
    let picture: String
    let expected: PictureExpectation<String>
    init(_ id: String, _ value: Double, _ picture: String, _ expected: PictureExpectation<String>) {
        (self.id, self.value, self.picture, self.expected) = (id, value, picture, expected)
    }
    var testDescription: String { id }
}

struct ParseIntegerCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let picture: String
    let expected: PictureExpectation<Double>
    init(_ id: String, _ text: String, _ picture: String, _ expected: PictureExpectation<Double>) {
        (self.id, self.text, self.picture, self.expected) = (id, text, picture, expected)
    }
    var testDescription: String { id }
}

struct FormatBaseCase: Sendable, CustomTestStringConvertible {
    let id: String
    let value: Double
    let radix: Double?
    let expected: PictureExpectation<String>
    init(_ id: String, _ value: Double, _ radix: Double?, _ expected: PictureExpectation<String>) {
        (self.id, self.value, self.radix, self.expected) = (id, value, radix, expected)
    }
    var testDescription: String { id }
}

/// Transcribed from the shared suite's `function-formatInteger` group (2.0.6 cases with literal arguments).
let formatIntegerSuiteCases: [FormatIntegerCase] = [
    FormatIntegerCase("function-formatInteger/formatInteger[1]", 123, "000", .value("123")),
    FormatIntegerCase("function-formatInteger/formatInteger[2]", 123, "0000", .value("0123")),
    FormatIntegerCase("function-formatInteger/formatInteger[3]", -3, "0000", .value("-0003")),
    FormatIntegerCase("function-formatInteger/formatInteger[4]", 1234, "0;c", .value("1234")),
    FormatIntegerCase("function-formatInteger/formatInteger[5]", 1234, "###0", .value("1234")),
    FormatIntegerCase("function-formatInteger/formatInteger[6]", 12, "###0", .value("12")),
    FormatIntegerCase("function-formatInteger/formatInteger[7]", 12.6, "###0", .value("12")),
    FormatIntegerCase("function-formatInteger/formatInteger[8]", 123, "000;o", .value("123rd")),
    FormatIntegerCase("function-formatInteger/formatInteger[9]", 1, "0;o", .value("1st")),
    FormatIntegerCase("function-formatInteger/formatInteger[10]", 28, "#0;o", .value("28th")),
    FormatIntegerCase("function-formatInteger/formatInteger[11]", 1234, "###0;o", .value("1234th")),
    FormatIntegerCase("function-formatInteger/formatInteger[12]", 12, "###0;o", .value("12th")),
    FormatIntegerCase("function-formatInteger/formatInteger[13]", 12340, "###\u{661}", .value("\u{661}\u{662}\u{663}\u{664}\u{660}")),
    FormatIntegerCase("function-formatInteger/formatInteger[14]", 12340, "###\u{FF10}", .value("\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF10}")),
    FormatIntegerCase("function-formatInteger/formatInteger[15]", 12340, "##0\u{FF10}", .error("D3131")),
    FormatIntegerCase("function-formatInteger/formatInteger[16]", 12, "#,##0", .value("12")),
    FormatIntegerCase("function-formatInteger/formatInteger[17]", 1200, "#,##0", .value("1,200")),
    FormatIntegerCase("function-formatInteger/formatInteger[18]", 120000, "#,##0", .value("120,000")),
    FormatIntegerCase("function-formatInteger/formatInteger[19]", 12345678, "#,##0", .value("12,345,678")),
    FormatIntegerCase("function-formatInteger/formatInteger[20]", 1234567890, "#,##0", .value("1,234,567,890")),
    FormatIntegerCase("function-formatInteger/formatInteger[21]", 1234567890, "#,###,##0", .value("1,234,567,890")),
    FormatIntegerCase("function-formatInteger/formatInteger[22]", 1234567890, "#:###,##0", .value("1234:567,890")),
    FormatIntegerCase("function-formatInteger/formatInteger[23]", 1234567890, "##,##,##0", .value("12345,67,890")),
    FormatIntegerCase("function-formatInteger/formatInteger[24]", 0, "I", .value("")),
    FormatIntegerCase("function-formatInteger/formatInteger[25]", 1984, "I", .value("MCMLXXXIV")),
    FormatIntegerCase("function-formatInteger/formatInteger[26]", 99, "i", .value("xcix")),
    FormatIntegerCase("function-formatInteger/formatInteger[27]", 12, "w", .value("twelve")),
    FormatIntegerCase("function-formatInteger/formatInteger[28]", 20, "w", .value("twenty")),
    FormatIntegerCase("function-formatInteger/formatInteger[29]", 34, "w", .value("thirty-four")),
    FormatIntegerCase("function-formatInteger/formatInteger[30]", 99, "W", .value("NINETY-NINE")),
    FormatIntegerCase("function-formatInteger/formatInteger[31]", 100, "w", .value("one hundred")),
    FormatIntegerCase("function-formatInteger/formatInteger[32]", 555, "W", .value("FIVE HUNDRED AND FIFTY-FIVE")),
    FormatIntegerCase("function-formatInteger/formatInteger[33]", 555, "Ww", .value("Five Hundred and Fifty-Five")),
    FormatIntegerCase("function-formatInteger/formatInteger[34]", 919, "w", .value("nine hundred and nineteen")),
    FormatIntegerCase("function-formatInteger/formatInteger[35]", 730, "w", .value("seven hundred and thirty")),
    FormatIntegerCase("function-formatInteger/formatInteger[36]", 1000, "w", .value("one thousand")),
    FormatIntegerCase("function-formatInteger/formatInteger[37]", 3730, "w", .value("three thousand, seven hundred and thirty")),
    FormatIntegerCase("function-formatInteger/formatInteger[38]", 327730, "w", .value("three hundred and twenty-seven thousand, seven hundred and thirty")),
    FormatIntegerCase("function-formatInteger/formatInteger[39]", 4327730, "w", .value("four million, three hundred and twenty-seven thousand, seven hundred and thirty")),
    FormatIntegerCase("function-formatInteger/formatInteger[40]", 1000000000001, "w", .value("one trillion and one")),
    FormatIntegerCase("function-formatInteger/formatInteger[41]", 1234567890123, "w", .value("one trillion, two hundred and thirty-four billion, five hundred and sixty-seven million, eight hundred and ninety thousand, one hundred and twenty-three")),
    FormatIntegerCase("function-formatInteger/formatInteger[42]", 1000000000000000, "w", .value("one thousand trillion")),
    FormatIntegerCase("function-formatInteger/formatInteger[43]", 1e46, "w", .value("ten billion trillion trillion trillion")),
    FormatIntegerCase("function-formatInteger/formatInteger[44]", 1234567890123456, "w", .value("one thousand, two hundred and thirty-four trillion, five hundred and sixty-seven billion, eight hundred and ninety million, one hundred and twenty-three thousand, four hundred and fifty-six")),
    FormatIntegerCase("function-formatInteger/formatInteger[45]", 12, "w;o", .value("twelfth")),
    FormatIntegerCase("function-formatInteger/formatInteger[46]", 20, "w;o", .value("twentieth")),
    FormatIntegerCase("function-formatInteger/formatInteger[47]", 34, "w;o", .value("thirty-fourth")),
    FormatIntegerCase("function-formatInteger/formatInteger[48]", 99, "W;o", .value("NINETY-NINTH")),
    FormatIntegerCase("function-formatInteger/formatInteger[49]", 100, "w;o", .value("one hundredth")),
    FormatIntegerCase("function-formatInteger/formatInteger[50]", 555, "W;o", .value("FIVE HUNDRED AND FIFTY-FIFTH")),
    FormatIntegerCase("function-formatInteger/formatInteger[51]", 919, "w;o", .value("nine hundred and nineteenth")),
    FormatIntegerCase("function-formatInteger/formatInteger[52]", 730, "w;o", .value("seven hundred and thirtieth")),
    FormatIntegerCase("function-formatInteger/formatInteger[53]", 1000, "w;o", .value("one thousandth")),
    FormatIntegerCase("function-formatInteger/formatInteger[54]", 3731, "w;o", .value("three thousand, seven hundred and thirty-first")),
    FormatIntegerCase("function-formatInteger/formatInteger[55]", 327713, "w;o", .value("three hundred and twenty-seven thousand, seven hundred and thirteenth")),
    FormatIntegerCase("function-formatInteger/formatInteger[56]", 4327732, "w;o", .value("four million, three hundred and twenty-seven thousand, seven hundred and thirty-second")),
    FormatIntegerCase("function-formatInteger/formatInteger[57]", 1000000000001, "w;o", .value("one trillion and first")),
    FormatIntegerCase("function-formatInteger/formatInteger[58]", 1, "A", .value("A")),
    FormatIntegerCase("function-formatInteger/formatInteger[59]", 12, "a", .value("l")),
    FormatIntegerCase("function-formatInteger/formatInteger[60]", 26, "a", .value("z")),
    FormatIntegerCase("function-formatInteger/formatInteger[61]", 27, "a", .value("aa")),
    FormatIntegerCase("function-formatInteger/formatInteger[62]", 300, "A", .value("KN")),
    FormatIntegerCase("function-formatInteger/formatInteger[63]", 123456, "A", .value("FZPH")),
    FormatIntegerCase("function-formatInteger/formatInteger[64]", 123456, "\u{3B1}", .error("D3130")),
]

/// Transcribed from the shared suite's `function-parseInteger` group.
let parseIntegerSuiteCases: [ParseIntegerCase] = [
    ParseIntegerCase("function-parseInteger/parseInteger[1]", "123", "000", .value(123)),
    ParseIntegerCase("function-parseInteger/parseInteger[2]", "0123", "0000", .value(123)),
    ParseIntegerCase("function-parseInteger/parseInteger[3]", "1234", "0", .value(1234)),
    ParseIntegerCase("function-parseInteger/parseInteger[4]", "1234", "###0", .value(1234)),
    ParseIntegerCase("function-parseInteger/parseInteger[5]", "12", "###0", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[6]", "123rd", "000;o", .value(123)),
    ParseIntegerCase("function-parseInteger/parseInteger[7]", "1st", "0;o", .value(1)),
    ParseIntegerCase("function-parseInteger/parseInteger[8]", "28th", "#0;o", .value(28)),
    ParseIntegerCase("function-parseInteger/parseInteger[9]", "1234th", "###0;o", .value(1234)),
    ParseIntegerCase("function-parseInteger/parseInteger[10]", "12th", "###0;o", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[11]", "\u{661}\u{662}\u{663}\u{664}\u{660}", "###\u{661}", .value(12340)),
    ParseIntegerCase("function-parseInteger/parseInteger[12]", "\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF10}", "###\u{FF10}", .value(12340)),
    ParseIntegerCase("function-parseInteger/parseInteger[13]", "12", "#,##0", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[14]", "1,200", "#,##0", .value(1200)),
    ParseIntegerCase("function-parseInteger/parseInteger[15]", "12,345,678", "#,##0", .value(12345678)),
    ParseIntegerCase("function-parseInteger/parseInteger[16]", "1,234,567,890", "#,##0", .value(1234567890)),
    ParseIntegerCase("function-parseInteger/parseInteger[17]", "1,234,567,890", "#,###,##0", .value(1234567890)),
    ParseIntegerCase("function-parseInteger/parseInteger[18]", "1234:567,890", "#:###,##0", .value(1234567890)),
    ParseIntegerCase("function-parseInteger/parseInteger[19]", "12345,67,890", "##,##,##0", .value(1234567890)),
    ParseIntegerCase("function-parseInteger/parseInteger[20]", "", "I", .value(0)),
    ParseIntegerCase("function-parseInteger/parseInteger[21]", "MCMLXXXIV", "I", .value(1984)),
    ParseIntegerCase("function-parseInteger/parseInteger[22]", "xcix", "i", .value(99)),
    ParseIntegerCase("function-parseInteger/parseInteger[23]", "twelve", "w", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[24]", "twenty", "w", .value(20)),
    ParseIntegerCase("function-parseInteger/parseInteger[25]", "thirty-four", "w", .value(34)),
    ParseIntegerCase("function-parseInteger/parseInteger[26]", "NINETY-NINE", "W", .value(99)),
    ParseIntegerCase("function-parseInteger/parseInteger[27]", "one hundred", "w", .value(100)),
    ParseIntegerCase("function-parseInteger/parseInteger[28]", "FIVE HUNDRED AND FIFTY-FIVE", "W", .value(555)),
    ParseIntegerCase("function-parseInteger/parseInteger[29]", "Five Hundred and Fifty-Five", "Ww", .value(555)),
    ParseIntegerCase("function-parseInteger/parseInteger[30]", "nine hundred and nineteen", "w", .value(919)),
    ParseIntegerCase("function-parseInteger/parseInteger[31]", "seven hundred and thirty", "w", .value(730)),
    ParseIntegerCase("function-parseInteger/parseInteger[32]", "one thousand", "w", .value(1000)),
    ParseIntegerCase("function-parseInteger/parseInteger[33]", "three thousand, seven hundred and thirty", "w", .value(3730)),
    ParseIntegerCase("function-parseInteger/parseInteger[34]", "three hundred and twenty-seven thousand, seven hundred and thirty", "w", .value(327730)),
    ParseIntegerCase("function-parseInteger/parseInteger[35]", "four million, three hundred and twenty-seven thousand, seven hundred and thirty", "w", .value(4327730)),
    ParseIntegerCase("function-parseInteger/parseInteger[36]", "one trillion and one", "w", .value(1000000000001)),
    ParseIntegerCase("function-parseInteger/parseInteger[37]", "one trillion, two hundred and thirty-four billion, five hundred and sixty-seven million, eight hundred and ninety thousand, one hundred and twenty-three", "w", .value(1234567890123)),
    ParseIntegerCase("function-parseInteger/parseInteger[38]", "one thousand trillion", "w", .value(1000000000000000)),
    ParseIntegerCase("function-parseInteger/parseInteger[39]", "ten billion trillion trillion trillion", "w", .value(1e46)),
    ParseIntegerCase("function-parseInteger/parseInteger[40]", "twelfth", "w;o", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[41]", "twentieth", "w;o", .value(20)),
    ParseIntegerCase("function-parseInteger/parseInteger[42]", "thirty-fourth", "w;o", .value(34)),
    ParseIntegerCase("function-parseInteger/parseInteger[43]", "NINETY-NINTH", "W;o", .value(99)),
    ParseIntegerCase("function-parseInteger/parseInteger[44]", "one hundredth", "w;o", .value(100)),
    ParseIntegerCase("function-parseInteger/parseInteger[45]", "FIVE HUNDRED AND FIFTY-FIFTH", "W;o", .value(555)),
    ParseIntegerCase("function-parseInteger/parseInteger[46]", "nine hundred and nineteenth", "w;o", .value(919)),
    ParseIntegerCase("function-parseInteger/parseInteger[47]", "seven hundred and thirtieth", "w;o", .value(730)),
    ParseIntegerCase("function-parseInteger/parseInteger[48]", "Seven Hundred and Thirty-Third", "Ww;o", .value(733)),
    ParseIntegerCase("function-parseInteger/parseInteger[49]", "one thousandth", "w;o", .value(1000)),
    ParseIntegerCase("function-parseInteger/parseInteger[50]", "three thousand, seven hundred and thirty-first", "w;o", .value(3731)),
    ParseIntegerCase("function-parseInteger/parseInteger[51]", "three hundred and twenty-seven thousand, seven hundred and thirteenth", "w;o", .value(327713)),
    ParseIntegerCase("function-parseInteger/parseInteger[52]", "four million, three hundred and twenty-seven thousand, seven hundred and thirty-second", "w;o", .value(4327732)),
    ParseIntegerCase("function-parseInteger/parseInteger[53]", "one trillion and first", "w;o", .value(1000000000001)),
    ParseIntegerCase("function-parseInteger/parseInteger[54]", "A", "A", .value(1)),
    ParseIntegerCase("function-parseInteger/parseInteger[55]", "l", "a", .value(12)),
    ParseIntegerCase("function-parseInteger/parseInteger[56]", "z", "a", .value(26)),
    ParseIntegerCase("function-parseInteger/parseInteger[57]", "aa", "a", .value(27)),
    ParseIntegerCase("function-parseInteger/parseInteger[58]", "KN", "A", .value(300)),
    ParseIntegerCase("function-parseInteger/parseInteger[59]", "FZPH", "A", .value(123456)),
    ParseIntegerCase("function-parseInteger/parseInteger[60]", "50", "#", .error("D3130")),
]

/// Transcribed from the shared suite's `function-formatBase` group.
let formatBaseSuiteCases: [FormatBaseCase] = [
    FormatBaseCase("function-formatBase/case000", 100, nil, .value("100")),
    FormatBaseCase("function-formatBase/case002", 100, 2, .value("1100100")),
    FormatBaseCase("function-formatBase/case003", -100, 2, .value("-1100100")),
    FormatBaseCase("function-formatBase/case004", 100, 36, .value("2s")),
    FormatBaseCase("function-formatBase/case005", 99.5, 2.5, .value("1100100")),
    FormatBaseCase("function-formatBase/case006", 100, 1, .error("D3100")),
    FormatBaseCase("function-formatBase/case007", 100, 37, .error("D3100")),
]

@Suite("Integer pictures and radix conversion")
struct IntegerFormattingTests {
    @Test("$formatInteger renders digits, grouping, letters, roman numerals, words and ordinals as jsonata-js 2.0.6", arguments: formatIntegerSuiteCases)
    func formatIntegerMatchesSuite(_ c: FormatIntegerCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> String? in
            try NumberPictureFormatting.formatInteger(c.value, picture: c.picture)
        }
        #expect(actual == c.expected)
    }

    @Test("$parseInteger reads back every form $formatInteger writes", arguments: parseIntegerSuiteCases)
    func parseIntegerMatchesSuite(_ c: ParseIntegerCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> Double? in
            try NumberPictureFormatting.parseInteger(c.text, picture: c.picture)
        }
        #expect(samePictureNumber(actual, c.expected), "got \(actual)")
    }

    @Test("$formatBase rounds half-to-even, then prints like Number.prototype.toString(radix)", arguments: formatBaseSuiteCases)
    func formatBaseMatchesSuite(_ c: FormatBaseCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> String? in
            try NumberPictureFormatting.formatBase(c.value, radixNumber: c.radix)
        }
        #expect(actual == c.expected)
    }

    @Test("Separators outside the digits drop leading digits the way JS substr does")
    func irregularGroupingWiderThanTheNumberFollowsSubstr() throws {
        #expect(try NumberPictureFormatting.formatInteger(12, picture: "#:###,##0") == ",:12")
        #expect(try NumberPictureFormatting.formatInteger(1234, picture: "#:###,##0") == ",:34")
    }

    @Test("Ordinal suffixes follow the last two digits, so 11-13 take 'th'")
    func ordinalSuffixesUseTheTeensRule() throws {
        let rendered = try [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map {
            try NumberPictureFormatting.formatInteger(Double($0), picture: "0;o")
        }
        #expect(rendered == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"])
    }

    @Test("Negative numbers keep their sign in front of letters, roman numerals and words")
    func negativeValuesArePrefixedWithMinus() throws {
        #expect(try NumberPictureFormatting.formatInteger(-3, picture: "A") == "-C")
        #expect(try NumberPictureFormatting.formatInteger(-4, picture: "i") == "-iv")
        #expect(try NumberPictureFormatting.formatInteger(-21, picture: "w") == "-twenty-one")
    }

    @Test("Radix conversion of integers beyond 2^53 fills unrepresented digits with zeros as V8 does")
    func formatBaseBeyondDoublePrecisionPadsWithZeros() throws {
        #expect(try NumberPictureFormatting.formatBase(1e21, radix: 10) == "1e+21")
        #expect(try NumberPictureFormatting.formatBase(4294967296 * 4294967296, radix: 16) == "10000000000000000")
        #expect(try NumberPictureFormatting.formatBase(255, radix: 16) == "ff")
    }

    @Test("A radix error reports the rounded radix in jsonata's message")
    func formatBaseRadixErrorMessage() {
        #expect(throws: JSONataError(code: "D3100", message: "The radix of the formatBase function must be between 2 and 36.  It was given 37", value: .double(37))) {
            try NumberPictureFormatting.formatBase(100, radixNumber: 37)
        }
    }

    @Test("Parsing text that does not fit a roman or words picture yields NaN, as jsonata-js's parse does")
    func unparseableIntegerTextIsNaN() throws {
        #expect(try NumberPictureFormatting.parseInteger("MXQ", picture: "I")?.isNaN == true)
        #expect(try NumberPictureFormatting.parseInteger("eleventy", picture: "w")?.isNaN == true)
        #expect(try NumberPictureFormatting.parseInteger("abc", picture: "0")?.isNaN == true)
    }
}
