import JSONValue

/// DynamoDB's JSON API over a `TableStorage`: takes an action's request body and returns its response
/// body, exactly as DynamoDB's JSON 1.0 protocol carries them (PascalCase members).
package struct DynamoDBService: Sendable {
    package let storage: any TableStorage
    package let region: String
    package let account: String
    /// Seconds since 1970, for CreationDateTime.
    package let clock: @Sendable () -> Double

    /// The actions served, by their API names.
    package static let actions: [String] = [
        "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "CreateTable", "DescribeTable", "ListTables",
        "DeleteTable", "BatchWriteItem", "BatchGetItem",
    ]

    package init(
        storage: any TableStorage, region: String = "us-east-1", account: String = "123456789012",
        clock: @escaping @Sendable () -> Double
    ) {
        self.storage = storage
        self.region = region
        self.account = account
        self.clock = clock
    }

    /// The API name of an action given as `PutItem` or `putItem`; nil for an action not served.
    package static func actionName(_ action: String) -> String? {
        let name = action.prefix(1).uppercased() + action.dropFirst()
        return actions.contains(name) ? name : nil
    }

    /// Runs one API action (`PutItem` or `putItem`) on its request body.
    package func handle(action: String, input: JSONValue) async throws(DynamoDBError) -> JSONValue {
        guard let name = Self.actionName(action) else {
            throw DynamoDBError(
                code: "UnknownOperationException",
                message: "The action \(action) is not supported by Stepwise's embedded tables")
        }
        let request = try Request(input)
        switch name {
        case "PutItem": return try await putItem(request)
        case "GetItem": return try await getItem(request)
        case "UpdateItem": return try await updateItem(request)
        case "DeleteItem": return try await deleteItem(request)
        case "Query": return try await query(request)
        case "Scan": return try await scan(request)
        case "CreateTable": return try await createTable(request)
        case "DescribeTable": return try await describeTable(request)
        case "ListTables": return try await listTables(request)
        case "BatchWriteItem": return try await batchWriteItem(request)
        case "BatchGetItem": return try await batchGetItem(request)
        default: return try await deleteTable(request)
        }
    }

    /// The definition of the request's `TableName`; `ResourceNotFoundException` when there is no such table.
    func table(_ request: Request) async throws(DynamoDBError) -> TableDefinition {
        try await table(named: try TableDefinition.tableName(request["TableName"]))
    }

    func table(named name: String) async throws(DynamoDBError) -> TableDefinition {
        guard let definition = try await storage.definition(of: name) else { throw .resourceNotFound }
        return definition
    }
}
