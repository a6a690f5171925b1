import JSONValue

/// A request's `ExpressionAttributeNames` and `ExpressionAttributeValues`, and which of them its
/// expressions used, so the unused ones can be reported as DynamoDB does.
package struct ExpressionAttributes: Sendable {
    package var names: [String: String]
    package var values: [String: AttributeValue]
    private(set) var usedNames: Set<String> = []
    private(set) var usedValues: Set<String> = []

    package init(names: [String: String] = [:], values: [String: AttributeValue] = [:]) {
        self.names = names
        self.values = values
    }

    /// Reads both parameters from a request, checking them as DynamoDB does.
    package init(request: JSONObject) throws(DynamoDBError) {
        var names: [String: String] = [:]
        if let json = request["ExpressionAttributeNames"] {
            guard let object = json.objectValue else { throw .validation("ExpressionAttributeNames must be a map") }
            if object.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
            for (key, value) in object.members {
                guard key.hasPrefix("#") else {
                    throw .validation(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
                }
                guard let name = value.stringValue else { throw .validation("ExpressionAttributeNames values must be strings") }
                names[key] = name
            }
        }
        var values: [String: AttributeValue] = [:]
        if let json = request["ExpressionAttributeValues"] {
            guard let object = json.objectValue else { throw .validation("ExpressionAttributeValues must be a map") }
            if object.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
            for (key, value) in object.members {
                guard key.hasPrefix(":") else {
                    throw .validation(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
                }
                do {
                    values[key] = try AttributeValue(json: value)
                } catch {
                    throw .invalidParameter("ExpressionAttributeValues contains invalid value: \(error.message) for key \(key)")
                }
            }
        }
        self.init(names: names, values: values)
    }

    mutating func name(_ reference: String, in expression: String) throws(DynamoDBError) -> String {
        guard let name = names[reference] else {
            throw .validation(
                "Invalid \(expression): An expression attribute name used in the document path is not defined; attribute name: \(reference)")
        }
        usedNames.insert(reference)
        return name
    }

    mutating func value(_ reference: String, in expression: String) throws(DynamoDBError) -> AttributeValue {
        guard let value = values[reference] else {
            throw .validation(
                "Invalid \(expression): An expression attribute value used in expression is not defined; attribute value: \(reference)")
        }
        usedValues.insert(reference)
        return value
    }

    /// DynamoDB rejects a request that defines names or values its expressions do not use.
    package func checkAllUsed() throws(DynamoDBError) {
        let unusedNames = names.keys.filter { !usedNames.contains($0) }.sorted()
        if !unusedNames.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.joined(separator: ", "))}")
        }
        let unusedValues = values.keys.filter { !usedValues.contains($0) }.sorted()
        if !unusedValues.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.joined(separator: ", "))}")
        }
    }
}
