import JSONValue
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseTestSupport
import Testing

/// Plays the shared conformance cases through `StepFunctionsAPI(backend: EngineBackend(...))` in
/// process, the way `../shared/conformance/run.py` plays them against a server: create the state
/// machine (and activity), start, act out the worker, wait for the end, describe, read the history.
/// Counts are printed, not asserted per case: the corpus records AWS, which the engine approaches.
@Suite("API conformance")
struct APIConformanceTests {
    static let categories = [
        "activities", "choice", "context", "errors-retry-catch", "express", "intrinsic", "jsonata", "jsonpath", "map", "parallel",
        "pass", "validation", "variables", "wait",
    ]

    @Test("the shared conformance cases through the API: counts per category, and the API-only categories all pass")
    func playCases() async throws {
        var summary: [(String, Int, Int, Int, Int)] = []
        var apiOnlyFailures: [String] = []
        for category in Self.categories {
            let cases = try SharedFixtures.conformanceCases(categories: [category])
            var passed = 0
            var historyMatched = 0
            var historyCompared = 0
            var failures: [String] = []
            for (i, testCase) in cases.enumerated() {
                let player = CasePlayer(activities: testCase.raw["activity"] != nil, seed: UInt64(i + 1))
                let outcome = await player.play(testCase)
                await player.harness.backend.shutdown()
                if outcome.passed {
                    passed += 1
                } else {
                    failures.append("\(testCase.name): \(outcome.failure ?? "")")
                    if ["activities", "express"].contains(category) { apiOnlyFailures.append(failures.last ?? "") }
                }
                if let h = outcome.historyMatched {
                    historyCompared += 1
                    if h { historyMatched += 1 }
                }
            }
            print("api conformance \(category): \(passed)/\(cases.count) (history \(historyMatched)/\(historyCompared))")
            // The first few failures say why, without flooding the log.
            for failure in failures.prefix(3) { print("  FAIL \(category)/\(failure.prefix(300))") }
            summary.append((category, passed, cases.count, historyMatched, historyCompared))
        }
        let passed = summary.map(\.1).reduce(0, +)
        let total = summary.map(\.2).reduce(0, +)
        print("api conformance total: \(passed)/\(total)")
        for failure in apiOnlyFailures { print("api conformance FAIL \(failure)") }
        // Activities and Express need the API to run at all: those must pass in full.
        #expect(apiOnlyFailures.isEmpty)
    }
}

/// One case against a fresh backend. Activity cases run the engine on a manual clock, so the
/// worker's sleeps and the task timeouts are clock moves, not waits; the others on a virtual clock,
/// so their Waits take no time.
struct CasePlayer {
    struct Outcome {
        var passed: Bool
        var failure: String?
        var historyMatched: Bool?
    }

    struct Failure: Error {
        var description: String
        var historyMatched: Bool?
    }

    let harness: EngineHarness
    let manualClock: ManualClock?
    let names: SeededEntropy

    init(activities: Bool, seed: UInt64) {
        let start = EngineHarness.start
        let manual = activities ? ManualClock(start: start) : nil
        manualClock = manual
        harness = EngineHarness(
            clock: manual ?? VirtualClock(start: start), expressClock: VirtualClock(start: start), pollClock: ManualClock(start: start))
        names = SeededEntropy(seed: seed)
    }

    func newName() -> String { "conf_" + String(names.next() & 0xFFFF_FFFF_FFFF, radix: 16) }

    func play(_ c: ConformanceCase) async -> Outcome {
        var history: Bool?
        do {
            switch c.action {
            case "create_state_machine": try await createFailure(c)
            case "validate_state_machine_definition": try await validate(c)
            default: history = try await execution(c)
            }
            return Outcome(passed: true, historyMatched: history)
        } catch let failure as Failure {
            return Outcome(passed: false, failure: failure.description, historyMatched: failure.historyMatched ?? history)
        } catch {
            return Outcome(passed: false, failure: "\(error)", historyMatched: history)
        }
    }

    /// The JSON of a call that must succeed.
    func call(_ action: String, _ body: JSONValue) async throws -> JSONValue {
        let (status, json) = await harness.call(action, body)
        guard status == 200 else { throw Failure(description: "API error: \(action): \(json.serialized())") }
        return json
    }

    func createFailure(_ c: ConformanceCase) async throws {
        let (status, json) = await harness.call(
            "CreateStateMachine",
            [
                "name": .string(newName()), "definition": .string(c.definitionText), "roleArn": .string(ConformanceMatcher.roleArn),
                "type": .string(c.stateMachineType ?? "STANDARD"),
            ])
        guard status != 200 else { throw Failure(description: "CreateStateMachine succeeded; expected \(c.expected["error"]?.serialized() ?? "")") }
        let m = ConformanceMatcher(wildcards: c.wildcards)
        try m.compare(c.expected["error"] ?? .null, json["__type"] ?? .null, at: "error")
        try m.compare(c.expected["cause"] ?? .null, json["message"] ?? .null, at: "message")
    }

    func validate(_ c: ConformanceCase) async throws {
        let answer = try await call(
            "ValidateStateMachineDefinition", ["definition": .string(c.definitionText), "type": .string(c.stateMachineType ?? "STANDARD")])
        let m = ConformanceMatcher(wildcards: c.wildcards)
        try m.compare(c.expected["status"] ?? .null, answer["result"] ?? .null, at: "result")
        try m.compare(c.expected["diagnostics"] ?? .array([]), answer["diagnostics"] ?? .array([]), at: "diagnostics")
    }

    /// Runs the execution; returns whether the history matched (nil when the case has no expected events).
    func execution(_ c: ConformanceCase) async throws -> Bool? {
        var definition = c.definitionText
        let activity = c.raw["activity"]?.objectValue
        var activityArn = ""
        if activity != nil {
            activityArn = try await call("CreateActivity", ["name": .string(newName())])["activityArn"]?.stringValue ?? ""
            definition = definition.replacingOccurrences(of: "${ActivityArn}", with: activityArn)
        }
        let type = c.mode == "express_sync" ? "EXPRESS" : (c.stateMachineType ?? "STANDARD")
        let machineName = newName()
        let sm = try await call(
            "CreateStateMachine",
            ["name": .string(machineName), "definition": .string(definition), "roleArn": .string(ConformanceMatcher.roleArn), "type": .string(type)]
        )["stateMachineArn"] ?? .null
        if activity?["deleted_before_start"]?.boolValue == true {
            _ = try await call("DeleteActivity", ["activityArn": .string(activityArn)])
        }
        let input = c.input.serialized()
        if c.mode == "express_sync" {
            let answer = try await call("StartSyncExecution", ["stateMachineArn": sm, "input": .string(input)])
            try check(c, answer, machineName: machineName, executionName: answer["name"]?.stringValue)
            return nil
        }
        let executionArn = try await call("StartExecution", ["stateMachineArn": sm, "input": .string(input)])["executionArn"]?.stringValue ?? ""
        if let worker = activity?["worker"]?.objectValue {
            await act(worker, activityArn: activityArn)
        }
        await waitForEnd(executionArn)
        let answer = try await call("DescribeExecution", ["executionArn": .string(executionArn)])
        var historyMatched: Bool?
        if let expectedEvents = c.expectedEvents {
            let types = await harness.historyTypes(executionArn)
            historyMatched = CanonicalEvents.canonical(types) == CanonicalEvents.canonical(expectedEvents)
        }
        let name = String(executionArn.split(separator: ":").last ?? "")
        do {
            try check(c, answer, machineName: machineName, executionName: name)
        } catch {
            throw Failure(description: "\(error)", historyMatched: historyMatched)
        }
        return historyMatched
    }

    /// The worker of run.py: takes the task, then plays its steps. Sleeps move the manual clock.
    func act(_ worker: JSONObject, activityArn: String) async {
        var poll: JSONObject = ["activityArn": .string(activityArn)]
        if let name = worker["worker_name"]?.stringValue { poll["workerName"] = .string(name) }
        guard let task = try? await call("GetActivityTask", .object(poll)), let token = task["taskToken"]?.stringValue else { return }
        let taskInput = task["input"]?.stringValue ?? "{}"
        var answered = false
        for step in worker["steps"]?.arrayValue ?? [] {
            switch step["action"]?.stringValue {
            case "sleep":
                manualClock?.advance(seconds: step["seconds"]?.numberValue?.doubleValue ?? 0)
            case "heartbeat":
                _ = await harness.call("SendTaskHeartbeat", ["taskToken": .string(token)])
            case "success":
                let output = step["output"]?.stringValue == "$input" ? taskInput : (step["output"] ?? .null).serialized()
                _ = await harness.call("SendTaskSuccess", ["taskToken": .string(token), "output": .string(output)])
                answered = true
            case "failure":
                var body: JSONObject = ["taskToken": .string(token)]
                if let error = step["error"]?.stringValue { body["error"] = .string(error) }
                let cause = step["cause"]?.stringValue == "$input" ? taskInput : step["cause"]?.stringValue
                if let cause { body["cause"] = .string(cause) }
                _ = await harness.call("SendTaskFailure", .object(body))
                answered = true
            default:
                break
            }
        }
        // A worker that never answers: let time pass until the task's timeout ends it.
        if !answered { manualClock?.advance(seconds: 100_000) }
    }

    /// Waits for the execution through the engine; a safety net stops one that never ends (a bug),
    /// so the suite reports it instead of hanging.
    func waitForEnd(_ executionArn: String) async {
        let engine = harness.backend.engine
        let finished = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                _ = try? await engine.waitForCompletion(of: executionArn)
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return false
            }
            let first = await group.next() ?? false
            if !first { try? await engine.send(.stop(error: "Stepwise.TestTimeout", cause: "still running after 30 s"), to: executionArn) }
            group.cancelAll()
            return first
        }
        _ = finished
    }

    /// run.py's `check_result` on a DescribeExecution or StartSyncExecution answer.
    func check(_ c: ConformanceCase, _ answer: JSONValue, machineName: String, executionName: String?) throws {
        let m = ConformanceMatcher(wildcards: c.wildcards, stateMachineName: machineName, executionName: executionName)
        let expected = c.expected
        let status = expected["status"]?.stringValue ?? ""
        guard answer["status"]?.stringValue == status else {
            throw Failure(
                description: "status: expected \(status), got \(answer["status"]?.stringValue ?? "none") (\(answer["error"]?.stringValue ?? ""): \(answer["cause"]?.stringValue ?? ""))")
        }
        if let output = expected["output"] {
            guard let text = answer["output"]?.stringValue else { throw Failure(description: "output: expected \(output.serialized()), got none") }
            guard let actual = try? JSONValue(parsing: text) else { throw Failure(description: "output is not JSON: \(text)") }
            try m.compare(output, actual, at: "output")
        }
        if status == "SUCCEEDED" { return }
        for field in ["error", "cause"] {
            var got = answer[field]?.stringValue
            if got?.isEmpty == true { got = nil }
            guard let want = expected[field] else {
                if let got { throw Failure(description: "\(field): expected none, got \(got)") }
                continue
            }
            guard let got else { throw Failure(description: "\(field): expected \(want.serialized()), got none") }
            var actual = JSONValue.string(got)
            switch want {
            case .object, .array: if let parsed = try? JSONValue(parsing: got) { actual = parsed }
            default: break
            }
            try m.compare(want, actual, at: field)
        }
    }
}
