import JSONValue
import StatesLanguage
import Testing

@Suite("Interpreter: Parallel, Map and determinism")
struct InterpreterFanOutTests {
    typealias H = InterpreterHarness

    static let parallel = """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
        ]}}}
        """

    @Test("Parallel: both branches start at once and their outputs come back in branch order")
    func parallelSucceeds() throws {
        let h = try H(Self.parallel, input: ["x": 1])
        let tasks = h.start().tasks
        #expect(tasks.map(\.stateName) == ["A", "B"])
        _ = h.handle(.taskSucceeded(taskId: tasks[1].taskId, output: "b"), at: 1)
        #expect(h.interpreter.status == .running)
        _ = h.handle(.taskSucceeded(taskId: tasks[0].taskId, output: "a"), at: 2)
        #expect(h.interpreter.status == .succeeded)
        #expect(h.interpreter.output == ["a", "b"])
        #expect(h.types.contains(.parallelStateSucceeded))
        h.checkIds()
    }

    @Test("Parallel: a failing branch fails the Parallel with the branch's error and cancels the other branch")
    func parallelBranchFails() throws {
        let h = try H(Self.parallel)
        let tasks = h.start().tasks
        let after = h.handle(.taskFailed(taskId: tasks[0].taskId, error: "Branch.Error", cause: "bad"), at: 1)
        #expect(after.cancelledTasks == [tasks[1].taskId])
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "Branch.Error")
        #expect(h.interpreter.cause == "bad")
        #expect(h.types.contains(.parallelStateFailed))
        #expect(!h.types.contains(.parallelStateSucceeded))
        h.checkIds()
    }

    static func map(_ fields: String) -> String {
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, \(fields),
          "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
        """
    }

    @Test("Map with MaxConcurrency 1 starts one iteration at a time, in item order")
    func mapMaxConcurrencyOne() throws {
        let h = try H(Self.map(#""MaxConcurrency": 1"#), input: [10, 20, 30])
        var tasks = h.start().tasks
        var seen: [JSONValue] = []
        var t = 0.0
        while let task = tasks.first {
            #expect(tasks.count == 1)
            seen.append(task.parameters)
            let running = h.events(.mapIterationStarted).count - h.events(.mapIterationSucceeded).count
            #expect(running == 1)
            t += 1
            tasks = h.handle(.taskSucceeded(taskId: task.taskId, output: .int(seen.count)), at: t).tasks
        }
        #expect(seen == [10, 20, 30])
        let iterationEvents = h.history.compactMap { e -> String? in
            guard case .mapIteration(_, let index) = e.details else { return nil }
            return "\(e.type.rawValue)#\(index)"
        }
        #expect(iterationEvents == [
            "MapIterationStarted#0", "MapIterationSucceeded#0", "MapIterationStarted#1", "MapIterationSucceeded#1",
            "MapIterationStarted#2", "MapIterationSucceeded#2",
        ])
        #expect(h.interpreter.output == [1, 2, 3])
        #expect(h.events(.mapStateStarted).first?.details == .mapStateStarted(length: 3))
        h.checkIds()
    }

    @Test("Map without MaxConcurrency starts every iteration at once")
    func mapUnbounded() throws {
        let h = try H(Self.map(#""ItemsPath": "$.items""#), input: ["items": [1, 2, 3, 4]])
        #expect(h.start().tasks.count == 4)
        #expect(h.events(.mapIterationStarted).count == 4)
    }

    @Test("a Map with no items succeeds at once with []")
    func mapEmpty() throws {
        let h = try H(Self.map(#""MaxConcurrency": 1"#), input: [])
        #expect(h.start().isEmpty)
        #expect(h.interpreter.output == [])
    }

    @Test("ToleratedFailureCount lets a Map succeed with failures within the count; null takes the failed slot")
    func toleratedFailures() throws {
        let h = try H(Self.map(#""ToleratedFailureCount": 1"#), input: [1, 2, 3])
        let tasks = h.start().tasks
        #expect(tasks.count == 3)
        _ = h.handle(.taskSucceeded(taskId: tasks[0].taskId, output: "ok0"), at: 1)
        _ = h.handle(.taskFailed(taskId: tasks[1].taskId, error: "E", cause: nil), at: 2)
        #expect(h.interpreter.status == .running)
        _ = h.handle(.taskSucceeded(taskId: tasks[2].taskId, output: "ok2"), at: 3)
        #expect(h.interpreter.status == .succeeded)
        #expect(h.interpreter.output == ["ok0", nil, "ok2"])
        #expect(h.events(.mapIterationFailed).count == 1)
    }

    @Test("one failure more than ToleratedFailureCount fails the Map with States.ExceedToleratedFailureThreshold")
    func toleratedFailuresExceeded() throws {
        let h = try H(Self.map(#""ToleratedFailureCount": 1"#), input: [1, 2, 3])
        let tasks = h.start().tasks
        _ = h.handle(.taskFailed(taskId: tasks[0].taskId, error: "E", cause: nil), at: 1)
        let after = h.handle(.taskFailed(taskId: tasks[1].taskId, error: "E", cause: nil), at: 2)
        #expect(after.cancelledTasks == [tasks[2].taskId])
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "States.ExceedToleratedFailureThreshold")
        #expect(h.events(.mapIterationAborted).count == 1)
    }

    @Test("a Map without tolerance fails on the first failed iteration with that iteration's error")
    func mapFailsFast() throws {
        let h = try H(Self.map(#""MaxConcurrency": 0"#), input: [1, 2])
        let tasks = h.start().tasks
        _ = h.handle(.taskFailed(taskId: tasks[1].taskId, error: "Iter.Error", cause: "x"), at: 1)
        #expect(h.interpreter.error == "Iter.Error")
        #expect(h.types.contains(.mapStateFailed))
    }

    static let entropyHeavy = """
        {"StartAt": "P", "States": {
          "P": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(0, 1000000)"}, "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 30, "JitterStrategy": "FULL"}], "End": true}}}
        """

    func run(seed: UInt64) throws -> [HistoryEvent] {
        let h = try H(Self.entropyHeavy, seed: seed)
        var task = try #require(h.start().tasks.first)
        let timer = try #require(h.handle(.taskFailed(taskId: task.taskId, error: "E", cause: nil), at: 1).timers.first)
        task = try #require(h.handle(.timerFired(timerId: timer.id), at: 40).tasks.first)
        _ = h.handle(.taskSucceeded(taskId: task.taskId, output: "done"), at: 41)
        #expect(h.interpreter.status == .succeeded)
        return h.history
    }

    @Test("the same seed gives identical histories; another seed gives different UUIDs")
    func determinism() throws {
        let a = try run(seed: 42)
        let b = try run(seed: 42)
        let c = try run(seed: 43)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == c.count)
    }
}

@Suite("Interpreter: task invocation numbers")
struct TaskInvocationNumberTests {
    @Test("each state numbers its tasks from 0, retries included, separately from other states")
    func retriesCountPerState() throws {
        let h = try InterpreterHarness(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2}]},
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """)
        let first = h.start().tasks
        #expect(first.map(\.invocation) == [0])
        let retry = h.handle(.taskFailed(taskId: first[0].taskId, error: "E", cause: nil), at: 1)
        let second = h.handle(.timerFired(timerId: try #require(retry.timers.first).id), at: 2).tasks
        #expect(second.map(\.stateName) == ["A"])
        #expect(second.map(\.invocation) == [1])
        let next = h.handle(.taskSucceeded(taskId: second[0].taskId, output: [:]), at: 3).tasks
        #expect(next.map(\.stateName) == ["B"])
        #expect(next.map(\.invocation) == [0])
    }
}
