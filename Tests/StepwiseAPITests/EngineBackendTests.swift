import JSONValue
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseTestSupport
import Testing

@Suite("Engine backend through the API")
struct EngineBackendTests {
    static let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"done":true},"ResultPath":"$.r","End":true}}}"#
    static let wait = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#

    @Test("create, start, describe until SUCCEEDED, then the history in order, reversed and in pages")
    func standardLifecycle() async {
        let h = EngineHarness()
        let sm = await h.createMachine("Hello", Self.pass)
        #expect(sm == EngineHarness.prefix + "stateMachine:Hello")
        let exec = await h.startExecution(sm, name: "run1", input: #"{"x":1}"#)
        #expect(exec == EngineHarness.prefix + "execution:Hello:run1")
        let desc = await h.finish(exec)
        #expect(desc["status"] == "SUCCEEDED")
        #expect(desc["output"] == #"{"x":1,"r":{"done":true}}"#)
        #expect(desc["input"] == #"{"x":1}"#)
        #expect(desc["stateMachineArn"] == .string(sm))
        #expect(desc["startDate"] == .double(EngineHarness.start.seconds))

        let all = await h.historyTypes(exec)
        #expect(all == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(await h.historyTypes(exec, pageSize: 1) == all)
        let reversed = await h.ok("GetExecutionHistory", ["executionArn": .string(exec), "reverseOrder": true, "maxResults": 3])
        #expect(reversed["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == Array(all.reversed().prefix(3)))
        let started = await h.ok("GetExecutionHistory", ["executionArn": .string(exec), "maxResults": 1])
        #expect(started["events"]?[0]?["executionStartedEventDetails"]?["input"] == #"{"x":1}"#)
        #expect(started["events"]?[0]?["executionStartedEventDetails"]?["roleArn"] == .string(EngineHarness.role))
        let bare = await h.ok("GetExecutionHistory", ["executionArn": .string(exec), "includeExecutionData": false])
        #expect(bare["events"]?[0]?["executionStartedEventDetails"]?["input"] == nil)

        let forExecution = await h.ok("DescribeStateMachineForExecution", ["executionArn": .string(exec)])
        #expect(forExecution["definition"] == .string(Self.pass))
        #expect(await h.errorCode("DescribeExecution", ["executionArn": .string(EngineHarness.prefix + "execution:Hello:nope")])
            == "ExecutionDoesNotExist")
        #expect(await h.errorCode("StartExecution", ["stateMachineArn": .string(EngineHarness.prefix + "stateMachine:Nope")])
            == "StateMachineDoesNotExist")
        await h.backend.shutdown()
    }

    @Test("a Wait runs on the engine's clock: RUNNING until the clock passes it, then SUCCEEDED")
    func waitOnClock() async {
        let h = EngineHarness()
        let sm = await h.createMachine("Sleepy", Self.wait)
        let exec = await h.startExecution(sm, name: "w")
        #expect(await h.ok("DescribeExecution", ["executionArn": .string(exec)])["status"] == "RUNNING")
        h.advance(3600)
        #expect(await h.finish(exec)["status"] == "SUCCEEDED")
        await h.backend.shutdown()
    }

    @Test("an activity worker polls with its name, gets the task input, answers; ActivityStarted carries the name")
    func activitySuccess() async {
        let h = EngineHarness()
        let activity = await h.ok("CreateActivity", ["name": "worker"])["activityArn"]?.stringValue ?? ""
        let sm = await h.createMachine("Act", EngineHarness.activityDefinition(activity))
        let exec = await h.startExecution(sm, name: "a1", input: #"{"job":7}"#)
        let task = await h.ok("GetActivityTask", ["activityArn": .string(activity), "workerName": "w-1"])
        #expect(task["input"] == #"{"job":7}"#)
        let token = task["taskToken"]?.stringValue ?? ""
        #expect(token.count == 64)
        _ = await h.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"ok":true}"#])
        let desc = await h.finish(exec)
        #expect(desc["status"] == "SUCCEEDED")
        #expect(desc["output"] == #"{"ok":true}"#)
        #expect(await h.historyTypes(exec) == [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
            "ExecutionSucceeded",
        ])
        let history = await h.ok("GetExecutionHistory", ["executionArn": .string(exec)])
        #expect(history["events"]?[3]?["activityStartedEventDetails"]?["workerName"] == "w-1")
        // The task has ended: a second answer is TaskTimedOut, a token never issued TaskDoesNotExist, text that is no token InvalidToken.
        #expect(await h.errorCode("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"]) == "TaskTimedOut")
        #expect(await h.errorCode("SendTaskSuccess", ["taskToken": .string(String(repeating: "a", count: 64)), "output": "{}"])
            == "TaskDoesNotExist")
        #expect(await h.errorCode("SendTaskHeartbeat", ["taskToken": "not-a-token"]) == "InvalidToken")
        #expect(await h.errorCode("GetActivityTask", ["activityArn": .string(EngineHarness.prefix + "activity:nope")])
            == "ActivityDoesNotExist")
        await h.backend.shutdown()
    }

    @Test("SendTaskFailure fails the execution with the worker's error and cause")
    func activityFailure() async {
        let h = EngineHarness()
        let activity = await h.ok("CreateActivity", ["name": "worker"])["activityArn"]?.stringValue ?? ""
        let sm = await h.createMachine("ActFail", EngineHarness.activityDefinition(activity))
        let exec = await h.startExecution(sm, name: "f1")
        let token = await h.ok("GetActivityTask", ["activityArn": .string(activity)])["taskToken"]?.stringValue ?? ""
        _ = await h.ok("SendTaskFailure", ["taskToken": .string(token), "error": "Boom", "cause": "it broke"])
        let desc = await h.finish(exec)
        #expect(desc["status"] == "FAILED")
        #expect(desc["error"] == "Boom")
        #expect(desc["cause"] == "it broke")
        #expect(await h.historyTypes(exec).contains("ActivityFailed"))
        await h.backend.shutdown()
    }

    @Test("heartbeats keep a task with HeartbeatSeconds alive past its heartbeat interval")
    func heartbeatKeepsAlive() async {
        let h = EngineHarness()
        let activity = await h.ok("CreateActivity", ["name": "beater"])["activityArn"]?.stringValue ?? ""
        let sm = await h.createMachine("Beat", EngineHarness.activityDefinition(activity, extra: #","HeartbeatSeconds":10"#))
        let exec = await h.startExecution(sm, name: "b1")
        let token = await h.ok("GetActivityTask", ["activityArn": .string(activity)])["taskToken"]?.stringValue ?? ""
        h.advance(6)
        _ = await h.ok("SendTaskHeartbeat", ["taskToken": .string(token)])
        h.advance(6)  // 12 s after the start, 6 after the heartbeat
        _ = await h.ok("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
        #expect(await h.finish(exec)["status"] == "SUCCEEDED")
        await h.backend.shutdown()
    }

    @Test("without heartbeats the task times out: States.HeartbeatTimeout, and the worker's late answer is TaskTimedOut")
    func heartbeatTimeout() async {
        let h = EngineHarness()
        let activity = await h.ok("CreateActivity", ["name": "silent"])["activityArn"]?.stringValue ?? ""
        let sm = await h.createMachine("Silent", EngineHarness.activityDefinition(activity, extra: #","HeartbeatSeconds":10"#))
        let exec = await h.startExecution(sm, name: "s1")
        let token = await h.ok("GetActivityTask", ["activityArn": .string(activity)])["taskToken"]?.stringValue ?? ""
        h.advance(11)
        let desc = await h.finish(exec)
        #expect(desc["status"] == "FAILED")
        #expect(desc["error"] == "States.HeartbeatTimeout")
        #expect(await h.historyTypes(exec).contains("ActivityTimedOut"))
        #expect(await h.errorCode("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"]) == "TaskTimedOut")
        await h.backend.shutdown()
    }

    @Test("StopExecution aborts a running execution and withdraws its queued activity task")
    func stop() async {
        let h = EngineHarness()
        let activity = await h.ok("CreateActivity", ["name": "idle"])["activityArn"]?.stringValue ?? ""
        let sm = await h.createMachine("Stoppable", EngineHarness.activityDefinition(activity))
        let exec = await h.startExecution(sm, name: "st")
        let stopped = await h.ok("StopExecution", ["executionArn": .string(exec), "error": "Halt", "cause": "by test"])
        #expect(stopped["stopDate"] != nil)
        let desc = await h.finish(exec)
        #expect(desc["status"] == "ABORTED")
        #expect(desc["error"] == "Halt")
        #expect(await h.historyTypes(exec).last == "ExecutionAborted")
        #expect(h.backend.activityRunner.queuedCount(activityArn: activity) == 0)
        // Stopping it again changes nothing.
        #expect(await h.call("StopExecution", ["executionArn": .string(exec)]).status == 200)
        await h.backend.shutdown()
    }

    @Test("idempotency: same machine again is the same machine, a different one a conflict; same execution name and input while running is the same execution")
    func idempotency() async {
        let h = EngineHarness()
        let first = await h.ok("CreateStateMachine", ["name": "Idem", "definition": .string(Self.wait), "roleArn": .string(EngineHarness.role)])
        h.advance(5)
        let again = await h.ok("CreateStateMachine", ["name": "Idem", "definition": .string(Self.wait), "roleArn": .string(EngineHarness.role)])
        #expect(again == first)
        #expect(await h.errorCode("CreateStateMachine", ["name": "Idem", "definition": .string(Self.pass), "roleArn": .string(EngineHarness.role)])
            == "StateMachineAlreadyExists")
        let sm = first["stateMachineArn"]?.stringValue ?? ""
        let exec = await h.startExecution(sm, name: "once", input: #"{"a":1}"#)
        let same = await h.ok("StartExecution", ["stateMachineArn": .string(sm), "name": "once", "input": #"{"a":1}"#])
        #expect(same["executionArn"] == .string(exec))
        #expect(await h.errorCode("StartExecution", ["stateMachineArn": .string(sm), "name": "once", "input": #"{"a":2}"#])
            == "ExecutionAlreadyExists")
        h.advance(3600)
        #expect(await h.finish(exec)["status"] == "SUCCEEDED")
        // Once ended, the name is taken even with the same input.
        #expect(await h.errorCode("StartExecution", ["stateMachineArn": .string(sm), "name": "once", "input": #"{"a":1}"#])
            == "ExecutionAlreadyExists")
        await h.backend.shutdown()
    }

    @Test("an update leaves running executions on the definition they started with")
    func updateKeepsRunningDefinition() async {
        let h = EngineHarness()
        let sm = await h.createMachine("Evolving", Self.wait)
        let exec = await h.startExecution(sm, name: "old")
        _ = await h.ok("UpdateStateMachine", ["stateMachineArn": .string(sm), "definition": .string(Self.pass)])
        #expect(await h.ok("DescribeStateMachine", ["stateMachineArn": .string(sm)])["definition"] == .string(Self.pass))
        #expect(await h.ok("DescribeStateMachineForExecution", ["executionArn": .string(exec)])["definition"] == .string(Self.wait))
        h.advance(3600)
        let desc = await h.finish(exec)
        #expect(desc["status"] == "SUCCEEDED")
        #expect(desc["output"] == "{}")
        #expect(await h.errorCode("UpdateStateMachine", ["stateMachineArn": .string(sm), "definition": "{}"]) == "InvalidDefinition")
        await h.backend.shutdown()
    }

    @Test("ListStateMachines, ListActivities and ListExecutions page with nextToken; ListExecutions filters by status")
    func pagination() async {
        let h = EngineHarness()
        for name in ["m3", "m1", "m5", "m2", "m4"] { _ = await h.createMachine(name, Self.wait) }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var body: JSONObject = ["maxResults": 2]
            if let token { body["nextToken"] = .string(token) }
            let page = await h.ok("ListStateMachines", .object(body))
            names += page["stateMachines"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            token = page["nextToken"]?.stringValue
            pages += 1
        } while token != nil
        #expect(names == ["m1", "m2", "m3", "m4", "m5"])
        #expect(pages == 3)

        let sm = EngineHarness.prefix + "stateMachine:m1"
        let e1 = await h.startExecution(sm, name: "e1")
        h.advance(1)
        let e2 = await h.startExecution(sm, name: "e2")
        h.advance(1)
        let e3 = await h.startExecution(sm, name: "e3")
        _ = await h.ok("StopExecution", ["executionArn": .string(e2)])
        let first = await h.ok("ListExecutions", ["stateMachineArn": .string(sm), "maxResults": 2])
        #expect(first["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } == [e3, e2])
        let next = first["nextToken"] ?? .null
        let second = await h.ok("ListExecutions", ["stateMachineArn": .string(sm), "maxResults": 2, "nextToken": next])
        #expect(second["executions"]?.arrayValue?.compactMap { $0["executionArn"]?.stringValue } == [e1])
        #expect(second["nextToken"] == nil)
        let running = await h.ok("ListExecutions", ["stateMachineArn": .string(sm), "statusFilter": "RUNNING"])
        #expect(running["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["e3", "e1"])
        let aborted = await h.ok("ListExecutions", ["stateMachineArn": .string(sm), "statusFilter": "ABORTED"])
        #expect(aborted["executions"]?.arrayValue?.count == 1)
        // A token of one listing is refused by another.
        #expect(await h.errorCode("ListExecutions", ["stateMachineArn": .string(sm), "statusFilter": "RUNNING", "nextToken": next])
            == "InvalidToken")

        for name in ["a2", "a1", "a3"] { _ = await h.ok("CreateActivity", ["name": .string(name)]) }
        let acts = await h.ok("ListActivities", ["maxResults": 2])
        #expect(acts["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["a1", "a2"])
        let rest = await h.ok("ListActivities", ["maxResults": 2, "nextToken": acts["nextToken"] ?? .null])
        #expect(rest["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["a3"])
        await h.backend.shutdown()
    }

    @Test("StartSyncExecution runs an Express machine to its end and answers with its output; a Standard machine is refused")
    func expressSync() async {
        let h = EngineHarness()
        let express = await h.createMachine("Fast", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#, type: "EXPRESS")
        let answer = await h.ok("StartSyncExecution", ["stateMachineArn": .string(express), "input": #"{"v":[1,2]}"#, "name": "quick"])
        #expect(answer["status"] == "SUCCEEDED")
        #expect(answer["output"] == #"{"v":[1,2]}"#)
        #expect(answer["outputDetails"] == ["included": true])
        #expect(answer["name"] == "quick")
        #expect(answer["executionArn"]?.stringValue?.hasPrefix(EngineHarness.prefix + "express:Fast:quick:") == true)
        #expect(answer["billingDetails"]?["billedMemoryUsedInMB"] == 64)
        // The Express execution stays describable in memory for a while.
        let exec = answer["executionArn"] ?? .null
        #expect(await h.ok("DescribeExecution", ["executionArn": exec])["status"] == "SUCCEEDED")
        #expect(await h.historyTypes(exec.stringValue ?? "").first == "ExecutionStarted")

        let failing = await h.createMachine("Failing", #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}"#, type: "EXPRESS")
        let failed = await h.ok("StartSyncExecution", ["stateMachineArn": .string(failing)])
        #expect(failed["status"] == "FAILED")
        #expect(failed["error"] == "E")
        #expect(failed["output"] == nil)

        let standard = await h.createMachine("Slow", Self.pass)
        #expect(await h.errorCode("StartSyncExecution", ["stateMachineArn": .string(standard)]) == "StateMachineTypeNotSupported")
        #expect(await h.errorCode("ListExecutions", ["stateMachineArn": .string(express)]) == "StateMachineTypeNotSupported")
        await h.backend.shutdown()
    }

    @Test("tags: set, replaced by key, removed, listed in first-set order; 51 keys is TooManyTags; unknown resource ResourceNotFound")
    func tags() async {
        let h = EngineHarness()
        let sm = await h.createMachine("Tagged", Self.pass)
        _ = await h.ok("TagResource", ["resourceArn": .string(sm), "tags": [["key": "a", "value": "1"], ["key": "b", "value": "2"]]])
        _ = await h.ok("TagResource", ["resourceArn": .string(sm), "tags": [["key": "a", "value": "3"]]])
        _ = await h.ok("UntagResource", ["resourceArn": .string(sm), "tagKeys": ["b"]])
        #expect(await h.ok("ListTagsForResource", ["resourceArn": .string(sm)])["tags"] == [["key": "a", "value": "3"]])
        let many = JSONValue.array((0..<51).map { ["key": .string("k\($0)"), "value": "v"] })
        #expect(await h.errorCode("TagResource", ["resourceArn": .string(sm), "tags": many]) == "TooManyTags")
        #expect(await h.errorCode("ListTagsForResource", ["resourceArn": .string(EngineHarness.prefix + "activity:none")]) == "ResourceNotFound")
        await h.backend.shutdown()
    }
}

@Suite("Activity task runner")
struct ActivityTaskRunnerTests {
    static let activity = "arn:aws:states:us-east-1:123456789012:activity:queue"

    /// A real activity task request, as the interpreter makes it (its token comes from `seed`).
    static func request(seed: UInt64, input: JSONValue) -> TaskRequest {
        let definition: JSONValue = [
            "StartAt": "Work", "States": ["Work": ["Type": "Task", "Resource": .string(activity), "End": true]],
        ]
        guard let machine = try? StateMachineParser().parse(definition) else { fatalError("the test definition parses") }
        let identity = ExecutionIdentity(stateMachineName: "m", executionName: "e\(seed)", input: input, startTime: EngineHarness.start)
        let interpreter = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: seed))
        for case .runTask(let request) in interpreter.start() { return request }
        fatalError("the interpreter schedules the activity task")
    }

    @Test("concurrent polls get distinct tasks, and each run ends with its own worker's answer")
    func distinctTasks() async throws {
        let runner = ActivityTaskRunner(clock: ManualClock(start: EngineHarness.start))
        let context = TaskRunContext(executionArn: "e", stateMachineName: "m")
        async let first = runner.poll(activityArn: Self.activity, workerName: "w1")
        async let second = runner.poll(activityArn: Self.activity, workerName: "w2")
        let r1 = Self.request(seed: 1, input: ["n": 1])
        let r2 = Self.request(seed: 2, input: ["n": 2])
        async let run1 = runner.run(r1, context: context)
        async let run2 = runner.run(r2, context: context)
        let tasks = await [first, second].compactMap { $0 }
        #expect(Set(tasks.map(\.token)) == Set([r1.taskToken, r2.taskToken].compactMap { $0 }))
        #expect(tasks.count == 2)
        for task in tasks { try runner.complete(token: task.token, outcome: .succeeded(task.input)) }
        #expect(await run1 == .succeeded(["n": 1]))
        #expect(await run2 == .succeeded(["n": 2]))
        #expect(throws: ActivityTaskError.taskFinished) { try runner.complete(token: r1.taskToken ?? "", outcome: .succeeded(.null)) }
        #expect(throws: ActivityTaskError.unknownToken) { try runner.complete(token: "t9", outcome: .succeeded(.null)) }
    }

    @Test("a poll with nothing queued answers nil once its timeout passes on the injected clock")
    func pollTimeout() async {
        let clock = ManualClock(start: EngineHarness.start)
        let runner = ActivityTaskRunner(clock: clock, pollTimeout: 60)
        let poll = Task { await runner.poll(activityArn: Self.activity, workerName: nil) }
        // Wait (without a timing assumption) until the poll is registered, then let its minute pass.
        while runner.waitingPollCount(activityArn: Self.activity) == 0 { await Task.yield() }
        clock.advance(seconds: 60)
        #expect(await poll.value == nil)
        #expect(runner.waitingPollCount(activityArn: Self.activity) == 0)
    }

    @Test("a cancelled run leaves the queue, and its token then reads as finished")
    func cancelledRun() async {
        let runner = ActivityTaskRunner(clock: ManualClock(start: EngineHarness.start))
        let request = Self.request(seed: 1, input: [:])
        let run = Task { await runner.run(request, context: TaskRunContext(executionArn: "e", stateMachineName: "m")) }
        while runner.queuedCount(activityArn: Self.activity) == 0 { await Task.yield() }
        run.cancel()
        _ = await run.value
        #expect(runner.queuedCount(activityArn: Self.activity) == 0)
        #expect(throws: ActivityTaskError.taskFinished) { try runner.complete(token: request.taskToken ?? "", outcome: .succeeded(.null)) }
    }
}
