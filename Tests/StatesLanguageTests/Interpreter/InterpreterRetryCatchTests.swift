import JSONValue
import StatesLanguage
import Testing

@Suite("Interpreter: Retry and Catch")
struct InterpreterRetryCatchTests {
    typealias H = InterpreterHarness

    @Test("Retry: IntervalSeconds x BackoffRate^n capped by MaxDelaySeconds gives the timers' due times and attempts")
    func backoffSchedule() throws {
        let h = try H(taskMachine(
            #""Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxDelaySeconds": 10, "MaxAttempts": 4}]"#))
        var task = try #require(h.start().tasks.first)
        var now = 0.0
        let expectedDelays: [Double] = [2, 6, 10, 10]
        for (n, delay) in expectedDelays.enumerated() {
            #expect(task.attempt == n)
            let afterFail = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: "c\(n)"), at: now)
            let timer = try #require(afterFail.timers.first)
            #expect(afterFail.tasks.isEmpty)
            #expect(timer.due == H.at(now + delay), "retry \(n)")
            now += delay
            task = try #require(h.handle(.timerFired(timerId: timer.id), at: now).tasks.first)
        }
        #expect(task.attempt == 4)
        let last = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: "final"), at: now)
        #expect(last.timers.isEmpty)
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "Boom")
        #expect(h.interpreter.cause == "final")
        #expect(h.events(.taskScheduled).count == 5)
        #expect(h.events(.taskStateEntered).count == 1)
    }

    @Test("Retry defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3")
    func retryDefaults() throws {
        let h = try H(taskMachine(#""Retry": [{"ErrorEquals": ["States.ALL"]}]"#))
        var task = try #require(h.start().tasks.first)
        var now = 0.0
        for delay in [1.0, 2, 4] {
            let timer = try #require(h.handle(.taskFailed(taskId: task.taskId, error: "E", cause: nil), at: now).timers.first)
            #expect(timer.due == H.at(now + delay))
            now += delay
            task = try #require(h.handle(.timerFired(timerId: timer.id), at: now).tasks.first)
        }
        _ = h.handle(.taskFailed(taskId: task.taskId, error: "E", cause: nil), at: now)
        #expect(h.interpreter.status == .failed)
    }

    @Test("MaxAttempts 0 never retries; the error goes on to the catchers")
    func maxAttemptsZero() throws {
        let h = try H(taskMachine(
            #""Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 0}], "Catch": [{"ErrorEquals": ["Boom"], "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#))
        let task = try #require(h.start().tasks.first)
        let after = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: "why"))
        #expect(after.timers.isEmpty)
        #expect(h.interpreter.status == .succeeded)
        #expect(h.interpreter.output == ["Error": "Boom", "Cause": "why"])
    }

    @Test("only the first matching retrier applies, even when a later one would also match")
    func firstMatchingRetrier() throws {
        let h = try H(taskMachine(#"""
            "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 5, "MaxAttempts": 1},
                      {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 5}]
            """#))
        let task = try #require(h.start().tasks.first)
        let timer = try #require(h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: nil)).timers.first)
        #expect(timer.due == H.at(5))
        let again = try #require(h.handle(.timerFired(timerId: timer.id), at: 5).tasks.first)
        _ = h.handle(.taskFailed(taskId: again.taskId, error: "Boom", cause: nil), at: 5)
        #expect(h.interpreter.status == .failed)
    }

    @Test("JitterStrategy FULL gives a due time within [now, now + delay], the same for the same seed")
    func fullJitter() throws {
        var dues: [Timestamp] = []
        for seed: UInt64 in [1, 2, 3, 1] {
            let h = try H(taskMachine(
                #""Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}]"#), seed: seed)
            let task = try #require(h.start().tasks.first)
            let timer = try #require(h.handle(.taskFailed(taskId: task.taskId, error: "E", cause: nil), at: 100).timers.first)
            #expect(timer.due >= H.at(100) && timer.due <= H.at(110))
            dues.append(timer.due)
        }
        #expect(dues[0] == dues[3])
        #expect(Set(dues).count >= 2)
    }

    @Test("Catch with ResultPath puts {Error, Cause} into the input and goes to Next")
    func catchResultPath() throws {
        let h = try H(taskMachine(
            #""Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.err", "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#), input: ["a": 1])
        let task = try #require(h.start().tasks.first)
        _ = h.handle(.taskFailed(taskId: task.taskId, error: "Custom.Error", cause: "it broke"))
        #expect(h.interpreter.status == .succeeded)
        #expect(h.interpreter.output?.serialized() == #"{"a":1,"err":{"Error":"Custom.Error","Cause":"it broke"}}"#)
        #expect(h.types.contains(.taskStateExited))
        h.checkIds(linear: true)
    }

    @Test("States.ALL does not catch States.Runtime")
    func allDoesNotCatchRuntime() throws {
        let h = try H(taskMachine(
            #""InputPath": "$.missing", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#), input: ["a": 1])
        #expect(h.start().tasks.isEmpty)
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "States.Runtime")
        #expect(h.interpreter.cause?.contains("'Work'") == true)
    }

    @Test("States.ALL catches a task's States.Timeout")
    func allCatchesTimeout() throws {
        let h = try H(taskMachine(
            #""TimeoutSeconds": 1, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#))
        let timer = try #require(h.start().timers.first)
        _ = h.handle(.timerFired(timerId: timer.id), at: 1)
        #expect(h.interpreter.status == .succeeded)
        #expect(h.interpreter.output?["Error"] == "States.Timeout")
    }

    @Test("States.TaskFailed catches a task's own error but not States.Timeout")
    func taskFailedDoesNotCatchTimeout() throws {
        let machine = taskMachine(
            #""TimeoutSeconds": 5, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#)
        let timedOut = try H(machine)
        let timer = try #require(timedOut.start().timers.first)
        _ = timedOut.handle(.timerFired(timerId: timer.id), at: 5)
        #expect(timedOut.interpreter.status == .failed)
        #expect(timedOut.interpreter.error == "States.Timeout")

        let failed = try H(machine)
        let task = try #require(failed.start().tasks.first)
        _ = failed.handle(.taskFailed(taskId: task.taskId, error: "Lambda.Unknown", cause: nil))
        #expect(failed.interpreter.status == .succeeded)
        #expect(failed.interpreter.output == ["Error": "Lambda.Unknown"])
    }

    @Test("an error no retrier or catcher names fails the execution with that error and cause")
    func uncaught() throws {
        let h = try H(taskMachine(
            #""Retry": [{"ErrorEquals": ["Other"]}], "Catch": [{"ErrorEquals": ["Other"], "Next": "Handled"}]"#,
            extraStates: #""Handled": {"Type": "Pass", "End": true}"#))
        let task = try #require(h.start().tasks.first)
        let after = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: "c"))
        #expect(after.timers.isEmpty)
        #expect(h.interpreter.status == .failed)
        #expect(h.history.last?.details == .failure(error: "Boom", cause: "c"))
    }
}
