import JSONValue

extension ValidationPass {
    mutating func validateWait(_ context: StateContext) {
        let fields = context.fields
        let location = context.location
        // AWS names the four fields in this order.
        exactlyOne(fields, ["SecondsPath", "Seconds", "TimestampPath", "Timestamp"], at: location)
        integerField(fields, "Seconds", in: location, minimum: 0, maximum: 99_999_999, language: context.language)
        if let timestamp = fields["Timestamp"] {
            let at = Pointer.member(location, "Timestamp")
            if expect(.string, timestamp, at: at), let text = timestamp.stringValue {
                let expression = context.language == .jsonata && JSONataText.isExpression(text)
                if !expression && !RFC3339.isValid(text) {
                    report("String does not match RFC3339 timestamp", at: at)
                }
            }
        }
        pathField(fields, "SecondsPath", in: location, kind: .reference, nullable: false)
        pathField(fields, "TimestampPath", in: location, kind: .reference, nullable: false)
    }
}

/// The RFC 3339 date-time profile AWS accepts in Wait and Choice timestamps.
enum RFC3339 {
    static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        func byte(_ i: Int, _ c: Character) -> Bool { i < b.count && b[i] == c.asciiValue }
        guard let year = digits(0, 4), byte(4, "-"), let month = digits(5, 2), byte(7, "-"), let day = digits(8, 2),
            byte(10, "T"), let hour = digits(11, 2), byte(13, ":"), let minute = digits(14, 2), byte(16, ":"),
            let second = digits(17, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59,
            second <= 60
        else { return false }
        var i = 19
        if byte(i, ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
            guard i > start else { return false }
        }
        if byte(i, "Z") { return i + 1 == b.count }
        guard byte(i, "+") || byte(i, "-"), let offsetHour = digits(i + 1, 2), byte(i + 3, ":"),
            let offsetMinute = digits(i + 4, 2)
        else { return false }
        return offsetHour <= 23 && offsetMinute <= 59 && i + 6 == b.count
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
