import Foundation
import JSONValue

/// One case of `../shared/jsonpath-suite/cases.json` (GPL data: read at test time, never copied).
struct JaywayCase {
    enum Expectation {
        case result(JSONValue)
        case notFound
        case notSupported
        case error
    }

    var id: String
    var selector: String
    var document: JSONValue
    var expectation: Expectation
    /// False where the result order is implementation-defined: compare as multisets.
    var ordered: Bool
}

/// Loads the Jayway reference suite from the peer directory next to the repository.
enum JaywaySuite {
    static func suiteURL(filePath: String = #filePath) -> URL {
        // Tests/StatesLanguageTests/JSONPath/<file> → repository root → ../shared
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("../shared/jsonpath-suite/cases.json")
            .standardized
    }

    static func load() throws -> [JaywayCase] {
        let text = try String(contentsOf: suiteURL(), encoding: .utf8)
        guard case .array(let entries) = try JSONValue(parsing: text) else { return [] }
        return entries.compactMap { entry in
            guard case .string(let id)? = entry["id"], case .string(let selector)? = entry["selector"],
                let document = entry["document"], case .object(let jayway)? = entry["jayway"]
            else { return nil }
            let expectation: JaywayCase.Expectation
            if let result = jayway["result"] {
                expectation = .result(result)
            } else if jayway["not_found"] != nil {
                expectation = .notFound
            } else if jayway["not_supported"] != nil {
                expectation = .notSupported
            } else {
                expectation = .error
            }
            let ordered = entry["ordered"]?.boolValue ?? true
            return JaywayCase(id: id, selector: selector, document: document, expectation: expectation, ordered: ordered)
        }
    }

    /// Equal as JSON (objects without key order, numbers by value); unordered arrays as multisets.
    static func matches(_ actual: JSONValue, _ expected: JSONValue, ordered: Bool) -> Bool {
        if ordered { return actual == expected }
        guard case .array(let a) = actual, case .array(let b) = expected, a.count == b.count else {
            return actual == expected
        }
        var remaining = b
        for value in a {
            guard let i = remaining.firstIndex(of: value) else { return false }
            remaining.remove(at: i)
        }
        return true
    }
}
