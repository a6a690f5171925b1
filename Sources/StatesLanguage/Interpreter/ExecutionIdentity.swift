import JSONValue

/// Who an execution is: the names, ARNs, input and start time its context object reports.
package final class ExecutionIdentity: Sendable {
    package let executionArn: String
    package let name: String
    package let stateMachineArn: String
    package let stateMachineName: String
    package let roleArn: String
    package let region: String
    package let input: JSONValue
    package let startTime: Timestamp
    package let redriveCount: Int

    package init(
        executionArn: String, name: String, stateMachineArn: String, stateMachineName: String, roleArn: String,
        region: String, input: JSONValue, startTime: Timestamp, redriveCount: Int = 0
    ) {
        self.executionArn = executionArn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.stateMachineName = stateMachineName
        self.roleArn = roleArn
        self.region = region
        self.input = input
        self.startTime = startTime
        self.redriveCount = redriveCount
    }

    /// An identity with ARNs built the way AWS builds them.
    package convenience init(
        stateMachineName: String, executionName: String, input: JSONValue, startTime: Timestamp,
        region: String = "us-east-1", account: String = "123456789012",
        roleArn: String = "arn:aws:iam::123456789012:role/stepwise"
    ) {
        self.init(
            executionArn: "arn:aws:states:\(region):\(account):execution:\(stateMachineName):\(executionName)",
            name: executionName,
            stateMachineArn: "arn:aws:states:\(region):\(account):stateMachine:\(stateMachineName)",
            stateMachineName: stateMachineName, roleArn: roleArn, region: region, input: input, startTime: startTime)
    }
}

/// The status of an execution, with AWS's names.
package enum ExecutionStatus: String, Sendable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
}

/// What drives an execution forward after it started: results of the effects it asked for.
package enum ExecutionInput: Sendable, Equatable {
    case taskStarted(taskId: Int, workerName: String?)
    case taskSubmitted(taskId: Int, output: JSONValue)
    case taskSucceeded(taskId: Int, output: JSONValue)
    case taskFailed(taskId: Int, error: String?, cause: String?)
    case taskHeartbeat(taskId: Int)
    case timerFired(timerId: Int)
    case stop(error: String?, cause: String?)
}

/// An effect the interpreter asks its host to perform, after the new events are durable.
package enum ExecutionCommand: Sendable, Equatable {
    case runTask(TaskRequest)
    case cancelTask(taskId: Int)
    case startTimer(timerId: Int, due: Timestamp)
    case cancelTimer(timerId: Int)
}

/// A task to run: everything a task runner needs, with a stable id (the id of its scheduled event).
package struct TaskRequest: Sendable, Equatable {
    package var taskId: Int
    package var stateName: String
    package var resource: TaskResource
    package var parameters: JSONValue
    package var taskToken: String?
    package var timeoutSeconds: Int?
    package var heartbeatSeconds: Int?
    package var credentials: JSONValue?
    /// 0 for the first attempt, then one more for each retry.
    package var attempt: Int
    /// How many tasks this state scheduled before this one in the execution (retries and loops
    /// included), as Step Functions Local numbers mocked responses.
    package var invocation: Int

    package init(
        taskId: Int, stateName: String, resource: TaskResource, parameters: JSONValue, taskToken: String? = nil,
        timeoutSeconds: Int? = nil, heartbeatSeconds: Int? = nil, credentials: JSONValue? = nil, attempt: Int = 0, invocation: Int = 0
    ) {
        self.taskId = taskId
        self.stateName = stateName
        self.resource = resource
        self.parameters = parameters
        self.taskToken = taskToken
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.credentials = credentials
        self.attempt = attempt
        self.invocation = invocation
    }
}
