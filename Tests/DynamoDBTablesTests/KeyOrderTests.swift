import DynamoDBTables
import JSONValue
import Testing

@Suite struct KeyOrderTests {
    func service(sortType: String) async throws -> DynamoDBService {
        let service = DynamoDBService(storage: InMemoryTableStorage(), clock: { 0 })
        _ = try await service.handle(action: "CreateTable", input: json("""
            {"TableName": "Log", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "\(sortType)"}],
             "BillingMode": "PAY_PER_REQUEST"}
            """))
        return service
    }

    func sortKeys(_ output: JSONValue, _ type: String) -> [String] {
        output["Items"]?.arrayValue?.compactMap { $0["sk"]?[type]?.stringValue } ?? []
    }

    @Test func stringSortKeysOrderByUTF8BytesAndBeginsWithSelectsThePrefix() async throws {
        let service = try await service(sortType: "S")
        for sk in ["b", "a#2", "a#10", "Z", "é", "a"] {
            _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Log", "Item": {"pk": {"S": "p"}, "sk": {"S": "\#(sk)"}}}"#))
        }
        let all = try await service.handle(action: "Query", input: json(#"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}
            """#))
        #expect(sortKeys(all, "S") == ["Z", "a", "a#10", "a#2", "b", "é"])
        let prefixed = try await service.handle(action: "Query", input: json(#"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p AND begins_with(sk, :a)", "ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"S": "a#"}}}
            """#))
        #expect(sortKeys(prefixed, "S") == ["a#10", "a#2"])
    }

    @Test func binarySortKeysOrderBytewise() async throws {
        let service = try await service(sortType: "B")
        for sk in ["/w==", "AA==", "fw=="] {  // 0xFF, 0x00, 0x7F
            _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Log", "Item": {"pk": {"S": "p"}, "sk": {"B": "\#(sk)"}}}"#))
        }
        let all = try await service.handle(action: "Query", input: json(#"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p AND sk > :low", "ExpressionAttributeValues": {":p": {"S": "p"}, ":low": {"B": "AA=="}}}
            """#))
        #expect(sortKeys(all, "B") == ["fw==", "/w=="])
    }

    @Test func keyConditionsOutsideDynamoDBsGrammarAreRejected() async throws {
        let service = try await service(sortType: "N")
        #expect(await failure(service, "Query", #"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p OR sk = :n", "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"N": "1"}}}
            """#) == .validation("Invalid operator used in KeyConditionExpression: OR"))
        #expect(await failure(service, "Query", #"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p AND sk = :n", "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"S": "1"}}}
            """#) == .invalidParameter("Condition parameter type does not match schema type"))
        #expect(await failure(service, "Query", #"""
            {"TableName": "Log", "KeyConditionExpression": "pk = :p", "FilterExpression": "sk > :n", "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"N": "1"}}}
            """#) == .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"))
    }

    @Test func emptyKeyStringsAndFalseNullsAreRejected() async throws {
        let service = try await makeService()
        #expect(await failure(service, "PutItem", #"{"TableName": "Things", "Item": {"id": {"S": ""}}}"#)
            == .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id"))
        #expect(await failure(service, "PutItem", #"{"TableName": "Things", "Item": {"id": {"S": "a"}, "x": {"NULL": false}}}"#)
            == .invalidParameter("Null attribute value types must have the value of true"))
        #expect(await failure(service, "PutItem", #"{"TableName": "Things", "Item": {"id": {"S": "a"}}, "ReturnValues": "ALL_NEW"}"#)
            == .validation("ReturnValues can only be ALL_OLD or NONE"))
        #expect(await failure(service, "PutItem", ##"{"TableName": "Things", "Item": {"id": {"S": "a"}}, "ExpressionAttributeNames": {"#n": "x"}, "ConditionExpression": "attribute_not_exists(id)"}"##)
            == .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"))
    }

    @Test func createTableChecksTheKeySchemaAgainstTheAttributeDefinitions() async throws {
        let service = DynamoDBService(storage: InMemoryTableStorage(), clock: { 0 })
        #expect(await failure(service, "CreateTable", #"""
            {"TableName": "Log", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
            """#) == .invalidParameter("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"))
        #expect(await failure(service, "CreateTable", #"""
            {"TableName": "Log", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "X"}]}
            """#) == .validation("1 validation error detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"))
        #expect(await failure(service, "CreateTable", #"""
            {"TableName": "Log", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}
            """#)?.message.contains("ReadCapacityUnits and WriteCapacityUnits") == true)
    }
}
