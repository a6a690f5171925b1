import Testing

@testable import JSONata

struct ToMillisCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let picture: String?
    let expected: PictureExpectation<Double>
    init(_ id: String, _ text: String, _ picture: String?, _ expected: PictureExpectation<Double>) {
        (self.id, self.text, self.picture, self.expected) = (id, text, picture, expected)
    }
    var testDescription: String { id }
}

/// `$toMillis(text, parsePicture)` then `$fromMillis(…, formatPicture, timezone)`.
struct RoundTripCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let parsePicture: String?
    let formatPicture: String?
    let timezone: String?
    let expected: String
    init(_ id: String, _ text: String, _ parsePicture: String?, _ formatPicture: String?, _ timezone: String?, _ expected: String) {
        (self.id, self.text, self.parsePicture, self.formatPicture, self.timezone, self.expected) =
            (id, text, parsePicture, formatPicture, timezone, expected)
    }
    var testDescription: String { id + (timezone.map { " " + $0 } ?? "") }
}

/// Transcribed from the shared suite's `function-tomillis` group (2.0.6 cases with literal arguments).
let toMillisSuiteCases: [ToMillisCase] = [
    ToMillisCase("function-tomillis/case001", "1970-01-01T00:00:00.001Z", nil, .value(1)),
    ToMillisCase("function-tomillis/case002", "2018-02-01T09:42:13.123+0000", nil, .value(1517478133123)),
    ToMillisCase("function-tomillis/case003", "2017-10-30", nil, .value(1509321600000)),
    ToMillisCase("function-tomillis/case004", "2017-10-30T15:28:34Z", nil, .value(1509377314000)),
    ToMillisCase("function-tomillis/case005", "2018", nil, .value(1514764800000)),
    ToMillisCase("function-tomillis/case007", "foo", nil, .error("D3110")),
    ToMillisCase("function-tomillis/case008", "01-02-2018", nil, .error("D3110")),
    ToMillisCase("function-tomillis/case009", "2018-02-03 11:15:33", nil, .error("D3110")),
    ToMillisCase("function-tomillis/case010", "201802", "[Y0001][M01]", .value(1517443200000)),
    ToMillisCase("function-tomillis/case011", "201802", "[Y,*-4][M01]", .value(1517443200000)),
    ToMillisCase("function-tomillis/case012", "20180205", "[Y0001][M01][D01]", .value(1517788800000)),
    ToMillisCase("function-tomillis/parseDateTime[1]", "Hello", "Hello", .undefined),
    ToMillisCase("function-tomillis/parseDateTime[2]", "2018", "[Y1]", .value(1514764800000)),
    ToMillisCase("function-tomillis/parseDateTime[3]", "2018-03-27", "[Y1]-[M01]-[D01]", .value(1522108800000)),
    ToMillisCase("function-tomillis/parseDateTime[4]", "2018-03-27T14:03:00.123Z", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001]Z", .value(1522159380123)),
    ToMillisCase("function-tomillis/parseDateTime[5]", "27th 3 1976", "[D1o] [M#1] [Y0001]", .value(196732800000)),
    ToMillisCase("function-tomillis/parseDateTime[6]", "21st 12 1881", "[D1o] [M01] [Y0001]", .value(-2777932800000)),
    ToMillisCase("function-tomillis/parseDateTime[7]", "2nd 12 2012", "[D1o] [M01] [Y0001]", .value(1354406400000)),
    ToMillisCase("function-tomillis/parseDateTime[8]", "MCMLXXXIV", "[YI]", .value(441763200000)),
    ToMillisCase("function-tomillis/parseDateTime[9]", "27 03 MMXVIII", "[D1] [M01] [YI]", .value(1522108800000)),
    ToMillisCase("function-tomillis/parseDateTime[10]", "27 iii MMXVIII", "[D1] [Mi] [YI]", .value(1522108800000)),
    ToMillisCase("function-tomillis/parseDateTime[11]", "w C mmxviii", "[Da] [MA] [Yi]", .value(1521763200000)),
    ToMillisCase("function-tomillis/parseDateTime[12]", "ae C mmxviii", "[Da] [MA] [Yi]", .value(1522454400000)),
    ToMillisCase("function-tomillis/parseDateTime[13]", "27th April 2008", "[D1o] [MNn] [Y0001]", .value(1209254400000)),
    ToMillisCase("function-tomillis/parseDateTime[14]", "21 August 2017", "[D1] [MNn] [Y0001]", .value(1503273600000)),
    ToMillisCase("function-tomillis/parseDateTime[15]", "2 Feb 2012", "[D1] [MNn,3-3] [Y0001]", .value(1328140800000)),
    ToMillisCase("function-tomillis/parseDateTime[16]", "one thousand, nine hundred and eighty-four", "[Yw]", .value(441763200000)),
    ToMillisCase("function-tomillis/parseDateTime[17]", "nineteen hundred and eighty-four", "[Yw]", .value(441763200000)),
    ToMillisCase("function-tomillis/parseDateTime[18]", "twenty-seven April 2008", "[Dw] [MNn] [Y0001]", .value(1209254400000)),
    ToMillisCase("function-tomillis/parseDateTime[19]", "twenty-seventh April 2008", "[Dw] [MNn] [Y0001]", .value(1209254400000)),
    ToMillisCase("function-tomillis/parseDateTime[20]", "twenty-first August two thousand and seventeen", "[Dw] [MNn] [Yw]", .value(1503273600000)),
    ToMillisCase("function-tomillis/parseDateTime[21]", "TWENTY-SECOND August two thousand and seventeen", "[DW] [MNn] [Yw]", .value(1503360000000)),
    ToMillisCase("function-tomillis/parseDateTime[22]", "Twentieth of August, two thousand and seventeen", "[DW] of [MNn], [Yw]", .value(1503187200000)),
    ToMillisCase("function-tomillis/parseDateTime[23]", "4/4/2018 12:06 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .value(1522800360000)),
    ToMillisCase("function-tomillis/parseDateTime[24]", "4/4/2018 06:30 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .value(1522823400000)),
    ToMillisCase("function-tomillis/parseDateTime[25]", "4/4/2018 12:06 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .value(1522843560000)),
    ToMillisCase("function-tomillis/parseDateTime[26]", "4/4/2018 11:30 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .value(1522884600000)),
    ToMillisCase("function-tomillis/parseDateTime[27]", "2018-094", "[Y0001]-[d001]", .value(1522800000000)),
    ToMillisCase("function-tomillis/parseDateTime[34]", "irrelevent string", "[Y]-[M]-[D]", .undefined),
    ToMillisCase("function-tomillis/parseDateTime[35]", "2018-05-22", "[Y]-[M]-[q]", .error("D3132")),
    ToMillisCase("function-tomillis/parseDateTime[36]", "2018-05-22", "[YN]-[M]-[D]", .error("D3133")),
    ToMillisCase("function-tomillis/parseDateTime[37]", "2018-22", "[Y]-[D]", .error("D3136")),
    ToMillisCase("function-tomillis/parseDateTime[38]", "5-22 23:59", "[M]-[D] [m]:[s]", .error("D3136")),
    ToMillisCase("function-tomillis/parseDateTime[39]", "2018-3-2-5", "[X]-[x]-[w]-[F1]", .error("D3136")),
    ToMillisCase("function-tomillis/parseDateTime[40]", "2018-32-5", "[X]-[W]-[F1]", .error("D3136")),
]

/// Suite cases that parse and then format: `isoWeekDate[n]` and `formatDateTime[66]` from
/// `function-fromMillis`, and the `$toMillis(…) ~> $fromMillis()` cases of `function-tomillis`.
let roundTripSuiteCases: [RoundTripCase] = [
    RoundTripCase("function-fromMillis/formatDateTime[66]", "2018-10-21T13:05:00Z", nil, nil, nil, "2018-10-21T13:05:00.000Z"),
    RoundTripCase("function-fromMillis/formatDateTime[66]", "2018-10-21T13:05:00Z", nil, nil, "-0500", "2018-10-21T08:05:00.000-05:00"),
    RoundTripCase("function-fromMillis/formatDateTime[66]", "2018-10-21T13:05:00Z", nil, nil, "0000", "2018-10-21T13:05:00.000Z"),
    RoundTripCase("function-fromMillis/isoWeekDate[0]", "2005-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2004-W53-6"),
    RoundTripCase("function-fromMillis/isoWeekDate[1]", "2005-01-02", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2004-W53-7"),
    RoundTripCase("function-fromMillis/isoWeekDate[2]", "2005-12-31", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2005-W52-6"),
    RoundTripCase("function-fromMillis/isoWeekDate[3]", "2006-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2005-W52-7"),
    RoundTripCase("function-fromMillis/isoWeekDate[4]", "2006-01-02", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2006-W01-1"),
    RoundTripCase("function-fromMillis/isoWeekDate[5]", "2006-12-31", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2006-W52-7"),
    RoundTripCase("function-fromMillis/isoWeekDate[6]", "2007-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2007-W01-1"),
    RoundTripCase("function-fromMillis/isoWeekDate[7]", "2007-12-30", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2007-W52-7"),
    RoundTripCase("function-fromMillis/isoWeekDate[8]", "2007-12-31", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2008-W01-1"),
    RoundTripCase("function-fromMillis/isoWeekDate[9]", "2008-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2008-W01-2"),
    RoundTripCase("function-fromMillis/isoWeekDate[10]", "2008-12-28", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2008-W52-7"),
    RoundTripCase("function-fromMillis/isoWeekDate[11]", "2008-12-29", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W01-1"),
    RoundTripCase("function-fromMillis/isoWeekDate[12]", "2008-12-30", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W01-2"),
    RoundTripCase("function-fromMillis/isoWeekDate[13]", "2008-12-31", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W01-3"),
    RoundTripCase("function-fromMillis/isoWeekDate[14]", "2009-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W01-4"),
    RoundTripCase("function-fromMillis/isoWeekDate[15]", "2009-12-31", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W53-4"),
    RoundTripCase("function-fromMillis/isoWeekDate[16]", "2010-01-01", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W53-5"),
    RoundTripCase("function-fromMillis/isoWeekDate[17]", "2010-01-02", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W53-6"),
    RoundTripCase("function-fromMillis/isoWeekDate[18]", "2010-01-03", "[Y]-[M]-[D]", "[X0001]-W[W01]-[F1]", nil, "2009-W53-7"),
    RoundTripCase("function-tomillis/parseDateTime[30]", "Wednesday, 14th November 2018", "[FNn], [D1o] [MNn] [Y]", nil, nil, "2018-11-14T00:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[31]", "Mon, Twelfth November 2018", "[FNn,*-3], [DWwo] [MNn] [Y]", nil, nil, "2018-11-12T00:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[32]", "2018--180", "[Y]--[d]", nil, nil, "2018-06-29T00:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[33]", "three hundred and sixty-fifth day of 2018", "[dwo] day of [Y]", nil, nil, "2018-12-31T00:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[41]", "2020-09-09 08:00:00 +02:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", nil, nil, "2020-09-09T06:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[42]", "2020-09-09 08:00:00 GMT-05:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z]", nil, nil, "2020-09-09T13:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[43]", "2020-09-09 12:00:00 +05:30", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", nil, nil, "2020-09-09T06:30:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[44]", "2020-09-09 12:00:00 GMT-5", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z01]", nil, nil, "2020-09-09T17:00:00.000Z"),
    RoundTripCase("function-tomillis/parseDateTime[45]", "2020-09-09 12:00:00 +0530", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z0001]", nil, nil, "2020-09-09T06:30:00.000Z"),
]

@Suite("Date/time picture parsing")
struct DateTimeParsingTests {
    @Test("$toMillis parses ISO 8601 and picture-described timestamps as jsonata-js 2.0.6", arguments: toMillisSuiteCases)
    func toMillisMatchesSuite(_ c: ToMillisCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> Double? in
            try DateTimeFormatting.parseToMillis(c.text, picture: c.picture)
        }
        #expect(samePictureNumber(actual, c.expected), "got \(actual)")
    }

    @Test("Parsed timestamps format back to the suite's ISO week dates and zone renderings", arguments: roundTripSuiteCases)
    func parseThenFormatMatchesSuite(_ c: RoundTripCase) throws {
        let millis = try #require(try DateTimeFormatting.parseToMillis(c.text, picture: c.parsePicture))
        #expect(try DateTimeFormatting.formatMillis(millis, picture: c.formatPicture, timezone: c.timezone) == c.expected)
    }

    @Test("A time without a date takes the date from the evaluation's timestamp (tomillis parseDateTime[28], [29])")
    func timeOnlyPictureTakesTodayFromNow() throws {
        let now = 1_709_251_199_999.0  // 2024-02-29T23:59:59.999Z
        let millis = try #require(try DateTimeFormatting.parseToMillis("13:45", picture: "[H]:[m]", now: now))
        #expect(try DateTimeFormatting.formatMillis(millis, picture: nil, timezone: nil) == "2024-02-29T13:45:00.000Z")
    }

    @Test("A month and day without a year take the year from the evaluation's timestamp")
    func missingYearDefaultsToNowsYear() throws {
        let now = 1_709_251_199_999.0  // 2024-02-29T23:59:59.999Z
        let millis = try #require(try DateTimeFormatting.parseToMillis("3-1", picture: "[M]-[D]", now: now))
        #expect(try DateTimeFormatting.formatMillis(millis, picture: nil, timezone: nil) == "2024-03-01T00:00:00.000Z")
    }

    @Test("Adjacent integer markers parse with the first one's fixed width")
    func adjacentIntegerMarkersUseFixedWidths() throws {
        #expect(try DateTimeFormatting.parseToMillis("20240101123849", picture: "[Y0000][M00][D00][H00][m00][s00]") == 1_704_112_729_000)
    }

    @Test("ISO 8601 text the pattern accepts but no date parser would read is NaN, not an error")
    func isoTextWithRepeatedGroupsIsNaN() throws {
        #expect(try DateTimeFormatting.parseToMillis("2018-01-01-01", picture: nil)?.isNaN == true)
        #expect(try DateTimeFormatting.parseToMillis("2018-13-01", picture: nil)?.isNaN == true)
        #expect(try DateTimeFormatting.parseToMillis("2018-02-30", picture: nil) == 1_519_948_800_000)
    }

    @Test("The ISO 8601 error message quotes the rejected text")
    func isoRejectionMessageQuotesTheText() {
        #expect(throws: JSONataError(code: "D3110", message: "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \"foo\"", value: .string("foo"))) {
            try DateTimeFormatting.parseToMillis("foo", picture: nil)
        }
    }
}
