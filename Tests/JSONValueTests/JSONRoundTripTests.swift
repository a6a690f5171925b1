import JSONValue
import Testing

@Suite("JSONValue parse and print")
struct JSONRoundTripTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

    @Test("compact documents print back exactly as written", arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"[]"#, #"{}"#, #"[[],{},[{}]]"#, #""""#, #"-12"#, #"0"#, #"3.25"#,
        #"{"z":1,"a":2,"m":3}"#,
        #""tab\there \"quoted\" back\\slash""#,
        #""line\nbreak\rreturn\bback\fform""#,
        #""a/b""#,
        #""é ü 日本 😀""#,
    ])
    func roundTrip(text: String) throws {
        #expect(try parse(text).serialized() == text)
    }

    @Test("escaped forward slash parses as '/' and is printed unescaped")
    func slashNotEscaped() throws {
        let v = try parse(#""http:\/\/example.com\/x""#)
        #expect(v == .string("http://example.com/x"))
        #expect(v.serialized() == #""http://example.com/x""#)
    }

    @Test("\\u escapes decode, including a surrogate pair, and non-ASCII prints raw")
    func unicodeEscapes() throws {
        let v = try parse(#""\u0041\u00e9\u65e5\ud83d\ude00""#)
        #expect(v == .string("Aé日😀"))
        #expect(v.serialized() == "\"Aé日😀\"")
    }

    @Test("a lone high surrogate becomes U+FFFD; a high surrogate followed by a non-low \\u escape is an error")
    func loneSurrogates() throws {
        #expect(try parse(#""x\ud83dy""#) == .string("x\u{FFFD}y"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(throws: JSONParseError.self) { try parse(#""\ud83d\u0041""#) }
    }

    @Test("control characters without a short escape print as \\u00XX in lower-case hex")
    func controlCharacters() throws {
        let s = JSONValue.string("\u{00}\u{01}\u{1F}\u{7F}\n\t")
        #expect(s.serialized() == #""\u0000\u0001\u001f"# + "\u{7F}" + #"\n\t""#)
        #expect(try parse(s.serialized()) == s)
        #expect(try parse(#""\u001F""#) == .string("\u{1F}"))
    }

    @Test("jsonQuoted matches the serialization of a string value")
    func jsonQuoted() {
        let raw = "a\"b\\c\u{02}/é"
        #expect(raw.jsonQuoted == JSONValue.string(raw).serialized())
    }

    @Test("object members keep their written order, not sorted order")
    func keyOrderKept() throws {
        let v = try parse(#"{"zeta":1,"alpha":2,"mid":{"y":1,"b":2}}"#)
        #expect(v.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(v["mid"]?.objectValue?.keys == ["y", "b"])
    }

    @Test("large objects (past the index threshold) keep order and find keys")
    func largeObjectOrder() throws {
        let keys = (0..<40).map { "k\(39 - $0)" }
        let text = "{" + keys.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + "}"
        let v = try parse(text)
        #expect(v.objectValue?.keys == keys)
        #expect(v["k0"] == .int(39))
        #expect(v.serialized() == text)
        var o = v.objectValue!
        o.removeValue(forKey: "k20")
        #expect(o["k19"] == .int(20))
        #expect(o.count == 39)
        #expect(o["k20"] == nil)
    }

    @Test("a duplicate key keeps its first position and its last value")
    func duplicateKeys() throws {
        let v = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(v.objectValue?.keys == ["a", "b"])
        #expect(v["a"] == .int(3))
        #expect(v.serialized() == #"{"a":3,"b":2}"#)
        let built = JSONObject([("x", .int(1)), ("y", .int(2)), ("x", .int(9))])
        #expect(built.keys == ["x", "y"])
        #expect(built["x"] == .int(9))
    }

    @Test("numbers that an Int64 cannot hold exactly print as written", arguments: [
        "123456789012345678901234567890", "-123456789012345678901234567890", "1.50", "1e5", "1E+5", "2.5e-3",
        "0.1", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "100.000", "-0.0",
    ])
    func numbersPrintAsWritten(text: String) throws {
        #expect(try parse(text).serialized() == text)
        #expect(try parse("[\(text)]").serialized() == "[\(text)]")
    }

    @Test("integer literal facts: 1 is an integer literal, 1.0 and 1e0 are not")
    func integerLiterals() throws {
        #expect(try parse("1").numberValue?.isIntegerLiteral == true)
        #expect(try parse("1.0").numberValue?.isIntegerLiteral == false)
        #expect(try parse("1e0").numberValue?.isIntegerLiteral == false)
        #expect(try parse("1.0").numberValue?.intValue == 1)
        #expect(try parse("1.5").numberValue?.intValue == nil)
        #expect(try parse("123456789012345678901234567890").numberValue?.int64Value == nil)
    }

    @Test("equality ignores key order and treats 1 and 1.0 as equal; hashes agree")
    func deepEquality() throws {
        let a = try parse(#"{"a":1,"b":{"x":[1,2,{"p":true,"q":null}],"y":"s"}}"#)
        let b = try parse(#"{"b":{"y":"s","x":[1.0,2e0,{"q":null,"p":true}]},"a":1.00}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(try parse("1") == parse("1.0"))
        #expect(try parse("[1,2]") != parse("[2,1]"))
        #expect(try parse(#"{"a":1}"#) != parse(#"{"a":1,"b":2}"#))
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"a":1,"c":2}"#))
        #expect(try parse(#""1""#) != parse("1"))
        #expect(try parse("0") != parse("false"))
        #expect(try parse("null") != parse("{}"))
    }

    @Test("whitespace around and inside a document is accepted")
    func whitespace() throws {
        #expect(try parse(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ") == ["a": [1, 2]])
    }

    @Test("prettyPrinted indents with two spaces and prints empty containers compactly")
    func prettyPrinted() throws {
        let v = try parse(#"{"a":[1,"x"],"b":{},"c":[],"d":{"e":null}}"#)
        let expected = """
            {
              "a": [
                1,
                "x"
              ],
              "b": {},
              "c": [],
              "d": {
                "e": null
              }
            }
            """
        #expect(v.prettyPrinted() == expected)
        #expect(try parse(v.prettyPrinted()) == v)
    }

    @Test("serializedSize equals the UTF-8 size of serialized() for a varied document")
    func serializedSize() throws {
        var big = JSONObject()
        for i in 0..<30 { big["key\(i)"] = .string(String(repeating: "x", count: i)) }
        let doc: JSONValue = [
            "ascii": "plain",
            "escapes": "q\" b\\ n\n t\t r\r b\u{08} f\u{0C} c\u{01}\u{1F} slash/",
            "unicode": "é日😀",
            "numbers": [0, -1, 42, .int(Int.max), .int(Int.min), 1.5, .number(JSONNumber(exactDouble: 1.0)),
                        .number(JSONNumber(exactDouble: 1e20)), .number(JSONNumber(exactDouble: 1e-5))],
            "literal": try parse("[123456789012345678901234567890,1.50,1e5]"),
            "bools": [true, false, nil],
            "empty": [[], [:], ""],
            "nested": ["a": ["b": ["c": [1, [2, [3]]]]]],
            "big": .object(big),
            "é key \"quoted\"": 1,
        ]
        #expect(doc.serializedSize == doc.serialized().utf8.count)
        for (_, v) in doc.objectValue!.members {
            #expect(v.serializedSize == v.serialized().utf8.count)
        }
    }

    @Test("computed doubles print like Java's Double.toString in the common range")
    func computedDoubles() {
        #expect(JSONValue.number(JSONNumber(exactDouble: 1.0)).serialized() == "1.0")
        #expect(JSONValue.number(JSONNumber(exactDouble: 0.5)).serialized() == "0.5")
        #expect(JSONValue.number(JSONNumber(exactDouble: 1e20)).serialized() == "1.0E20")
        #expect(JSONValue.number(JSONNumber(exactDouble: 1.5e-5)).serialized() == "1.5E-5")
        #expect(JSONValue.double(2.0).serialized() == "2")
    }

    @Test("computed doubles in [1e-4, 1e-3) and [1e7, 1e16) print in Java's E notation")
    func computedDoublesJavaNotation() {
        #expect(JSONValue.number(JSONNumber(exactDouble: 0.0001)).serialized() == "1.0E-4")
        #expect(JSONValue.number(JSONNumber(exactDouble: 12345678.9)).serialized() == "1.23456789E7")
        #expect(JSONValue.number(JSONNumber(exactDouble: 1e7)).serialized() == "1.0E7")
    }
}
