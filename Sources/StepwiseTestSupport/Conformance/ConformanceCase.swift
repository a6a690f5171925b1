import JSONValue

/// One case of `../shared/conformance/cases`: a definition, an input and what AWS answered.
package struct ConformanceCase: Sendable {
    package var name: String
    package var category: String
    package var definition: JSONValue
    package var definitionString: String?
    package var input: JSONValue
    package var expected: JSONObject
    package var expectedEvents: [String]?
    package var action: String?
    package var stateMachineType: String?
    package var mode: String?
    package var wildcards: [String]
    package var raw: JSONObject

    package init(_ document: JSONValue) throws(ConformanceCaseError) {
        guard let o = document.objectValue, let name = o["name"]?.stringValue, let category = o["category"]?.stringValue,
            let expected = o["expected"]?.objectValue
        else { throw ConformanceCaseError(reason: "not a conformance case") }
        self.name = name
        self.category = category
        self.definition = o["definition"] ?? .null
        self.definitionString = o["definition_string"]?.stringValue
        self.input = o["input"] ?? .object(JSONObject())
        self.expected = expected
        self.expectedEvents = o["expected_events"]?.arrayValue?.compactMap(\.stringValue)
        self.action = o["action"]?.stringValue
        self.stateMachineType = o["state_machine_type"]?.stringValue
        self.mode = o["mode"]?.stringValue
        self.wildcards = o["wildcards"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.raw = o
    }

    /// The definition text as the harness sends it.
    package var definitionText: String { definitionString ?? definition.serialized() }

    /// Whether the case needs a server (activities with workers, stop requests, sync starts).
    package var needsServer: Bool {
        raw["activity"] != nil || raw["stop"] != nil || mode == "express_sync"
    }
}

package struct ConformanceCaseError: Error, CustomStringConvertible {
    package var reason: String
    package var description: String { reason }
}

/// Event types with the inside of each Parallel/Map run as a sorted multiset, as run.py compares them.
package enum CanonicalEvents {
    static let concurrentStart: Set<String> = ["ParallelStateStarted", "MapStateStarted"]
    static let concurrentEnd: Set<String> = [
        "ParallelStateSucceeded", "ParallelStateFailed", "ParallelStateAborted", "MapStateSucceeded", "MapStateFailed",
        "MapStateAborted",
    ]

    package static func canonical(_ types: [String]) -> [[String]] {
        var out: [[String]] = []
        var depth = 0
        var buffer: [String] = []
        for t in types {
            if depth == 0 {
                out.append([t])
                if concurrentStart.contains(t) {
                    depth = 1
                    buffer = []
                }
                continue
            }
            if concurrentStart.contains(t) { depth += 1 } else if concurrentEnd.contains(t) { depth -= 1 }
            if depth == 0 {
                out.append(buffer.sorted())
                out.append([t])
            } else {
                buffer.append(t)
            }
        }
        if depth > 0 { out.append(buffer.sorted()) }
        return out
    }
}
