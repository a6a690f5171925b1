import JSONValue

/// The largest item DynamoDB stores.
private let maximumItemSize = 400 * 1024

private func checkSize(_ item: Item) throws(DynamoDBError) {
    if AttributeValue.size(of: item) > maximumItemSize {
        throw .validation("Item size has exceeded the maximum allowed size")
    }
}

/// `ReturnValuesOnConditionCheckFailure`: whether a failed condition carries the old item.
private func returnsOldItemOnFailure(_ request: Request) throws(DynamoDBError) -> Bool {
    try request.choice("ReturnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"], default: "NONE") == "ALL_OLD"
}

/// Checks `condition` against the stored item inside a mutation.
private func check(_ condition: Condition?, _ old: Item?, returnOld: Bool) throws(DynamoDBError) {
    guard let condition else { return }
    guard try condition.evaluate(old ?? [:]) else { throw .conditionFailed(item: returnOld ? old : nil) }
}

/// The larger of the item's sizes before and after, which DynamoDB charges a write for.
private func writtenBytes(_ mutation: ItemMutation) -> Int {
    max(mutation.old.map(AttributeValue.size) ?? 0, mutation.new.map(AttributeValue.size) ?? 0)
}

private func attributesOutput(_ item: Item?) -> JSONValue {
    guard let item, !item.isEmpty else { return .object(JSONObject()) }
    return ["Attributes": AttributeValue.json(item)]
}

extension DynamoDBService {
    func putItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        let item = try request.item("Item")
        let key = try definition.key(of: item, isKeyParameter: false)
        try checkSize(item)
        return try await conditionalWrite(request, definition, key: key) { _ in .put(item) }
    }

    /// PutItem's and DeleteItem's common part: the condition (or `Expected`), ReturnValues (NONE or
    /// ALL_OLD), and one atomic write whose `change` runs only when the condition holds.
    func conditionalWrite(
        _ request: Request, _ definition: TableDefinition, key: Item, change: @escaping @Sendable (Item?) -> ItemChange
    ) async throws(DynamoDBError) -> JSONValue {
        var attributes = try ExpressionAttributes(request: request.object)
        let condition = try request.conditionOrExpected(&attributes)
        try attributes.checkAllUsed()
        let returnValues = try request.string("ReturnValues") ?? "NONE"
        guard returnValues == "NONE" || returnValues == "ALL_OLD" else {
            throw .validation("ReturnValues can only be ALL_OLD or NONE")
        }
        let returnOld = try returnsOldItemOnFailure(request)
        let mutation = try await storage.mutate(in: definition.name, key: definition.storageKey(of: key)) {
            old throws(DynamoDBError) in
            try check(condition, old, returnOld: returnOld)
            return change(old)
        }
        let output = returnValues == "ALL_OLD" ? attributesOutput(mutation.old) : .object(JSONObject())
        return adding("ConsumedCapacity", try request.consumedCapacity(table: definition.name, bytes: writtenBytes(mutation), write: true), to: output)
    }

    func getItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        let key = try definition.key(of: try request.item("Key"), isKeyParameter: true)
        var attributes = try ExpressionAttributes(request: request.object)
        let projection = try request.projection(&attributes)
        try attributes.checkAllUsed()
        _ = try request.bool("ConsistentRead")  // every read here is consistent
        let item = try await storage.item(in: definition.name, key: definition.storageKey(of: key))
        let output: JSONValue = item.map { ["Item": AttributeValue.json(projection?.apply(to: $0) ?? $0)] } ?? .object(JSONObject())
        let bytes = item.map(AttributeValue.size) ?? 0
        return adding("ConsumedCapacity", try request.consumedCapacity(table: definition.name, bytes: bytes, write: false), to: output)
    }

    func updateItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        let key = try definition.key(of: try request.item("Key"), isKeyParameter: true)
        var attributes = try ExpressionAttributes(request: request.object)
        let update = try request.updateOrAttributeUpdates(&attributes)
        let condition = try request.conditionOrExpected(&attributes)
        try attributes.checkAllUsed()
        for path in update?.paths ?? [] where key[path.attributeName] != nil {
            throw .invalidParameter("Cannot update attribute \(path.attributeName). This attribute is part of the key")
        }
        let returnValues = try request.choice(
            "ReturnValues", ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"], default: "NONE")
        let returnOld = try returnsOldItemOnFailure(request)
        let mutation = try await storage.mutate(in: definition.name, key: definition.storageKey(of: key)) {
            old throws(DynamoDBError) in
            try check(condition, old, returnOld: returnOld)
            let base = old ?? key
            let new = try update?.apply(to: base) ?? base
            try checkSize(new)
            return .put(new)
        }
        let updated = Projection(paths: update?.paths ?? [])
        let output: JSONValue
        switch returnValues {
        case "ALL_OLD": output = attributesOutput(mutation.old)
        case "ALL_NEW": output = attributesOutput(mutation.new)
        case "UPDATED_OLD": output = attributesOutput(mutation.old.map(updated.apply))
        case "UPDATED_NEW": output = attributesOutput(mutation.new.map(updated.apply))
        default: output = .object(JSONObject())
        }
        return adding("ConsumedCapacity", try request.consumedCapacity(table: definition.name, bytes: writtenBytes(mutation), write: true), to: output)
    }

    func deleteItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        let key = try definition.key(of: try request.item("Key"), isKeyParameter: true)
        return try await conditionalWrite(request, definition, key: key) { old in old == nil ? .keep : .delete }
    }
}
