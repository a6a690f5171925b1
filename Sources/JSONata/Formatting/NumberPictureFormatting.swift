import JSONValue

/// `$formatNumber`, `$formatInteger`, `$parseInteger` and `$formatBase` as jsonata-js 2.0.6
/// implements them. The evaluator has already checked argument types and handled `undefined`.
enum NumberPictureFormatting {
    /// $formatNumber(number, picture, options?) with decimal-format options (decimal-separator, grouping-separator, exponent-separator, infinity, NaN, minus-sign, percent, per-mille, zero-digit, digit, pattern-separator)
    static func formatNumber(_ value: Double, picture: String, options: [String: String]?) throws(JSONataError) -> String {
        try DecimalPicture.format(value, picture: picture, options: options ?? [:])
    }

    /// $formatInteger(number, picture): decimal digit patterns, grouping, `a`/`A` letters, `i`/`I` roman, `w`/`W`/`Ww` words, ordinals `;o`, other digit families
    static func formatInteger(_ value: Double, picture: String) throws(JSONataError) -> String {
        let format = try IntegerPicture(analysing: picture)
        return try format.format(value.rounded(.down))
    }

    /// $parseInteger(string, picture): the inverse. Returns NaN where jsonata-js's parse yields NaN
    /// (text that does not fit the picture); never nil for a string argument.
    static func parseInteger(_ text: String, picture: String) throws(JSONataError) -> Double? {
        let format = try IntegerPicture(analysing: picture)
        return try format.parse(text)
    }

    /// $formatBase(number, radix?): JS Number.prototype.toString(radix) of the rounded number; radix default 10, must be 2...36 else D3100
    static func formatBase(_ value: Double, radix: Int?) throws(JSONataError) -> String {
        let rounded = JSNumberText.roundHalfEven(value, precision: 0)
        let base = radix ?? 10
        guard (2...36).contains(base) else { throw .formatting("D3100", value: .int(base)) }
        return JSNumberText.integerString(rounded, radix: base)
    }

    /// `$formatBase` for a radix still in JSONata's number form: jsonata-js rounds it half-to-even
    /// before the range check (`$formatBase(99.5, 2.5)` is base 2), so the evaluator can pass the
    /// argument through here instead of converting it to `Int` itself.
    static func formatBase(_ value: Double, radixNumber: Double?) throws(JSONataError) -> String {
        guard let radixNumber else { return try formatBase(value, radix: nil) }
        let rounded = JSNumberText.roundHalfEven(radixNumber, precision: 0)
        guard rounded >= 2 && rounded <= 36 else { throw .formatting("D3100", value: .double(rounded)) }
        return try formatBase(value, radix: Int(rounded))
    }
}
