import Testing

@testable import JSONata

struct FromMillisCase: Sendable, CustomTestStringConvertible {
    let id: String
    let millis: Double
    let picture: String?
    let timezone: String?
    let expected: PictureExpectation<String>
    init(_ id: String, _ millis: Double, _ picture: String?, _ timezone: String?, _ expected: PictureExpectation<String>) {
        (self.id, self.millis, self.picture, self.timezone, self.expected) = (id, millis, picture, timezone, expected)
    }
    var testDescription: String { id }
}

/// Transcribed from the shared suite's `function-fromMillis` group (2.0.6 cases with literal arguments).
let fromMillisSuiteCases: [FromMillisCase] = [
    FromMillisCase("function-fromMillis/case000", 1, nil, nil, .value("1970-01-01T00:00:00.001Z")),
    FromMillisCase("function-fromMillis/case001", 1509380732935, nil, nil, .value("2017-10-30T16:25:32.935Z")),
    FromMillisCase("function-fromMillis/formatDateTime[1]", 1521801216617, "Hello", nil, .value("Hello")),
    FromMillisCase("function-fromMillis/formatDateTime[2]", 1521801216617, "Year: [Y0001]", nil, .value("Year: 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[3]", 1521801216617, "Year: <[Y0001]>", nil, .value("Year: <2018>")),
    FromMillisCase("function-fromMillis/formatDateTime[4]", 1521801216617, "Year: <[Y9,999,*]>", nil, .value("Year: <2,018>")),
    FromMillisCase("function-fromMillis/formatDateTime[5]", 1521801216617, "[[Year: <[Y0001]>", nil, .value("[Year: <2018>")),
    FromMillisCase("function-fromMillis/formatDateTime[6]", 1521801216617, "Year]]: <[Y0001]>", nil, .value("Year]: <2018>")),
    FromMillisCase("function-fromMillis/formatDateTime[7]", 1521801216617, "[[Year]]: [[[Y0001]]]", nil, .value("[Year]: [2018]")),
    FromMillisCase("function-fromMillis/formatDateTime[8]", 1521801216617, "[D#1]/[M#1]/[Y0001]", nil, .value("23/3/2018")),
    FromMillisCase("function-fromMillis/formatDateTime[9]", 1522616700000, "[F0] [FNn]", nil, .value("7 Sunday")),
    FromMillisCase("function-fromMillis/formatDateTime[10]", 1522703100000, "[F0] [FNn]", nil, .value("1 Monday")),
    FromMillisCase("function-fromMillis/formatDateTime[11]", 1521801216617, "[Y0001]-[M01]-[D01]", nil, .value("2018-03-23")),
    FromMillisCase("function-fromMillis/formatDateTime[12]", 1521801216617, "[M01]/[D01]/[Y0001] at [H01]:[m01]:[s01]", nil, .value("03/23/2018 at 10:33:36")),
    FromMillisCase("function-fromMillis/formatDateTime[13]", 1521801216617, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z01:01t]", nil, .value("2018-03-23T10:33:36.617Z")),
    FromMillisCase("function-fromMillis/formatDateTime[14]", 1521801216617, "[Y]-[ M01]-[D 01]T[H01 ]:[ m   ]:[s].[f0  01][Z01:\n 01t]", nil, .value("2018-03-23T10:33:36.617Z")),
    FromMillisCase("function-fromMillis/formatDateTime[15]", 1521801216617, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0100", .value("2018-03-23T11:33:36.617+0100")),
    FromMillisCase("function-fromMillis/formatDateTime[16]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01]", nil, .value("2018-07-11T12:00:00+00:00")),
    FromMillisCase("function-fromMillis/formatDateTime[17]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01t]", nil, .value("2018-07-11T12:00:00Z")),
    FromMillisCase("function-fromMillis/formatDateTime[18]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "-0500", .value("2018-07-11T07:00:00-05:00")),
    FromMillisCase("function-fromMillis/formatDateTime[19]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "-0500", .value("2018-07-11T07:00:00-5")),
    FromMillisCase("function-fromMillis/formatDateTime[20]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "+1000", .value("2018-07-11T22:00:00+10:00")),
    FromMillisCase("function-fromMillis/formatDateTime[21]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+1000", .value("2018-07-11T22:00:00+10")),
    FromMillisCase("function-fromMillis/formatDateTime[22]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+0530", .value("2018-07-11T17:30:00+5:30")),
    FromMillisCase("function-fromMillis/formatDateTime[23]", 1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][z]", "-0500", .value("2018-07-11T07:00:00GMT-05:00")),
    FromMillisCase("function-fromMillis/formatDateTime[24]", 1204405500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530", .value("2008-03-02T02:35:00.000+0530")),
    FromMillisCase("function-fromMillis/formatDateTime[25]", 1230757500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530", .value("2009-01-01T02:35:00.000+0530")),
    FromMillisCase("function-fromMillis/formatDateTime[26]", 1230757500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z010101t]", "+0530", .error("D3134")),
    FromMillisCase("function-fromMillis/formatDateTime[27]", 1521801216617, "[D#1,2]/[M1,2]/[Y,2]", nil, .value("23/03/18")),
    FromMillisCase("function-fromMillis/formatDateTime[28]", 1521801216617, "[D#1,2]/[M1,2]/[Y0001,2]", nil, .value("23/03/2018")),
    FromMillisCase("function-fromMillis/formatDateTime[29]", 1521801216617, "[D#1,2]/[M1,2]/[Y##01,2-2]", nil, .value("23/03/18")),
    FromMillisCase("function-fromMillis/formatDateTime[30]", 1521801216617, "[D#1,2]/[M1,2]/[Y0001,2-2]", nil, .value("23/03/18")),
    FromMillisCase("function-fromMillis/formatDateTime[31]", 1521801216617, "[D1] [M01] [YI]", nil, .value("23 03 MMXVIII")),
    FromMillisCase("function-fromMillis/formatDateTime[32]", 1521801216617, "[Da] [MA] [Yi]", nil, .value("w C mmxviii")),
    FromMillisCase("function-fromMillis/formatDateTime[33]", 1521801216617, "[D1o] [M01] [Y]", nil, .value("23rd 03 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[34]", 1521801216617, "[Yw]", nil, .value("two thousand and eighteen")),
    FromMillisCase("function-fromMillis/formatDateTime[35]", 1521801216617, "[Dwo] [M01] [Y]", nil, .value("twenty-third 03 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[36]", 1521801216617, "[D1o] [MNn] [Y]", nil, .value("23rd March 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[37]", 1521801216617, "[D1o] [MN] [Y]", nil, .value("23rd MARCH 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[38]", 1521801216617, "[FNn], [D1o] [MNn] [Y]", nil, .value("Friday, 23rd March 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[39]", 1521801216617, "[FNn], the [Dwo] of [MNn] [Y] [E]", nil, .value("Friday, the twenty-third of March 2018 ISO")),
    FromMillisCase("function-fromMillis/formatDateTime[40]", 1521801216617, "[FNn,3-3], [D1o] [MNn,3-3] [Y] [C]", nil, .value("Fri, 23rd Mar 2018 ISO")),
    FromMillisCase("function-fromMillis/formatDateTime[41]", 1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", nil, .value("friday, 23/3/2018 10:33:36 am")),
    FromMillisCase("function-fromMillis/formatDateTime[42]", 1204405500000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", nil, .value("saturday, 1/3/2008 9:05:00 pm")),
    FromMillisCase("function-fromMillis/formatDateTime[43]", 1199664000000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", nil, .value("monday, 7/1/2008 12:00:00 am")),
    FromMillisCase("function-fromMillis/formatDateTime[44]", 1514808000000, "[dwo] day of the year", nil, .value("first day of the year")),
    FromMillisCase("function-fromMillis/formatDateTime[45]", 1546257600000, "[d] days in [Y0001]", nil, .value("365 days in 2018")),
    FromMillisCase("function-fromMillis/formatDateTime[46]", 1483185600000, "[d] days in [Y0001]", nil, .value("366 days in 2016")),
    FromMillisCase("function-fromMillis/formatDateTime[47]", 1514808000000, "Week: [W]", nil, .value("Week: 1")),
    FromMillisCase("function-fromMillis/formatDateTime[48]", 1515326400000, "Week: [W]", nil, .value("Week: 1")),
    FromMillisCase("function-fromMillis/formatDateTime[49]", 1545739200000, "Week: [W]", nil, .value("Week: 52")),
    FromMillisCase("function-fromMillis/formatDateTime[50]", 1388577600000, "Week: [W]", nil, .value("Week: 1")),
    FromMillisCase("function-fromMillis/formatDateTime[51]", 1419854400000, "Week: [W]", nil, .value("Week: 1")),
    FromMillisCase("function-fromMillis/formatDateTime[52]", 1419768000000, "Week: [W]", nil, .value("Week: 52")),
    FromMillisCase("function-fromMillis/formatDateTime[53]", 1419336000000, "Week: [W]", nil, .value("Week: 52")),
    FromMillisCase("function-fromMillis/formatDateTime[54]", 1420113600000, "Week: [W]", nil, .value("Week: 1")),
    FromMillisCase("function-fromMillis/formatDateTime[55]", 1420459200000, "Week: [W]", nil, .value("Week: 2")),
    FromMillisCase("function-fromMillis/formatDateTime[56]", 1451304000000, "Week: [W]", nil, .value("Week: 53")),
    FromMillisCase("function-fromMillis/formatDateTime[57]", 1451563200000, "Week: [W]", nil, .value("Week: 53")),
    FromMillisCase("function-fromMillis/formatDateTime[58]", 1451736000000, "Week: [W]", nil, .value("Week: 53")),
    FromMillisCase("function-fromMillis/formatDateTime[59]", 1359460800000, "Week: [w] of [xNn]", nil, .value("Week: 5 of January")),
    FromMillisCase("function-fromMillis/formatDateTime[60]", 1359633600000, "Week: [w] of [xNn]", nil, .value("Week: 5 of January")),
    FromMillisCase("function-fromMillis/formatDateTime[61]", 1359720000000, "Week: [w] of [xNn]", nil, .value("Week: 5 of January")),
    FromMillisCase("function-fromMillis/formatDateTime[62]", 1514808000000, "Week: [w] of [xNn]", nil, .value("Week: 1 of January")),
    FromMillisCase("function-fromMillis/formatDateTime[63]", 1483272000000, "Week: [w] of [xNn]", nil, .value("Week: 5 of December")),
    FromMillisCase("function-fromMillis/formatDateTime[64]", 1533038400000, "Week: [w] of [xNn]", nil, .value("Week: 1 of August")),
    FromMillisCase("function-fromMillis/formatDateTime[65]", 1419940800000, "Week: [w] of [xNn]", nil, .value("Week: 1 of January")),
    FromMillisCase("function-fromMillis/formatDateTime[67]", 1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [PN]", nil, .value("friday, 23/3/2018 10:33:36 AM")),
    FromMillisCase("function-fromMillis/formatDateTime[68]", 1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [Pn]", nil, .value("friday, 23/3/2018 10:33:36 am")),
    FromMillisCase("function-fromMillis/formatDateTime[69]", 1419940800000, "[YN]-[M]-[D]", nil, .error("D3133")),
    FromMillisCase("function-fromMillis/formatDateTime[70]", 1419940800000, "[YN]-[M", nil, .error("D3135")),
]

@Suite("Date/time picture formatting")
struct DateTimeFormattingTests {
    @Test("$fromMillis renders every picture component, modifier and zone as jsonata-js 2.0.6", arguments: fromMillisSuiteCases)
    func fromMillisMatchesSuite(_ c: FromMillisCase) {
        let actual = pictureOutcome { () throws(JSONataError) -> String? in
            try DateTimeFormatting.formatMillis(c.millis, picture: c.picture, timezone: c.timezone)
        }
        #expect(actual == c.expected)
    }

    @Test("Dates before 1970 and far in the future use the proleptic Gregorian calendar")
    func civilCalendarOutsideTheEpochYears() throws {
        #expect(try DateTimeFormatting.formatMillis(-1, picture: nil, timezone: nil) == "1969-12-31T23:59:59.999Z")
        #expect(try DateTimeFormatting.formatMillis(-62_135_596_800_000, picture: nil, timezone: nil) == "0001-01-01T00:00:00.000Z")
        #expect(try DateTimeFormatting.formatMillis(951_782_400_000, picture: "[Y]-[M]-[D] [FNn]", timezone: nil) == "2000-2-29 Tuesday")
        #expect(try DateTimeFormatting.formatMillis(253_402_300_799_999, picture: nil, timezone: nil) == "9999-12-31T23:59:59.999Z")
    }

    @Test("A negative half-hour zone is split the way jsonata splits it: floor of hours, remainder of minutes")
    func negativeHalfHourZoneFollowsJsonataArithmetic() throws {
        // jsonata reads -0530 as -6 h and -30 min, i.e. UTC-06:30, and prints that offset.
        #expect(try DateTimeFormatting.formatMillis(0, picture: nil, timezone: "-0530") == "1969-12-31T17:30:00.000-06:30")
        #expect(try DateTimeFormatting.formatMillis(0, picture: nil, timezone: "+0530") == "1970-01-01T05:30:00.000+05:30")
    }

    @Test("Names can be cut to a maximum width and cased; P takes N for upper case")
    func namesHonourWidthAndCase() throws {
        let millis = 1_521_801_216_617.0  // Friday 23 March 2018, 10:33:36.617 UTC
        #expect(try DateTimeFormatting.formatMillis(millis, picture: "[FN,2-2] [Mn,3-3] [PN]", timezone: nil) == "FR mar AM")
    }

    @Test("Picture errors carry jsonata's messages, naming the offending component")
    func pictureErrorsNameTheComponent() {
        #expect(throws: JSONataError(code: "D3132", message: "Unknown component specifier \"q\" in date/time picture string", value: .string("q"))) {
            try DateTimeFormatting.formatMillis(0, picture: "[q]", timezone: nil)
        }
        #expect(throws: JSONataError(code: "D3135", message: "No matching closing bracket ']' in date/time picture string")) {
            try DateTimeFormatting.formatMillis(0, picture: "[Y", timezone: nil)
        }
    }
}
