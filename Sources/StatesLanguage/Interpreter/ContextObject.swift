import JSONValue

/// Something that can build the context object (`$$`) of the state it stands for. A reference
/// type, so a scope holds it with one retain and builds the object only when a path reads it.
package protocol ContextObjectSource: AnyObject {
    func contextObject(mapItem: (index: Int, value: JSONValue)?) -> JSONValue
}

/// The facts the context object (`$$`) of a state is built from; `build()` makes the JSON as AWS shows it.
package struct ContextObject {
    package var identity: ExecutionIdentity
    package var stateName: String
    package var enteredTime: Timestamp
    /// Present for states that take Retry (Task, Parallel, Map).
    package var retryCount: Int?
    package var taskToken: String?
    package var mapItem: (index: Int, value: JSONValue)?

    package init(
        identity: ExecutionIdentity, stateName: String, enteredTime: Timestamp, retryCount: Int? = nil,
        taskToken: String? = nil, mapItem: (index: Int, value: JSONValue)? = nil
    ) {
        self.identity = identity
        self.stateName = stateName
        self.enteredTime = enteredTime
        self.retryCount = retryCount
        self.taskToken = taskToken
        self.mapItem = mapItem
    }

    package func build() -> JSONValue {
        var o = JSONObject(minimumCapacity: 5)
        o.append(
            "Execution",
            [
                "Id": .string(identity.executionArn),
                "Input": identity.input,
                "StartTime": .string(identity.startTime.iso8601Millis),
                "Name": .string(identity.name),
                "RoleArn": .string(identity.roleArn),
                "RedriveCount": .int(identity.redriveCount),
            ])
        o.append("StateMachine", ["Id": .string(identity.stateMachineArn), "Name": .string(identity.stateMachineName)])
        var state: JSONObject = ["Name": .string(stateName), "EnteredTime": .string(enteredTime.iso8601Millis)]
        if let retryCount { state.append("RetryCount", .int(retryCount)) }
        o.append("State", .object(state))
        if let taskToken { o.append("Task", ["Token": .string(taskToken)]) }
        if let mapItem { o.append("Map", ["Item": ["Index": .int(mapItem.index), "Value": mapItem.value]]) }
        return .object(o)
    }
}
