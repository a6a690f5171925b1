import JSONValue
import StatesLanguage

extension HistoryEvent {
    /// Reads an event back from the form `awsJSON` prints (what `ExecutionStore.history` returns),
    /// so that GetExecutionHistory can hand typed events to its output shape. Printing the result
    /// again gives the same JSON; nil for anything that is not such an event.
    package init?(awsJSON json: JSONValue) {
        guard let o = json.objectValue, let typeName = o["type"]?.stringValue, let type = HistoryEventType(rawValue: typeName),
            let id = o["id"]?.numberValue?.intValue, let timestamp = o["timestamp"]?.numberValue?.doubleValue
        else { return nil }
        let previous = o["previousEventId"]?.numberValue?.intValue ?? 0
        var details = HistoryEventDetails.none
        if let member = o.members.first(where: { $0.key.hasSuffix("EventDetails") }), let d = member.value.objectValue {
            details = Self.details(type: type, key: member.key, d)
        }
        self.init(id: id, previousEventId: previous, timestamp: Timestamp(seconds: timestamp), type: type, details: details)
    }

    /// A payload member: JSON text in the event, a value in the typed details.
    private static func payload(_ d: JSONObject, _ name: String) -> JSONValue {
        guard let text = d[name]?.stringValue else { return .null }
        return (try? JSONValue(parsing: text)) ?? .string(text)
    }

    private static func details(type: HistoryEventType, key: String, _ d: JSONObject) -> HistoryEventDetails {
        let string = { (name: String) in d[name]?.stringValue }
        let int = { (name: String) in d[name]?.numberValue?.intValue }
        switch key {
        case "stateEnteredEventDetails":
            return .stateEntered(name: string("name") ?? "", input: payload(d, "input"))
        case "stateExitedEventDetails":
            var assigned: JSONObject?
            if let vars = d["assignedVariables"]?.objectValue {
                var o = JSONObject(minimumCapacity: vars.count)
                for (k, v) in vars.members {
                    let text = v.stringValue ?? ""
                    o.append(k, (try? JSONValue(parsing: text)) ?? .string(text))
                }
                assigned = o
            }
            return .stateExited(name: string("name") ?? "", output: payload(d, "output"), assignedVariables: assigned)
        default:
            break
        }
        switch type {
        case .executionStarted:
            return .executionStarted(input: payload(d, "input"), roleArn: string("roleArn") ?? "")
        case .executionSucceeded:
            return .executionSucceeded(output: payload(d, "output"))
        case .activityScheduled:
            return .activityScheduled(
                resource: string("resource") ?? "", input: payload(d, "input"), timeoutInSeconds: int("timeoutInSeconds"),
                heartbeatInSeconds: int("heartbeatInSeconds"))
        case .activityStarted:
            return .activityStarted(workerName: string("workerName"))
        case .lambdaFunctionScheduled:
            return .lambdaFunctionScheduled(resource: string("resource") ?? "", input: payload(d, "input"), timeoutInSeconds: int("timeoutInSeconds"))
        case .evaluationFailed:
            return .evaluationFailed(
                error: string("error") ?? "", cause: string("cause"), location: string("location") ?? "", state: string("state") ?? "")
        default:
            break
        }
        if let resourceType = string("resourceType") {
            let resource = string("resource") ?? ""
            if d["parameters"] != nil {
                return .taskScheduled(
                    resourceType: resourceType, resource: resource, region: string("region") ?? "", parameters: payload(d, "parameters"),
                    timeoutInSeconds: int("timeoutInSeconds"), heartbeatInSeconds: int("heartbeatInSeconds"))
            }
            switch type {
            case .taskStarted: return .taskStarted(resourceType: resourceType, resource: resource)
            case .taskSubmitted: return .taskSubmitted(resourceType: resourceType, resource: resource, output: payload(d, "output"))
            case .taskSucceeded: return .taskSucceeded(resourceType: resourceType, resource: resource, output: payload(d, "output"))
            default: return .taskFailure(resourceType: resourceType, resource: resource, error: string("error"), cause: string("cause"))
            }
        }
        if let length = int("length") { return .mapStateStarted(length: length) }
        if let index = int("index") { return .mapIteration(name: string("name") ?? "", index: index) }
        if let arn = string("mapRunArn") { return .mapRunStarted(mapRunArn: arn) }
        if d["output"] != nil { return .output(payload(d, "output")) }
        return .failure(error: string("error"), cause: string("cause"))
    }
}
