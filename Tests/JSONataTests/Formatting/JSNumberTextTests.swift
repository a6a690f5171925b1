import Testing

@testable import JSONata

@Suite("JavaScript number text")
struct JSNumberTextTests {
    @Test("Number::toString picks plain or exponent form at JavaScript's thresholds")
    func toStringSwitchesToExponentAtJSThresholds() {
        #expect(JSNumberText.string(1e21) == "1e+21")
        #expect(JSNumberText.string(1e20) == "100000000000000000000")
        #expect(JSNumberText.string(0.000001) == "0.000001")
        #expect(JSNumberText.string(1e-7) == "1e-7")
        #expect(JSNumberText.string(123e-20) == "1.23e-18")
        #expect(JSNumberText.string(-0.0) == "0")
        #expect(JSNumberText.string(22.0 / 7) == "3.142857142857143")
    }

    @Test("toFixed rounds the exact binary value and breaks exact ties away from zero")
    func toFixedRoundsExactBinaryValueHalfUp() {
        #expect(JSNumberText.fixed(1.005, fractionDigits: 2) == "1.00")
        #expect(JSNumberText.fixed(2.5, fractionDigits: 0) == "3")
        #expect(JSNumberText.fixed(0.5, fractionDigits: 0) == "1")
        #expect(JSNumberText.fixed(1.45, fractionDigits: 1) == "1.4")
        #expect(JSNumberText.fixed(9.995, fractionDigits: 2) == "9.99")
        #expect(JSNumberText.fixed(99.96, fractionDigits: 1) == "100.0")
        #expect(JSNumberText.fixed(1e21, fractionDigits: 2) == "1e+21")
        #expect(JSNumberText.fixed(Double.leastNonzeroMagnitude, fractionDigits: 3) == "0.000")
    }

    @Test("parseInt reads a sign, a 0x prefix and leading digits, and is NaN without digits")
    func parseIntReadsLeadingDigits() {
        #expect(JSNumberText.parseInt("+0530") == 530)
        #expect(JSNumberText.parseInt("  -05:00") == -5)
        #expect(JSNumberText.parseInt("0x1A") == 26)
        #expect(JSNumberText.parseInt("12th") == 12)
        #expect(JSNumberText.parseInt("").isNaN)
    }
}
