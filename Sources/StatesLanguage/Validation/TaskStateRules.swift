import JSONValue

extension ValidationPass {
    mutating func validateTask(_ context: StateContext) {
        let fields = context.fields
        let location = context.location
        require(fields, ["Resource"], at: location)
        if let resource = fields["Resource"] {
            let at = Pointer.member(location, "Resource")
            if expect(.string, resource, at: at), let text = resource.stringValue {
                validateResource(text, at: at)
            }
        }
        exclusive(fields, ["TimeoutSeconds", "TimeoutSecondsPath"], at: location)
        exclusive(fields, ["HeartbeatSeconds", "HeartbeatSecondsPath"], at: location)
        integerField(fields, "TimeoutSeconds", in: location, minimum: 1, maximum: 99_999_999, language: context.language)
        integerField(fields, "HeartbeatSeconds", in: location, minimum: 1, maximum: 99_999_999, language: context.language)
        pathField(fields, "TimeoutSecondsPath", in: location, kind: .reference, nullable: false)
        pathField(fields, "HeartbeatSecondsPath", in: location, kind: .reference, nullable: false)
        if let timeout = fields["TimeoutSeconds"]?.numberValue, let heartbeat = fields["HeartbeatSeconds"]?.numberValue,
            heartbeat.doubleValue >= timeout.doubleValue
        {
            report("The value of HeartbeatSeconds must be less than the value of TimeoutSeconds", at: location)
        }
        if let credentials = fields["Credentials"] {
            validateCredentials(credentials, at: Pointer.member(location, "Credentials"), language: context.language)
        }
        validateRetryAndCatch(context)
    }

    private mutating func validateResource(_ resource: String, at location: String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard resource.hasPrefix("arn:"), parts.count >= 6 else {
            report("Value is not a valid resource ARN", at: location)
            return
        }
        guard machineType == .express else { return }
        if resource.hasSuffix(".sync") || resource.hasSuffix(".sync:2") {
            report("Express state machine does not support '.sync' service integration", at: location)
        } else if resource.hasSuffix(".waitForTaskToken") {
            // AWS's text has a trailing space before " at".
            report("Express state machine does not support '.waitForTaskToken' service integration ", at: location)
        } else if parts[2] == "states", parts[5] == "activity" {
            report("Express state machine does not support Activity ARN", at: location)
        }
    }

    private mutating func validateCredentials(_ value: JSONValue, at location: String, language: QueryLanguage) {
        guard expect(.object, value, at: location), let credentials = value.objectValue else { return }
        // Credentials is checked for RoleArn alone; AWS reports nothing about other members.
        let dynamic = language == .jsonPath ? credentials["RoleArn.$"] : nil
        guard credentials["RoleArn"] != nil || dynamic != nil else {
            report("The field 'RoleArn' is required but was missing", at: location)
            return
        }
        if let role = credentials["RoleArn"] { expect(.string, role, at: Pointer.member(location, "RoleArn")) }
        if dynamic != nil { payloadTemplate(value, at: location) }
    }
}
