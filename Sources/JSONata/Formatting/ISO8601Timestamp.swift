/// `$toMillis` without a picture: jsonata-js accepts the text only if it matches
/// `^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`
/// and then hands it to V8's `Date.parse`; both steps are reproduced here.
enum ISO8601Timestamp {
    /// nil when the pattern rejects the text (D3110); NaN when the pattern accepts it but V8's
    /// date parser does not produce a date (repeated groups, month 13, hour 25).
    static func millis(_ text: String) -> Double? {
        let s = Array(text.utf16)
        guard accepts(s) else { return nil }
        return parse(s)
    }

    // MARK: The acceptance pattern

    private static func isDigit(_ s: [UInt16], _ i: Int, _ low: UInt16 = 0x30, _ high: UInt16 = 0x39) -> Bool {
        i < s.count && s[i] >= low && s[i] <= high
    }

    private static func accepts(_ s: [UInt16]) -> Bool {
        guard (0..<4).allSatisfy({ isDigit(s, $0) }) else { return false }
        // `(-[01]\d)*(-[0-3]\d)*` accepts exactly the runs of `-[0-3]\d`.
        func dates(_ i: Int) -> Bool {
            (i + 2 < s.count && s[i] == 0x2D && isDigit(s, i + 1, 0x30, 0x33) && isDigit(s, i + 2) && dates(i + 3))
                || times(i)
        }
        func times(_ i: Int) -> Bool {
            let isTime =
                i + 8 < s.count && s[i] == 0x54 && isDigit(s, i + 1, 0x30, 0x32) && isDigit(s, i + 2) && s[i + 3] == 0x3A
                && isDigit(s, i + 4, 0x30, 0x35) && isDigit(s, i + 5) && s[i + 6] == 0x3A && isDigit(s, i + 7, 0x30, 0x35)
                && isDigit(s, i + 8)
            return (isTime && times(i + 9)) || fraction(i)
        }
        func fraction(_ i: Int) -> Bool {
            if i < s.count && s[i] == 0x2E {
                var end = i + 1
                while isDigit(s, end) {
                    end += 1
                    if zone(end) { return true }
                }
            }
            return zone(i)
        }
        func zone(_ i: Int) -> Bool {
            if i == s.count { return true }
            if s[i] == 0x5A { return i + 1 == s.count }
            guard s[i] == 0x2B || s[i] == 0x2D, isDigit(s, i + 1, 0x30, 0x32), isDigit(s, i + 2) else { return false }
            var j = i + 3
            if j < s.count && s[j] == 0x3A { j += 1 }
            return isDigit(s, j, 0x30, 0x35) && isDigit(s, j + 1) && j + 2 == s.count
        }
        return dates(4)
    }

    // MARK: What Date.parse makes of an accepted text

    private static func parse(_ s: [UInt16]) -> Double {
        var i = 4
        func number(_ from: Int, _ count: Int) -> Int {
            (from..<(from + count)).reduce(0) { $0 * 10 + Int(s[$1] - 0x30) }
        }
        let year = number(0, 4)
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var millisecond = 0
        var offsetMinutes = 0
        var hasTime = false
        if i < s.count && s[i] == 0x2D {
            month = number(i + 1, 2)
            i += 3
            if i < s.count && s[i] == 0x2D && i + 2 < s.count && isDigit(s, i + 1) {
                day = number(i + 1, 2)
                i += 3
            }
        }
        if i < s.count && s[i] == 0x54 {
            hasTime = true
            hour = number(i + 1, 2)
            minute = number(i + 4, 2)
            second = number(i + 7, 2)
            i += 9
            if i < s.count && s[i] == 0x2E {
                var end = i + 1
                var digits: [Int] = []
                while isDigit(s, end) {
                    digits.append(Int(s[end] - 0x30))
                    end += 1
                }
                // V8 keeps the first three significant digits and truncates the rest.
                let padded = (digits + [0, 0, 0]).prefix(3)
                millisecond = padded.reduce(0) { $0 * 10 + $1 }
                i = end
            }
        }
        let remaining = s.count - i
        if (remaining == 5 || (remaining == 6 && s[i + 3] == 0x3A)) && (s[i] == 0x2B || s[i] == 0x2D) {
            let sign = s[i] == 0x2D ? -1 : 1
            let hours = number(i + 1, 2)
            var j = i + 3
            if s[j] == 0x3A { j += 1 }
            let minutes = number(j, 2)
            guard hours <= 23 else { return .nan }
            offsetMinutes = sign * (hours * 60 + minutes)
            i = j + 2
        } else if i < s.count && s[i] == 0x5A {
            i += 1
        }
        // Anything left over is a second date or time group, or a fraction without a time: V8's
        // ISO parser gives up there.
        guard i == s.count, month >= 1, month <= 12, day >= 1, day <= 31 else { return .nan }
        if hasTime {
            let validTime = hour <= 23 || (hour == 24 && minute == 0 && second == 0 && millisecond == 0)
            guard validTime, minute <= 59, second <= 59 else { return .nan }
        }
        // A date-time without an offset is local time to V8; Step Functions runs in UTC.
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: 1) + day - 1
        let time = Double(days) * CivilCalendar.msPerDay
            + Double(((hour * 60 + minute) * 60 + second) * 1000 + millisecond) - Double(offsetMinutes) * 60_000
        return CivilCalendar.timeClip(time)
    }
}
