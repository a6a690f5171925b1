import JSONValue

/// What the optimized integrations (`sqs:sendMessage`, `sns:publish`, `events:putEvents`,
/// `dynamodb:*Item`) do beyond a plain call: JSON payloads sent as text, and the SDK's HTTP
/// metadata added to results, as AWS Step Functions does.
package enum OptimizedIntegrations {
    /// The parameters with the payload members that may be given as JSON serialized to strings:
    /// `MessageBody` (SQS), `Message` (SNS), `Entries[].Detail` (EventBridge).
    package static func request(resourceType: String, action: String, parameters: JSONObject) -> JSONObject {
        var parameters = parameters
        func stringify(_ key: String, in object: inout JSONObject) {
            guard let position = object.position(of: key) else { return }
            let value = object.value(at: position)
            if value.stringValue == nil { object.setValue(.string(value.serialized()), at: position) }
        }
        switch (resourceType, action) {
        case ("sqs", "sendMessage"):
            stringify("MessageBody", in: &parameters)
        case ("sns", "publish"):
            stringify("Message", in: &parameters)
        case ("events", "putEvents"):
            if let position = parameters.position(of: "Entries"), let entries = parameters.value(at: position).arrayValue {
                parameters.setValue(
                    .array(
                        entries.map { entry in
                            guard var object = entry.objectValue else { return entry }
                            stringify("Detail", in: &object)
                            return .object(object)
                        }), at: position)
            }
        default:
            break
        }
        return parameters
    }

    /// The state's result: `events:putEvents` gives `Entries` and `FailedEntryCount` only; the
    /// others give the service's answer with `SdkHttpMetadata` and `SdkResponseMetadata`.
    package static func result(resourceType: String, action: String, _ result: AWSServiceResult) -> JSONValue {
        var output = result.output.objectValue ?? JSONObject()
        if resourceType == "events" {
            var trimmed = JSONObject()
            for key in ["Entries", "FailedEntryCount"] { if let value = output[key] { trimmed.append(key, value) } }
            return .object(trimmed)
        }
        output.append("SdkHttpMetadata", httpMetadata(result.response))
        output.append("SdkResponseMetadata", ["RequestId": result.requestId.map(JSONValue.string) ?? .null])
        return .object(output)
    }

    /// `{"AllHttpHeaders": {name: [values]}, "HttpHeaders": {name: value}, "HttpStatusCode": n}`.
    package static func httpMetadata(_ response: AWSHTTPResponse) -> JSONValue {
        var all = JSONObject()
        var single = JSONObject()
        for header in response.headers {
            if let position = all.position(of: header.name), case .array(var values) = all.value(at: position) {
                values.append(.string(header.value))
                all.setValue(.array(values), at: position)
            } else {
                all.append(header.name, [.string(header.value)])
                single.append(header.name, .string(header.value))
            }
        }
        return ["AllHttpHeaders": .object(all), "HttpHeaders": .object(single), "HttpStatusCode": .int(response.status)]
    }
}
