import DynamoDBTables
import Foundation
import JSONValue
import StepwiseStoreSQLite
import Testing

@Suite struct SQLiteTableStorageTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-tables-\(UUID().uuidString)/tables.sqlite").path
    }

    func service(_ storage: SQLiteTableStorage) -> DynamoDBService {
        DynamoDBService(storage: storage, clock: { 1_700_000_000 })
    }

    func createOrders(_ service: DynamoDBService) async throws {
        _ = try await service.handle(action: "CreateTable", input: [
            "TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]],
            "AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]],
        ])
    }

    @Test func twentyConcurrentConditionalPutsOfOneKeyHaveExactlyOneWinner() async throws {
        let storage = try SQLiteTableStorage(path: temporaryPath())
        let service = service(storage)
        try await createOrders(service)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for i in 0..<20 {
                group.addTask {
                    do {
                        _ = try await service.handle(action: "PutItem", input: [
                            "TableName": "Orders", "Item": ["id": ["S": "o-1"], "writer": ["N": .string(String(i))]],
                            "ConditionExpression": "attribute_not_exists(id)",
                        ])
                        return "ok"
                    } catch let error as DynamoDBError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 1)
        #expect(outcomes.filter { $0 == "ConditionalCheckFailedException" }.count == 19)
    }

    @Test func tablesAndItemsSurviveClosingAndReopening() async throws {
        let path = temporaryPath()
        do {
            let storage = try SQLiteTableStorage(path: path)
            try await createOrders(service(storage))
            _ = try await service(storage).handle(action: "PutItem", input: [
                "TableName": "Orders", "Item": ["id": ["S": "o-1"], "total": ["N": "12.50"]],
            ])
            storage.close()
        }
        let reopened = try SQLiteTableStorage(path: path)
        let got = try await service(reopened).handle(action: "GetItem", input: ["TableName": "Orders", "Key": ["id": ["S": "o-1"]]])
        #expect(got == ["Item": ["id": ["S": "o-1"], "total": ["N": "12.5"]]])
        #expect(try await reopened.tableNames() == ["Orders"])
    }

    @Test func queryReturnsNumericSortKeysInNumericOrderBothWaysAndPages() async throws {
        let storage = try SQLiteTableStorage(path: temporaryPath())
        let service = service(storage)
        _ = try await service.handle(action: "CreateTable", input: [
            "TableName": "Events", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [["AttributeName": "pk", "KeyType": "HASH"], ["AttributeName": "n", "KeyType": "RANGE"]],
            "AttributeDefinitions": [["AttributeName": "pk", "AttributeType": "S"], ["AttributeName": "n", "AttributeType": "N"]],
        ])
        for n in ["10", "9", "-2.5", "100", "0"] {
            _ = try await service.handle(action: "PutItem", input: ["TableName": "Events", "Item": ["pk": ["S": "a"], "n": ["N": .string(n)]]])
        }
        _ = try await service.handle(action: "PutItem", input: ["TableName": "Events", "Item": ["pk": ["S": "b"], "n": ["N": "1"]]])
        func numbers(_ output: JSONValue) -> [String] { output["Items"]?.arrayValue?.compactMap { $0["n"]?["N"]?.stringValue } ?? [] }
        let query: JSONValue = [
            "TableName": "Events", "KeyConditionExpression": "pk = :p AND n >= :low",
            "ExpressionAttributeValues": [":p": ["S": "a"], ":low": ["N": "0"]],
        ]
        #expect(numbers(try await service.handle(action: "Query", input: query)) == ["0", "9", "10", "100"])
        var backward = query.objectValue!
        backward["ScanIndexForward"] = false
        backward["Limit"] = 2
        let page = try await service.handle(action: "Query", input: .object(backward))
        #expect(numbers(page) == ["100", "10"])
        backward["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        #expect(numbers(try await service.handle(action: "Query", input: .object(backward))) == ["9", "0"])
    }
}
