import JSONValue

extension HistoryEvent {
    /// The event as GetExecutionHistory returns it (timestamps in epoch seconds).
    package var awsJSON: JSONValue {
        var o = JSONObject(minimumCapacity: 5)
        o.append("timestamp", .double(timestamp.seconds))
        o.append("type", .string(type.rawValue))
        o.append("id", .int(id))
        o.append("previousEventId", .int(previousEventId))
        if let (key, value) = detailsMember { o.append(key, value) }
        return .object(o)
    }

    /// The `xxxEventDetails` member with AWS's names, or nil for events that carry none.
    package var detailsMember: (String, JSONValue)? {
        let key: String
        switch details {
        case .none: return nil
        case .stateEntered: key = "stateEnteredEventDetails"
        case .stateExited: key = "stateExitedEventDetails"
        default:
            let raw = type.rawValue
            key = raw.prefix(1).lowercased() + raw.dropFirst() + "EventDetails"
        }
        return (key, details.awsJSON)
    }
}

extension HistoryEventDetails {
    /// The details object with AWS's member names; payloads are JSON text, as AWS sends them.
    package var awsJSON: JSONValue {
        var o = JSONObject(minimumCapacity: 6)
        func payload(_ name: String, _ value: JSONValue) {
            o.append(name, .string(value.serialized()))
            o.append(name + "Details", ["truncated": false])
        }
        func optional(_ name: String, _ value: String?) {
            if let value { o.append(name, .string(value)) }
        }
        func optional(_ name: String, _ value: Int?) {
            if let value { o.append(name, .int(value)) }
        }
        switch self {
        case .none:
            break
        case .executionStarted(let input, let roleArn):
            payload("input", input)
            o.append("roleArn", .string(roleArn))
        case .executionSucceeded(let output), .output(let output):
            payload("output", output)
        case .failure(let error, let cause):
            optional("error", error)
            optional("cause", cause)
        case .stateEntered(let name, let input):
            o.append("name", .string(name))
            payload("input", input)
        case .stateExited(let name, let output, let assigned):
            o.append("name", .string(name))
            payload("output", output)
            if let assigned {
                var vars = JSONObject(minimumCapacity: assigned.count)
                for (k, v) in assigned.members { vars.append(k, .string(v.serialized())) }
                o.append("assignedVariables", .object(vars))
                o.append("assignedVariablesDetails", ["truncated": false])
            }
        case .mapStateStarted(let length):
            o.append("length", .int(length))
        case .mapIteration(let name, let index):
            o.append("name", .string(name))
            o.append("index", .int(index))
        case .mapRunStarted(let arn):
            o.append("mapRunArn", .string(arn))
        case .taskScheduled(let resourceType, let resource, let region, let parameters, let timeout, let heartbeat):
            o.append("resourceType", .string(resourceType))
            o.append("resource", .string(resource))
            o.append("region", .string(region))
            o.append("parameters", .string(parameters.serialized()))
            optional("timeoutInSeconds", timeout)
            optional("heartbeatInSeconds", heartbeat)
        case .taskStarted(let resourceType, let resource):
            o.append("resourceType", .string(resourceType))
            o.append("resource", .string(resource))
        case .taskSubmitted(let resourceType, let resource, let output),
            .taskSucceeded(let resourceType, let resource, let output):
            o.append("resourceType", .string(resourceType))
            o.append("resource", .string(resource))
            payload("output", output)
        case .taskFailure(let resourceType, let resource, let error, let cause):
            o.append("resourceType", .string(resourceType))
            o.append("resource", .string(resource))
            optional("error", error)
            optional("cause", cause)
        case .activityScheduled(let resource, let input, let timeout, let heartbeat):
            o.append("resource", .string(resource))
            payload("input", input)
            optional("timeoutInSeconds", timeout)
            optional("heartbeatInSeconds", heartbeat)
        case .activityStarted(let workerName):
            optional("workerName", workerName)
        case .lambdaFunctionScheduled(let resource, let input, let timeout):
            o.append("resource", .string(resource))
            payload("input", input)
            optional("timeoutInSeconds", timeout)
        case .evaluationFailed(let error, let cause, let location, let state):
            o.append("error", .string(error))
            optional("cause", cause)
            o.append("location", .string(location))
            o.append("state", .string(state))
        }
        return .object(o)
    }
}
