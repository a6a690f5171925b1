import DynamoDBTables
import JSONValue
import Testing

@Suite struct AttributeValueTests {
    @Test func everyTypeRoundTripsThroughJSON() throws {
        let text = """
            {"M":{"b":{"B":"AAEC"},"bool":{"BOOL":true},"bs":{"BS":["AA==","AQ=="]},"l":{"L":[{"S":"x"},{"NULL":true}]},\
            "n":{"N":"12.5"},"ns":{"NS":["1","2"]},"s":{"S":"hi"},"ss":{"SS":["a","b"]}}}
            """
        let value = try AttributeValue(json: json(text))
        #expect(value.json == json(text))
    }

    @Test func aValueWithTwoTypeKeysIsRejected() {
        #expect(throws: DynamoDBError.validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")) {
            try AttributeValue(json: json(#"{"S": "a", "N": "1"}"#))
        }
    }

    @Test func emptySetsAndDuplicateMembersAreRejected() {
        #expect(throws: DynamoDBError.invalidParameter("An string set  may not be empty")) {
            try AttributeValue(json: json(#"{"SS": []}"#))
        }
        #expect(throws: DynamoDBError.invalidParameter("Input collection [a, a] contains duplicates.")) {
            try AttributeValue(json: json(#"{"SS": ["a", "a"]}"#))
        }
        #expect(throws: DynamoDBError.invalidParameter("Input collection [1, 1.0] contains duplicates.")) {
            try AttributeValue(json: json(#"{"NS": ["1", "1.0"]}"#))
        }
    }

    @Test func numbersAreNormalizedAndComparedNumerically() throws {
        #expect(try DynamoNumber(parsing: "001.500").text == "1.5")
        #expect(try DynamoNumber(parsing: "1e3").text == "1000")
        #expect(try DynamoNumber(parsing: "-0.0").text == "0")
        #expect(try DynamoNumber(parsing: "9") < DynamoNumber(parsing: "10"))
        #expect(try DynamoNumber(parsing: "-10") < DynamoNumber(parsing: "-9"))
        #expect(try DynamoNumber(parsing: "0.1") < DynamoNumber(parsing: "0.11"))
        #expect(try DynamoNumber(parsing: "-0.11") < DynamoNumber(parsing: "-0.1"))
    }

    @Test func numberArithmeticIsExactBeyondDoublePrecision() throws {
        let a = try DynamoNumber(parsing: "12345678901234567890123456789012345678")
        let sum = try DynamoNumber.adding(a, DynamoNumber(parsing: "1"))
        #expect(sum.text == "12345678901234567890123456789012345679")
        #expect(try DynamoNumber.subtracting(DynamoNumber(parsing: "0.3"), DynamoNumber(parsing: "0.1")).text == "0.2")
        #expect(try DynamoNumber.adding(DynamoNumber(parsing: "-5"), DynamoNumber(parsing: "3")).text == "-2")
    }

    @Test func numbersBeyondDynamoDBsPrecisionOrRangeAreRejected() {
        #expect(throws: DynamoDBError.validation("Attempting to store more than 38 significant digits in a Number")) {
            try DynamoNumber(parsing: "123456789012345678901234567890123456789")
        }
        #expect(throws: DynamoDBError.validation("A value provided cannot be converted into a number")) {
            try DynamoNumber(parsing: "12abc")
        }
        #expect(throws: DynamoDBError.self) { try DynamoNumber(parsing: "1e126") }
    }

    @Test func base64DecodesWhatItEncodes() {
        let bytes: [UInt8] = [0, 1, 2, 250, 255]
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
        #expect(Base64.decode("not base64!") == nil)
    }
}
