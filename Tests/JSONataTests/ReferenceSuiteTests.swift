import Foundation
import JSONValue
import Testing

@testable import JSONata

/// Runs jsonata-js's reference test suite (normalised into ../shared/jsonata-suite).
struct ReferenceSuiteTests {
    /// Every case that applies to AWS (JSONata 2.0.6 without `$eval`) passes; the run fails if fewer do.
    static let awsApplicableFloor = 1611

    static var suiteDirectory: URL {
        if let shared = ProcessInfo.processInfo.environment["STEPWISE_SHARED"] {
            return URL(fileURLWithPath: shared).appendingPathComponent("jsonata-suite")
        }
        // Tests/JSONataTests/<file> -> repository root -> its parent holds shared/.
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/jsonata-suite")
    }

    struct Outcome {
        var passed = 0
        var total = 0
        var awsPassed = 0
        var awsTotal = 0
    }

    @Test("every jsonata-suite case that applies to AWS gives the reference result; counts printed per group")
    func referenceSuitePassesAtLeastTheFloor() throws {
        let groupsDir = Self.suiteDirectory.appendingPathComponent("groups")
        let files = try FileManager.default.contentsOfDirectory(atPath: groupsDir.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty, "suite not found at \(groupsDir.path)")
        var perGroup: [(String, Outcome)] = []
        var total = Outcome()
        var failures: [String] = []
        for file in files {
            let text = try String(contentsOf: groupsDir.appendingPathComponent(file), encoding: .utf8)
            let cases = try JSONValue(parsing: text).arrayValue ?? []
            var outcome = Outcome()
            for c in cases {
                let tags = (c["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
                let applicable = !tags.contains("eval") && !tags.contains("post-v2.0.6") && !tags.contains("lone-surrogate")
                    && c["at_baseline"]?.stringValue != "absent"
                let (ok, detail) = Self.run(c)
                outcome.total += 1
                if ok { outcome.passed += 1 }
                if applicable {
                    outcome.awsTotal += 1
                    if ok { outcome.awsPassed += 1 } else { failures.append("\(c["id"]?.stringValue ?? "?"): \(detail)") }
                }
            }
            perGroup.append((String(file.dropLast(5)), outcome))
            total.passed += outcome.passed
            total.total += outcome.total
            total.awsPassed += outcome.awsPassed
            total.awsTotal += outcome.awsTotal
        }
        // One line per group, AWS-applicable cases first, then every case of the group.
        for (name, o) in perGroup {
            print("jsonata-suite \(name): \(o.awsPassed)/\(o.awsTotal) (all cases \(o.passed)/\(o.total))")
        }
        if let path = ProcessInfo.processInfo.environment["JSONATA_SUITE_FAILURES"] {
            try failures.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        print("jsonata-suite: \(total.passed)/\(total.total) passed (AWS-applicable: \(total.awsPassed)/\(total.awsTotal))")
        #expect(total.awsPassed >= Self.awsApplicableFloor)
    }

    static func run(_ c: JSONValue) -> (Bool, String) {
        let expr = c["expr"]?.stringValue ?? ""
        let expect = c["expect"]?.objectValue ?? JSONObject()
        var bindings: [String: JSONataBinding] = [:]
        for (k, v) in c["bindings"]?.objectValue?.members ?? [] { bindings[k] = .value(v) }
        var limits = JSONataLimits(maxDepth: 10_000, maxSteps: 20_000_000)
        if let d = c["depth"]?.numberValue?.intValue { limits.maxDepth = d }
        if c["timelimit"] != nil { limits.maxSteps = min(limits.maxSteps, 2_000_000) }
        let result: JSONataResult
        do {
            let compiled = try JSONataExpression(expr)
            result = try compiled.evaluate(c["data"], bindings: bindings, limits: limits)
        } catch {
            guard let code = expect["error"]?.stringValue else { return (false, "unexpected \(error.code): \(error.message)") }
            if code != error.code { return (false, "expected \(code), got \(error.code): \(error.message)") }
            if let message = expect["message"]?.stringValue, message != error.message {
                return (false, "message \(error.message) != \(message)")
            }
            if let token = expect["token"]?.stringValue, token != error.token {
                return (false, "token \(error.token ?? "nil") != \(token)")
            }
            return (true, "")
        }
        if let code = expect["error"]?.stringValue { return (false, "expected error \(code), got \(result)") }
        if expect["undefined"] != nil {
            return result == .undefined ? (true, "") : (false, "expected undefined, got \(result)")
        }
        guard let want = expect["result"] else { return (false, "no expectation") }
        guard case .value(let got) = result else { return (false, "expected \(want), got \(result)") }
        return Self.equal(got, want) ? (true, "") : (false, "expected \(want), got \(got)")
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x.doubleValue == y.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.members {
                guard let w = y[k], equal(v, w) else { return false }
            }
            return true
        default: return a == b
        }
    }
}
