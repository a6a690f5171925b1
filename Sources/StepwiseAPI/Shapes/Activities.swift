import JSONValue

// MARK: CreateActivity

package struct CreateActivityInput: RequestShape, Equatable {
    package var name: String
    package var tags: [Tag]
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(name: String, tags: [Tag] = [], encryptionConfiguration: EncryptionConfiguration? = nil) {
        self.name = name
        self.tags = tags
        self.encryptionConfiguration = encryptionConfiguration
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        name = try r.requiredString("name", length: Limits.name)
        tags = try r.tags() ?? []
        encryptionConfiguration = try r.structure("encryptionConfiguration") { (c: inout MemberReader) throws(APIError) in
            try EncryptionConfiguration(reading: &c)
        }
        try r.finish()
        try ResourceName.validate(name)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("name", name)
        if !tags.isEmpty { o.put("tags", tags) }
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}

package struct CreateActivityOutput: ResponseShape, Equatable {
    package var activityArn: String
    package var creationDate: Double

    package init(activityArn: String, creationDate: Double) {
        self.activityArn = activityArn
        self.creationDate = creationDate
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("activityArn", activityArn)
        o.putDate("creationDate", creationDate)
        return .object(o)
    }
}

// MARK: DeleteActivity / DescribeActivity

package struct DeleteActivityInput: RequestShape, Equatable {
    package var activityArn: ActivityARN

    package init(activityArn: ActivityARN) { self.activityArn = activityArn }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("activityArn", length: Limits.arn)
        try r.finish()
        activityArn = try ActivityARN(parsing: arn)
    }

    package var json: JSONValue { ["activityArn": .string(activityArn.description)] }
}

package struct DescribeActivityInput: RequestShape, Equatable {
    package var activityArn: ActivityARN

    package init(activityArn: ActivityARN) { self.activityArn = activityArn }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("activityArn", length: Limits.arn)
        try r.finish()
        activityArn = try ActivityARN(parsing: arn)
    }

    package var json: JSONValue { ["activityArn": .string(activityArn.description)] }
}

package struct DescribeActivityOutput: ResponseShape, Equatable {
    package var activityArn: String
    package var name: String
    package var creationDate: Double
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(activityArn: String, name: String, creationDate: Double, encryptionConfiguration: EncryptionConfiguration? = nil) {
        self.activityArn = activityArn
        self.name = name
        self.creationDate = creationDate
        self.encryptionConfiguration = encryptionConfiguration
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("activityArn", activityArn)
        o.put("name", name)
        o.putDate("creationDate", creationDate)
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}

// MARK: ListActivities

package struct ListActivitiesInput: RequestShape, Equatable {
    package var maxResults: Int?
    package var nextToken: String?

    package init(maxResults: Int? = nil, nextToken: String? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        maxResults = try r.pageSize()
        nextToken = try r.string("nextToken", length: Limits.pageToken)
        try r.finish()
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("maxResults", maxResults)
        o.put("nextToken", nextToken)
        return .object(o)
    }
}

package struct ActivityListItem: ResponseShape, Equatable {
    package var activityArn: String
    package var name: String
    package var creationDate: Double

    package init(activityArn: String, name: String, creationDate: Double) {
        self.activityArn = activityArn
        self.name = name
        self.creationDate = creationDate
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("activityArn", activityArn)
        o.put("name", name)
        o.putDate("creationDate", creationDate)
        return .object(o)
    }
}

package struct ListActivitiesOutput: ResponseShape, Equatable {
    package var activities: [ActivityListItem]
    package var nextToken: String?

    package init(activities: [ActivityListItem], nextToken: String? = nil) {
        self.activities = activities
        self.nextToken = nextToken
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("activities", activities)
        o.put("nextToken", nextToken)
        return .object(o)
    }
}

// MARK: GetActivityTask

package struct GetActivityTaskInput: RequestShape, Equatable {
    package var activityArn: ActivityARN
    package var workerName: String?

    package init(activityArn: ActivityARN, workerName: String? = nil) {
        self.activityArn = activityArn
        self.workerName = workerName
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("activityArn", length: Limits.arn)
        workerName = try r.string("workerName", length: Limits.name)
        try r.finish()
        activityArn = try ActivityARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("activityArn", activityArn.description)
        o.put("workerName", workerName)
        return .object(o)
    }
}

/// No task within the poll (AWS holds the call up to 60 seconds) is an empty object, not an error.
package struct GetActivityTaskOutput: ResponseShape, Equatable {
    package var taskToken: String?
    package var input: String?

    package init(taskToken: String? = nil, input: String? = nil) {
        self.taskToken = taskToken
        self.input = input
    }

    package static let noTask = GetActivityTaskOutput()

    package var json: JSONValue {
        var o = JSONObject()
        o.put("taskToken", taskToken)
        o.put("input", input)
        return .object(o)
    }
}

// MARK: SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat

package struct SendTaskSuccessInput: RequestShape, Equatable {
    package var taskToken: String
    package var output: String
    /// The parsed output; text that is not JSON was refused with InvalidOutput.
    package var outputValue: JSONValue

    package init(taskToken: String, output: JSONValue) {
        self.taskToken = taskToken
        self.output = output.serialized()
        self.outputValue = output
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        taskToken = try r.requiredString("taskToken", length: Limits.taskToken)
        output = try r.payload("output", required: true) ?? ""
        try r.finish()
        outputValue = try PayloadText.parseOutput(output)
    }

    package var json: JSONValue { ["taskToken": .string(taskToken), "output": .string(output)] }
}

package struct SendTaskFailureInput: RequestShape, Equatable {
    package var taskToken: String
    package var error: String?
    package var cause: String?

    package init(taskToken: String, error: String? = nil, cause: String? = nil) {
        self.taskToken = taskToken
        self.error = error
        self.cause = cause
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        taskToken = try r.requiredString("taskToken", length: Limits.taskToken)
        error = try r.string("error", length: Limits.error, sensitive: true)
        cause = try r.string("cause", length: Limits.cause, sensitive: true)
        try r.finish()
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("taskToken", taskToken)
        o.put("error", error)
        o.put("cause", cause)
        return .object(o)
    }
}

package struct SendTaskHeartbeatInput: RequestShape, Equatable {
    package var taskToken: String

    package init(taskToken: String) { self.taskToken = taskToken }

    package init(reading r: inout MemberReader) throws(APIError) {
        taskToken = try r.requiredString("taskToken", length: Limits.taskToken)
        try r.finish()
    }

    package var json: JSONValue { ["taskToken": .string(taskToken)] }
}
