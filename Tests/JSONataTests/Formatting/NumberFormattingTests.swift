import Testing

@testable import JSONata

struct FormatNumberCase: Sendable, CustomTestStringConvertible {
    let id: String
    let value: Double
    let picture: String
    let options: [String: String]?
    let expected: PictureExpectation<String>
    init(_ id: String, _ value: Double, _ picture: String, _ options: [String: String]?, _ expected: PictureExpectation<String>) {
        (self.id, self.value, self.picture, self.options, self.expected) = (id, value, picture, options, expected)
    }
    var testDescription: String { id }
}

/// Transcribed from the shared suite's `function-formatNumber` group (2.0.6 cases with literal
/// arguments; arithmetic arguments such as `2392.14*(-36.58)` are written as their double result).
let formatNumberSuiteCases: [FormatNumberCase] = [
    FormatNumberCase("function-formatNumber/case000", 12345.6, "#,###.00", nil, .value("12,345.60")),
    FormatNumberCase("function-formatNumber/case001", 12345678.9, "9,999.99", nil, .value("12,345,678.90")),
    FormatNumberCase("function-formatNumber/case002", 123412345678.9, "9,9,99.99", nil, .value("123412345,6,78.90")),
    FormatNumberCase("function-formatNumber/case003", 1234.56789, "9,999.999,999", nil, .value("1,234.567,890")),
    FormatNumberCase("function-formatNumber/case004", 123.9, "9999", nil, .value("0124")),
    FormatNumberCase("function-formatNumber/case005", 0.14, "01%", nil, .value("14%")),
    FormatNumberCase("function-formatNumber/case006", 0.4857, "###.###\u{2030}", nil, .value("485.7\u{2030}")),
    FormatNumberCase("function-formatNumber/case007", 0.14, "###pm", ["per-mille": "pm"], .value("140pm")),
    FormatNumberCase("function-formatNumber/case008", -6, "000", nil, .value("-006")),
    FormatNumberCase("function-formatNumber/case009", 1234.5678, "00.000e0", nil, .value("12.346e2")),
    FormatNumberCase("function-formatNumber/case010", 1234.5678, "00.000e000", nil, .value("12.346e002")),
    FormatNumberCase("function-formatNumber/case011", 1234.5678, "\u{2460}\u{2460}.\u{2460}\u{2460}\u{2460}e\u{2460}", ["zero-digit": "\u{245F}"], .value("\u{2460}\u{2461}.\u{2462}\u{2463}\u{2465}e\u{2461}")),
    FormatNumberCase("function-formatNumber/case012", 0.234, "0.0e0", nil, .value("2.3e-1")),
    FormatNumberCase("function-formatNumber/case013", 0.234, "#.00e0", nil, .value("0.23e0")),
    FormatNumberCase("function-formatNumber/case014", 0.123, "#.e9", nil, .value("0.1e0")),
    FormatNumberCase("function-formatNumber/case015", 0.234, ".00e0", nil, .value(".23e0")),
    FormatNumberCase("function-formatNumber/case016", -87504.4812, "000,000.000###;###,###.000###", nil, .value("87,504.4812")),
    FormatNumberCase("function-formatNumber/case017", 185.2812, "PREFIX##00.000###SUFFIX", nil, .value("PREFIX185.2812SUFFIX")),
    FormatNumberCase("function-formatNumber/case018", 1e20, "#,######", nil, .value("100,000000,000000,000000")),
    FormatNumberCase("function-formatNumber/case019", 20, "#;#;#", nil, .error("D3080")),
    FormatNumberCase("function-formatNumber/case020", 20, "#.0.0", nil, .error("D3081")),
    FormatNumberCase("function-formatNumber/case021", 20, "#0%%", nil, .error("D3082")),
    FormatNumberCase("function-formatNumber/case022", 20, "#0\u{2030}\u{2030}", nil, .error("D3083")),
    FormatNumberCase("function-formatNumber/case023", 20, "#0%\u{2030}", nil, .error("D3084")),
    FormatNumberCase("function-formatNumber/case024", 20, ".e0", nil, .error("D3085")),
    FormatNumberCase("function-formatNumber/case025", 20, "0+.e0", nil, .error("D3086")),
    FormatNumberCase("function-formatNumber/case026", 20, "0,.e0", nil, .error("D3087")),
    FormatNumberCase("function-formatNumber/case027", 20, "0,", nil, .error("D3088")),
    FormatNumberCase("function-formatNumber/case028", 20, "0,,0", nil, .error("D3089")),
    FormatNumberCase("function-formatNumber/case029", 20, "0#.e0", nil, .error("D3090")),
    FormatNumberCase("function-formatNumber/case030", 20, "#0.#0e0", nil, .error("D3091")),
    FormatNumberCase("function-formatNumber/case031", 20, "#0.0e0%", nil, .error("D3092")),
    FormatNumberCase("function-formatNumber/case032", 20, "#0.0e0,0", nil, .error("D3093")),
    FormatNumberCase("function-formatNumber/case033", 2, "000.000", nil, .value("002.000")),
    FormatNumberCase("function-formatNumber/case034", 2, "AAA.AAA", ["zero-digit": "A"], .value("AAC.AAA")),
    FormatNumberCase("function-formatNumber/case035", 0.1, "AeAAA", ["zero-digit": "A"], .value("Be-AAB")),
]

/// Cases added after 2.0.6 for pictures on which 2.0.6 itself hangs (an exponent picture with zero
/// or a negative number) or crashes (a picture with no active character). We follow the later
/// releases there, since a hang or a JS TypeError is not a behaviour anyone can depend on.
let formatNumberAdoptedLaterCases: [FormatNumberCase] = [
    FormatNumberCase("function-formatNumber/issue785[0]", 0, "0e0", nil, .value("0e0")),
    FormatNumberCase("function-formatNumber/issue785[1]", -42, "0e0", nil, .value("-4e1")),
    FormatNumberCase("function-formatNumber/issue785[2]", 42, "0e0", nil, .value("4e1")),
    FormatNumberCase("function-formatNumber/issue785[3]", 0, "0.00e0", nil, .value("0.00e0")),
    FormatNumberCase("function-formatNumber/issue786[0]", 42, "%%", nil, .error("D3086")),
    FormatNumberCase("function-formatNumber/issue786[1]", 42, "\u{2030}\u{2030}", nil, .error("D3086")),
    FormatNumberCase("function-formatNumber/issue786[2]", 42, "%\u{2030}", nil, .error("D3086")),
    FormatNumberCase("function-formatNumber/issue786[3]", 42, "---", nil, .error("D3086")),
]

@Suite("Decimal format pictures")
struct NumberFormattingTests {
    @Test("$formatNumber applies F&O decimal-format pictures, options and picture errors as jsonata-js 2.0.6", arguments: formatNumberSuiteCases)
    func formatNumberMatchesSuite(_ c: FormatNumberCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> String? in
            try NumberPictureFormatting.formatNumber(c.value, picture: c.picture, options: c.options)
        }
        #expect(actual == c.expected)
    }

    @Test("Exponent pictures terminate for zero and negative numbers, and all-passive pictures report D3086", arguments: formatNumberAdoptedLaterCases)
    func formatNumberFollowsLaterFixesWhere206CannotAnswer(_ c: FormatNumberCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> String? in
            try NumberPictureFormatting.formatNumber(c.value, picture: c.picture, options: c.options)
        }
        #expect(actual == c.expected)
    }

    @Test("Rounding is half-to-even on the decimal text, not on the binary value")
    func roundingIsHalfEvenOnDecimalDigits() throws {
        #expect(try NumberPictureFormatting.formatNumber(0.125, picture: "0.00", options: nil) == "0.12")
        #expect(try NumberPictureFormatting.formatNumber(0.135, picture: "0.00", options: nil) == "0.14")
        #expect(try NumberPictureFormatting.formatNumber(1.005, picture: "0.00", options: nil) == "1.00")
        #expect(try NumberPictureFormatting.formatNumber(2.5, picture: "0", options: nil) == "2")
    }

    @Test("Custom separators and minus sign replace the defaults in the output")
    func decimalFormatOptionsReplaceSymbols() throws {
        let options = ["decimal-separator": ",", "grouping-separator": ".", "minus-sign": "\u{2212}"]
        #expect(try NumberPictureFormatting.formatNumber(-1234567.891, picture: "#.##0,00", options: options) == "\u{2212}1.234.567,89")
    }

    @Test("Picture errors carry jsonata's message text")
    func pictureErrorsCarryJsonataMessages() {
        #expect(throws: JSONataError(code: "D3080", message: "The picture string must only contain a maximum of two sub-pictures")) {
            try NumberPictureFormatting.formatNumber(1, picture: "0;0;0", options: nil)
        }
    }
}
