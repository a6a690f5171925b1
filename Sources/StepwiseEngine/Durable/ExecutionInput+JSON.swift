import JSONValue
import StatesLanguage

/// The durable form of incoming events, for stores that keep them as JSON.
extension ExecutionInput {
    package var json: JSONValue {
        switch self {
        case .taskStarted(let taskId, let workerName):
            var o: JSONObject = ["kind": "taskStarted", "taskId": .int(taskId)]
            if let workerName { o["workerName"] = .string(workerName) }
            return .object(o)
        case .taskSubmitted(let taskId, let output):
            return ["kind": "taskSubmitted", "taskId": .int(taskId), "output": output]
        case .taskSucceeded(let taskId, let output):
            return ["kind": "taskSucceeded", "taskId": .int(taskId), "output": output]
        case .taskFailed(let taskId, let error, let cause):
            var o: JSONObject = ["kind": "taskFailed", "taskId": .int(taskId)]
            if let error { o["error"] = .string(error) }
            if let cause { o["cause"] = .string(cause) }
            return .object(o)
        case .taskHeartbeat(let taskId):
            return ["kind": "taskHeartbeat", "taskId": .int(taskId)]
        case .timerFired(let timerId):
            return ["kind": "timerFired", "timerId": .int(timerId)]
        case .stop(let error, let cause):
            var o: JSONObject = ["kind": "stop"]
            if let error { o["error"] = .string(error) }
            if let cause { o["cause"] = .string(cause) }
            return .object(o)
        }
    }

    package init(json: JSONValue) throws(StoreError) {
        func fail() -> StoreError { StoreError(operation: "decode execution log entry", reason: "unexpected shape \(json.serialized())") }
        guard let kind = json["kind"]?.stringValue else { throw fail() }
        let taskId = json["taskId"]?.numberValue?.intValue
        switch kind {
        case "taskStarted":
            guard let taskId else { throw fail() }
            self = .taskStarted(taskId: taskId, workerName: json["workerName"]?.stringValue)
        case "taskSubmitted":
            guard let taskId, let output = json["output"] else { throw fail() }
            self = .taskSubmitted(taskId: taskId, output: output)
        case "taskSucceeded":
            guard let taskId, let output = json["output"] else { throw fail() }
            self = .taskSucceeded(taskId: taskId, output: output)
        case "taskFailed":
            guard let taskId else { throw fail() }
            self = .taskFailed(taskId: taskId, error: json["error"]?.stringValue, cause: json["cause"]?.stringValue)
        case "taskHeartbeat":
            guard let taskId else { throw fail() }
            self = .taskHeartbeat(taskId: taskId)
        case "timerFired":
            guard let timerId = json["timerId"]?.numberValue?.intValue else { throw fail() }
            self = .timerFired(timerId: timerId)
        case "stop":
            self = .stop(error: json["error"]?.stringValue, cause: json["cause"]?.stringValue)
        default:
            throw fail()
        }
    }
}
