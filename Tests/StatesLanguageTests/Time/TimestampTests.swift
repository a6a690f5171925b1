import StatesLanguage
import Testing

@Suite("Timestamp RFC 3339")
struct TimestampTests {
    @Test("valid extended offset date-times are accepted", arguments: [
        "2024-01-02T03:04:05Z", "2024-01-02t03:04:05z", "2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
        "2024-01-02T03:04:05.1Z", "2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.1234567891Z",
        "2024-01-02T03:04:05+05:30", "2024-01-02T03:04:05-08:00", "2024-12-31T23:59:59.999+00:00",
        "1970-01-01T00:00:00Z", "1678-01-01T00:00:00Z", "2262-01-01T00:00:00Z",
    ])
    func accepted(text: String) {
        #expect(Timestamp(rfc3339: text) != nil)
    }

    @Test("malformed or impossible date-times are rejected", arguments: [
        "2024-01-02 03:04:05Z", "2024-01-02T03:04:05", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-32T00:00:00Z",
        "2024-01-02T24:00:00Z", "2024-01-02T23:60:00Z", "2024-01-02T23:59:60Z", "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:05+0530", "2024-01-02T03:04:05+05", "2024-01-02T03:04:05+24:00", "2024-1-02T03:04:05Z",
        "2024-01-02T03:04:05Z ", " 2024-01-02T03:04:05Z", "2024-01-02", "", "2024-01-02T03:04Z",
    ])
    func rejected(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("offsets are applied: +05:30 is 5.5 hours before the same wall time in UTC")
    func offsets() throws {
        let utc = try #require(Timestamp(rfc3339: "2024-01-02T03:04:05Z"))
        let india = try #require(Timestamp(rfc3339: "2024-01-02T08:34:05+05:30"))
        let pacific = try #require(Timestamp(rfc3339: "2024-01-01T19:04:05-08:00"))
        #expect(utc == india)
        #expect(utc == pacific)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")?.nanoseconds == 0)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:01+00:00")?.nanoseconds == 1_000_000_000)
    }

    @Test("fractions are kept to the nanosecond and digits past the ninth are dropped")
    func fractions() {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.5Z")?.nanoseconds == 500_000_000)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.000000001Z")?.nanoseconds == 1)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.123456789999Z")?.nanoseconds == 123_456_789)
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.5Z")?.nanoseconds == -500_000_000)
    }

    @Test("iso8601Millis prints UTC with exactly three fraction digits, truncating", arguments: [
        ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z"),
        ("2024-01-02T03:04:05.6789Z", "2024-01-02T03:04:05.678Z"),
        ("2024-01-02T08:34:05.1+05:30", "2024-01-02T03:04:05.100Z"),
        ("2024-02-29T23:59:59.999999999Z", "2024-02-29T23:59:59.999Z"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.500Z"),
        ("2000-03-01T00:00:00-00:01", "2000-03-01T00:01:00.000Z"),
    ])
    func millis(input: String, expected: String) throws {
        #expect(try #require(Timestamp(rfc3339: input)).iso8601Millis == expected)
    }

    @Test("dates outside 1677...2262 are accepted (or rejected) without trapping")
    func farDates() {
        // AWS accepts these as valid timestamps (IsTimestamp is true, comparisons work).
        let far = Timestamp(rfc3339: "9999-12-31T23:59:59Z")
        let early = Timestamp(rfc3339: "0001-01-01T00:00:00Z")
        #expect(far != nil && early != nil)
        #expect(ChoiceEvaluator.compare("9999-12-31T23:59:59Z", .timestampGreaterThan, "2024-01-01T00:00:00Z"))
    }

    @Test("adding seconds moves by exact nanoseconds and iso8601Millis round-trips through the parser")
    func adding() throws {
        let t = try #require(Timestamp(rfc3339: "2024-12-31T23:00:00Z"))
        #expect(t.adding(seconds: 3600).iso8601Millis == "2025-01-01T00:00:00.000Z")
        #expect(t.adding(seconds: 0.25).nanoseconds - t.nanoseconds == 250_000_000)
        let printed = t.adding(seconds: 86400 * 60 + 0.123).iso8601Millis
        #expect(Timestamp(rfc3339: printed)?.iso8601Millis == printed)
    }

    @Test("httpDate prints RFC 7231's form, before 1970 and on leap days too", arguments: [
        (1_700_000_000.0, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (0.0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 GMT"),
    ])
    func httpDate(seconds: Double, expected: String) {
        #expect(Timestamp(seconds: seconds).httpDate == expected)
    }
}
