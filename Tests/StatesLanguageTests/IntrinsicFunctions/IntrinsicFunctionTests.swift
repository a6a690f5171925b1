import JSONValue
import Testing
@testable import StatesLanguage

private func json(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

@Suite("Intrinsic functions")
struct IntrinsicFunctionTests {
    // MARK: Format

    @Test("Format replaces each {} with its argument: strings bare, scalars as JSON text")
    func formatScalars() throws {
        let input = json(#"{"s":"x","n":1.1,"i":3,"b":true,"z":null}"#)
        #expect(try evaluate("States.Format('{}|{}|{}|{}|{}', $.s, $.n, $.i, $.b, $.z)", input: input) == "x|1.1|3|true|null")
        #expect(try evaluate("States.Format('no placeholders')") == "no placeholders")
    }

    @Test("Format prints objects and arrays as Java's Map/List toString, as AWS does")
    func formatContainers() throws {
        let input = json(#"{"o":{"Arg1":1,"Arg2":[],"s":"t","in":{"a":[1,"b",null]}},"a":[1,"x",[2]]}"#)
        #expect(try evaluate("States.Format('{} {}', $.o, $.a)", input: input) == "{Arg1=1, Arg2=[], s=t, in={a=[1, b, null]}} [1, x, [2]]")
    }

    @Test("Format treats escaped braces as text, not placeholders")
    func formatEscapedBraces() throws {
        #expect(try evaluate(#"States.Format('\{\} {} \{}', 'v')"#) == "{} v {}")
        #expect(evaluationError(#"States.Format('\{\}', 'v')"#)?.cause?.contains("0 placeholders") == true)
    }

    @Test("Format takes its template from a path, where every {} is a placeholder")
    func formatTemplateFromPath() throws {
        let input = json(#"{"t":"Hello, {}!","name":"Ann"}"#)
        #expect(try evaluate("States.Format($.t, $.name)", input: input) == "Hello, Ann!")
    }

    @Test("Format fails when placeholders and values differ in number, or the template is not a string")
    func formatErrors() {
        let error = evaluationError("States.Format('{} and {}', 'a')")
        #expect(error?.name == "States.Runtime")
        #expect(error?.cause == "Invalid arguments in States.Format: the template has 2 placeholders '{}' but 1 value was given")
        #expect(evaluationError("States.Format('{}', 'a', 'b')")?.cause?.contains("1 placeholder '{}' but 2 values were given") == true)
        #expect(evaluationError("States.Format(1)")?.cause == "Invalid arguments in States.Format: the first argument (the template) must be a string, but was a number")
    }

    // MARK: JSON

    @Test("StringToJson parses JSON text; empty text gives null")
    func stringToJson() throws {
        #expect(try evaluate("States.StringToJson('')") == .null)
        #expect(try evaluate("States.StringToJson('-0')") == 0)
        #expect(try evaluate("States.StringToJson('{\"a\":[1,2]}')") == json(#"{"a":[1,2]}"#))
        #expect(try evaluate("States.StringToJson($.s)", input: json(#"{"s":"\"x\""}"#)) == "x")
    }

    @Test("StringToJson fails on invalid JSON text and non-strings")
    func stringToJsonErrors() {
        #expect(evaluationError("States.StringToJson('{')")?.cause?.hasPrefix("Invalid arguments in States.StringToJson: the argument is not valid JSON text") == true)
        #expect(evaluationError("States.StringToJson(1)")?.cause == "Invalid arguments in States.StringToJson: the argument must be a string, but was a number")
    }

    @Test("JsonToString prints compact JSON in member order")
    func jsonToString() throws {
        #expect(try evaluate("States.JsonToString($.o)", input: json(#"{"o":{"b":1,"a":[1, "x"]}}"#)) == #"{"b":1,"a":[1,"x"]}"#)
        #expect(try evaluate("States.JsonToString($.o)", input: json(#"{"o":"HelloWorld"}"#)) == #""HelloWorld""#)
        #expect(try evaluate("States.JsonToString($.o)", input: json(#"{"o":null}"#)) == "null")
    }

    @Test("JsonMerge merges shallowly: the second object's members replace the first's")
    func jsonMerge() throws {
        let input = json(#"{"a":{"x":{"p":1},"b":2},"b":{"x":{"q":1},"c":3}}"#)
        let merged = try evaluate("States.JsonMerge($.a, $.b, false)", input: input)
        #expect(merged.serialized() == #"{"x":{"q":1},"b":2,"c":3}"#)
    }

    @Test("JsonMerge rejects a deep merge and non-object arguments")
    func jsonMergeErrors() {
        let input = json(#"{"a":{},"b":{}}"#)
        #expect(evaluationError("States.JsonMerge($.a, $.b, true)", input: input)?.cause == "Invalid arguments in States.JsonMerge: deep merge is not supported; the third argument must be false")
        #expect(evaluationError("States.JsonMerge($.a, 1, false)", input: input)?.cause == "Invalid arguments in States.JsonMerge: the second argument must be an object, but was a number")
        #expect(evaluationError("States.JsonMerge($.a, $.b, 'false')", input: input)?.cause == "Invalid arguments in States.JsonMerge: the third argument must be a boolean, but was a string")
    }

    // MARK: Arrays

    @Test("Array builds an array of its arguments, empty for none")
    func array() throws {
        #expect(try evaluate("States.Array()") == [])
        #expect(try evaluate("States.Array('a', 1, $.o, null)", input: json(#"{"o":{"k":[]}}"#)) == json(#"["a",1,{"k":[]},null]"#))
    }

    @Test("ArrayPartition cuts an array into chunks of the given size, the last one shorter")
    func arrayPartition() throws {
        let input = json(#"{"a":[1,2,3,4,5]}"#)
        #expect(try evaluate("States.ArrayPartition($.a, 2)", input: input) == json("[[1,2],[3,4],[5]]"))
        #expect(try evaluate("States.ArrayPartition($.a, 9)", input: input) == json("[[1,2,3,4,5]]"))
        #expect(try evaluate("States.ArrayPartition(States.Array(), 3)") == [])
        #expect(evaluationError("States.ArrayPartition($.a, 0)", input: input)?.cause == "Invalid arguments in States.ArrayPartition: the chunk size must be a positive integer, but was 0")
        #expect(evaluationError("States.ArrayPartition('x', 1)")?.cause == "Invalid arguments in States.ArrayPartition: the first argument must be an array, but was a string")
    }

    @Test("ArrayContains compares by JSON value, deeply")
    func arrayContains() throws {
        let input = json(#"{"a":[[1,2,3],2,{"1":2,"2":[]},true]}"#)
        #expect(try evaluate("States.ArrayContains($.a, States.Array(1, 2, 3))", input: input) == true)
        #expect(try evaluate("States.ArrayContains($.a, States.StringToJson('{\"2\":[],\"1\":2}'))", input: input) == true)
        #expect(try evaluate("States.ArrayContains($.a, false)", input: input) == false)
        #expect(try evaluate("States.ArrayContains($.a, 2.0)", input: input) == true)
    }

    @Test("ArrayRange counts from start to end inclusive by a non-zero step")
    func arrayRange() throws {
        #expect(try evaluate("States.ArrayRange(1, 9, 2)") == json("[1,3,5,7,9]"))
        #expect(try evaluate("States.ArrayRange(0, 10, 3)") == json("[0,3,6,9]"))
        #expect(try evaluate("States.ArrayRange(1, 9, 9)") == json("[1]"))
        #expect(try evaluate("States.ArrayRange(10, 1, -4)") == json("[10,6,2]"))
        #expect(try evaluate("States.ArrayRange(5, 1, 1)") == [])
        #expect(try evaluate("States.ArrayRange(1, 1000, 1)").arrayValue?.count == 1000)
        #expect(try evaluate("States.ArrayRange(1, 3, 1)").serialized() == "[1,2,3]")
    }

    @Test("ArrayRange refuses more than 1000 items and a zero step")
    func arrayRangeErrors() {
        #expect(evaluationError("States.ArrayRange(0, 1000, 1)")?.cause == "Invalid arguments in States.ArrayRange: the array would have more than 1000 items")
        #expect(evaluationError("States.ArrayRange(0, 9223372036854775807, 1)") != nil)
        #expect(evaluationError("States.ArrayRange(0, 10, 0)")?.cause == "Invalid arguments in States.ArrayRange: the step must be a non-zero integer")
        #expect(evaluationError("States.ArrayRange('0', 10, 1)")?.cause == "Invalid arguments in States.ArrayRange: the first argument must be an integer, but was a string")
    }

    @Test("ArrayGetItem returns the item at an index, failing outside the array")
    func arrayGetItem() throws {
        let input = json(#"{"a":[1,2,3,4,5,6,7,8,9]}"#)
        #expect(try evaluate("States.ArrayGetItem($.a, 5)", input: input) == 6)
        #expect(evaluationError("States.ArrayGetItem($.a, 9)", input: input)?.cause == "Invalid arguments in States.ArrayGetItem: the index 9 is out of bounds for an array of 9 items")
        #expect(evaluationError("States.ArrayGetItem($.a, -1)", input: input) != nil)
    }

    @Test("ArrayLength counts items; ArrayUnique keeps first occurrences in order")
    func lengthAndUnique() throws {
        let input = json(#"{"a":[null,null,true,1,1,1.0,"x","x",[],[],{"a":1,"b":2},{"b":2,"a":1},{"a":1,"b":1}]}"#)
        #expect(try evaluate("States.ArrayLength($.a)", input: input) == 13)
        #expect(try evaluate("States.ArrayUnique($.a)", input: input) == json(#"[null,true,1,"x",[],{"a":1,"b":2},{"a":1,"b":1}]"#))
        #expect(evaluationError("States.ArrayLength('x')")?.cause == "Invalid arguments in States.ArrayLength: the argument must be an array, but was a string")
    }

    // MARK: Encoding and hashing

    @Test("Base64Encode and Base64Decode round-trip UTF-8 text")
    func base64() throws {
        #expect(try evaluate("States.Base64Encode('Data to encode')") == "RGF0YSB0byBlbmNvZGU=")
        #expect(try evaluate("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')") == "Data to encode")
        #expect(try evaluate("States.Base64Encode('')") == "")
        #expect(try evaluate("States.Base64Decode('')") == "")
        #expect(try evaluate("States.Base64Encode('é✓')") == "w6ninJM=")
        #expect(try evaluate("States.Base64Decode('w6ninJM')") == "é✓")
        for padding in ["a", "ab", "abc", "abcd", "abcde"] {
            let encoded = try evaluate("States.Base64Encode('\(padding)')")
            #expect(try evaluate("States.Base64Decode('\(encoded.stringValue!)')") == .string(padding))
        }
    }

    @Test("Base64Decode rejects invalid text; both refuse more than 10000 characters")
    func base64Errors() {
        #expect(evaluationError("States.Base64Decode('a$==')")?.cause == "Invalid arguments in States.Base64Decode: the argument is not valid Base64 text")
        #expect(evaluationError("States.Base64Decode('a')") != nil)
        #expect(evaluationError("States.Base64Decode('ab=c')") != nil)
        let long = String(repeating: "a", count: 10_001)
        #expect(evaluationError("States.Base64Encode('\(long)')")?.cause == "Invalid arguments in States.Base64Encode: the input must not be longer than 10000 characters")
        #expect(evaluationError("States.Base64Encode('\(String(repeating: "a", count: 10_000))')") == nil)
    }

    @Test("Hash gives lowercase hex digests for the five algorithms AWS accepts")
    func hash() throws {
        #expect(try evaluate("States.Hash('input data', 'MD5')") == "812f45842bc6d66ee14572ce20db8e86")
        #expect(try evaluate("States.Hash('input data', 'SHA-1')") == "aaff4a450a104cd177d28d18d74485e8cae074b7")
        #expect(try evaluate("States.Hash('Hash this string', 'SHA-256')") == "1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e")
        #expect(try evaluate("States.Hash('abc', 'SHA-384')") == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(try evaluate("States.Hash('input data', 'SHA-512')") == "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")
    }

    @Test("Hash rejects unknown algorithms and non-string data")
    func hashErrors() {
        #expect(evaluationError("States.Hash('x', 'sha-256')")?.cause == "Invalid arguments in States.Hash: the hashing algorithm 'sha-256' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512")
        #expect(evaluationError("States.Hash(1, 'MD5')")?.cause == "Invalid arguments in States.Hash: the data to hash must be a string, but was a number")
    }

    // MARK: Math

    @Test("MathAdd rounds each argument half up (Java Math.round) and adds")
    func mathAdd() throws {
        let cases: [(String, String, Int)] = [
            ("-9", "3", -6), ("1.49", "1.5", 3), ("1.5", "1.51", 4), ("-1.49", "-1.5", -2), ("-1.5", "-1.51", -3),
            ("0.5", "0", 1), ("2.5", "0", 3), ("-0.5", "0.5", 1), ("-0.5", "0", 0), ("-2.5", "0", -2), ("-3.5", "0", -3),
            ("0.49999999999999994", "0", 0),
        ]
        for (a, b, sum) in cases {
            #expect(try evaluate("States.MathAdd(\(a), \(b))") == .int(sum), "\(a) + \(b)")
        }
        #expect(try evaluate("States.MathAdd($.v, -1)", input: json(#"{"v":111}"#)).serialized() == "110")
    }

    @Test("MathAdd fails on non-numbers and on overflow")
    func mathAddErrors() {
        #expect(evaluationError("States.MathAdd('1', 2)")?.cause == "Invalid arguments in States.MathAdd: the first argument must be an integer, but was a string")
        #expect(evaluationError("States.MathAdd(9223372036854775807, 1)") != nil)
    }

    @Test("MathRandom draws from [start, end); a seed makes it reproducible")
    func mathRandom() throws {
        for seed in UInt64(0)..<50 {
            let n = try evaluate("States.MathRandom(1, 4)", seed: seed).numberValue!.int64Value!
            #expect((1..<4).contains(n))
        }
        let a = try evaluate("States.MathRandom(0, 999, 3)", seed: 1)
        let b = try evaluate("States.MathRandom(0, 999, 3)", seed: 2)
        #expect(a == b)
        // java.util.Random(42).nextInt(10) is 0 and Random(42).nextInt(100) is 30, Random(7).nextInt(10) is 6
        // (values from a reference simulation of the JDK algorithm).
        #expect(try evaluate("States.MathRandom(0, 10, 42)") == 0)
        #expect(try evaluate("States.MathRandom(5, 105, 42)") == 35)
        #expect(try evaluate("States.MathRandom(0, 10, 7)") == 6)
        #expect(try evaluate("States.MathRandom(12.5, 44.51)").numberValue?.isIntegral == true)
        #expect(evaluationError("States.MathRandom(5, 5)")?.cause == "Invalid arguments in States.MathRandom: the end (5) must be greater than the start (5)")
    }

    // MARK: Strings and UUID

    @Test("StringSplit splits on any delimiter character and drops empty tokens")
    func stringSplit() throws {
        #expect(try evaluate("States.StringSplit('1,2,3', ',')") == json(#"["1","2","3"]"#))
        #expect(try evaluate("States.StringSplit(', , ,', ',')") == json(#"[" "," "]"#))
        #expect(try evaluate("States.StringSplit(',,,,', ',')") == [])
        #expect(try evaluate("States.StringSplit('This.is+a,test=string', '.+,=')") == json(#"["This","is","a","test","string"]"#))
        #expect(try evaluate("States.StringSplit('a\r\nb', '\n')") == json(#"["a\r","b"]"#))
        #expect(try evaluate("States.StringSplit('abc', '')") == json(#"["abc"]"#))
        #expect(evaluationError("States.StringSplit(1, ',')")?.cause == "Invalid arguments in States.StringSplit: the first argument must be a string, but was a number")
    }

    @Test("UUID gives a version 4 UUID from the injected entropy")
    func uuid() throws {
        let a = try evaluate("States.UUID()", seed: 5).stringValue!
        #expect(a.count == 36)
        #expect(Array(a)[14] == "4")
        #expect(try evaluate("States.UUID()", seed: 5).stringValue == a)
        #expect(try evaluate("States.UUID()", seed: 6).stringValue != a)
    }

    // MARK: Evaluation

    @Test("evaluates nested calls, as in AWS's documented suffix example")
    func nested() throws {
        let context: JSONValue = ["StateMachine": ["Name": "my-state-machine"]]
        let call = try IntrinsicCall(parsing: "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))")
        let resolver = TestPathResolver(input: [:], context: context)
        #expect(try call.evaluate(resolvePath: resolver.resolve, entropy: SeededEntropy(seed: 1)) == "machine")
    }

    @Test("passes the resolver's error through unchanged")
    func resolverErrors() {
        let error = evaluationError("States.Format('{}', $.missing)")
        #expect(error == StatesError.runtime("The JSONPath '$.missing' could not be found in the input"))
    }

    @Test("resolves variables given as $name paths")
    func variables() throws {
        #expect(try evaluate("States.MathAdd($value1, $value2)", variables: ["value1": 5, "value2": 3]) == 8)
    }

    @Test("checks arity again for calls built without the parser")
    func builtCalls() {
        let call = IntrinsicCall(function: .mathAdd, arguments: [.literal(1)])
        let resolver = TestPathResolver(input: [:])
        #expect(throws: StatesError.runtime("States.MathAdd takes 2 arguments, but 1 was given")) {
            try call.evaluate(resolvePath: resolver.resolve, entropy: SeededEntropy(seed: 1))
        }
        let format = IntrinsicCall(function: .format, arguments: [.literal("{}!"), .literal(1)])
        let formatted = try? format.evaluate(resolvePath: resolver.resolve, entropy: SeededEntropy(seed: 1))
        #expect(formatted == "1!")
    }
}
