import JSONValue
import StatesLanguage

// MARK: CreateStateMachine

package struct CreateStateMachineInput: RequestShape, Equatable {
    package var name: String
    package var definition: String
    package var roleArn: String
    package var type: StateMachineType
    package var loggingConfiguration: LoggingConfiguration?
    package var tags: [Tag]
    package var tracingConfiguration: TracingConfiguration?
    package var publish: Bool
    package var versionDescription: String?
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(
        name: String, definition: String, roleArn: String, type: StateMachineType = .standard,
        loggingConfiguration: LoggingConfiguration? = nil, tags: [Tag] = [], tracingConfiguration: TracingConfiguration? = nil,
        publish: Bool = false, versionDescription: String? = nil, encryptionConfiguration: EncryptionConfiguration? = nil
    ) {
        self.name = name
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.loggingConfiguration = loggingConfiguration
        self.tags = tags
        self.tracingConfiguration = tracingConfiguration
        self.publish = publish
        self.versionDescription = versionDescription
        self.encryptionConfiguration = encryptionConfiguration
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        name = try r.requiredString("name", length: Limits.name)
        definition = try r.requiredString("definition", length: Limits.definition, sensitive: true)
        roleArn = try r.requiredString("roleArn", length: Limits.arn)
        type = try r.enumeration("type", cases: stateMachineTypes) ?? .standard
        loggingConfiguration = try r.structure("loggingConfiguration") { (c: inout MemberReader) throws(APIError) in
            try LoggingConfiguration(reading: &c)
        }
        tags = try r.tags() ?? []
        tracingConfiguration = try r.structure("tracingConfiguration") { (c: inout MemberReader) throws(APIError) in
            try TracingConfiguration(reading: &c)
        }
        publish = try r.boolean("publish") ?? false
        versionDescription = try r.string("versionDescription", length: Limits.versionDescription, sensitive: true)
        encryptionConfiguration = try r.structure("encryptionConfiguration") { (c: inout MemberReader) throws(APIError) in
            try EncryptionConfiguration(reading: &c)
        }
        try r.finish()
        try ResourceName.validate(name)
        _ = try ARN(parsing: roleArn)
        if versionDescription != nil, !publish {
            throw APIError(.validationException, "Version description can only be set when publish is true")
        }
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("name", name)
        o.put("definition", definition)
        o.put("roleArn", roleArn)
        o.put("type", type)
        o.put("loggingConfiguration", loggingConfiguration)
        if !tags.isEmpty { o.put("tags", tags) }
        o.put("tracingConfiguration", tracingConfiguration)
        if publish { o.put("publish", true) }
        o.put("versionDescription", versionDescription)
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}

package struct CreateStateMachineOutput: ResponseShape, Equatable {
    package var stateMachineArn: String
    package var creationDate: Double
    package var stateMachineVersionArn: String?

    package init(stateMachineArn: String, creationDate: Double, stateMachineVersionArn: String? = nil) {
        self.stateMachineArn = stateMachineArn
        self.creationDate = creationDate
        self.stateMachineVersionArn = stateMachineVersionArn
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn)
        o.putDate("creationDate", creationDate)
        o.put("stateMachineVersionArn", stateMachineVersionArn)
        return .object(o)
    }
}

// MARK: DescribeStateMachine

package struct DescribeStateMachineInput: RequestShape, Equatable {
    package var stateMachineArn: StateMachineARN
    package var includedData: IncludedData?

    package init(stateMachineArn: StateMachineARN, includedData: IncludedData? = nil) {
        self.stateMachineArn = stateMachineArn
        self.includedData = includedData
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("stateMachineArn", length: Limits.arn)
        includedData = try r.enumeration("includedData", IncludedData.self)
        try r.finish()
        stateMachineArn = try StateMachineARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn.description)
        o.put("includedData", includedData)
        return .object(o)
    }
}

package enum StateMachineStatus: String, Sendable, CaseIterable {
    case active = "ACTIVE"
    case deleting = "DELETING"
}

package struct DescribeStateMachineOutput: ResponseShape, Equatable {
    package var stateMachineArn: String
    package var name: String
    package var status: StateMachineStatus?
    package var definition: String
    package var roleArn: String
    package var type: StateMachineType
    package var creationDate: Double
    package var loggingConfiguration: LoggingConfiguration?
    package var tracingConfiguration: TracingConfiguration?
    package var label: String?
    package var revisionId: String?
    package var description: String?
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(
        stateMachineArn: String, name: String, status: StateMachineStatus? = .active, definition: String, roleArn: String,
        type: StateMachineType, creationDate: Double, loggingConfiguration: LoggingConfiguration? = .off,
        tracingConfiguration: TracingConfiguration? = TracingConfiguration(enabled: false), label: String? = nil,
        revisionId: String? = nil, description: String? = nil, encryptionConfiguration: EncryptionConfiguration? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.creationDate = creationDate
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
        self.label = label
        self.revisionId = revisionId
        self.description = description
        self.encryptionConfiguration = encryptionConfiguration
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.put("status", status)
        o.put("definition", definition)
        o.put("roleArn", roleArn)
        o.put("type", type)
        o.putDate("creationDate", creationDate)
        o.put("loggingConfiguration", loggingConfiguration)
        o.put("tracingConfiguration", tracingConfiguration)
        o.put("label", label)
        o.put("revisionId", revisionId)
        o.put("description", description)
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}

// MARK: UpdateStateMachine

package struct UpdateStateMachineInput: RequestShape, Equatable {
    package var stateMachineArn: StateMachineARN
    package var definition: String?
    package var roleArn: String?
    package var loggingConfiguration: LoggingConfiguration?
    package var tracingConfiguration: TracingConfiguration?
    package var publish: Bool
    package var versionDescription: String?
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(
        stateMachineArn: StateMachineARN, definition: String? = nil, roleArn: String? = nil,
        loggingConfiguration: LoggingConfiguration? = nil, tracingConfiguration: TracingConfiguration? = nil,
        publish: Bool = false, versionDescription: String? = nil, encryptionConfiguration: EncryptionConfiguration? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.definition = definition
        self.roleArn = roleArn
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
        self.publish = publish
        self.versionDescription = versionDescription
        self.encryptionConfiguration = encryptionConfiguration
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("stateMachineArn", length: Limits.arn)
        definition = try r.string("definition", length: Limits.definition, sensitive: true)
        roleArn = try r.string("roleArn", length: Limits.arn)
        loggingConfiguration = try r.structure("loggingConfiguration") { (c: inout MemberReader) throws(APIError) in
            try LoggingConfiguration(reading: &c)
        }
        tracingConfiguration = try r.structure("tracingConfiguration") { (c: inout MemberReader) throws(APIError) in
            try TracingConfiguration(reading: &c)
        }
        publish = try r.boolean("publish") ?? false
        versionDescription = try r.string("versionDescription", length: Limits.versionDescription, sensitive: true)
        encryptionConfiguration = try r.structure("encryptionConfiguration") { (c: inout MemberReader) throws(APIError) in
            try EncryptionConfiguration(reading: &c)
        }
        try r.finish()
        stateMachineArn = try StateMachineARN(parsing: arn).unlabeled()
        if let roleArn { _ = try ARN(parsing: roleArn) }
        // An update that changes nothing is refused with the model's MissingRequiredParameter.
        if definition == nil, roleArn == nil, loggingConfiguration == nil, tracingConfiguration == nil, encryptionConfiguration == nil {
            throw APIError(
                .missingRequiredParameter,
                "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified")
        }
        if versionDescription != nil, !publish {
            throw APIError(.validationException, "Version description can only be set when publish is true")
        }
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn.description)
        o.put("definition", definition)
        o.put("roleArn", roleArn)
        o.put("loggingConfiguration", loggingConfiguration)
        o.put("tracingConfiguration", tracingConfiguration)
        if publish { o.put("publish", true) }
        o.put("versionDescription", versionDescription)
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}

package struct UpdateStateMachineOutput: ResponseShape, Equatable {
    package var updateDate: Double
    package var revisionId: String?
    package var stateMachineVersionArn: String?

    package init(updateDate: Double, revisionId: String? = nil, stateMachineVersionArn: String? = nil) {
        self.updateDate = updateDate
        self.revisionId = revisionId
        self.stateMachineVersionArn = stateMachineVersionArn
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.putDate("updateDate", updateDate)
        o.put("revisionId", revisionId)
        o.put("stateMachineVersionArn", stateMachineVersionArn)
        return .object(o)
    }
}

// MARK: DeleteStateMachine

package struct DeleteStateMachineInput: RequestShape, Equatable {
    package var stateMachineArn: StateMachineARN

    package init(stateMachineArn: StateMachineARN) { self.stateMachineArn = stateMachineArn }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("stateMachineArn", length: Limits.arn)
        try r.finish()
        stateMachineArn = try StateMachineARN(parsing: arn).unlabeled()
    }

    package var json: JSONValue { ["stateMachineArn": .string(stateMachineArn.description)] }
}

// MARK: ListStateMachines

package struct ListStateMachinesInput: RequestShape, Equatable {
    /// 0 or absent means the default page size (100).
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

package struct StateMachineListItem: ResponseShape, Equatable {
    package var stateMachineArn: String
    package var name: String
    package var type: StateMachineType
    package var creationDate: Double

    package init(stateMachineArn: String, name: String, type: StateMachineType, creationDate: Double) {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.type = type
        self.creationDate = creationDate
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.put("type", type)
        o.putDate("creationDate", creationDate)
        return .object(o)
    }
}

package struct ListStateMachinesOutput: ResponseShape, Equatable {
    package var stateMachines: [StateMachineListItem]
    package var nextToken: String?

    package init(stateMachines: [StateMachineListItem], nextToken: String? = nil) {
        self.stateMachines = stateMachines
        self.nextToken = nextToken
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachines", stateMachines)
        o.put("nextToken", nextToken)
        return .object(o)
    }
}

// MARK: DescribeStateMachineForExecution

package struct DescribeStateMachineForExecutionInput: RequestShape, Equatable {
    package var executionArn: ExecutionARN
    package var includedData: IncludedData?

    package init(executionArn: ExecutionARN, includedData: IncludedData? = nil) {
        self.executionArn = executionArn
        self.includedData = includedData
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("executionArn", length: Limits.arn)
        includedData = try r.enumeration("includedData", IncludedData.self)
        try r.finish()
        executionArn = try ExecutionARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn.description)
        o.put("includedData", includedData)
        return .object(o)
    }
}

package struct DescribeStateMachineForExecutionOutput: ResponseShape, Equatable {
    package var stateMachineArn: String
    package var name: String
    package var definition: String
    package var roleArn: String
    package var updateDate: Double
    package var loggingConfiguration: LoggingConfiguration?
    package var tracingConfiguration: TracingConfiguration?
    package var mapRunArn: String?
    package var label: String?
    package var revisionId: String?
    package var encryptionConfiguration: EncryptionConfiguration?

    package init(
        stateMachineArn: String, name: String, definition: String, roleArn: String, updateDate: Double,
        loggingConfiguration: LoggingConfiguration? = .off, tracingConfiguration: TracingConfiguration? = TracingConfiguration(enabled: false),
        mapRunArn: String? = nil, label: String? = nil, revisionId: String? = nil, encryptionConfiguration: EncryptionConfiguration? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.definition = definition
        self.roleArn = roleArn
        self.updateDate = updateDate
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
        self.mapRunArn = mapRunArn
        self.label = label
        self.revisionId = revisionId
        self.encryptionConfiguration = encryptionConfiguration
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.put("definition", definition)
        o.put("roleArn", roleArn)
        o.putDate("updateDate", updateDate)
        o.put("loggingConfiguration", loggingConfiguration)
        o.put("tracingConfiguration", tracingConfiguration)
        o.put("mapRunArn", mapRunArn)
        o.put("label", label)
        o.put("revisionId", revisionId)
        o.put("encryptionConfiguration", encryptionConfiguration)
        return .object(o)
    }
}
