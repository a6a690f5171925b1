import JSONValue
import StatesLanguage

/// A request shape: read from a request body with AWS's validation, and printable again
/// (for clients, tests and logs) with the same member names.
package protocol RequestShape: Sendable {
    /// Reads the members; throws SerializationException for a wrong JSON type and, through
    /// `MemberReader.finish()`, ValidationException for constraint violations. Checks that need the
    /// members to be well-formed first (ARN syntax, name characters) come after `finish()`, as AWS
    /// reports model constraints before InvalidArn or InvalidName.
    init(reading r: inout MemberReader) throws(APIError)
    var json: JSONValue { get }
}

/// A response shape: printed with AWS's member names, absent optionals left out.
package protocol ResponseShape: Sendable {
    var json: JSONValue { get }
}

extension RequestShape {
    /// Decodes a request body (tests and in-process callers use this; the dispatcher does the same).
    package init(body: [UInt8]) throws(APIError) {
        var reader = try MemberReader(body: body)
        try self.init(reading: &reader)
    }

    package init(json: JSONValue) throws(APIError) {
        try self.init(body: Array(json.serialized().utf8))
    }
}

/// The empty output of actions that only acknowledge (DeleteStateMachine, SendTaskSuccess, ...).
package struct EmptyOutput: ResponseShape, Equatable {
    package init() {}
    package var json: JSONValue { .object(JSONObject()) }
}

// MARK: Building objects

extension JSONObject {
    /// Appends a member only when it has a value: AWS leaves absent optionals out rather than sending null.
    mutating func put(_ key: String, _ value: String?) {
        if let value { append(key, .string(value)) }
    }

    mutating func put(_ key: String, _ value: Int?) {
        if let value { append(key, .int(value)) }
    }

    mutating func put(_ key: String, _ value: Bool?) {
        if let value { append(key, .bool(value)) }
    }

    /// Timestamps are epoch seconds, a JSON number, as AWS JSON 1.0 sends them.
    mutating func putDate(_ key: String, _ value: Double?) {
        if let value { append(key, .double(value)) }
    }

    mutating func put<E: RawRepresentable>(_ key: String, _ value: E?) where E.RawValue == String {
        if let value { append(key, .string(value.rawValue)) }
    }

    mutating func put(_ key: String, _ value: (some ResponseShape)?) {
        if let value { append(key, value.json) }
    }

    mutating func put(_ key: String, _ values: [some ResponseShape]?) {
        if let values { append(key, .array(values.map(\.json))) }
    }
}

// MARK: Enums shared by several actions

/// `IncludedData`: whether Describe* may return the (possibly encrypted) definition and payloads.
package enum IncludedData: String, Sendable, CaseIterable {
    case allData = "ALL_DATA"
    case metadataOnly = "METADATA_ONLY"
}

/// `StateMachineType` cases in the model's order (the enum itself is the validator's).
let stateMachineTypes: [StateMachineType] = [.standard, .express]

// MARK: Configuration structures

/// `LoggingConfiguration`: where and how much execution history is logged to CloudWatch Logs.
package struct LoggingConfiguration: Sendable, Equatable, ResponseShape {
    package enum Level: String, Sendable, CaseIterable {
        case all = "ALL", error = "ERROR", fatal = "FATAL", off = "OFF"
    }

    package var level: Level?
    package var includeExecutionData: Bool?
    /// Log group ARNs of `destinations[].cloudWatchLogsLogGroup.logGroupArn` (nil entries for empty destinations).
    package var destinations: [String?]?

    package init(level: Level? = nil, includeExecutionData: Bool? = nil, destinations: [String?]? = nil) {
        self.level = level
        self.includeExecutionData = includeExecutionData
        self.destinations = destinations
    }

    /// What Describe* returns when none was set: logging off, no data, no destinations.
    package static let off = LoggingConfiguration(level: .off, includeExecutionData: false)

    init(reading r: inout MemberReader) throws(APIError) {
        level = try r.enumeration("level", Level.self)
        includeExecutionData = try r.boolean("includeExecutionData")
        destinations = try r.structureList("destinations") { (d: inout MemberReader) throws(APIError) -> String? in
            try d.structure("cloudWatchLogsLogGroup") { (g: inout MemberReader) throws(APIError) -> String? in
                try g.string("logGroupArn", length: Limits.arn)
            } ?? nil
        }
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("level", level)
        o.put("includeExecutionData", includeExecutionData)
        if let destinations {
            o.append("destinations", .array(destinations.map { arn in
                var group = JSONObject()
                group.put("logGroupArn", arn)
                return ["cloudWatchLogsLogGroup": .object(group)]
            }))
        }
        return .object(o)
    }
}

/// `TracingConfiguration`: X-Ray tracing on or off.
package struct TracingConfiguration: Sendable, Equatable, ResponseShape {
    package var enabled: Bool?

    package init(enabled: Bool? = nil) { self.enabled = enabled }

    init(reading r: inout MemberReader) throws(APIError) {
        enabled = try r.boolean("enabled")
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("enabled", enabled)
        return .object(o)
    }
}

/// `EncryptionConfiguration`: AWS-owned or customer KMS key.
package struct EncryptionConfiguration: Sendable, Equatable, ResponseShape {
    package enum EncryptionType: String, Sendable, CaseIterable {
        case awsOwnedKey = "AWS_OWNED_KEY"
        case customerManagedKMSKey = "CUSTOMER_MANAGED_KMS_KEY"
    }

    package var kmsKeyId: String?
    package var kmsDataKeyReusePeriodSeconds: Int?
    package var type: EncryptionType

    package init(type: EncryptionType = .awsOwnedKey, kmsKeyId: String? = nil, kmsDataKeyReusePeriodSeconds: Int? = nil) {
        self.type = type
        self.kmsKeyId = kmsKeyId
        self.kmsDataKeyReusePeriodSeconds = kmsDataKeyReusePeriodSeconds
    }

    init(reading r: inout MemberReader) throws(APIError) {
        kmsKeyId = try r.string("kmsKeyId", length: 1...2048)
        kmsDataKeyReusePeriodSeconds = try r.integer("kmsDataKeyReusePeriodSeconds", range: 60...900)
        // `type` is required; an invalid value was already reported as an enum violation.
        let t = try r.enumeration("type", EncryptionType.self)
        if t == nil, r.object["type"]?.isNull ?? true { r.violateNull("type") }
        type = t ?? .awsOwnedKey
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("kmsKeyId", kmsKeyId)
        o.put("kmsDataKeyReusePeriodSeconds", kmsDataKeyReusePeriodSeconds)
        o.put("type", type)
        return .object(o)
    }
}

/// `Tag`: one key/value pair on a state machine or activity.
package struct Tag: Sendable, Hashable, ResponseShape {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    init(reading r: inout MemberReader) throws(APIError) {
        // The model marks neither member required; a missing one reads as empty, and an empty key
        // then fails TagKey's minimum length like AWS.
        key = try r.string("key", length: Limits.tagKey) ?? ""
        value = try r.string("value", length: Limits.tagValue) ?? ""
        if r.object["key"] == nil { r.violate("key", "", "Member must have length greater than or equal to 1") }
    }

    package var json: JSONValue { ["key": .string(key), "value": .string(value)] }
}

extension MemberReader {
    /// A `TagList` member.
    mutating func tags(_ name: String = "tags") throws(APIError) -> [Tag]? {
        try structureList(name) { (r: inout MemberReader) throws(APIError) in try Tag(reading: &r) }
    }

    /// A `PageSize` member: 0...1000, where 0 and absent both mean the default.
    mutating func pageSize(_ name: String = "maxResults") throws(APIError) -> Int? {
        try integer(name, range: Limits.pageSize)
    }
}
