import JSONValue

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DateTimeFormatting {
    /// $toMillis(string, picture?): nil picture = ISO 8601 parsing as jsonata does; returns nil for "undefined"
    ///
    /// Components a picture leaves out before the first one it gives (a time without a date, say)
    /// come from the current time, as jsonata takes them from `$now()`; an evaluator that fixes
    /// one timestamp per evaluation should call `parseToMillis(_:picture:now:)` instead.
    static func parseToMillis(_ text: String, picture: String?) throws(JSONataError) -> Double? {
        try parseToMillis(text, picture: picture, now: currentMillis())
    }

    /// `parseToMillis` with the evaluation's timestamp (epoch milliseconds) for defaulted components.
    /// Returns NaN where jsonata-js computes NaN (a word or roman capture that is not a number).
    static func parseToMillis(_ text: String, picture: String?, now: Double) throws(JSONataError) -> Double? {
        guard let picture else {
            guard let millis = ISO8601Timestamp.millis(text) else {
                throw .formatting("D3110", value: .string(text))
            }
            return millis
        }
        return try parseDateTime(text, picture: picture, now: UTCDateFields(time: now))
    }

    /// The wall clock, read only when the caller supplies no evaluation timestamp.
    private static func currentMillis() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec / 1_000_000)).rounded(.down)
    }

    /// How the captured text of one marker becomes a component value; nil result is JS `undefined`.
    private enum ComponentParser {
        case integer(IntegerPicture)
        case zone(gmt: Bool, separator: String?)
        case names([String: Double])
    }

    private static func parseDateTime(_ timestamp: String, picture: String, now: UTCDateFields) throws(JSONataError) -> Double? {
        let spec = try DateTimePicture(analysing: picture)
        var patterns: [PictureMatcher.Pattern] = []
        var parsers: [(component: String, parser: ComponentParser)?] = []
        for part in spec.parts {
            switch part {
            case .literal(let text):
                patterns.append(.literal(Array(text.unicodeScalars)))
                parsers.append(nil)
            case .marker(let marker):
                let (pattern, parser) = try matcherPart(for: marker)
                patterns.append(pattern)
                parsers.append((marker.component, parser))
            }
        }
        guard let captures = PictureMatcher(patterns: patterns).match(timestamp) else { return nil }

        var components: [String: Double] = [:]
        var anyParsed = false
        for (capture, entry) in zip(captures, parsers) {
            guard let (component, parser) = entry else { continue }
            anyParsed = true
            if let value = try parse(capture, with: parser) {
                components[component] = value
            } else {
                components[component] = nil
            }
        }
        guard anyParsed else { return nil }
        return try assemble(&components, now: now)
    }

    private static func matcherPart(for marker: DateTimePicture.Marker) throws(JSONataError) -> (PictureMatcher.Pattern, ComponentParser) {
        if marker.component == "Z" || marker.component == "z" {
            var separator: String?
            if let format = marker.integerFormat, format.primary == .decimal, let regular = format.regularGrouping {
                separator = regular.character
            }
            let gmt = marker.component == "z"
            return (
                .zone(gmt: gmt, separator: separator.map { Array($0.unicodeScalars) }),
                .zone(gmt: gmt, separator: separator)
            )
        }
        if let format = marker.integerFormat {
            switch format.primary {
            case .letters: return (.letters, .integer(format))
            case .roman: return (.roman, .integer(format))
            case .words: return (.words, .integer(format))
            case .decimal: return (.digits(width: format.parseWidth, ordinal: format.ordinal), .integer(format))
            case .sequence: throw .formatting("D3130", value: .string(format.token))
            }
        }
        var lookup: [String: Double] = [:]
        let maxWidth = marker.width?.max.flatMap { $0.isNaN || $0 == 0 ? nil : DateTimePicture.count($0) }
        func truncated(_ name: String) -> String { maxWidth.map { String(name.prefix($0)) } ?? name }
        switch marker.component {
        case "M", "x":
            // Names that truncate alike overwrite each other: the later month wins, as in JS.
            for (index, name) in DateTimeComponents.months.enumerated() {
                lookup[truncated(name)] = Double(index + 1)
            }
        case "F":
            for (index, name) in DateTimeComponents.days.enumerated() where index > 0 {
                lookup[truncated(name)] = Double(index)
            }
        case "P":
            lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
        default:
            throw .formatting("D3133", value: .string(marker.component))
        }
        return (.letters, .names(lookup))
    }

    private static func parse(_ text: String, with parser: ComponentParser) throws(JSONataError) -> Double? {
        switch parser {
        case .integer(let format):
            return try format.parse(text)
        case .names(let lookup):
            // The lookup is case-sensitive even though the regex matched case-insensitively.
            return lookup[text]
        case .zone(let gmt, let separator):
            var value = Substring(text)
            if gmt { value = value.dropFirst(3) }
            var hours = 0.0
            var minutes = 0.0
            if let separator, let range = value.firstRange(of: separator) {
                hours = JSNumberText.parseInt(value[..<range.lowerBound])
                minutes = JSNumberText.parseInt(value[range.upperBound...])
            } else {
                let units = Array(value.utf16)
                if units.count - 1 <= 2 {
                    hours = JSNumberText.parseInt(value)
                } else {
                    hours = JSNumberText.parseInt(String(decoding: units.prefix(3), as: UTF16.self))
                    minutes = JSNumberText.parseInt(String(decoding: units.dropFirst(3), as: UTF16.self))
                }
            }
            // Minutes are added even for a negative hour ("-05:30" is -270 min), as in jsonata.
            return hours * 60 + minutes
        }
    }

    /// jsonata-js's rules for turning parsed components into a timestamp: find which date and
    /// time combination was given, default the more significant missing parts from `now` and the
    /// less significant ones to their minimum, and reject gaps (D3136).
    private static func assemble(_ components: inout [String: Double], now: UTCDateFields) throws(JSONataError) -> Double {
        func truthy(_ key: String) -> Bool {
            guard let value = components[key] else { return false }
            return value != 0 && !value.isNaN
        }
        func mask(_ keys: String) -> Int {
            keys.reduce(0) { ($0 << 1) + (truthy(String($1)) ? 1 : 0) }
        }
        func isType(_ type: Int, _ mask: Int) -> Bool { (~type & mask) == 0 && (type & mask) != 0 }

        let dateMask = mask("YXMxWwdD")
        let dateA = isType(0b1010_0001, dateMask)
        let dateB = !dateA && isType(0b1000_0010, dateMask)
        let dateC = isType(0b0101_0100, dateMask)
        let dateD = !dateC && isType(0b0100_1000, dateMask)
        let timeMask = mask("PHhmsf")
        let timeA = isType(0b01_0111, timeMask)
        let timeB = !timeA && isType(0b10_1111, timeMask)

        // jsonata lists "YD" for the {Y, d} combination; the day of the year is applied below.
        let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        let timeComponents = timeB ? "Phmsf" : "Hmsf"

        var startSpecified = false
        var endSpecified = false
        for character in dateComponents + timeComponents {
            let part = String(character)
            if components[part] == nil {
                if startSpecified {
                    components[part] = "MDd".contains(character) ? 1 : 0
                    endSpecified = true
                } else {
                    components[part] = defaultFromNow(now, part)
                }
            } else {
                startSpecified = true
                if endSpecified { throw .formatting("D3136") }
            }
        }

        if let month = components["M"], month > 0 {
            components["M"] = month - 1
        } else {
            components["M"] = 0
        }
        if dateB {
            let firstJan = CivilCalendar.utc(components["Y"] ?? .nan, 0)
            let dayOffset = ((components["d"] ?? .nan) - 1) * CivilCalendar.msPerDay
            let derived = UTCDateFields(time: firstJan + dayOffset)
            components["M"] = derived.month
            components["D"] = derived.date
        }
        // jsonata recognises week-based dates but does not implement parsing them.
        if dateC || dateD { throw .formatting("D3136") }
        if timeB {
            let h = components["h"] ?? .nan
            var hours = h == 12 ? 0 : h
            if components["P"] == 1 { hours += 12 }
            components["H"] = hours
        }
        var millis = CivilCalendar.utc(
            components["Y"] ?? .nan, components["M"] ?? .nan, components["D"] ?? .nan, components["H"] ?? .nan,
            components["m"] ?? .nan, components["s"] ?? .nan, components["f"] ?? .nan)
        if truthy("Z"), let zone = components["Z"] {
            millis -= zone * 60 * 1000
        } else if truthy("z"), let zone = components["z"] {
            millis -= zone * 60 * 1000
        }
        return millis
    }

    /// `getDateTimeFragment($now(), part)`; the am/pm marker comes back as a word in jsonata and
    /// so never equals the 1 that means pm, which NaN reproduces.
    private static func defaultFromNow(_ now: UTCDateFields, _ part: String) -> Double {
        switch DateTimeComponents.fragment(now, part) {
        case .number(let value): return value
        case .text, .undefined: return .nan
        }
    }
}
