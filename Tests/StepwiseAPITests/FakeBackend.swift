import JSONValue
import StatesLanguage
import StepwiseAPI

/// An in-memory backend with just enough behaviour to drive the API layer end to end:
/// it stores what it is given and answers with AWS's errors for what does not exist.
actor FakeBackend: StepFunctionsBackend {
    let context = ARNContext.default
    /// A fixed clock: every answer carries a known date.
    var now: Double = 1_700_000_000.25

    struct Machine {
        var arn: String
        var name: String
        var definition: String
        var roleArn: String
        var type: StateMachineType
        var created: Double
        var tags: [Tag]
    }

    struct Execution {
        var arn: String
        var machineArn: String
        var name: String
        var input: String
        var status: ExecutionStatus
        var start: Double
    }

    struct Activity {
        var arn: String
        var name: String
        var created: Double
        var tags: [Tag]
    }

    var machines: [Machine] = []
    var executions: [Execution] = []
    var activities: [Activity] = []
    var history: [String: [HistoryEvent]] = [:]
    /// Open activity tasks: token -> input, queued per activity ARN.
    var pendingTasks: [String: [(token: String, input: String)]] = [:]
    var openTokens: Set<String> = []
    var closedTokens: Set<String> = []
    var counter = 0

    func setHistory(_ events: [HistoryEvent], for arn: String) { history[arn] = events }

    func queueTask(activityArn: String, token: String, input: String) {
        pendingTasks[activityArn, default: []].append((token, input))
        openTokens.insert(token)
    }

    private func machine(_ arn: StateMachineARN) throws(APIError) -> Machine {
        guard let m = machines.first(where: { $0.arn == arn.unqualified.description }) else {
            throw .stateMachineDoesNotExist(arn.description)
        }
        return m
    }

    private func execution(_ arn: ExecutionARN) throws(APIError) -> Execution {
        guard let e = executions.first(where: { $0.arn == arn.description }) else {
            throw .executionDoesNotExist(arn.description)
        }
        return e
    }

    private func activity(_ arn: ActivityARN) throws(APIError) -> Activity {
        guard let a = activities.first(where: { $0.arn == arn.description }) else {
            throw .activityDoesNotExist(arn.description)
        }
        return a
    }

    // MARK: State machines

    func createStateMachine(_ request: CreateStateMachineInput) async throws(APIError) -> CreateStateMachineOutput {
        let arn = context.stateMachine(request.name).description
        if let existing = machines.first(where: { $0.arn == arn }) {
            guard existing.definition == request.definition else { throw .stateMachineAlreadyExists(arn) }
            return CreateStateMachineOutput(stateMachineArn: arn, creationDate: existing.created)
        }
        machines.append(Machine(
            arn: arn, name: request.name, definition: request.definition, roleArn: request.roleArn, type: request.type,
            created: now, tags: request.tags))
        return CreateStateMachineOutput(stateMachineArn: arn, creationDate: now)
    }

    func describeStateMachine(_ request: DescribeStateMachineInput) async throws(APIError) -> DescribeStateMachineOutput {
        let m = try machine(request.stateMachineArn)
        return DescribeStateMachineOutput(
            stateMachineArn: m.arn, name: m.name, definition: m.definition, roleArn: m.roleArn, type: m.type, creationDate: m.created)
    }

    func updateStateMachine(_ request: UpdateStateMachineInput) async throws(APIError) -> UpdateStateMachineOutput {
        var m = try machine(request.stateMachineArn)
        if let definition = request.definition {
            try DefinitionCheck.validate(definition, type: m.type)
            m.definition = definition
        }
        if let role = request.roleArn { m.roleArn = role }
        let updated = m
        machines = machines.map { $0.arn == updated.arn ? updated : $0 }
        return UpdateStateMachineOutput(updateDate: now, revisionId: "r1")
    }

    func deleteStateMachine(_ request: DeleteStateMachineInput) async throws(APIError) -> EmptyOutput {
        machines.removeAll { $0.arn == request.stateMachineArn.description }
        return EmptyOutput()
    }

    func listStateMachines(_ request: ListStateMachinesInput) async throws(APIError) -> ListStateMachinesOutput {
        let page = try Page(of: machines, maxResults: request.maxResults, nextToken: request.nextToken, scope: "ListStateMachines")
        return ListStateMachinesOutput(
            stateMachines: page.items.map { StateMachineListItem(stateMachineArn: $0.arn, name: $0.name, type: $0.type, creationDate: $0.created) },
            nextToken: page.nextToken)
    }

    func describeStateMachineForExecution(
        _ request: DescribeStateMachineForExecutionInput
    ) async throws(APIError) -> DescribeStateMachineForExecutionOutput {
        let e = try execution(request.executionArn)
        let m = try machine(try StateMachineARN(parsing: e.machineArn))
        return DescribeStateMachineForExecutionOutput(
            stateMachineArn: m.arn, name: m.name, definition: m.definition, roleArn: m.roleArn, updateDate: m.created)
    }

    // MARK: Executions

    func startExecution(_ request: StartExecutionInput) async throws(APIError) -> StartExecutionOutput {
        let m = try machine(request.stateMachineArn)
        counter += 1
        let name = request.name ?? "generated-\(counter)"
        let arn = context.execution(stateMachine: m.name, name: name).description
        if let existing = executions.first(where: { $0.arn == arn }) {
            guard existing.input == request.inputValue.serialized() else { throw .executionAlreadyExists(arn) }
            return StartExecutionOutput(executionArn: arn, startDate: existing.start)
        }
        executions.append(Execution(
            arn: arn, machineArn: m.arn, name: name, input: request.inputValue.serialized(), status: .running, start: now))
        return StartExecutionOutput(executionArn: arn, startDate: now)
    }

    func startSyncExecution(_ request: StartSyncExecutionInput) async throws(APIError) -> StartSyncExecutionOutput {
        let m = try machine(request.stateMachineArn)
        guard m.type == .express else {
            throw APIError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        counter += 1
        let name = request.name ?? "sync-\(counter)"
        return StartSyncExecutionOutput(
            executionArn: context.expressExecution(stateMachine: m.name, name: name, id: "00000000-0000-0000-0000-000000000000").description,
            stateMachineArn: m.arn, name: name, startDate: now, stopDate: now, status: .succeeded,
            input: request.inputValue.serialized(), output: request.inputValue.serialized())
    }

    func stopExecution(_ request: StopExecutionInput) async throws(APIError) -> StopExecutionOutput {
        _ = try execution(request.executionArn)
        executions = executions.map { e in
            var e = e
            if e.arn == request.executionArn.description { e.status = .aborted }
            return e
        }
        return StopExecutionOutput(stopDate: now)
    }

    func describeExecution(_ request: DescribeExecutionInput) async throws(APIError) -> DescribeExecutionOutput {
        let e = try execution(request.executionArn)
        return DescribeExecutionOutput(
            executionArn: e.arn, stateMachineArn: e.machineArn, name: e.name, status: e.status, startDate: e.start, input: e.input)
    }

    func listExecutions(_ request: ListExecutionsInput) async throws(APIError) -> ListExecutionsOutput {
        guard let smArn = request.stateMachineArn else { return ListExecutionsOutput(executions: []) }
        let m = try machine(smArn)
        let matching = executions.filter { e in
            guard e.machineArn == m.arn else { return false }
            switch request.statusFilter {
            case nil: return true
            case .status(let s): return e.status == s
            case .pendingRedrive: return false
            }
        }
        let page = try Page(
            of: matching, maxResults: request.maxResults, nextToken: request.nextToken,
            scope: "ListExecutions:\(m.arn):\(request.statusFilter?.rawValue ?? "")")
        return ListExecutionsOutput(
            executions: page.items.map {
                ExecutionListItem(executionArn: $0.arn, stateMachineArn: $0.machineArn, name: $0.name, status: $0.status, startDate: $0.start)
            },
            nextToken: page.nextToken)
    }

    func getExecutionHistory(_ request: GetExecutionHistoryInput) async throws(APIError) -> GetExecutionHistoryOutput {
        let e = try execution(request.executionArn)
        var events = history[e.arn] ?? []
        if request.reverseOrder { events.reverse() }
        let page = try Page(
            of: events, maxResults: request.maxResults, nextToken: request.nextToken,
            scope: "GetExecutionHistory:\(e.arn):\(request.reverseOrder)")
        return GetExecutionHistoryOutput(events: page.items, nextToken: page.nextToken)
    }

    // MARK: Activities

    func createActivity(_ request: CreateActivityInput) async throws(APIError) -> CreateActivityOutput {
        let arn = context.activity(request.name).description
        if let existing = activities.first(where: { $0.arn == arn }) {
            return CreateActivityOutput(activityArn: arn, creationDate: existing.created)
        }
        activities.append(Activity(arn: arn, name: request.name, created: now, tags: request.tags))
        return CreateActivityOutput(activityArn: arn, creationDate: now)
    }

    func deleteActivity(_ request: DeleteActivityInput) async throws(APIError) -> EmptyOutput {
        activities.removeAll { $0.arn == request.activityArn.description }
        return EmptyOutput()
    }

    func describeActivity(_ request: DescribeActivityInput) async throws(APIError) -> DescribeActivityOutput {
        let a = try activity(request.activityArn)
        return DescribeActivityOutput(activityArn: a.arn, name: a.name, creationDate: a.created)
    }

    func listActivities(_ request: ListActivitiesInput) async throws(APIError) -> ListActivitiesOutput {
        let page = try Page(of: activities, maxResults: request.maxResults, nextToken: request.nextToken, scope: "ListActivities")
        return ListActivitiesOutput(
            activities: page.items.map { ActivityListItem(activityArn: $0.arn, name: $0.name, creationDate: $0.created) },
            nextToken: page.nextToken)
    }

    func getActivityTask(_ request: GetActivityTaskInput) async throws(APIError) -> GetActivityTaskOutput {
        let a = try activity(request.activityArn)
        guard var queue = pendingTasks[a.arn], !queue.isEmpty else { return .noTask }
        let task = queue.removeFirst()
        pendingTasks[a.arn] = queue
        return GetActivityTaskOutput(taskToken: task.token, input: task.input)
    }

    private func close(_ token: String) throws(APIError) {
        if closedTokens.contains(token) { throw .taskTimedOut() }
        guard openTokens.remove(token) != nil else { throw .invalidToken("Invalid token") }
        closedTokens.insert(token)
    }

    func sendTaskSuccess(_ request: SendTaskSuccessInput) async throws(APIError) -> EmptyOutput {
        try close(request.taskToken)
        return EmptyOutput()
    }

    func sendTaskFailure(_ request: SendTaskFailureInput) async throws(APIError) -> EmptyOutput {
        try close(request.taskToken)
        return EmptyOutput()
    }

    func sendTaskHeartbeat(_ request: SendTaskHeartbeatInput) async throws(APIError) -> EmptyOutput {
        if closedTokens.contains(request.taskToken) { throw .taskTimedOut() }
        guard openTokens.contains(request.taskToken) else { throw .invalidToken("Invalid token") }
        return EmptyOutput()
    }

    // MARK: Tags

    private func withTags(_ arn: TaggableARN, _ change: (inout [Tag]) throws(APIError) -> Void) throws(APIError) {
        switch arn {
        case .stateMachine(let sm):
            guard let i = machines.firstIndex(where: { $0.arn == sm.description }) else { throw .resourceNotFound(sm.description) }
            try change(&machines[i].tags)
        case .activity(let act):
            guard let i = activities.firstIndex(where: { $0.arn == act.description }) else { throw .resourceNotFound(act.description) }
            try change(&activities[i].tags)
        }
    }

    func tagResource(_ request: TagResourceInput) async throws(APIError) -> EmptyOutput {
        try withTags(request.resourceArn) { (tags: inout [Tag]) throws(APIError) in
            for tag in request.tags {
                if let i = tags.firstIndex(where: { $0.key == tag.key }) { tags[i] = tag } else { tags.append(tag) }
            }
            if tags.count > maxTagsPerResource { throw .tooManyTags(request.resourceArn.description) }
        }
        return EmptyOutput()
    }

    func untagResource(_ request: UntagResourceInput) async throws(APIError) -> EmptyOutput {
        try withTags(request.resourceArn) { (tags: inout [Tag]) throws(APIError) in
            tags.removeAll { request.tagKeys.contains($0.key) }
        }
        return EmptyOutput()
    }

    func listTagsForResource(_ request: ListTagsForResourceInput) async throws(APIError) -> ListTagsForResourceOutput {
        var found: [Tag] = []
        try withTags(request.resourceArn) { (tags: inout [Tag]) throws(APIError) in found = tags }
        return ListTagsForResourceOutput(tags: found)
    }
}

/// Calls the API the way the server will: target header and body bytes in, status and JSON out.
struct Client {
    let api: StepFunctionsAPI<FakeBackend>

    init(backend: FakeBackend = FakeBackend()) {
        api = StepFunctionsAPI(backend: backend)
    }

    func call(_ action: String, _ body: JSONValue) async -> (status: Int, json: JSONValue) {
        await raw("AWSStepFunctions." + action, Array(body.serialized().utf8))
    }

    func raw(_ target: String?, _ body: [UInt8]) async -> (status: Int, json: JSONValue) {
        let response = await api.handle(target: target, body: body)
        return (response.status, response.json ?? .null)
    }

    /// The `(code, message)` of an error answer.
    func error(_ action: String, _ body: JSONValue) async -> (status: Int, code: String?, message: String?) {
        let (status, json) = await call(action, body)
        return (status, json["__type"]?.stringValue, json["message"]?.stringValue)
    }
}

let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
let role = "arn:aws:iam::123456789012:role/test"
let smArn = "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld"
let execArn = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:run1"
let activityArn = "arn:aws:states:us-east-1:123456789012:activity:worker"
