import JSONValue

/// DynamoDB's pre-expression parameters, `Expected` (with `ConditionalOperator`) and `AttributeUpdates`,
/// translated into the condition and update expressions they stand for.
extension Request {
    /// DynamoDB refuses a request that mixes a legacy parameter with its expression counterpart.
    private func checkNotMixed(_ legacy: String, _ expressions: [String]) throws(DynamoDBError) {
        let used = expressions.filter { self[$0] != nil }
        if self[legacy] != nil, !used.isEmpty {
            throw .validation(
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(legacy)} Expression parameters: {\(used.joined(separator: ", "))}")
        }
    }

    /// The request's condition: `Expected` translated, or `ConditionExpression` parsed.
    func conditionOrExpected(_ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Condition? {
        if let expected = try expectedCondition() { return expected }
        return try condition("ConditionExpression", &attributes)
    }

    /// The request's update: `AttributeUpdates` translated, or `UpdateExpression` parsed.
    func updateOrAttributeUpdates(_ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> UpdateExpression? {
        if let legacy = try attributeUpdates() { return legacy }
        guard let text = try string("UpdateExpression") else { return nil }
        return try UpdateExpression.parse(text, attributes: &attributes)
    }

    /// The condition `Expected` describes, nil without one.
    func expectedCondition() throws(DynamoDBError) -> Condition? {
        try checkNotMixed("Expected", ["ConditionExpression", "UpdateExpression"])
        guard let expected = self["Expected"] else { return nil }
        guard let entries = expected.objectValue else { throw .validation("Expected must be a map") }
        let conditionalOperator = try choice("ConditionalOperator", ["AND", "OR"], default: "AND")
        var conditions: [Condition] = []
        for (name, entry) in entries.members {
            let path = Operand.path(DocumentPath([.name(name)]))
            let value = try entry["Value"].map { json throws(DynamoDBError) in try AttributeValue(json: json) }
            if let op = entry["ComparisonOperator"]?.stringValue {
                var list: [AttributeValue] = []
                for json in entry["AttributeValueList"]?.arrayValue ?? (value.map { _ in [entry["Value"]!] } ?? []) {
                    list.append(try AttributeValue(json: json))
                }
                conditions.append(try Self.condition(op, path: path, values: list, attribute: name))
            } else if entry["Exists"]?.boolValue == false {
                guard value == nil else {
                    throw .invalidParameter("Value cannot be used when Exists is false for Attribute: \(name)")
                }
                conditions.append(.attributeNotExists(DocumentPath([.name(name)])))
            } else {
                guard let value else {
                    throw .invalidParameter("Value must be provided when Exists is true for Attribute: \(name)")
                }
                conditions.append(.compare(path, .equal, .value(value)))
            }
        }
        guard var combined = conditions.first else { return nil }
        for next in conditions.dropFirst() { combined = conditionalOperator == "OR" ? .or(combined, next) : .and(combined, next) }
        return combined
    }

    private static func condition(
        _ op: String, path: Operand, values: [AttributeValue], attribute: String
    ) throws(DynamoDBError) -> Condition {
        let counts: [String: ClosedRange<Int>] = [
            "EQ": 1...1, "NE": 1...1, "LE": 1...1, "LT": 1...1, "GE": 1...1, "GT": 1...1, "NOT_NULL": 0...0, "NULL": 0...0,
            "CONTAINS": 1...1, "NOT_CONTAINS": 1...1, "BEGINS_WITH": 1...1, "IN": 1...Int.max, "BETWEEN": 2...2,
        ]
        guard let count = counts[op] else {
            throw .validation(
                "1 validation error detected: Value '\(op)' at 'expected.\(attribute).member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]")
        }
        guard count.contains(values.count) else {
            throw .invalidParameter("Invalid number of argument(s) for the \(op) ComparisonOperator")
        }
        let v = values.map(Operand.value)
        let documentPath = DocumentPath([.name(attribute)])
        switch op {
        case "EQ": return .compare(path, .equal, v[0])
        case "NE": return .compare(path, .notEqual, v[0])
        case "LE": return .compare(path, .lessOrEqual, v[0])
        case "LT": return .compare(path, .less, v[0])
        case "GE": return .compare(path, .greaterOrEqual, v[0])
        case "GT": return .compare(path, .greater, v[0])
        case "NOT_NULL": return .attributeExists(documentPath)
        case "NULL": return .attributeNotExists(documentPath)
        case "CONTAINS": return .contains(path, v[0])
        case "NOT_CONTAINS": return .and(.attributeExists(documentPath), .not(.contains(path, v[0])))
        case "BEGINS_WITH": return .beginsWith(path, v[0])
        case "IN": return .isIn(path, v)
        default: return .between(path, v[0], v[1])
        }
    }

    /// The update `AttributeUpdates` describes, nil without one.
    func attributeUpdates() throws(DynamoDBError) -> UpdateExpression? {
        try checkNotMixed("AttributeUpdates", ["UpdateExpression", "ConditionExpression"])
        guard let updates = self["AttributeUpdates"] else { return nil }
        guard let entries = updates.objectValue else { throw .validation("AttributeUpdates must be a map") }
        var update = UpdateExpression()
        for (name, entry) in entries.members {
            let path = DocumentPath([.name(name)])
            let action = entry["Action"]?.stringValue ?? "PUT"
            let value = try entry["Value"].map { json throws(DynamoDBError) in try AttributeValue(json: json) }
            switch (action, value) {
            case ("PUT", let value?):
                update.sets.append(.init(path: path, value: .value(value)))
            case ("DELETE", nil):
                update.removes.append(path)
            case ("DELETE", let value?) where value.isSet:
                update.deletes.append(.init(path: path, value: value))
            case ("ADD", .list(let list)?):
                // The legacy ADD appends to a list, which expressions spell as list_append.
                update.sets.append(.init(path: path, value: .listAppend(.ifNotExists(path, .value(.list([]))), .value(.list(list)))))
            case ("ADD", let value?) where value.isSet || value.typeName == "N":
                update.adds.append(.init(path: path, value: value))
            case ("PUT", nil), ("ADD", nil):
                throw .invalidParameter("Only DELETE action is allowed when no attribute value is specified")
            case ("PUT", _), ("ADD", _), ("DELETE", _):
                throw .invalidParameter(
                    "\(action) action is not supported for the type \(value?.typeWord ?? "")")
            default:
                throw .validation(
                    "1 validation error detected: Value '\(action)' at 'attributeUpdates.\(name).member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]")
            }
        }
        return update
    }
}
