import StatesLanguage

/// A runner whose tasks start later than they are launched, and which tells the engine when.
///
/// An activity task is scheduled when the engine hands it over, but it only starts when a worker
/// takes it (GetActivityTask), and its `ActivityStarted` event carries that worker's name. The
/// engine asks this before launching a task: when true it does not send `.taskStarted` itself.
package protocol TaskStartReporting: TaskRunner {
    func reportsStart(of request: TaskRequest) -> Bool
}

/// Sends activity tasks to the activity runner and every other task to `other`.
package struct ActivityRoutingRunner: TaskStartReporting {
    package let activities: ActivityTaskRunner
    package let other: any TaskRunner

    package init(activities: ActivityTaskRunner, other: any TaskRunner) {
        self.activities = activities
        self.other = other
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        if request.resource.kind == .activity { return await activities.run(request, context: context) }
        return await other.run(request, context: context)
    }

    package func taskEnded(_ request: TaskRequest, executionArn: String) {
        if request.resource.kind == .activity { return activities.taskEnded(request, executionArn: executionArn) }
        other.taskEnded(request, executionArn: executionArn)
    }

    package func reportsStart(of request: TaskRequest) -> Bool {
        if request.resource.kind == .activity { return true }
        return (other as? any TaskStartReporting)?.reportsStart(of: request) ?? false
    }
}
