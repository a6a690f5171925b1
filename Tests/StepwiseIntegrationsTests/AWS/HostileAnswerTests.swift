import StepwiseIntegrations
import Testing

@Suite("Hostile answers and configuration")
struct HostileAnswerTests {
    @Test("XML nested deeper than 256 levels is refused with an error instead of exhausting the stack")
    func deepXMLIsRefused() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(throws: XMLParseError.self) { try XMLDocumentParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "<a>", count: 200) + "x" + String(repeating: "</a>", count: 200)
        #expect((try? XMLDocumentParser.parse(Array(fine.utf8))) != nil)
    }

    @Test("URLs in messages lose their user info and query string")
    func urlsAreRedacted() {
        #expect(HTTPExchange.redacted("https://user:secret@api.example/v1/items?api_key=k#frag") == "https://api.example/v1/items")
        #expect(HTTPExchange.redacted("http://127.0.0.1:9000/fn") == "http://127.0.0.1:9000/fn")
    }

    @Test("a Lambda TimeoutSeconds above a day is refused at the configuration, naming where")
    func hugeTimeoutIsRefused() {
        #expect(throws: IntegrationConfigurationError.self) {
            try LambdaFunctions(section: ["f": ["Command": ["true"], "TimeoutSeconds": 31_536_000]])
        }
    }
}
