import JSONValue
import StatesLanguage
import StepwiseEngine

/// An Express execution as kept in memory: Express workflows are at-least-once and not durable,
/// so nothing of them goes to the store.
struct ExpressExecution: Sendable {
    var executionArn: String
    var name: String
    var stateMachineArn: String
    var stateMachineName: String
    var definition: String
    var roleArn: String
    var input: JSONValue
    var startTime: Timestamp
    var status: ExecutionStatus = .running
    var stopTime: Timestamp?
    var output: JSONValue?
    var error: String?
    var cause: String?
    var history: [HistoryEvent] = []
    var mockTestCase: String?
}

/// The most recent Express executions, so DescribeExecution and GetExecutionHistory can show them
/// while a developer looks (AWS sends Express history to CloudWatch Logs instead). Bounded: the
/// oldest are forgotten first.
actor ExpressExecutions {
    private var byArn: [String: ExpressExecution] = [:]
    private var order: [String] = []
    let limit: Int
    /// Asynchronous (StartExecution) runs still going, so a shutdown can stop them and wait for them.
    private var running: [String: Task<Void, Never>] = [:]
    private var isShutDown = false

    init(limit: Int) { self.limit = limit }

    func put(_ execution: ExpressExecution) {
        if byArn.updateValue(execution, forKey: execution.executionArn) == nil {
            order.append(execution.executionArn)
            if order.count > limit {
                let drop = order.count - limit
                for arn in order.prefix(drop) { byArn[arn] = nil }
                order.removeFirst(drop)
            }
        }
    }

    func get(_ arn: String) -> ExpressExecution? { byArn[arn] }

    /// Runs `body` for an execution started asynchronously, tracked until it ends.
    func run(_ executionArn: String, _ body: @escaping @Sendable () async -> Void) {
        guard !isShutDown else { return }
        running[executionArn] = Task {
            await body()
            self.finished(executionArn)
        }
    }

    private func finished(_ executionArn: String) { running[executionArn] = nil }

    /// Cancels the runs still going (their tasks see the cancellation) and waits for them.
    func shutdown() async {
        isShutDown = true
        let tasks = Array(running.values)
        running.removeAll()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
