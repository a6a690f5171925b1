import JSONValue

/// The context object (`$$`) as AWS builds it for a state.
enum ContextObject {
    static func build(
        identity: ExecutionIdentity, stateName: String, enteredTime: Timestamp, retryCount: Int?, taskToken: String?,
        mapItem: (index: Int, value: JSONValue)?
    ) -> JSONValue {
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
