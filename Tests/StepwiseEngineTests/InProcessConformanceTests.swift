import JSONValue
import StatesLanguage
import StepwiseTestSupport
import Testing

/// Runs the AWS-recorded conformance cases that need no server through the interpreter in process.
@Suite("Conformance cases run in process")
struct InProcessConformanceTests {
    static let categories = [
        "pass", "choice", "wait", "parallel", "map", "intrinsic", "jsonpath", "context", "errors-retry-catch", "validation",
        "variables", "jsonata",
    ]

    @Test("at least 95% of the in-process conformance cases give AWS's recorded result")
    func inProcessCasesMatchAWS() async throws {
        let cases = try SharedFixtures.conformanceCases(categories: Self.categories).filter { !$0.needsServer }
        #expect(cases.count > 500)
        let runner = ConformanceRunner()
        var passed: [String: Int] = [:]
        var total: [String: Int] = [:]
        var historyPassed = 0
        var historyTotal = 0
        var failures: [String] = []
        for c in cases {
            let outcome = await runner.run(c)
            total[c.category, default: 0] += 1
            if outcome.passed { passed[c.category, default: 0] += 1 } else { failures.append("FAIL \(c.category)/\(c.name): \(outcome.failure ?? "")") }
            if let h = outcome.historyMatched {
                historyTotal += 1
                if h { historyPassed += 1 } else if outcome.passed { failures.append("HISTORY \(c.category)/\(c.name)") }
            }
        }
        for f in failures { print(f) }
        for category in Self.categories where total[category] != nil {
            print("conformance \(category): \(passed[category, default: 0])/\(total[category]!)")
        }
        let passedCount = passed.values.reduce(0, +)
        let totalCount = total.values.reduce(0, +)
        print("conformance history: \(historyPassed)/\(historyTotal)")
        print("conformance in-process: \(passedCount) passed, \(totalCount - passedCount) failed")
        #expect(Double(passedCount) >= 0.95 * Double(totalCount))
    }
}
