import JSONValue
import StatesLanguage

/// One history event a line: id, time since the start, type, and the details as compact JSON whose
/// payloads are shown as JSON rather than as the escaped strings GetExecutionHistory carries.
///
///        3     +0.001s  TaskScheduled                {"resourceType":"lambda","resource":"invoke",...,"parameters":{"x":1}}
enum HistoryFormatter {
    static func line(_ event: HistoryEvent, start: Timestamp) -> String {
        let id = String(event.id)
        var line = String(repeating: " ", count: max(0, 4 - id.count)) + id
        let time = elapsed(from: start, to: event.timestamp)
        // Right-aligned so the types line up for executions up to a day of (virtual) time.
        line += String(repeating: " ", count: max(2, 12 - time.count)) + time
        let type = event.type.rawValue
        line += "  " + type
        if let (_, details) = event.detailsMember {
            line += String(repeating: " ", count: max(1, 29 - type.count)) + readable(details).serialized()
        }
        return line
    }

    /// `+1.250s`: virtual time shows the time the execution would have taken.
    static func elapsed(from start: Timestamp, to time: Timestamp) -> String {
        let millis = max(0, (time.nanoseconds - start.nanoseconds) / 1_000_000)
        let fraction = String(millis % 1000)
        return "+\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }

    /// Payload members (JSON text in AWS's shape) turned back into JSON; the `...Details` truncation flags dropped.
    static func readable(_ details: JSONValue) -> JSONValue {
        guard let object = details.objectValue else { return details }
        let payloads: Set<String> = ["input", "output", "parameters"]
        var out = JSONObject(minimumCapacity: object.count)
        for (key, value) in object.members {
            if key.hasSuffix("Details"), value.objectValue?.keys == ["truncated"] { continue }
            if payloads.contains(key), let text = value.stringValue {
                out.append(key, parsedOrText(text))
            } else if key == "assignedVariables", let variables = value.objectValue {
                var parsed = JSONObject(minimumCapacity: variables.count)
                for (name, v) in variables.members { parsed.append(name, v.stringValue.map(parsedOrText) ?? v) }
                out.append(key, .object(parsed))
            } else {
                out.append(key, value)
            }
        }
        return .object(out)
    }

    private static func parsedOrText(_ text: String) -> JSONValue {
        (try? JSONValue(parsing: text)) ?? .string(text)
    }
}
