import JSONValue
import StatesLanguage
import StepwiseEngine

/// Plays conformance cases in process: validation cases through the validator, executions
/// through the interpreter with virtual time and no task runner.
package struct ConformanceRunner: Sendable {
    /// The outcome of one case: whether the result matched (and why not) and whether the history did.
    package struct Outcome: Sendable {
        package var passed: Bool
        package var failure: String?
        package var historyMatched: Bool?
    }

    package init() {}

    package func run(_ testCase: ConformanceCase, seed: UInt64 = 1) async -> Outcome {
        switch testCase.action {
        case "create_state_machine": return runCreateFailure(testCase)
        case "validate_state_machine_definition": return runValidate(testCase)
        default: return await runExecution(testCase, seed: seed)
        }
    }

    func type(_ testCase: ConformanceCase) -> StateMachineType {
        StateMachineType(rawValue: testCase.stateMachineType ?? "STANDARD") ?? .standard
    }

    func runCreateFailure(_ testCase: ConformanceCase) -> Outcome {
        let diagnostics = DefinitionValidator(type: type(testCase)).validate(text: testCase.definitionText)
            .filter { $0.severity == .error }
        guard !diagnostics.isEmpty else {
            return Outcome(passed: false, failure: "CreateStateMachine would succeed; expected \(testCase.expected["error"]?.serialized() ?? "")")
        }
        let matcher = ConformanceMatcher(wildcards: testCase.wildcards)
        do {
            try matcher.compare(testCase.expected["error"] ?? .null, .string("InvalidDefinition"), at: "error")
            try matcher.compare(testCase.expected["cause"] ?? .null, .string(diagnostics.invalidDefinitionMessage), at: "message")
            return Outcome(passed: true)
        } catch {
            return Outcome(passed: false, failure: error.description)
        }
    }

    func runValidate(_ testCase: ConformanceCase) -> Outcome {
        let diagnostics = DefinitionValidator(type: type(testCase)).validate(text: testCase.definitionText)
        let result = diagnostics.contains { $0.severity == .error } ? "FAIL" : "OK"
        let actual: [JSONValue] = diagnostics.map { d in
            var o: JSONObject = ["severity": .string(d.severity.rawValue), "code": .string(d.code), "message": .string(d.message)]
            if let location = d.location { o["location"] = .string(location) }
            return .object(o)
        }
        let matcher = ConformanceMatcher(wildcards: testCase.wildcards)
        do {
            try matcher.compare(testCase.expected["status"] ?? .null, .string(result), at: "result")
            try matcher.compare(testCase.expected["diagnostics"] ?? .array([]), .array(actual), at: "diagnostics")
            return Outcome(passed: true)
        } catch {
            return Outcome(passed: false, failure: error.description)
        }
    }

    func runExecution(_ testCase: ConformanceCase, seed: UInt64) async -> Outcome {
        let entropy = SeededEntropy(seed: seed)
        let machineName = "conf_" + String(entropy.next() & 0xFFFF_FFFF_FFFF, radix: 16)
        let executionName = entropy.uuidString()
        let definition: JSONValue
        do {
            definition = try JSONValue(parsing: testCase.definitionText)
        } catch {
            return Outcome(passed: false, failure: "definition is not JSON: \(error)")
        }
        let diagnostics = DefinitionValidator(type: type(testCase)).validate(definition).filter { $0.severity == .error }
        if !diagnostics.isEmpty {
            return Outcome(passed: false, failure: "InvalidDefinition: \(diagnostics.invalidDefinitionMessage)")
        }
        let machine: StateMachine
        do {
            machine = try StateMachineParser().parse(definition)
        } catch {
            return Outcome(passed: false, failure: "cannot run: \(error)")
        }
        let start = Timestamp(seconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let identity = ExecutionIdentity(
            stateMachineName: machineName, executionName: executionName, input: testCase.input, startTime: start,
            roleArn: ConformanceMatcher.roleArn)
        let driver = ExecutionDriver(clock: VirtualClock(start: start), runner: MockTaskRunner(responses: [:]))
        let result = await driver.run(machine: machine, identity: identity, entropy: entropy)
        var historyMatched: Bool?
        if let expectedEvents = testCase.expectedEvents {
            historyMatched =
                CanonicalEvents.canonical(result.history.map(\.type.rawValue)) == CanonicalEvents.canonical(expectedEvents)
        }
        let matcher = ConformanceMatcher(wildcards: testCase.wildcards, stateMachineName: machineName, executionName: executionName)
        do {
            try check(testCase, result, matcher)
            return Outcome(passed: true, historyMatched: historyMatched)
        } catch {
            return Outcome(passed: false, failure: error.description, historyMatched: historyMatched)
        }
    }

    func check(_ testCase: ConformanceCase, _ result: ExecutionResult, _ matcher: ConformanceMatcher) throws(ConformanceMatcher.Mismatch) {
        let expected = testCase.expected
        let status = expected["status"]?.stringValue ?? ""
        guard result.status.rawValue == status else {
            var extra = ""
            if result.error != nil || result.cause != nil { extra = " (\(result.error ?? "nil"): \(result.cause ?? "nil"))" }
            throw ConformanceMatcher.Mismatch(description: "status: expected \(status), got \(result.status.rawValue)\(extra)")
        }
        if let output = expected["output"] {
            guard let actual = result.output else {
                throw ConformanceMatcher.Mismatch(description: "output: expected \(output.serialized()), got none")
            }
            // AWS hands output over as text: compare what a client parses back.
            let reparsed = (try? JSONValue(parsing: actual.serialized())) ?? actual
            try matcher.compare(output, reparsed, at: "output")
        }
        if status == "SUCCEEDED" { return }
        for (field, got) in [("error", result.error), ("cause", result.cause)] {
            let got = got?.isEmpty == true ? nil : got
            guard let want = expected[field] else {
                if let got { throw ConformanceMatcher.Mismatch(description: "\(field): expected none, got \(got)") }
                continue
            }
            guard let got else { throw ConformanceMatcher.Mismatch(description: "\(field): expected \(want.serialized()), got none") }
            var actual = JSONValue.string(got)
            switch want {
            case .object, .array: if let parsed = try? JSONValue(parsing: got) { actual = parsed }
            default: break
            }
            try matcher.compare(want, actual, at: field)
        }
    }
}
