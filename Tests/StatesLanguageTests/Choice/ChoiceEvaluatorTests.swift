import JSONValue
import StatesLanguage
import Testing

@Suite("Choice rules")
struct ChoiceEvaluatorTests {
    func cmp(_ value: JSONValue, _ op: ComparisonOperator, _ operand: JSONValue) -> Bool {
        ChoiceEvaluator.compare(value, op, operand)
    }

    @Test("string operators order by UTF-16 code units, as Java's compareTo does")
    func stringOrdering() {
        #expect(cmp("a", .stringLessThan, "b"))
        #expect(cmp("B", .stringLessThan, "a"))  // upper case sorts first
        #expect(cmp("ab", .stringGreaterThan, "a"))
        #expect(cmp("", .stringLessThan, "a"))
        #expect(cmp("a", .stringLessThanEquals, "a") && cmp("a", .stringGreaterThanEquals, "a"))
        #expect(cmp("abc", .stringEquals, "abc"))
        #expect(!cmp("abc", .stringEquals, "ABC"))
        // U+FF5E (one code unit 0xFF5E) sorts after U+1F600 (surrogates 0xD83D 0xDE00) in UTF-16,
        // though its scalar value is smaller.
        #expect(cmp("\u{FF5E}", .stringGreaterThan, "😀"))
        #expect(cmp("😀", .stringLessThan, "\u{FF5E}"))
    }

    @Test(
        "StringEquals compares code units: precomposed é differs from e + combining acute")
    func stringEqualsIsNotCanonicalEquivalence() {
        // bug: compareUTF16 starts with Swift's `a == b`, which is canonical equivalence, so
        // "\u{E9}" and "e\u{301}" compare equal; Java's String.equals/compareTo (AWS) says they differ.
        #expect(!cmp("\u{E9}", .stringEquals, "e\u{301}"))
        #expect(cmp("\u{E9}", .stringGreaterThan, "e\u{301}"))
    }

    @Test("numeric operators: 1 equals 1.0, integers and decimals compare by value")
    func numeric() throws {
        let one = try JSONValue(parsing: "1")
        let onePointZero = try JSONValue(parsing: "1.0")
        #expect(cmp(one, .numericEquals, onePointZero))
        #expect(cmp(onePointZero, .numericEquals, one))
        #expect(cmp(1, .numericLessThan, 1.5))
        #expect(cmp(-2, .numericLessThan, -1))
        #expect(cmp(2.5, .numericGreaterThanEquals, 2.5))
        #expect(cmp(try JSONValue(parsing: "1e2"), .numericEquals, 100))
        #expect(!cmp(3, .numericGreaterThan, 3))
        #expect(cmp(.int(9_007_199_254_740_993), .numericGreaterThan, .int(9_007_199_254_740_992)))
    }

    @Test("timestamp operators compare instants across offsets and fractions")
    func timestamps() {
        #expect(cmp("2024-01-01T12:00:00+02:00", .timestampEquals, "2024-01-01T10:00:00Z"))
        #expect(cmp("2024-01-01T10:00:00.5Z", .timestampGreaterThan, "2024-01-01T10:00:00Z"))
        #expect(cmp("2024-01-01T10:00:00.000000001Z", .timestampGreaterThan, "2024-01-01T10:00:00Z"))
        #expect(cmp("2024-01-01T10:00:00.100Z", .timestampEquals, "2024-01-01T10:00:00.1Z"))
        #expect(cmp("2023-12-31T23:59:59-00:30", .timestampGreaterThan, "2024-01-01T00:00:00Z"))
        #expect(cmp("2024-01-01T00:00:00Z", .timestampLessThanEquals, "2024-01-01T00:00:00Z"))
        #expect(!cmp("not a time", .timestampEquals, "not a time"))
    }

    @Test("a value of the wrong type never matches", arguments: [
        (JSONValue.int(1), ComparisonOperator.stringEquals, JSONValue.string("1")),
        ("1", .numericEquals, 1),
        (true, .stringEquals, "true"),
        ("true", .booleanEquals, true),
        (nil, .numericLessThan, 1),
        (1, .timestampEquals, "2024-01-01T00:00:00Z"),
        (JSONValue.object(["a": 1]), .stringMatches, "*"),
        (0, .booleanEquals, false),
    ])
    func typeMismatch(value: JSONValue, op: ComparisonOperator, operand: JSONValue) {
        #expect(!cmp(value, op, operand))
    }

    @Test("type tests: IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp with true and false")
    func typeTests() {
        #expect(cmp(nil, .isNull, true) && !cmp(1, .isNull, true) && cmp(1, .isNull, false))
        #expect(cmp(1.5, .isNumeric, true) && !cmp("1", .isNumeric, true))
        #expect(cmp("x", .isString, true) && cmp(1, .isString, false))
        #expect(cmp(false, .isBoolean, true) && !cmp("false", .isBoolean, true))
        #expect(cmp("2024-02-29T00:00:00Z", .isTimestamp, true))
        #expect(cmp("2023-02-29T00:00:00Z", .isTimestamp, false))
        #expect(cmp(7, .isTimestamp, false))
    }

    @Test("StringMatches: * matches any run, \\* a literal star, \\\\ a literal backslash", arguments: [
        ("*.log", "app.log", true), ("*.log", "app.log.gz", false), ("log*", "log", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "acb", false), ("*", "", true), ("", "", true), ("", "x", false),
        (#"a\*b"#, "a*b", true), (#"a\*b"#, "aXb", false), (#"a\\b"#, #"a\b"#, true), (#"a\\*"#, #"a\anything"#, true),
        ("*ab", "aab", true), ("**", "x", true), ("x*y", "xy", true),
    ])
    func stringMatches(pattern: String, text: String, expected: Bool) {
        #expect(StringMatchPattern(pattern).matches(text) == expected)
        #expect(cmp(.string(text), .stringMatches, .string(pattern)) == expected)
    }

    // MARK: Rules from definitions

    func rule(_ ruleJSON: String) throws -> ChoiceRule {
        let definition = """
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [\(ruleJSON.dropLast()), "Next": "D"}]},
              "D": {"Type": "Succeed"}}}
            """
        let machine = try StateMachineParser().parse(JSONValue(parsing: definition))
        guard case .choice(let choice) = machine.states[machine.startIndex].kind else {
            throw StatesError("test", "not a choice")
        }
        return choice.choices[0].rule
    }

    func evaluator(_ input: JSONValue) -> ChoiceEvaluator {
        ChoiceEvaluator { path in try? path.evaluate(input) }
    }

    @Test("IsPresent on a missing path is false, and IsPresent false is true")
    func isPresentMissing() throws {
        let e = evaluator(["a": 1])
        #expect(try e.evaluate(rule(#"{"Variable": "$.b", "IsPresent": true}"#)) == false)
        #expect(try e.evaluate(rule(#"{"Variable": "$.b", "IsPresent": false}"#)) == true)
        #expect(try e.evaluate(rule(#"{"Variable": "$.a", "IsPresent": true}"#)) == true)
    }

    @Test("a comparison on a missing Variable path raises States.Runtime")
    func missingVariable() throws {
        let e = evaluator(["a": 1])
        let r = try rule(#"{"Variable": "$.missing", "NumericEquals": 1}"#)
        #expect(throws: StatesError.self) { try e.evaluate(r) }
        do {
            _ = try e.evaluate(r)
        } catch {
            #expect(error.name == "States.Runtime")
            #expect(error.cause?.contains("$.missing") == true)
        }
    }

    @Test("a ...Path operand compares with another input value; a missing operand path raises States.Runtime")
    func pathOperands() throws {
        let e = evaluator(["a": 3, "b": 5, "s": "x", "t": "x"])
        #expect(try e.evaluate(rule(#"{"Variable": "$.a", "NumericLessThanPath": "$.b"}"#)))
        #expect(try e.evaluate(rule(#"{"Variable": "$.s", "StringEqualsPath": "$.t"}"#)))
        #expect(throws: StatesError.self) { try e.evaluate(rule(#"{"Variable": "$.a", "NumericEqualsPath": "$.nope"}"#)) }
    }

    @Test("And, Or and Not combine rules; And stops at the first false rule")
    func combinators() throws {
        let e = evaluator(["n": 5, "s": "abc"])
        #expect(try e.evaluate(rule(#"{"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Variable": "$.s", "StringMatches": "a*"}]}"#)))
        #expect(try !e.evaluate(rule(#"{"And": [{"Variable": "$.n", "NumericGreaterThan": 9}, {"Variable": "$.s", "StringMatches": "a*"}]}"#)))
        #expect(try e.evaluate(rule(#"{"Or": [{"Variable": "$.n", "NumericGreaterThan": 9}, {"Variable": "$.s", "StringEquals": "abc"}]}"#)))
        #expect(try e.evaluate(rule(#"{"Not": {"Variable": "$.n", "NumericEquals": 4}}"#)))
        // The second rule would raise on its missing path, but And never reaches it.
        #expect(try !e.evaluate(rule(#"{"And": [{"Variable": "$.n", "NumericEquals": 4}, {"Variable": "$.missing", "NumericEquals": 1}]}"#)))
    }
}
