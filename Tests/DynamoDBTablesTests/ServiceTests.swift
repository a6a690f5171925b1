import DynamoDBTables
import JSONValue
import Testing

@Suite struct ServiceTests {
    @Test func putThenGetReturnsTheItemAndProjectionKeepsOnlyNamedAttributes() async throws {
        let service = try await makeService()
        _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "a"}, "n": {"N": "1.50"}, "x": {"S": "y"}}}"#))
        let got = try await service.handle(action: "getItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "a"}}, "ConsistentRead": true}"#))
        #expect(got == json(#"{"Item": {"id": {"S": "a"}, "n": {"N": "1.5"}, "x": {"S": "y"}}}"#))
        let projected = try await service.handle(action: "GetItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "a"}}, "ProjectionExpression": "x"}"#))
        #expect(projected == json(#"{"Item": {"x": {"S": "y"}}}"#))
        let missing = try await service.handle(action: "GetItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "zz"}}}"#))
        #expect(missing == json("{}"))
    }

    @Test func keysAreCheckedAgainstTheSchemaWithDynamoDBsMessages() async throws {
        let service = try await makeService()
        #expect(await failure(service, "PutItem", #"{"TableName": "Things", "Item": {"x": {"S": "y"}}}"#)
            == .invalidParameter("Missing the key id in the item"))
        #expect(await failure(service, "GetItem", #"{"TableName": "Things", "Key": {"id": {"N": "1"}}}"#)
            == .validation("The provided key element does not match the schema"))
        #expect(await failure(service, "GetItem", #"{"TableName": "Nope", "Key": {"id": {"S": "1"}}}"#) == .resourceNotFound)
    }

    @Test func aFailedConditionReturnsTheOldItemOnlyWhenAsked() async throws {
        let service = try await makeService()
        let put = #"{"TableName": "Things", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)""#
        _ = try await service.handle(action: "PutItem", input: json(put + "}"))
        #expect(await failure(service, "PutItem", put + "}") == .conditionFailed())
        let error = await failure(service, "PutItem", put + #", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}"#)
        #expect(error == .conditionFailed(item: ["id": .string("a")]))
    }

    @Test func updateItemCreatesUpdatesAndReturnsTheRequestedValues() async throws {
        let service = try await makeService()
        let update = #"""
            {"TableName": "Things", "Key": {"id": {"S": "c"}}, "UpdateExpression": "SET hits = if_not_exists(hits, :zero) + :one",
             "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}
            """#
        #expect(try await service.handle(action: "UpdateItem", input: json(update)) == json(#"{"Attributes": {"hits": {"N": "1"}}}"#))
        #expect(try await service.handle(action: "UpdateItem", input: json(update)) == json(#"{"Attributes": {"hits": {"N": "2"}}}"#))
        let old = try await service.handle(action: "UpdateItem", input: json(#"""
            {"TableName": "Things", "Key": {"id": {"S": "c"}}, "UpdateExpression": "REMOVE hits", "ReturnValues": "ALL_OLD"}
            """#))
        #expect(old == json(#"{"Attributes": {"hits": {"N": "2"}, "id": {"S": "c"}}}"#))
        #expect(await failure(service, "UpdateItem", #"""
            {"TableName": "Things", "Key": {"id": {"S": "c"}}, "UpdateExpression": "SET id = :v", "ExpressionAttributeValues": {":v": {"S": "d"}}}
            """#) == .invalidParameter("Cannot update attribute id. This attribute is part of the key"))
    }

    @Test func deleteItemReturnsTheOldItemAndHonoursItsCondition() async throws {
        let service = try await makeService()
        _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "a"}, "v": {"N": "1"}}}"#))
        #expect(await failure(service, "DeleteItem", #"""
            {"TableName": "Things", "Key": {"id": {"S": "a"}}, "ConditionExpression": "v > :two", "ExpressionAttributeValues": {":two": {"N": "2"}}}
            """#) == .conditionFailed())
        let deleted = try await service.handle(action: "DeleteItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "a"}}, "ReturnValues": "ALL_OLD"}"#))
        #expect(deleted == json(#"{"Attributes": {"id": {"S": "a"}, "v": {"N": "1"}}}"#))
    }

    @Test func queryFiltersCountsAndPagesInSortKeyOrder() async throws {
        let service = try await makeService()
        for n in [3, 1, 20, 2] {
            _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Events", "Item": {"pk": {"S": "a"}, "n": {"N": "\#(n)"}, "odd": {"BOOL": \#(n % 2 == 1)}}}"#))
        }
        let base = #""TableName": "Events", "KeyConditionExpression": "pk = :p AND n BETWEEN :lo AND :hi""#
        let values = #""ExpressionAttributeValues": {":p": {"S": "a"}, ":lo": {"N": "1"}, ":hi": {"N": "10"}"#
        let all = try await service.handle(action: "Query", input: json("{\(base), \(values)}}"))
        #expect(all["Items"]?.arrayValue?.map { $0["n"]?["N"] } == ["1", "2", "3"])
        let filtered = try await service.handle(action: "Query", input: json(#"{\#(base), "FilterExpression": "odd = :t", \#(values), ":t": {"BOOL": true}}, "Select": "COUNT"}"#))
        #expect(filtered == json(#"{"Count": 2, "ScannedCount": 3}"#))
        let page = try await service.handle(action: "Query", input: json("{\(base), \(values)}, \"Limit\": 2}"))
        #expect(page["LastEvaluatedKey"] == json(#"{"n": {"N": "2"}, "pk": {"S": "a"}}"#))
        #expect(await failure(service, "Query", #"{"TableName": "Events", "KeyConditionExpression": "n = :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}"#)
            == .validation("Query condition missed key schema element: pk"))
    }

    @Test func scanPagesThroughEveryItem() async throws {
        let service = try await makeService()
        for id in ["a", "b", "c"] {
            _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "\#(id)"}}}"#))
        }
        var seen: [String] = []
        var start: JSONValue?
        repeat {
            var input = json(#"{"TableName": "Things", "Limit": 2}"#).objectValue!
            if let start { input["ExclusiveStartKey"] = start }
            let page = try await service.handle(action: "Scan", input: .object(input))
            seen += page["Items"]?.arrayValue?.compactMap { $0["id"]?["S"]?.stringValue } ?? []
            start = page["LastEvaluatedKey"]
        } while start != nil
        #expect(seen == ["a", "b", "c"])
    }

    @Test func tablesAreCreatedDescribedListedAndDeletedAsDynamoDBDescribesThem() async throws {
        let service = try await makeService()
        let description = try await service.handle(action: "DescribeTable", input: json(#"{"TableName": "Things"}"#))
        #expect(description["Table"]?["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/Things")
        #expect(description["Table"]?["TableStatus"] == "ACTIVE")
        #expect(description["Table"]?["ItemCount"] == 0)
        #expect(try await service.handle(action: "ListTables", input: json("{}")) == json(#"{"TableNames": ["Events", "Things"]}"#))
        #expect(await failure(service, "CreateTable", #"""
            {"TableName": "Things", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
             "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
            """#) == .tableExists("Things"))
        let deleted = try await service.handle(action: "DeleteTable", input: json(#"{"TableName": "Things"}"#))
        #expect(deleted["TableDescription"]?["TableStatus"] == "DELETING")
        #expect(await failure(service, "DescribeTable", #"{"TableName": "Things"}"#) == .tableNotFound("Things"))
    }

    @Test func concurrentConditionalPutsOnOneKeyHaveOneWinner() async throws {
        let service = try await makeService()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await failure(service, "PutItem", #"{"TableName": "Things", "Item": {"id": {"S": "k"}}, "ConditionExpression": "attribute_not_exists(id)"}"#) == nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
    }
}

@Suite struct ConsumedCapacityTests {
    @Test func consumedCapacityIsReportedOnlyWhenAskedFor() async throws {
        let service = try await makeService()
        let quiet = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "a"}}}"#))
        #expect(quiet == json("{}"))
        let put = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "a"}}, "ReturnConsumedCapacity": "TOTAL"}"#))
        #expect(put == json(#"{"ConsumedCapacity": {"TableName": "Things", "CapacityUnits": 1.0}}"#))
        let get = try await service.handle(action: "GetItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "a"}}, "ReturnConsumedCapacity": "TOTAL"}"#))
        #expect(get["ConsumedCapacity"] == json(#"{"TableName": "Things", "CapacityUnits": 0.5}"#))
    }
}

@Suite struct LegacyParameterTests {
    @Test func expectedWorksAsTheConditionItStandsFor() async throws {
        let service = try await makeService()
        let put = #"{"TableName": "Things", "Item": {"id": {"S": "a"}, "v": {"N": "1"}}, "Expected": {"id": {"Exists": false}}}"#
        _ = try await service.handle(action: "PutItem", input: json(put))
        #expect(await failure(service, "PutItem", put) == .conditionFailed())
        #expect(await failure(service, "DeleteItem", #"""
            {"TableName": "Things", "Key": {"id": {"S": "a"}}, "Expected": {"v": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "5"}]}}}
            """#) == .conditionFailed())
        _ = try await service.handle(action: "DeleteItem", input: json(#"""
            {"TableName": "Things", "Key": {"id": {"S": "a"}}, "Expected": {"v": {"Value": {"N": "1"}}}}
            """#))
        #expect(try await service.handle(action: "GetItem", input: json(#"{"TableName": "Things", "Key": {"id": {"S": "a"}}}"#)) == json("{}"))
    }

    @Test func attributeUpdatesPutAddAndDeleteAttributes() async throws {
        let service = try await makeService()
        let output = try await service.handle(action: "UpdateItem", input: json(#"""
            {"TableName": "Things", "Key": {"id": {"S": "a"}}, "ReturnValues": "ALL_NEW",
             "AttributeUpdates": {"n": {"Action": "ADD", "Value": {"N": "2"}}, "s": {"Value": {"S": "x"}}, "l": {"Action": "ADD", "Value": {"L": [{"S": "e"}]}}}}
            """#))
        #expect(output == json(#"{"Attributes": {"id": {"S": "a"}, "l": {"L": [{"S": "e"}]}, "n": {"N": "2"}, "s": {"S": "x"}}}"#))
        #expect(await failure(service, "UpdateItem", #"""
            {"TableName": "Things", "Key": {"id": {"S": "a"}}, "AttributeUpdates": {"s": {"Action": "DELETE"}}, "UpdateExpression": "REMOVE s"}
            """#) == .validation(
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}"))
    }
}

@Suite struct BatchTests {
    @Test func batchWriteThenBatchGetAcrossTables() async throws {
        let service = try await makeService()
        _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "gone"}}}"#))
        let written = try await service.handle(action: "batchWriteItem", input: json(#"""
            {"RequestItems": {
              "Things": [{"PutRequest": {"Item": {"id": {"S": "a"}, "v": {"N": "1"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "gone"}}}}],
              "Events": [{"PutRequest": {"Item": {"pk": {"S": "p"}, "n": {"N": "1"}}}}]}}
            """#))
        #expect(written == json(#"{"UnprocessedItems": {}}"#))
        let got = try await service.handle(action: "BatchGetItem", input: json(#"""
            {"RequestItems": {"Things": {"Keys": [{"id": {"S": "a"}}, {"id": {"S": "gone"}}], "ProjectionExpression": "v"},
                              "Events": {"Keys": [{"pk": {"S": "p"}, "n": {"N": "1"}}]}}}
            """#))
        #expect(got == json(#"""
            {"Responses": {"Things": [{"v": {"N": "1"}}], "Events": [{"n": {"N": "1"}, "pk": {"S": "p"}}]}, "UnprocessedKeys": {}}
            """#))
        #expect(await failure(service, "BatchWriteItem", #"""
            {"RequestItems": {"Things": [{"DeleteRequest": {"Key": {"id": {"S": "a"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "a"}}}}]}}
            """#) == .validation("Provided list of item keys contains duplicates"))
    }
}

@Suite struct ParallelScanTests {
    @Test func segmentsOfAParallelScanPartitionTheItems() async throws {
        let service = try await makeService()
        let ids = (0..<12).map { "item-\($0)" }
        for id in ids {
            _ = try await service.handle(action: "PutItem", input: json(#"{"TableName": "Things", "Item": {"id": {"S": "\#(id)"}}}"#))
        }
        var seen: [String] = []
        for segment in 0..<3 {
            let page = try await service.handle(action: "Scan", input: json(#"{"TableName": "Things", "Segment": \#(segment), "TotalSegments": 3}"#))
            seen += page["Items"]?.arrayValue?.compactMap { $0["id"]?["S"]?.stringValue } ?? []
        }
        #expect(seen.sorted() == ids.sorted())
        #expect(await failure(service, "Scan", #"{"TableName": "Things", "Segment": 3, "TotalSegments": 3}"#)?.code == "ValidationException")
    }
}
