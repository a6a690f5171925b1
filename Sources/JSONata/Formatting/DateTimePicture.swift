import JSONValue

/// An analysed XPath F&O 3.1 date/time picture (jsonata-js `analyseDateTimePicture`):
/// literals and variable markers such as `[Y0001]`, `[MNn,3-3]`, `[Z01:01t]`.
struct DateTimePicture: Sendable {
    /// `[min-max]` of a width modifier; nil is JS `undefined` (absent or `*`), NaN an unparsable width.
    struct Width: Sendable {
        var min: Double?
        var max: Double?
    }

    struct Marker: Sendable {
        var component: String
        var presentation1: String
        var presentation2: String?
        var width: Width?
        var names: IntegerPicture.LetterCase?
        var integerFormat: IntegerPicture?
        /// Digits of the year to keep (§9.8.4.4); -1 keeps them all.
        var yearDigits: Double = -1
    }

    enum Part: Sendable {
        case literal(String)
        case marker(Marker)
    }

    var parts: [Part] = []

    static let defaultPresentation: [String: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1", "h": "1",
        "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]

    /// A width as a character count. V8 cannot build a string longer than 2²⁹ - 24 units, so
    /// larger widths are cut there rather than trapping on the conversion; NaN and negatives
    /// count as nothing, as JS's `substring` and `Array(n)` treat them.
    static func count(_ width: Double) -> Int {
        guard !width.isNaN, width > 0 else { return 0 }
        return Int(Swift.min(width, 536_870_888))
    }

    static let iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    /// Components whose value is an integer, and so take an integer picture.
    static let integerComponents: Set<String> = ["Y", "M", "D", "d", "F", "W", "w", "X", "x", "H", "h", "m", "s", "f"]

    init(analysing picture: String) throws(JSONataError) {
        let s = Array(picture.unicodeScalars)
        func text(_ from: Int, _ to: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: s[from..<to])
            return String(view)
        }
        func addLiteral(_ from: Int, _ to: Int) {
            guard to > from else { return }
            // Only a doubled ']]' is unescaped; a lone ']' stays, as jsonata leaves it.
            let literal = text(from, to).split(separator: "]]", omittingEmptySubsequences: false).joined(separator: "]")
            parts.append(.literal(literal))
        }
        var start = 0
        var pos = 0
        while pos < s.count {
            if s[pos] == "[" {
                if pos + 1 < s.count && s[pos + 1] == "[" {
                    addLiteral(start, pos)
                    parts.append(.literal("["))
                    pos += 2
                    start = pos
                    continue
                }
                addLiteral(start, pos)
                start = pos
                guard let close = s[start...].firstIndex(of: "]") else { throw .formatting("D3135") }
                pos = close
                var marker = String.UnicodeScalarView()
                marker.append(contentsOf: s[(start + 1)..<pos].filter { !JSNumberText.isJSWhiteSpace($0) })
                try parts.append(.marker(Self.analyseMarker(String(marker), previous: &parts)))
                start = pos + 1
            }
            pos += 1
        }
        addLiteral(start, pos)
    }

    private static func analyseMarker(_ marker: String, previous parts: inout [Part]) throws(JSONataError) -> Marker {
        let scalars = Array(marker.unicodeScalars)
        func text(_ from: Int, _ to: Int) -> String {
            var view = String.UnicodeScalarView()
            if from < to { view.append(contentsOf: scalars[from..<to]) }
            return String(view)
        }
        let component = scalars.isEmpty ? "" : String(scalars[0])
        var def = Marker(component: component, presentation1: "")
        var presentationModifier: String
        if let comma = scalars.lastIndex(of: ",") {
            let widthModifier = Array(scalars[(comma + 1)...])
            func parseWidth(_ w: [Unicode.Scalar]?) -> Double? {
                guard let w, w != ["*"] else { return nil }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: w)
                return JSNumberText.parseInt(String(view))
            }
            if let dash = widthModifier.firstIndex(of: "-") {
                def.width = Width(
                    min: parseWidth(Array(widthModifier[..<dash])), max: parseWidth(Array(widthModifier[(dash + 1)...])))
            } else {
                def.width = Width(min: parseWidth(widthModifier), max: nil)
            }
            presentationModifier = text(1, comma)
        } else {
            presentationModifier = text(1, scalars.count)
        }
        let modifier = Array(presentationModifier.unicodeScalars)
        var presentation1: String?
        if modifier.count == 1 {
            presentation1 = presentationModifier
        } else if modifier.count > 1 {
            let last = modifier[modifier.count - 1]
            if "atco".unicodeScalars.contains(last) {
                // 'o' asks for ordinals; 'c' (cardinal) is the default and 'a'/'t' carry no meaning
                // for English numbering, except that 't' on Z/z prints "Z" for a zero offset.
                def.presentation2 = String(last)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: modifier.dropLast())
                presentation1 = String(view)
            } else {
                presentation1 = presentationModifier
            }
        } else {
            presentation1 = defaultPresentation[component]
        }
        guard let presentation1 else { throw .formatting("D3132", value: .string(component)) }
        def.presentation1 = presentation1
        let p1 = Array(presentation1.unicodeScalars)
        if p1.first == "n" {
            def.names = .lower
        } else if p1.first == "N" {
            def.names = p1.count > 1 && p1[1] == "n" ? .title : .upper
        } else if integerComponents.contains(component) {
            var pattern = presentation1
            if let p2 = def.presentation2 { pattern += ";" + p2 }
            var format = try IntegerPicture(analysing: pattern)
            // Only a decimal pattern has a digit count in jsonata; for the others the comparisons
            // against `undefined` are false, so widths leave them alone.
            if format.primary == .decimal, let min = def.width?.min, Double(format.mandatoryDigits) < min {
                format.mandatoryDigits = Self.count(min)
            }
            if component == "Y" {
                def.yearDigits = -1
                if let max = def.width?.max {
                    def.yearDigits = max
                    format.mandatoryDigits = Self.count(max)
                } else if format.primary == .decimal {
                    let w = format.mandatoryDigits + format.optionalDigits
                    if w >= 2 { def.yearDigits = Double(w) }
                }
            }
            def.integerFormat = format
            // Two integer markers with nothing between them can only be parsed apart if the first
            // has a fixed width.
            if case .marker(var previous)? = parts.last, var previousFormat = previous.integerFormat {
                previousFormat.parseWidth = previousFormat.primary == .decimal ? previousFormat.mandatoryDigits : nil
                previous.integerFormat = previousFormat
                parts[parts.count - 1] = .marker(previous)
            }
        }
        if component == "Z" || component == "z" {
            def.integerFormat = try IntegerPicture(analysing: presentation1)
        }
        return def
    }
}

/// What `getDateTimeFragment` yields for a component: a number, a word, or `undefined`.
enum DateTimeFragment: Sendable {
    case number(Double)
    case text(String)
    case undefined
}

enum DateTimeComponents {
    static let days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// ISO 8601's week 1 is the one holding the first Thursday; XPath extends that to months.
    /// Returns the Monday starting week 1 of the given year and 0-based month.
    static func startOfFirstWeek(year: Double, month: Double) -> Double {
        let first = CivilCalendar.utc(year, month)
        var weekday = UTCDateFields(time: first).weekday
        if weekday == 0 { weekday = 7 }
        return weekday > 4 ? first + (8 - weekday) * CivilCalendar.msPerDay : first - (weekday - 1) * CivilCalendar.msPerDay
    }

    static func deltaWeeks(_ start: Double, _ end: Double) -> Double {
        (end - start) / (CivilCalendar.msPerDay * 7) + 1
    }

    static func fragment(_ date: UTCDateFields, _ component: String) -> DateTimeFragment {
        switch component {
        case "Y": return .number(date.year)
        case "M": return .number(date.month + 1)
        case "D": return .number(date.date)
        case "d":
            let today = CivilCalendar.utc(date.year, date.month, date.date)
            let firstJan = CivilCalendar.utc(date.year, 0)
            return .number((today - firstJan) / CivilCalendar.msPerDay + 1)
        case "F":
            return .number(date.weekday == 0 ? 7 : date.weekday)
        case "W":
            let startOfWeek1 = startOfFirstWeek(year: date.year, month: 0)
            let today = CivilCalendar.utc(date.year, date.month, date.date)
            var week = deltaWeeks(startOfWeek1, today)
            if week > 52 {
                if today >= startOfFirstWeek(year: date.year + 1, month: 0) { week = 1 }
            } else if week < 1 {
                week = deltaWeeks(startOfFirstWeek(year: date.year - 1, month: 0), today)
            }
            return .number(week.rounded(.down))
        case "w":
            let startOfWeek1 = startOfFirstWeek(year: date.year, month: date.month)
            let today = CivilCalendar.utc(date.year, date.month, date.date)
            var week = deltaWeeks(startOfWeek1, today)
            if week > 4 {
                let next = nextMonth(date.year, date.month)
                if today >= startOfFirstWeek(year: next.year, month: next.month) { week = 1 }
            } else if week < 1 {
                let previous = previousMonth(date.year, date.month)
                week = deltaWeeks(startOfFirstWeek(year: previous.year, month: previous.month), today)
            }
            return .number(week.rounded(.down))
        case "X":
            let startOfISOYear = startOfFirstWeek(year: date.year, month: 0)
            let endOfISOYear = startOfFirstWeek(year: date.year + 1, month: 0)
            if date.time < startOfISOYear { return .number(date.year - 1) }
            if date.time >= endOfISOYear { return .number(date.year + 1) }
            return .number(date.year)
        case "x":
            let startOfISOMonth = startOfFirstWeek(year: date.year, month: date.month)
            let next = nextMonth(date.year, date.month)
            let endOfISOMonth = startOfFirstWeek(year: next.year, month: next.month)
            if date.time < startOfISOMonth { return .number(previousMonth(date.year, date.month).month + 1) }
            if date.time >= endOfISOMonth { return .number(next.month + 1) }
            return .number(date.month + 1)
        case "H": return .number(date.hours)
        case "h":
            let h = date.hours.truncatingRemainder(dividingBy: 12)
            return .number(h == 0 ? 12 : h)
        case "P": return .text(date.hours >= 12 ? "pm" : "am")
        case "m": return .number(date.minutes)
        case "s": return .number(date.seconds)
        case "f": return .number(date.milliseconds)
        case "C", "E": return .text("ISO")
        default: return .undefined
        }
    }

    private static func nextMonth(_ year: Double, _ month: Double) -> (year: Double, month: Double) {
        month == 11 ? (year + 1, 0) : (year, month + 1)
    }

    private static func previousMonth(_ year: Double, _ month: Double) -> (year: Double, month: Double) {
        month == 0 ? (year - 1, 11) : (year, month - 1)
    }
}

enum DateTimeFormatting {
    /// $fromMillis(number, picture?, timezone?): picture nil = ISO 8601 `[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]`
    static func formatMillis(_ millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        var offsetHours = 0.0
        var offsetMinutes = 0.0
        if let timezone {
            // jsonata reads the zone as one integer ±HHMM and splits it with floor and %, so
            // "-0530" becomes -6 h and -30 min; reproduced because that is what AWS prints.
            let offset = JSNumberText.parseInt(timezone)
            offsetHours = (offset / 100).rounded(.down)
            offsetMinutes = offset.truncatingRemainder(dividingBy: 100)
        }
        let spec = try DateTimePicture(analysing: picture ?? DateTimePicture.iso8601)
        let offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000
        let date = UTCDateFields(time: millis + offsetMillis)
        var result = ""
        for part in spec.parts {
            switch part {
            case .literal(let text): result += text
            case .marker(let marker):
                result += try formatComponent(date, marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
            }
        }
        return result
    }

    private static func formatComponent(
        _ date: UTCDateFields, _ marker: DateTimePicture.Marker, offsetHours: Double, offsetMinutes: Double
    ) throws(JSONataError) -> String {
        let fragment = DateTimeComponents.fragment(date, marker.component)
        let component = marker.component
        if DateTimePicture.integerComponents.contains(component) && component != "f" {
            guard case .number(var value) = fragment else { return "undefined" }
            if component == "Y" && marker.yearDigits != -1 {
                value = value.truncatingRemainder(dividingBy: power10(marker.yearDigits))
            }
            if let names = marker.names {
                var name: String
                if component == "M" || component == "x" {
                    name = nameAt(DateTimeComponents.months, value - 1)
                } else if component == "F" {
                    name = nameAt(DateTimeComponents.days, value)
                } else {
                    throw .formatting("D3133", value: .string(component))
                }
                if names == .upper {
                    name = name.uppercased()
                } else if names == .lower {
                    name = name.lowercased()
                }
                if let max = marker.width?.max, Double(name.utf16.count) > max {
                    name = String(decoding: name.utf16.prefix(DateTimePicture.count(max)), as: UTF16.self)
                }
                return name
            }
            guard let format = marker.integerFormat else { return "undefined" }
            return try format.format(value)
        }
        if component == "f" {
            guard case .number(let value) = fragment, let format = marker.integerFormat else {
                // jsonata-js fails with a TypeError on a named fractional-seconds marker.
                throw .formatting("D3133", value: .string(component))
            }
            return try format.format(value)
        }
        if component == "Z" || component == "z" {
            return try formatZone(marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
        }
        switch fragment {
        case .text(let text):
            return component == "P" && marker.names == .upper ? text.uppercased() : text
        case .number(let value):
            return JSNumberText.string(value)
        case .undefined:
            // An unknown component with an explicit presentation passes analysis in jsonata and
            // then prints JavaScript's `undefined`.
            return "undefined"
        }
    }

    private static func formatZone(
        _ marker: DateTimePicture.Marker, offsetHours: Double, offsetMinutes: Double
    ) throws(JSONataError) -> String {
        guard let format = marker.integerFormat else { return "undefined" }
        let offset = offsetHours * 100 + offsetMinutes
        var text: String
        if format.primary == .decimal && format.regularGrouping != nil {
            text = try format.format(offset)
        } else {
            let digits = format.primary == .decimal ? format.mandatoryDigits : 0
            switch digits {
            case 1, 2:
                text = try format.format(offsetHours)
                if offsetMinutes != 0 {
                    text += ":" + (try NumberPictureFormatting.formatInteger(offsetMinutes, picture: "00"))
                }
            case 3, 4:
                text = try format.format(offset)
            default:
                throw .formatting("D3134", value: .int(digits))
            }
        }
        if offset >= 0 { text = "+" + text }
        if marker.component == "z" { text = "GMT" + text }
        if offset == 0 && marker.presentation2 == "t" { text = "Z" }
        return text
    }

    /// `names[index]` where JS would read `undefined` out of range; a name that does not exist
    /// prints as JavaScript would concatenate it.
    private static func nameAt(_ names: [String], _ index: Double) -> String {
        guard index.isFinite, index >= 0, index < Double(names.count), index == index.rounded() else { return "undefined" }
        return names[Int(index)]
    }

    private static func power10(_ exponent: Double) -> Double {
        guard exponent.isFinite, exponent >= 0, exponent < 400 else { return exponent.isNaN ? .nan : .infinity }
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 10 }
        return result
    }
}
