/// Proleptic Gregorian calendar arithmetic in the shape of ECMAScript's Date: times are
/// milliseconds since 1970-01-01T00:00Z held in a Double, NaN marks an invalid date, and
/// `utc` is `Date.UTC` including its quirks, because jsonata-js computes with those.
enum CivilCalendar {
    static let msPerDay = 86_400_000.0

    /// Days since 1970-01-01 of a civil date (month 1...12), after Howard Hinnant's algorithm.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date (month 1...12) of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ECMAScript TimeClip: beyond ±8.64e15 ms there is no date; fractions truncate toward zero.
    static func timeClip(_ time: Double) -> Double {
        guard time.isFinite, time.magnitude <= 8.64e15 else { return .nan }
        return time.rounded(.towardZero) + 0
    }

    /// `Date.UTC(year, month, day, hours, minutes, seconds, ms)` with month 0-based and
    /// out-of-range fields carried over. Years 0...99 mean 1900...1999, as in JavaScript.
    static func utc(
        _ year: Double, _ month: Double = 0, _ day: Double = 1, _ hours: Double = 0, _ minutes: Double = 0,
        _ seconds: Double = 0, _ millis: Double = 0
    ) -> Double {
        guard !year.isNaN else { return .nan }
        var y = year
        let integralYear = year.rounded(.towardZero)
        if integralYear >= 0 && integralYear <= 99 { y = 1900 + integralYear }
        let dayNumber = makeDay(y, month, day)
        let time = makeTime(hours, minutes, seconds, millis)
        let date = dayNumber * msPerDay + time
        return timeClip(date)
    }

    private static func makeDay(_ year: Double, _ month: Double, _ date: Double) -> Double {
        guard year.isFinite, month.isFinite, date.isFinite else { return .nan }
        let y = year.rounded(.towardZero)
        let m = month.rounded(.towardZero)
        let dt = date.rounded(.towardZero)
        let ym = y + (m / 12).rounded(.down)
        // Far outside TimeClip's range; the caller's clip turns this into NaN anyway.
        guard ym.magnitude < 1_000_000 else { return .nan }
        var mn = m.truncatingRemainder(dividingBy: 12)
        if mn < 0 { mn += 12 }
        let days = daysFromCivil(year: Int(ym), month: Int(mn) + 1, day: 1)
        return Double(days) + dt - 1
    }

    private static func makeTime(_ h: Double, _ m: Double, _ s: Double, _ ms: Double) -> Double {
        guard h.isFinite, m.isFinite, s.isFinite, ms.isFinite else { return .nan }
        return h.rounded(.towardZero) * 3_600_000 + m.rounded(.towardZero) * 60_000 + s.rounded(.towardZero) * 1000
            + ms.rounded(.towardZero)
    }
}

/// The UTC fields of a JavaScript Date (`getUTCFullYear()` and friends); all NaN when invalid.
struct UTCDateFields: Sendable {
    let time: Double
    let year: Double
    /// 0...11, as `getUTCMonth()`.
    let month: Double
    let date: Double
    /// 0 = Sunday ... 6 = Saturday, as `getUTCDay()`.
    let weekday: Double
    let hours: Double
    let minutes: Double
    let seconds: Double
    let milliseconds: Double

    init(time rawTime: Double) {
        time = CivilCalendar.timeClip(rawTime)
        guard !time.isNaN else {
            (year, month, date, weekday, hours, minutes, seconds, milliseconds) = (.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        let day = (time / CivilCalendar.msPerDay).rounded(.down)
        let within = time - day * CivilCalendar.msPerDay
        let civil = CivilCalendar.civilFromDays(Int(day))
        year = Double(civil.year)
        month = Double(civil.month - 1)
        date = Double(civil.day)
        var wd = (Int(day) + 4) % 7
        if wd < 0 { wd += 7 }
        weekday = Double(wd)
        hours = (within / 3_600_000).rounded(.down)
        minutes = (within / 60_000).rounded(.down).truncatingRemainder(dividingBy: 60)
        seconds = (within / 1000).rounded(.down).truncatingRemainder(dividingBy: 60)
        milliseconds = within.truncatingRemainder(dividingBy: 1000)
    }
}
