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
}

/// The most recent Express executions, so DescribeExecution and GetExecutionHistory can show them
/// while a developer looks (AWS sends Express history to CloudWatch Logs instead). Bounded: the
/// oldest are forgotten first.
actor ExpressExecutions {
    private var byArn: [String: ExpressExecution] = [:]
    private var order: [String] = []
    let limit: Int

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
}
