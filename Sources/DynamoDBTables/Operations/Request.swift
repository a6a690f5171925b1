import JSONValue

/// A request body being read: its parameters, with DynamoDB's messages for bad ones.
struct Request {
    let object: JSONObject

    init(_ input: JSONValue) throws(DynamoDBError) {
        guard let object = input.objectValue else { throw .validation("The request body must be a JSON object") }
        self.object = object
    }

    subscript(_ name: String) -> JSONValue? {
        guard let value = object[name], !value.isNull else { return nil }
        return value
    }

    /// DynamoDB's message for a required parameter that is missing, its name in camelCase.
    static func missing(_ name: String) -> DynamoDBError {
        let camel = name.prefix(1).lowercased() + name.dropFirst()
        return .validation(
            "1 validation error detected: Value null at '\(camel)' failed to satisfy constraint: Member must not be null")
    }

    func item(_ name: String) throws(DynamoDBError) -> Item {
        guard let value = self[name] else { throw Self.missing(name) }
        return try AttributeValue.item(value, parameter: name)
    }

    func string(_ name: String) throws(DynamoDBError) -> String? {
        guard let value = self[name] else { return nil }
        guard let s = value.stringValue else { throw .validation("\(name) must be a string") }
        return s
    }

    func bool(_ name: String) throws(DynamoDBError) -> Bool? {
        guard let value = self[name] else { return nil }
        guard let b = value.boolValue else { throw .validation("\(name) must be a boolean") }
        return b
    }

    func positiveInt(_ name: String) throws(DynamoDBError) -> Int? {
        guard let value = self[name] else { return nil }
        guard let n = value.numberValue?.intValue else { throw .validation("\(name) must be an integer") }
        let camel = name.prefix(1).lowercased() + name.dropFirst()
        guard n >= 1 else {
            throw .validation(
                "1 validation error detected: Value '\(n)' at '\(camel)' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        return n
    }

    /// An enumerated parameter: its value among `allowed`, or `defaultValue` when absent.
    func choice(_ name: String, _ allowed: [String], default defaultValue: String) throws(DynamoDBError) -> String {
        guard let value = try string(name) else { return defaultValue }
        guard allowed.contains(value) else {
            let camel = name.prefix(1).lowercased() + name.dropFirst()
            throw .validation(
                "1 validation error detected: Value '\(value)' at '\(camel)' failed to satisfy constraint: Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
        return value
    }

    func rejectLegacy(_ names: [String]) throws(DynamoDBError) {
        for name in names where self[name] != nil {
            throw .validation("The legacy parameter \(name) is not supported by Stepwise's embedded tables; use expressions")
        }
    }

    /// The expression attributes and a parsed optional condition-like expression.
    func condition(_ name: String, _ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Condition? {
        guard let text = try string(name) else { return nil }
        return try Condition.parse(text, expression: name, attributes: &attributes)
    }

    func projection(_ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Projection? {
        if let names = self["AttributesToGet"]?.arrayValue {
            return Projection(paths: names.compactMap(\.stringValue).map { DocumentPath([.name($0)]) })
        }
        guard let text = try string("ProjectionExpression") else { return nil }
        return try Projection.parse(text, attributes: &attributes)
    }
}

extension Request {
    /// `ConsumedCapacity` for `ReturnConsumedCapacity: TOTAL` or `INDEXES`; nil for `NONE`.
    /// Units follow DynamoDB's rounding: writes per started KB, reads per started 4 KB, halved when
    /// eventually consistent.
    func consumedCapacity(table: String, bytes: Int, write: Bool) throws(DynamoDBError) -> JSONValue? {
        let mode = try choice("ReturnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"], default: "NONE")
        guard mode != "NONE" else { return nil }
        let units: Double
        if write {
            units = Double(max(1, (bytes + 1023) / 1024))
        } else {
            let consistent = try bool("ConsistentRead") ?? false
            units = Double(max(1, (bytes + 4095) / 4096)) * (consistent ? 1 : 0.5)
        }
        var capacity: JSONObject = ["TableName": .string(table), "CapacityUnits": .number(JSONNumber(exactDouble: units))]
        if mode == "INDEXES" { capacity["Table"] = ["CapacityUnits": .number(JSONNumber(exactDouble: units))] }
        return .object(capacity)
    }
}

/// Adds a member to an object response.
func adding(_ name: String, _ value: JSONValue?, to response: JSONValue) -> JSONValue {
    guard let value, var object = response.objectValue else { return response }
    object[name] = value
    return .object(object)
}
