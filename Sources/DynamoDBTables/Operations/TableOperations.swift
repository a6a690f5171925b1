import JSONValue

extension DynamoDBService {
    func createTable(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try TableDefinition(createTableInput: .object(request.object), creationDateTime: clock())
        try await storage.createTable(definition)
        return ["TableDescription": definition.description(region: region, account: account, itemCount: 0, sizeBytes: 0)]
    }

    func describeTable(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let name = try TableDefinition.tableName(request["TableName"])
        guard let definition = try await storage.definition(of: name) else { throw .tableNotFound(name) }
        let statistics = try await storage.statistics(of: name)
        return [
            "Table": definition.description(
                region: region, account: account, itemCount: statistics.itemCount, sizeBytes: statistics.sizeBytes)
        ]
    }

    func listTables(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let limit = try request.positiveInt("Limit") ?? 100
        guard limit <= 100 else {
            throw .validation(
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
        }
        var names = try await storage.tableNames()
        if let start = try request.string("ExclusiveStartTableName") {
            names = names.filter { Array($0.utf8).lexicographicallyPrecedes(Array(start.utf8)) == false && $0 != start }
        }
        var output: JSONObject = ["TableNames": .array(names.prefix(limit).map { .string($0) })]
        if names.count > limit { output["LastEvaluatedTableName"] = .string(names[limit - 1]) }
        return .object(output)
    }

    func deleteTable(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let name = try TableDefinition.tableName(request["TableName"])
        guard let existing = try await storage.definition(of: name) else { throw .tableNotFound(name) }
        if existing.deletionProtectionEnabled {
            throw .validation(
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
        }
        let statistics = try await storage.statistics(of: name)
        guard let definition = try await storage.deleteTable(name) else { throw .tableNotFound(name) }
        return [
            "TableDescription": definition.description(
                region: region, account: account, itemCount: statistics.itemCount, sizeBytes: statistics.sizeBytes,
                status: "DELETING")
        ]
    }
}
