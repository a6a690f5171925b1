import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine

/// The Step Functions API served by the durable engine: state machines, activities and tags in a
/// `ResourceStore`, Standard executions run by an `ExecutionEngine` over an `ExecutionStore`,
/// Express executions in memory with an `ExecutionDriver`, activity tasks through an
/// `ActivityTaskRunner` that workers reach with GetActivityTask and SendTask*.
package final class EngineBackend: StepFunctionsBackend {
    package let context: ARNContext
    let resources: any ResourceStore
    let executions: any ExecutionStore
    package let engine: ShardedExecutionEngine
    package let activityRunner: ActivityTaskRunner
    /// The `.waitForTaskToken` tasks of service integrations, answerable through SendTask*.
    package let callbacks: CallbackTaskRegistry
    /// Runs every task: activities through `activityRunner`, the rest through the runner given.
    let runner: ActivityRoutingRunner
    let clock: any ExecutionClock
    let expressClock: any ExecutionClock
    let express: ExpressExecutions
    let limits: Interpreter.Limits
    /// New seeds for executions' entropy and UUIDs (injected so tests can name executions predictably).
    let makeSeed: @Sendable () -> UInt64
    /// The mock configuration whose test cases StartExecution may name (`...:stateMachine:NAME#TestCase`).
    let mocks: MockLibrary?

    /// - Parameters:
    ///   - runner: runs the Task states that are not activities (services, mocks).
    ///   - clock: time of Standard executions and of the API's dates.
    ///   - expressClock: time of Express executions (a virtual clock runs their Waits at once in tests).
    ///   - pollTimeout: how long GetActivityTask waits for a task (AWS: 60 seconds).
    ///   - callbacks: where `runner` registers the task tokens of its `.waitForTaskToken` integrations.
    package init(
        resources: any ResourceStore, executions: any ExecutionStore, runner: any TaskRunner,
        callbacks: CallbackTaskRegistry = CallbackTaskRegistry(), clock: any ExecutionClock = SystemClock(),
        expressClock: (any ExecutionClock)? = nil, pollClock: (any ExecutionClock)? = nil, pollTimeout: Double = 60,
        context: ARNContext = .default, limits: Interpreter.Limits = .init(), expressHistoryLimit: Int = 1000,
        makeSeed: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) },
        engineShards: Int? = nil, mocks: MockLibrary? = nil,
        onExecutionStatusChange: @escaping @Sendable (ExecutionRecord) -> Void = { _ in }
    ) {
        self.context = context
        self.resources = resources
        self.executions = executions
        self.clock = clock
        self.expressClock = expressClock ?? clock
        self.makeSeed = makeSeed
        self.mocks = mocks
        self.limits = limits
        let activityRunner = ActivityTaskRunner(clock: pollClock ?? SystemClock(), pollTimeout: pollTimeout)
        self.activityRunner = activityRunner
        let runner = ActivityRoutingRunner(activities: activityRunner, other: runner)
        self.runner = runner
        let engine = ShardedExecutionEngine(
            shardCount: engineShards, store: executions, runner: runner, clock: clock, limits: limits,
            onStatusChange: onExecutionStatusChange)
        self.engine = engine
        self.express = ExpressExecutions(limit: expressHistoryLimit)
        // Workers' events reach the execution through the engine; an execution that ended (or an
        // Express one, which the engine does not know) ignores them.
        activityRunner.setEventSink { input, executionArn in
            try? await engine.send(input, to: executionArn)
        }
        self.callbacks = callbacks
        callbacks.setEventSink { input, executionArn in
            try? await engine.send(input, to: executionArn)
        }
    }

    /// Resumes the Standard executions the store has as running (after a restart); returns the
    /// tasks it relaunched.
    @discardableResult
    package func recover() async throws(APIError) -> [RecoveredTask] {
        do {
            return try await engine.recover()
        } catch {
            throw Self.apiError(error)
        }
    }

    /// Ends waiting polls, timers and tasks.
    package func shutdown() async {
        activityRunner.shutdown()
        await express.shutdown()
        await engine.shutdown()
    }

    // MARK: Helpers

    func now() -> Timestamp { clock.now() }

    func uuid() -> String { SeededEntropy(seed: makeSeed()).uuidString() }

    /// Runs a store call, turning its failure into InternalFailure.
    func store<T>(_ body: () async throws(StoreError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw .internalFailure(error.description)
        }
    }

    static func apiError(_ error: EngineError) -> APIError {
        switch error {
        case .executionDoesNotExist(let arn): .executionDoesNotExist(arn)
        case .executionAlreadyExists(let arn): .executionAlreadyExists(arn)
        case .invalidDefinition(let message): APIError(.invalidDefinition, message)
        case .store(let e): .internalFailure(e.description)
        }
    }

    /// The stored machine an ARN names. Versions and aliases are not kept, so a qualified ARN
    /// names nothing; a machine of another account or region does not exist here either.
    func machine(_ arn: StateMachineARN) async throws(APIError) -> StateMachineRecord {
        let text = arn.description
        guard arn.qualifier == nil, arn.label == nil, owns(arn.partition, arn.region, arn.account),
            let record = try await store({ () async throws(StoreError) in try await resources.stateMachine(arn: text) })
        else { throw .stateMachineDoesNotExist(text) }
        return record
    }

    func activity(_ arn: ActivityARN) async throws(APIError) -> ActivityRecord {
        let text = arn.description
        guard owns(arn.partition, arn.region, arn.account),
            let record = try await store({ () async throws(StoreError) in try await resources.activity(arn: text) })
        else { throw .activityDoesNotExist(text) }
        return record
    }

    func owns(_ partition: String, _ region: String, _ account: String) -> Bool {
        context.owns(partition: partition, region: region, account: account)
    }

    static func loggingJSON(_ c: LoggingConfiguration?) -> JSONValue { (c ?? .off).json }
    static func tracingJSON(_ c: TracingConfiguration?) -> JSONValue { (c ?? TracingConfiguration(enabled: false)).json }

    static func logging(_ json: JSONValue?) -> LoggingConfiguration {
        guard let o = json?.objectValue else { return .off }
        var r = MemberReader(o)
        return (try? LoggingConfiguration(reading: &r)) ?? .off
    }

    static func tracing(_ json: JSONValue?) -> TracingConfiguration {
        guard let o = json?.objectValue else { return TracingConfiguration(enabled: false) }
        var r = MemberReader(o)
        return (try? TracingConfiguration(reading: &r)) ?? TracingConfiguration(enabled: false)
    }

    // MARK: State machines

    package func createStateMachine(_ request: CreateStateMachineInput) async throws(APIError) -> CreateStateMachineOutput {
        let arn = context.stateMachine(request.name).description
        if Set(request.tags.map(\.key)).count > maxTagsPerResource { throw .tooManyTags(arn) }
        var record = StateMachineRecord(
            arn: arn, name: request.name, type: request.type, definition: request.definition, roleArn: request.roleArn,
            creationDate: now(), revisionId: uuid())
        record.loggingConfiguration = Self.loggingJSON(request.loggingConfiguration)
        record.tracingConfiguration = Self.tracingJSON(request.tracingConfiguration)
        let candidate = record
        let stored = try await store { () async throws(StoreError) in try await resources.insertStateMachine(candidate) }
        if !stored.created {
            // AWS's idempotency: the same request again returns the machine; any difference is a conflict.
            let e = stored.record
            guard e.definition == record.definition, e.roleArn == record.roleArn, e.type == record.type,
                e.loggingConfiguration ?? Self.loggingJSON(nil) == record.loggingConfiguration,
                e.tracingConfiguration ?? Self.tracingJSON(nil) == record.tracingConfiguration
            else { throw .stateMachineAlreadyExists(arn) }
            return CreateStateMachineOutput(stateMachineArn: arn, creationDate: e.creationDate.seconds)
        }
        if !request.tags.isEmpty {
            let tags = request.tags.map { (key: $0.key, value: $0.value) }
            try await store { () async throws(StoreError) in try await resources.setTags(resourceArn: arn, tags: tags) }
        }
        return CreateStateMachineOutput(stateMachineArn: arn, creationDate: record.creationDate.seconds)
    }

    package func describeStateMachine(_ request: DescribeStateMachineInput) async throws(APIError) -> DescribeStateMachineOutput {
        let m = try await machine(request.stateMachineArn)
        return DescribeStateMachineOutput(
            stateMachineArn: m.arn, name: m.name, definition: m.definition, roleArn: m.roleArn, type: m.type,
            creationDate: m.creationDate.seconds, loggingConfiguration: Self.logging(m.loggingConfiguration),
            tracingConfiguration: Self.tracing(m.tracingConfiguration), revisionId: m.revisionId, description: m.description)
    }

    package func updateStateMachine(_ request: UpdateStateMachineInput) async throws(APIError) -> UpdateStateMachineOutput {
        var m = try await machine(request.stateMachineArn)
        if let definition = request.definition {
            try DefinitionCheck.validate(definition, type: m.type)
            m.definition = definition
        }
        if let role = request.roleArn { m.roleArn = role }
        if let logging = request.loggingConfiguration { m.loggingConfiguration = Self.loggingJSON(logging) }
        if let tracing = request.tracingConfiguration { m.tracingConfiguration = Self.tracingJSON(tracing) }
        m.revisionId = uuid()
        let updated = m
        // Running executions are unaffected: each keeps the definition it started with.
        try await store { () async throws(StoreError) in try await resources.updateStateMachine(updated) }
        return UpdateStateMachineOutput(updateDate: now().seconds, revisionId: updated.revisionId)
    }

    package func deleteStateMachine(_ request: DeleteStateMachineInput) async throws(APIError) -> EmptyOutput {
        // Deleting what is not there succeeds, as on AWS; running executions finish on their own definition.
        let arn = request.stateMachineArn.description
        try await store { () async throws(StoreError) in try await resources.deleteStateMachine(arn: arn) }
        return EmptyOutput()
    }

    package func listStateMachines(_ request: ListStateMachinesInput) async throws(APIError) -> ListStateMachinesOutput {
        let all = try await store { () async throws(StoreError) in try await resources.stateMachines() }
        let page = try Page(of: all, maxResults: request.maxResults, nextToken: request.nextToken, scope: "ListStateMachines")
        return ListStateMachinesOutput(
            stateMachines: page.items.map {
                StateMachineListItem(stateMachineArn: $0.arn, name: $0.name, type: $0.type, creationDate: $0.creationDate.seconds)
            }, nextToken: page.nextToken)
    }

    package func describeStateMachineForExecution(
        _ request: DescribeStateMachineForExecutionInput
    ) async throws(APIError) -> DescribeStateMachineForExecutionOutput {
        let e = try await executionView(request.executionArn)
        let machineArn = e.stateMachineArn
        let m = try await store { () async throws(StoreError) in try await resources.stateMachine(arn: machineArn) }
        return DescribeStateMachineForExecutionOutput(
            stateMachineArn: e.stateMachineArn, name: e.stateMachineName, definition: e.definition, roleArn: e.roleArn,
            updateDate: (m?.creationDate ?? e.startTime).seconds, loggingConfiguration: Self.logging(m?.loggingConfiguration),
            tracingConfiguration: Self.tracing(m?.tracingConfiguration), revisionId: m?.revisionId)
    }

    // MARK: Executions

    package func startExecution(_ request: StartExecutionInput) async throws(APIError) -> StartExecutionOutput {
        let m = try await machine(request.stateMachineArn)
        try checkMockTestCase(request.mockTestCase, machine: m)
        let name = request.name ?? uuid()
        if m.type == .express {
            let e = await startExpress(m, name: name, input: request.inputValue, mockTestCase: request.mockTestCase)
            return StartExecutionOutput(executionArn: e.executionArn, startDate: e.startTime.seconds)
        }
        let seed = makeSeed()
        let record = ExecutionRecord(
            executionArn: context.execution(stateMachine: m.name, name: name).description, name: name, stateMachineArn: m.arn,
            stateMachineName: m.name, definition: m.definition, roleArn: m.roleArn, region: context.region, input: request.inputValue,
            startTime: now(), seed: seed, mockTestCase: request.mockTestCase)
        let started: ExecutionRecord
        do {
            started = try await engine.start(record)
        } catch {
            throw Self.apiError(error)
        }
        // The same name and input again returns the execution only while it runs; once it ended,
        // the name is taken (AWS keeps names unique for 90 days).
        if started.seed != seed, started.status != .running { throw .executionAlreadyExists(record.executionArn) }
        return StartExecutionOutput(executionArn: started.executionArn, startDate: started.startTime.seconds)
    }

    /// A test case must exist in the deployment's mock configuration for the machine it mocks.
    func checkMockTestCase(_ testCase: String?, machine m: StateMachineRecord) throws(APIError) {
        guard let testCase else { return }
        guard let mocks else {
            throw APIError(.validationException, "The state machine ARN names the test case '\(testCase)', but this Stepwise deployment has no mock configuration (Mocks in --config, or --mock-config)")
        }
        do {
            _ = try mocks.responses(stateMachine: m.name, testCase: testCase)
        } catch {
            throw APIError(.validationException, "Test case '\(testCase)' of state machine '\(m.name)': \(error)")
        }
    }

    func parseMachine(_ definition: String) throws(APIError) -> StateMachine {
        do {
            return try StateMachineParser().parse(try JSONValue(parsing: definition))
        } catch {
            throw APIError(.invalidDefinition, "\(error)")
        }
    }

    func newExpress(_ m: StateMachineRecord, name: String, input: JSONValue, mockTestCase: String?) -> ExpressExecution {
        var e = ExpressExecution(
            executionArn: context.expressExecution(stateMachine: m.name, name: name, id: uuid()).description, name: name,
            stateMachineArn: m.arn, stateMachineName: m.name, definition: m.definition, roleArn: m.roleArn, input: input,
            startTime: expressClock.now())
        e.mockTestCase = mockTestCase
        return e
    }

    /// Runs an Express execution to its end in memory and keeps its result.
    func runExpress(_ start: ExpressExecution, machine: StateMachine) async -> ExpressExecution {
        let identity = ExecutionIdentity(
            executionArn: start.executionArn, name: start.name, stateMachineArn: start.stateMachineArn,
            stateMachineName: start.stateMachineName, roleArn: start.roleArn, region: context.region, input: start.input,
            startTime: start.startTime)
        var driver = ExecutionDriver(clock: expressClock, runner: runner)
        driver.limits = limits
        driver.mockTestCase = start.mockTestCase
        let result = await driver.run(machine: machine, identity: identity, entropy: SeededEntropy(seed: makeSeed()))
        var e = start
        e.status = result.status
        e.stopTime = expressClock.now()
        e.output = result.output
        e.error = result.error
        e.cause = result.cause
        e.history = result.history
        await express.put(e)
        return e
    }

    /// StartExecution on an Express machine: answered at once, run in the background.
    func startExpress(_ m: StateMachineRecord, name: String, input: JSONValue, mockTestCase: String?) async -> ExpressExecution {
        let e = newExpress(m, name: name, input: input, mockTestCase: mockTestCase)
        await express.put(e)
        if let machine = try? parseMachine(e.definition) {
            await express.run(e.executionArn) { _ = await self.runExpress(e, machine: machine) }
        }
        return e
    }

    package func startSyncExecution(_ request: StartSyncExecutionInput) async throws(APIError) -> StartSyncExecutionOutput {
        let m = try await machine(request.stateMachineArn)
        guard m.type == .express else {
            throw APIError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        try checkMockTestCase(request.mockTestCase, machine: m)
        let machine = try parseMachine(m.definition)
        let start = newExpress(m, name: request.name ?? uuid(), input: request.inputValue, mockTestCase: request.mockTestCase)
        await express.put(start)
        let e = await runExpress(start, machine: machine)
        let status: SyncExecutionStatus =
            switch e.status {
            case .succeeded: .succeeded
            case .timedOut: .timedOut
            default: .failed
            }
        let stop = e.stopTime ?? e.startTime
        // Billed as AWS bills Express: in 100 ms steps, at least 100 ms, 64 MB.
        let ms = max(0, Int(((stop.seconds - e.startTime.seconds) * 1000).rounded(.up)))
        let billed = max(100, (ms + 99) / 100 * 100)
        return StartSyncExecutionOutput(
            executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, startDate: e.startTime.seconds,
            stopDate: stop.seconds, status: status, error: e.error, cause: e.cause, input: e.input.serialized(),
            output: status == .succeeded ? e.output?.serialized() : nil, traceHeader: request.traceHeader,
            billingDetails: BillingDetails(billedMemoryUsedInMB: 64, billedDurationInMilliseconds: billed))
    }

    /// What Describe*, history and stop need of an execution, Standard or Express.
    struct ExecutionView {
        var executionArn: String
        var name: String
        var stateMachineArn: String
        var stateMachineName: String
        var definition: String
        var roleArn: String
        var input: JSONValue
        var startTime: Timestamp
        var status: ExecutionStatus
        var stopTime: Timestamp?
        var output: JSONValue?
        var error: String?
        var cause: String?
        /// Set for Express executions, whose history is in memory.
        var expressHistory: [HistoryEvent]?
    }

    func executionView(_ arn: ExecutionARN) async throws(APIError) -> ExecutionView {
        let text = arn.description
        guard owns(arn.partition, arn.region, arn.account) else { throw .executionDoesNotExist(text) }
        if arn.isExpress {
            guard let e = await express.get(text) else { throw .executionDoesNotExist(text) }
            return ExecutionView(
                executionArn: e.executionArn, name: e.name, stateMachineArn: e.stateMachineArn, stateMachineName: e.stateMachineName,
                definition: e.definition, roleArn: e.roleArn, input: e.input, startTime: e.startTime, status: e.status,
                stopTime: e.stopTime, output: e.output, error: e.error, cause: e.cause, expressHistory: e.history)
        }
        guard let r = try await store({ () async throws(StoreError) in try await executions.execution(arn: text) }) else {
            throw .executionDoesNotExist(text)
        }
        return ExecutionView(r)
    }

    package func stopExecution(_ request: StopExecutionInput) async throws(APIError) -> StopExecutionOutput {
        let e = try await executionView(request.executionArn)
        if e.expressHistory != nil {
            throw APIError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        // Stopping an execution that already ended changes nothing.
        guard e.status == .running else { return StopExecutionOutput(stopDate: (e.stopTime ?? now()).seconds) }
        do {
            try await engine.send(.stop(error: request.error, cause: request.cause), to: e.executionArn)
        } catch {
            throw Self.apiError(error)
        }
        let after = try await executionView(request.executionArn)
        return StopExecutionOutput(stopDate: (after.stopTime ?? now()).seconds)
    }

    package func describeExecution(_ request: DescribeExecutionInput) async throws(APIError) -> DescribeExecutionOutput {
        let e = try await executionView(request.executionArn)
        return DescribeExecutionOutput(
            executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status,
            startDate: e.startTime.seconds, stopDate: e.stopTime?.seconds, input: e.input.serialized(),
            output: e.status == .succeeded ? e.output?.serialized() : nil, error: e.error, cause: e.cause,
            redriveCount: e.expressHistory == nil ? 0 : nil,
            // Stepwise has no redrive: every Standard execution says so, with AWS's wording for a running one.
            redriveStatus: e.expressHistory == nil ? .notRedrivable : nil,
            redriveStatusReason: e.expressHistory == nil
                ? (e.status == .running ? "Execution is RUNNING and cannot be redriven" : "Execution redrive is not supported") : nil)
    }

    package func listExecutions(_ request: ListExecutionsInput) async throws(APIError) -> ListExecutionsOutput {
        guard let smArn = request.stateMachineArn else {
            // Distributed Map runs are not kept as separate resources.
            throw .resourceNotFound(request.mapRunArn?.description ?? "")
        }
        let m = try await machine(smArn)
        guard m.type == .standard else {
            throw APIError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        let status: ExecutionStatus?
        switch request.statusFilter {
        case nil: status = nil
        case .status(let s): status = s
        // Nothing is ever pending a redrive here.
        case .pendingRedrive: return ListExecutionsOutput(executions: [])
        }
        let arn = m.arn
        let all = try await store { () async throws(StoreError) in try await resources.executions(stateMachineArn: arn, status: status) }
        let scope = "ListExecutions|\(arn)|\(request.statusFilter?.rawValue ?? "")"
        let page = try Page(of: all, maxResults: request.maxResults, nextToken: request.nextToken, scope: scope)
        return ListExecutionsOutput(
            executions: page.items.map {
                ExecutionListItem(
                    executionArn: $0.executionArn, stateMachineArn: $0.stateMachineArn, name: $0.name, status: $0.status,
                    startDate: $0.startTime.seconds, stopDate: $0.stopTime?.seconds, redriveCount: 0)
            }, nextToken: page.nextToken)
    }

    package func getExecutionHistory(_ request: GetExecutionHistoryInput) async throws(APIError) -> GetExecutionHistoryOutput {
        let e = try await executionView(request.executionArn)
        let size = Page<HistoryEvent>.pageSize(request.maxResults)
        let scope = "GetExecutionHistory|\(e.executionArn)|\(request.reverseOrder ? "r" : "f")"
        if let history = e.expressHistory {
            let ordered = request.reverseOrder ? history.reversed() : history
            let page = try Page(of: ordered, maxResults: request.maxResults, nextToken: request.nextToken, scope: scope)
            return GetExecutionHistoryOutput(events: page.items, nextToken: page.nextToken)
        }
        let arn = e.executionArn
        if request.reverseOrder {
            // Newest first needs the whole history; executions are capped at 25,000 events.
            let all = try await store { () async throws(StoreError) in
                try await executions.history(executionArn: arn, afterId: 0, limit: Int.max)
            }
            let events = all.compactMap(HistoryEvent.init(awsJSON:)).reversed()
            let page = try Page(of: Array(events), maxResults: request.maxResults, nextToken: request.nextToken, scope: scope)
            return GetExecutionHistoryOutput(events: page.items, nextToken: page.nextToken)
        }
        // Oldest first pages by event id, so a page costs only its own events.
        var afterId = 0
        if let nextToken = request.nextToken {
            let token = try PageToken(decoding: nextToken, scope: scope)
            guard let id = token.offset, id >= 0 else { throw .invalidToken(nextToken) }
            afterId = id
        }
        let start = afterId
        let rows = try await store { () async throws(StoreError) in
            try await executions.history(executionArn: arn, afterId: start, limit: size + 1)
        }
        let events = rows.prefix(size).compactMap(HistoryEvent.init(awsJSON:))
        let next = rows.count > size ? events.last.map { PageToken(scope: scope, offset: $0.id).encoded } : nil
        return GetExecutionHistoryOutput(events: events, nextToken: next)
    }

    // MARK: Activities

    package func createActivity(_ request: CreateActivityInput) async throws(APIError) -> CreateActivityOutput {
        let arn = context.activity(request.name).description
        if Set(request.tags.map(\.key)).count > maxTagsPerResource { throw .tooManyTags(arn) }
        let record = ActivityRecord(arn: arn, name: request.name, creationDate: now())
        // CreateActivity is idempotent: the same name returns the existing activity.
        let stored = try await store { () async throws(StoreError) in try await resources.insertActivity(record) }
        if stored.created, !request.tags.isEmpty {
            let tags = request.tags.map { (key: $0.key, value: $0.value) }
            try await store { () async throws(StoreError) in try await resources.setTags(resourceArn: arn, tags: tags) }
        }
        return CreateActivityOutput(activityArn: arn, creationDate: stored.record.creationDate.seconds)
    }

    package func deleteActivity(_ request: DeleteActivityInput) async throws(APIError) -> EmptyOutput {
        let arn = request.activityArn.description
        try await store { () async throws(StoreError) in try await resources.deleteActivity(arn: arn) }
        return EmptyOutput()
    }

    package func describeActivity(_ request: DescribeActivityInput) async throws(APIError) -> DescribeActivityOutput {
        let a = try await activity(request.activityArn)
        return DescribeActivityOutput(activityArn: a.arn, name: a.name, creationDate: a.creationDate.seconds)
    }

    package func listActivities(_ request: ListActivitiesInput) async throws(APIError) -> ListActivitiesOutput {
        let all = try await store { () async throws(StoreError) in try await resources.activities() }
        let page = try Page(of: all, maxResults: request.maxResults, nextToken: request.nextToken, scope: "ListActivities")
        return ListActivitiesOutput(
            activities: page.items.map { ActivityListItem(activityArn: $0.arn, name: $0.name, creationDate: $0.creationDate.seconds) },
            nextToken: page.nextToken)
    }

    package func getActivityTask(_ request: GetActivityTaskInput) async throws(APIError) -> GetActivityTaskOutput {
        let a = try await activity(request.activityArn)
        guard let task = await activityRunner.poll(activityArn: a.arn, workerName: request.workerName) else { return .noTask }
        return GetActivityTaskOutput(taskToken: task.token, input: task.input.serialized())
    }

    /// AWS's answer for a token it cannot use: InvalidToken for text that is not a token at all,
    /// TaskDoesNotExist for a token never issued, TaskTimedOut for one whose task ended.
    static func tokenError(_ error: ActivityTaskError, token: String) -> APIError {
        switch error {
        case .taskFinished: return .taskTimedOut()
        case .unknownToken:
            let isToken = token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            return isToken ? .taskDoesNotExist() : .invalidToken("Invalid token")
        }
    }

    package func sendTaskSuccess(_ request: SendTaskSuccessInput) async throws(APIError) -> EmptyOutput {
        try await completeActivityTask(token: request.taskToken, outcome: .succeeded(request.outputValue))
        return EmptyOutput()
    }

    package func sendTaskFailure(_ request: SendTaskFailureInput) async throws(APIError) -> EmptyOutput {
        try await completeActivityTask(token: request.taskToken, outcome: .failed(error: request.error, cause: request.cause))
        return EmptyOutput()
    }

    /// Commits a worker's answer before acknowledging it: a crash after the acknowledgement must not
    /// lose the result (the engine first, then the runner, whose own delivery is then skipped).
    /// A token no activity knows may belong to a service integration's `.waitForTaskToken` task.
    func completeActivityTask(token: String, outcome: TaskOutcome) async throws(APIError) {
        let taskId: Int
        let executionArn: String
        let isActivity: Bool
        do {
            let task = try activityRunner.openTask(token: token)
            (taskId, executionArn, isActivity) = (task.taskId, task.executionArn, true)
        } catch .unknownToken {
            do {
                let task = try callbacks.openTask(token: token)
                (taskId, executionArn, isActivity) = (task.taskId, task.executionArn, false)
            } catch {
                throw Self.tokenError(error, token: token)
            }
        } catch {
            throw Self.tokenError(error, token: token)
        }
        // Answered only once the result is durable: a store that fails gets the caller an error to retry on.
        do {
            try await engine.deliverTaskResult(outcome, taskId: taskId, executionArn: executionArn)
        } catch {
            throw Self.apiError(error)
        }
        do {
            if isActivity {
                try activityRunner.complete(token: token, outcome: outcome)
            } else {
                try callbacks.complete(token: token, outcome: outcome)
            }
        } catch {
            throw Self.tokenError(error, token: token)
        }
    }

    package func sendTaskHeartbeat(_ request: SendTaskHeartbeatInput) async throws(APIError) -> EmptyOutput {
        do {
            try await activityRunner.heartbeat(token: request.taskToken)
        } catch .unknownToken {
            do {
                try await callbacks.heartbeat(token: request.taskToken)
            } catch {
                throw Self.tokenError(error, token: request.taskToken)
            }
        } catch {
            throw Self.tokenError(error, token: request.taskToken)
        }
        return EmptyOutput()
    }

    // MARK: Tags

    /// The ARN of a taggable resource that exists; ResourceNotFound otherwise.
    func taggable(_ arn: TaggableARN) async throws(APIError) -> String {
        let text = arn.description
        let exists: Bool
        switch arn {
        case .stateMachine(let sm):
            exists = (try? await machine(sm)) != nil
        case .activity(let act):
            exists = (try? await activity(act)) != nil
        }
        guard exists else { throw .resourceNotFound(text) }
        return text
    }

    package func tagResource(_ request: TagResourceInput) async throws(APIError) -> EmptyOutput {
        let arn = try await taggable(request.resourceArn)
        let current = try await store { () async throws(StoreError) in try await resources.tags(resourceArn: arn) }
        let keys = Set(current.map(\.key)).union(request.tags.map(\.key))
        if keys.count > maxTagsPerResource { throw .tooManyTags(arn) }
        let tags = request.tags.map { (key: $0.key, value: $0.value) }
        try await store { () async throws(StoreError) in try await resources.setTags(resourceArn: arn, tags: tags) }
        return EmptyOutput()
    }

    package func untagResource(_ request: UntagResourceInput) async throws(APIError) -> EmptyOutput {
        let arn = try await taggable(request.resourceArn)
        let keys = request.tagKeys
        try await store { () async throws(StoreError) in try await resources.removeTags(resourceArn: arn, keys: keys) }
        return EmptyOutput()
    }

    package func listTagsForResource(_ request: ListTagsForResourceInput) async throws(APIError) -> ListTagsForResourceOutput {
        let arn = try await taggable(request.resourceArn)
        let tags = try await store { () async throws(StoreError) in try await resources.tags(resourceArn: arn) }
        return ListTagsForResourceOutput(tags: tags.map { Tag(key: $0.key, value: $0.value) })
    }
}
