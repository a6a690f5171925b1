import DynamoDBTables
import JSONValue
import Testing

@Suite struct ExpressionTests {
    let item: Item = [
        "id": .string("a1"), "count": .number(DynamoNumber(5)), "tags": .stringSet(["x", "y"]),
        "info": .map(["name": .string("Ann"), "scores": .list([.number(DynamoNumber(1)), .number(DynamoNumber(2))])]),
    ]

    func holds(_ text: String, names: [String: String] = [:], values: [String: AttributeValue] = [:]) throws -> Bool {
        var attributes = ExpressionAttributes(names: names, values: values)
        let condition = try Condition.parse(text, expression: "ConditionExpression", attributes: &attributes)
        try attributes.checkAllUsed()
        return try condition.evaluate(item)
    }

    @Test func expressionsLongerThan4KBOrNestedDeeperThan64LevelsAreRefusedNotOverflowingTheStack() throws {
        let values: [String: AttributeValue] = [":v": .string("a1")]
        let deep = String(repeating: "(", count: 1000) + "id = :v" + String(repeating: ")", count: 1000)
        #expect(throws: DynamoDBError.self) { try holds(deep, values: values) }
        let nots = String(repeating: "NOT ", count: 200) + "id = :v"
        #expect(throws: DynamoDBError.self) { try holds(nots, values: values) }
        let long = Array(repeating: "id = :v", count: 600).joined(separator: " OR ")
        #expect(throws: DynamoDBError.self) { try holds(long, values: values) }
        #expect(try holds(String(repeating: "(", count: 60) + "id = :v" + String(repeating: ")", count: 60), values: values))
    }

    @Test func comparatorsFunctionsAndBooleanLogicEvaluateAgainstTheItem() throws {
        let five: [String: AttributeValue] = [":v": .number(DynamoNumber(5))]
        #expect(try holds("#c = :v", names: ["#c": "count"], values: five))
        #expect(try holds("#c BETWEEN :a AND :b", names: ["#c": "count"], values: [":a": .number(DynamoNumber(1)), ":b": .number(DynamoNumber(9))]))
        #expect(try holds("info.scores[1] > :v", values: [":v": .number(DynamoNumber(1))]))
        #expect(try holds("attribute_exists(id) AND NOT attribute_exists(absent)"))
        #expect(try holds("begins_with(info.#n, :p)", names: ["#n": "name"], values: [":p": .string("An")]))
        #expect(try holds("contains(tags, :t) OR id = :t", values: [":t": .string("y")]))
        #expect(try holds("size(info.scores) = :two", values: [":two": .number(DynamoNumber(2))]))
        #expect(try holds("attribute_type(tags, :ss)", values: [":ss": .string("SS")]))
        #expect(try holds("id IN (:a, :b)", values: [":a": .string("zz"), ":b": .string("a1")]))
        #expect(try !holds("(id = :a OR id = :b) AND attribute_not_exists(id)", values: [":a": .string("a1"), ":b": .string("b")]))
        #expect(try holds("absent <> :a", values: [":a": .string("a1")]))
    }

    @Test func undefinedAndUnusedPlaceholdersGetDynamoDBsMessages() {
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v")) {
            try holds("id = :v")
        }
        #expect(throws: DynamoDBError.validation(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}")) {
            try holds("id = :v", values: [":v": .string("a1"), ":x": .string("b")])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n")) {
            try holds("#n = :v", values: [":v": .string("a1")])
        }
    }

    @Test func syntaxErrorsNameTheTokenAndWhereItIs() {
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"")) {
            try holds("id = = :v", values: [":v": .string("a1")])
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"")) {
            try holds("id =")
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")) {
            try holds("status = :v", values: [":v": .string("a1")])
        }
    }

    @Test func updateExpressionSetsRemovesAddsAndDeletes() throws {
        var attributes = ExpressionAttributes(
            names: ["#c": "count", "#n": "name"],
            values: [
                ":one": .number(DynamoNumber(1)), ":new": .list([.number(DynamoNumber(3))]), ":t": .stringSet(["x", "z"]),
                ":d": .string("d"),
            ])
        let update = try UpdateExpression.parse(
            "SET #c = #c + :one, info.scores = list_append(info.scores, :new), fresh = if_not_exists(fresh, :d) REMOVE info.#n ADD tags :t",
            attributes: &attributes)
        let updated = try update.apply(to: item)
        #expect(updated["count"] == .number(DynamoNumber(6)))
        #expect(updated["info"] == .map(["scores": .list([1, 2, 3].map { .number(DynamoNumber($0)) })]))
        #expect(updated["fresh"] == .string("d"))
        #expect(updated["tags"] == .stringSet(["x", "y", "z"]))
        let deletion = try UpdateExpression.parse("DELETE tags :t", attributes: &attributes)
        #expect(try deletion.apply(to: item)["tags"] == .stringSet(["y"]))
    }

    @Test func updateExpressionRejectsOverlappingPathsAndRepeatedSections() {
        var attributes = ExpressionAttributes(values: [":v": .string("v")])
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [info], path two: [info, nick]")) {
            try UpdateExpression.parse("SET info = :v REMOVE info.nick", attributes: &attributes)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")) {
            try UpdateExpression.parse("SET a = :v SET b = :v", attributes: &attributes)
        }
    }

    @Test func arithmeticOnAMissingAttributeFails() throws {
        var attributes = ExpressionAttributes(values: [":one": .number(DynamoNumber(1))])
        let update = try UpdateExpression.parse("SET tally = tally + :one", attributes: &attributes)
        #expect(throws: DynamoDBError.validation("The provided expression refers to an attribute that does not exist in the item")) {
            try update.apply(to: item)
        }
    }

    @Test func projectionKeepsOnlyTheNamedPaths() throws {
        var attributes = ExpressionAttributes()
        let projection = try Projection.parse("id, info.scores[1]", attributes: &attributes)
        #expect(projection.apply(to: item) == ["id": .string("a1"), "info": .map(["scores": .list([.number(DynamoNumber(2))])])])
    }
}

@Suite struct RemoveOrderTests {
    @Test func removingSeveralListElementsRemovesThoseTheItemHadBeforeTheUpdate() throws {
        let item: Item = [
            "l": .list((0..<5).map { .map(["v": .number(DynamoNumber($0)), "w": .bool(true)]) }),
        ]
        var attributes = ExpressionAttributes()
        let update = try UpdateExpression.parse("REMOVE l[1], l[3].w, l[2]", attributes: &attributes)
        let result = try update.apply(to: item)
        #expect(result["l"] == .list([
            .map(["v": .number(DynamoNumber(0)), "w": .bool(true)]),
            .map(["v": .number(DynamoNumber(3))]),
            .map(["v": .number(DynamoNumber(4)), "w": .bool(true)]),
        ]))
    }
}
