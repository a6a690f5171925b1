import JSONValue

extension DynamoDBService {
    /// BatchWriteItem: up to 25 puts and deletes, each atomic on its own (none conditional), all checked
    /// before any is written. Nothing is ever left unprocessed.
    func batchWriteItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        guard let requestItems = request["RequestItems"]?.objectValue, !requestItems.isEmpty else {
            throw Request.missing("RequestItems")
        }
        var writes: [(table: String, key: StorageKey, change: ItemChange)] = []
        var seen: Set<[String: [UInt8]]> = []
        for (tableName, entries) in requestItems.members {
            let definition = try await table(named: tableName)
            guard let list = entries.arrayValue, !list.isEmpty else {
                throw .validation("The list of write requests for table \(tableName) must not be empty")
            }
            for entry in list {
                let put = entry["PutRequest"]
                let delete = entry["DeleteRequest"]
                guard (put == nil) != (delete == nil) else {
                    throw .validation("Supplied AttributeValue has more than one operation set, must contain exactly one of PutRequest or DeleteRequest")
                }
                let key: Item
                let change: ItemChange
                if let put {
                    let item = try AttributeValue.item(put["Item"] ?? .null, parameter: "Item")
                    key = try definition.key(of: item, isKeyParameter: false)
                    change = .put(item)
                } else {
                    key = try definition.key(of: try AttributeValue.item(delete?["Key"] ?? .null, parameter: "Key"), isKeyParameter: true)
                    change = .delete
                }
                let storageKey = definition.storageKey(of: key)
                guard seen.insert(["table": Array(tableName.utf8), "pk": storageKey.partition, "sk": storageKey.sort]).inserted else {
                    throw .validation("Provided list of item keys contains duplicates")
                }
                writes.append((tableName, storageKey, change))
            }
        }
        guard writes.count <= 25 else {
            throw .validation(
                "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        }
        for write in writes {
            let change = write.change
            _ = try await storage.mutate(in: write.table, key: write.key) { old throws(DynamoDBError) in
                if case .delete = change, old == nil { return .keep }
                return change
            }
        }
        return ["UnprocessedItems": .object(JSONObject())]
    }

    /// BatchGetItem: up to 100 keys across tables, each table's items with its own projection.
    func batchGetItem(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        guard let requestItems = request["RequestItems"]?.objectValue, !requestItems.isEmpty else {
            throw Request.missing("RequestItems")
        }
        var total = 0
        var responses = JSONObject()
        var reads: [(table: String, keys: [StorageKey], projection: Projection?)] = []
        for (tableName, entry) in requestItems.members {
            let definition = try await table(named: tableName)
            let entryRequest = try Request(entry)
            guard let keysJSON = entryRequest["Keys"]?.arrayValue, !keysJSON.isEmpty else { throw Request.missing("Keys") }
            var attributes = try ExpressionAttributes(request: entryRequest.object)
            let projection = try entryRequest.projection(&attributes)
            try attributes.checkAllUsed()
            var keys: [StorageKey] = []
            for keyJSON in keysJSON {
                let key = try definition.key(of: try AttributeValue.item(keyJSON, parameter: "Key"), isKeyParameter: true)
                let storageKey = definition.storageKey(of: key)
                guard !keys.contains(storageKey) else { throw .validation("Provided list of item keys contains duplicates") }
                keys.append(storageKey)
            }
            total += keys.count
            reads.append((tableName, keys, projection))
        }
        guard total <= 100 else { throw .validation("Too many items requested for the BatchGetItem call") }
        for read in reads {
            var items: [JSONValue] = []
            for key in read.keys {
                if let item = try await storage.item(in: read.table, key: key) {
                    items.append(AttributeValue.json(read.projection?.apply(to: item) ?? item))
                }
            }
            responses[read.table] = .array(items)
        }
        return ["Responses": .object(responses), "UnprocessedKeys": .object(JSONObject())]
    }
}
