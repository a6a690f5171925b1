import DynamoDBTables
import JSONValue
import Testing

/// A service on in-memory storage with a `Things` table (key `id`, a string) and a `Events` table
/// (partition `pk` string, sort `n` number).
func makeService() async throws -> DynamoDBService {
    let service = DynamoDBService(storage: InMemoryTableStorage(), clock: { 1_700_000_000 })
    _ = try await service.handle(action: "CreateTable", input: json("""
        {"TableName": "Things", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
         "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
        """))
    _ = try await service.handle(action: "createTable", input: json("""
        {"TableName": "Events", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}],
         "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
         "BillingMode": "PAY_PER_REQUEST"}
        """))
    return service
}

func json(_ text: String) -> JSONValue {
    try! JSONValue(parsing: text)
}

/// The error a request fails with, nil when it succeeds.
func failure(_ service: DynamoDBService, _ action: String, _ input: String) async -> DynamoDBError? {
    do {
        _ = try await service.handle(action: action, input: json(input))
        return nil
    } catch {
        return error
    }
}
