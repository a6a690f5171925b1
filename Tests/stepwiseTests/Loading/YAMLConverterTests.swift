import JSONValue
import Testing

@testable import stepwise

struct YAMLConverterTests {
    private func convert(_ text: String) throws(InputFileError) -> JSONValue {
        try YAMLConverter.convert(text, file: "t.yaml")
    }

    @Test("YAML scalars map to JSON's types; quoted scalars stay strings whatever they look like")
    func scalars() throws {
        let value = try convert(
            """
            int: 42
            negative: -7
            float: 1.50
            exponent: 1e3
            bool: true
            null: ~
            empty:
            string: hello
            quotedInt: "42"
            quotedBool: 'true'
            quotedNull: "null"
            date: 2024-01-01
            path: $.x
            """)
        #expect(
            value == [
                "int": 42, "negative": -7, "float": 1.5, "exponent": 1000, "bool": true, "null": nil, "empty": nil,
                "string": "hello", "quotedInt": "42", "quotedBool": "true", "quotedNull": "null", "date": "2024-01-01",
                "path": "$.x",
            ])
        // A number written as JSON would write it keeps its text.
        #expect(value["float"]?.serialized() == "1.50")
    }

    @Test("mappings keep their key order")
    func keyOrder() throws {
        let value = try convert("z: 1\na: 2\nm: {y: 3, b: 4}\n")
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value["m"]?.objectValue?.keys == ["y", "b"])
    }

    @Test("anchors and merge keys expand; keys written in the mapping win over merged ones")
    func anchorsAndMerge() throws {
        let value = try convert(
            """
            base: &retry {ErrorEquals: [States.ALL], MaxAttempts: 3}
            copy: *retry
            merged:
              <<: *retry
              MaxAttempts: 5
            """)
        #expect(value["copy"] == ["ErrorEquals": ["States.ALL"], "MaxAttempts": 3])
        #expect(value["merged"] == ["ErrorEquals": ["States.ALL"], "MaxAttempts": 5])
    }

    @Test("what JSON cannot hold is an error at the node's line and column")
    func notRepresentable() {
        #expect(throws: InputFileError(file: "t.yaml", place: .text(line: 2, column: 6), message: "JSON has no infinity or NaN; '.inf' cannot be used")) {
            try convert("a: 1\nbig: .inf\n")
        }
        #expect(throws: InputFileError.self) { try convert("? [a, b]\n: 1\n") }
    }

    @Test("a duplicate key is an error rather than a silent overwrite")
    func duplicateKey() {
        #expect(throws: InputFileError.self) { try convert("a: 1\na: 2\n") }
    }

    @Test("definitions are read as YAML by extension or when they do not start with '{'; .json is always JSON")
    func formatChoice() {
        #expect(DocumentReader.format(ofFile: "f.yml", text: "{}") == .yaml)
        #expect(DocumentReader.format(ofFile: "f.YAML", text: "{}") == .yaml)
        #expect(DocumentReader.format(ofFile: "f.asl", text: "  \n{\"StartAt\": 1}") == .json)
        #expect(DocumentReader.format(ofFile: "f.asl", text: "StartAt: A") == .yaml)
        #expect(DocumentReader.format(ofFile: "f.json", text: "StartAt: A") == .json)
        #expect(DocumentReader.baseName("dir/order.asl.json") == "order.asl")
        #expect(DocumentReader.baseName("flow") == "flow")
    }
}
