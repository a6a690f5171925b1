import JSONValue
import Testing

@Suite("JSONValue malformed documents")
struct JSONParseErrorTests {
    func failure(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONValue(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var line: Int
        var column: Int
        var reason: String
        var testDescription: String { text }
    }

    @Test("malformed documents report the offset, line and column of the fault", arguments: [
        Case(text: "[1,2,]", offset: 5, line: 1, column: 6, reason: "expected a JSON value"),
        Case(text: #"{"a":1,}"#, offset: 7, line: 1, column: 8, reason: "Expected a string key"),
        Case(text: "{\n  \"a\": \"abc", offset: 9, line: 2, column: 8, reason: "Unterminated string"),
        Case(text: "[01]", offset: 2, line: 1, column: 3, reason: "leading zeros"),
        Case(text: "\n\n  012", offset: 5, line: 3, column: 4, reason: "leading zeros"),
        Case(text: #"["a\x"]"#, offset: 3, line: 1, column: 4, reason: "Invalid escape"),
        Case(text: "{} x", offset: 3, line: 1, column: 4, reason: "after the JSON value"),
        Case(text: "[1]\n]", offset: 4, line: 2, column: 1, reason: "after the JSON value"),
        Case(text: "[\"é\", x]", offset: 7, line: 1, column: 7, reason: "expected a JSON value"),
        Case(text: "", offset: 0, line: 1, column: 1, reason: "Unexpected end of input"),
        Case(text: "[1 2]", offset: 3, line: 1, column: 4, reason: "Expected ',' or ']'"),
        Case(text: #"{"a" 1}"#, offset: 5, line: 1, column: 6, reason: "Expected ':'"),
        Case(text: "tru", offset: 0, line: 1, column: 1, reason: "expected 'true'"),
        Case(text: "1.", offset: 2, line: 1, column: 3, reason: "after '.'"),
        Case(text: "-", offset: 1, line: 1, column: 2, reason: "expected a digit"),
        Case(text: "1e+", offset: 3, line: 1, column: 4, reason: "exponent"),
        Case(text: #""\u12G4""#, offset: 5, line: 1, column: 6, reason: "not a hex digit"),
        Case(text: "\"a\tb\"", offset: 2, line: 1, column: 3, reason: "Unescaped control character"),
        Case(text: "[1,2", offset: 4, line: 1, column: 5, reason: "end of input"),
        Case(text: "+1", offset: 0, line: 1, column: 1, reason: "Unexpected character '+'"),
    ])
    func malformed(c: Case) throws {
        let error = try #require(failure(c.text))
        #expect(error.offset == c.offset)
        #expect(error.line == c.line)
        #expect(error.column == c.column)
        #expect(error.reason.contains(c.reason), "\(error.reason)")
        #expect(error.description.contains("line \(c.line), column \(c.column)"))
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func invalidUTF8() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        #expect(try JSONValue(parsing: Array("\"é\"".utf8)) == .string("é"))
    }

    @Test("nesting up to 512 levels parses; 513 levels is rejected with the offset of the extra bracket")
    func nestingLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue(parsing: ok).serialized() == ok)
        let deepObjects = String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(try JSONValue(parsing: deepObjects).serializedSize == deepObjects.utf8.count)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(failure(tooDeep))
        #expect(error.reason.contains("512"))
        #expect(error.offset == 512)
    }
}
