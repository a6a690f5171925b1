import JSONValue
import Testing

@testable import StatesLanguage

@Suite("JSONPath against the Jayway reference suite")
struct JSONPathJaywaySuiteTests {
    /// Runs one case; nil when it agrees with Jayway, else what we did instead.
    static func run(_ testCase: JaywayCase) -> String? {
        let outcome: Result<JSONValue, JSONPathError>
        do throws(JSONPathError) {
            let path = try JSONPath(testCase.selector)
            // Jayway has no variables or context object: `$a` is a syntax error there.
            guard path.root == .input else { throw .invalid(path: testCase.selector, reason: "root") }
            outcome = .success(try path.evaluate(testCase.document))
        } catch {
            outcome = .failure(error)
        }
        switch (testCase.expectation, outcome) {
        case (.result(let expected), .success(let actual)):
            return JaywaySuite.matches(actual, expected, ordered: testCase.ordered) ? nil : "got \(actual.serialized())"
        case (.notFound, .failure(.notFound)), (.notSupported, .failure(.invalid)), (.error, .failure):
            return nil
        case (_, .success(let actual)):
            return "got \(actual.serialized())"
        case (_, .failure(let error)):
            return "threw \(error)"
        }
    }

    @Test("matches Jayway on at least 90% of the 258 comparison queries")
    func suite() throws {
        let cases = try JaywaySuite.load()
        #expect(cases.count == 258)
        var failures: [(String, String)] = []
        for testCase in cases {
            if let problem = Self.run(testCase) { failures.append((testCase.id, problem)) }
        }
        let passed = cases.count - failures.count
        print("jsonpath-suite: \(passed)/\(cases.count) match Jayway")
        for (id, problem) in failures { print("  jsonpath-suite mismatch \(id): \(problem)") }
        #expect(Double(passed) >= Double(cases.count) * 0.9)
    }

    @Test("classifies definite and reference paths as the suite's own reading does")
    func classification() throws {
        for testCase in try JaywaySuite.load() {
            guard let path = try? JSONPath(testCase.selector), path.root == .input,
                case .result = testCase.expectation
            else { continue }
            let isScalar: Bool
            if case .result(let r) = testCase.expectation, case .array = r { isScalar = false } else { isScalar = true }
            if path.isDefinite != isScalar, !path.isDefinite {
                Issue.record("\(testCase.id): \(testCase.selector) classified indefinite but Jayway returned a bare value")
            }
        }
    }
}
