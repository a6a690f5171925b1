/// An instant with nanosecond precision, parsed from and printed as RFC 3339 / ISO 8601 text.
///
/// Whole seconds and the nanosecond within the second are kept apart, so every year from 0000 to
/// 9999 (a "never" of 9999-12-31 included) fits, where one Int64 of nanoseconds spans only 1677-2262.
package struct Timestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z (rounded down).
    package private(set) var epochSeconds: Int64
    /// 0 ..< 1_000_000_000.
    package private(set) var nanosecondOfSecond: Int64

    package init(epochSeconds: Int64, nanosecondOfSecond: Int64 = 0) {
        self.epochSeconds = epochSeconds + nanosecondOfSecond.dividedRoundingDown(by: 1_000_000_000)
        self.nanosecondOfSecond = nanosecondOfSecond.modulo(1_000_000_000)
    }

    package init(nanoseconds: Int64) {
        self.init(epochSeconds: 0, nanosecondOfSecond: nanoseconds)
    }

    package init(seconds: Double) {
        let whole = seconds.rounded(.down)
        self.init(epochSeconds: Int64(whole), nanosecondOfSecond: Int64(((seconds - whole) * 1e9).rounded()))
    }

    /// Nanoseconds since the epoch, saturating outside 1677-2262.
    package var nanoseconds: Int64 {
        let (scaled, overflow) = epochSeconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return epochSeconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(nanosecondOfSecond)
        return overflow2 ? .max : sum
    }

    package var seconds: Double { Double(epochSeconds) + Double(nanosecondOfSecond) / 1e9 }

    /// 9999-12-31T23:59:59Z, the latest instant RFC 3339 can write.
    package static let distantFuture = Timestamp(epochSeconds: 253_402_300_799)

    package static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.epochSeconds, a.nanosecondOfSecond) < (b.epochSeconds, b.nanosecondOfSecond)
    }

    package func adding(seconds: Double) -> Timestamp {
        let whole = seconds.rounded(.down)
        // A delay too long to represent (or not a number) means "never": 9999-12-31, not "now".
        guard whole.magnitude < 9e15 else { return whole < 0 ? self : Timestamp.distantFuture }
        return Timestamp(
            epochSeconds: epochSeconds &+ Int64(whole),
            nanosecondOfSecond: nanosecondOfSecond + Int64(((seconds - whole) * 1e9).rounded()))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the extended offset date-time AWS accepts;
    /// nil for anything else (a space instead of `T`, a missing offset, an impossible date).
    package init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
            let day = digits(2), i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t")
        else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
            let second = digits(2)
        else { return nil }
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if count < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 9)..<9 { nanos *= 10 }
        }
        guard i < b.count else { return nil }
        var offsetSeconds = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(UInt8(ascii: ":")), let om = digits(2), oh < 24, om < 60 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        self.init(epochSeconds: secs, nanosecondOfSecond: nanos)
    }

    /// `2024-01-02T03:04:05.678Z`: UTC with milliseconds, as AWS prints context-object times.
    package var iso8601Millis: String {
        let secs = epochSeconds
        let nanos = nanosecondOfSecond
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 {
            rem += 86400
            days -= 1
        }
        let (y, m, d) = Self.civilFromDays(Int(days))
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(rem / 3600), 2)):\(pad(Int(rem % 3600 / 60), 2)):"
            + "\(pad(Int(rem % 60), 2)).\(pad(Int(nanos / 1_000_000), 3))Z"
    }

    /// `Tue, 14 Nov 2023 22:13:20 GMT`: RFC 7231's HTTP date, as services send in their `Date` header.
    package var httpDate: String {
        let days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400
        let secondOfDay = Int(epochSeconds - days * 86400)
        let (y, m, d) = Self.civilFromDays(Int(days))
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[Int(((days % 7) + 7) % 7)]), \(two(d)) \(months[m - 1]) \(y) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension Int64 {
    /// Floor division (`-1 / 10 == -1`).
    func dividedRoundingDown(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    /// The non-negative remainder.
    func modulo(_ d: Int64) -> Int64 {
        let r = self % d
        return r < 0 ? r + d : r
    }
}
