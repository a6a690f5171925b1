import JSONValue
import StepwiseAPI
import Testing

@Suite("Pagination")
struct PaginationTests {
    @Test("a token reads back to its scope and position")
    func roundTrip() throws {
        let token = PageToken(scope: "ListExecutions:arn:aws:states:us-east-1:1:stateMachine:M", offset: 200)
        let text = token.encoded
        #expect(!text.contains("200"), "opaque: the offset is not readable as is")
        #expect(text.utf8.count <= 1024)
        let back = try PageToken(decoding: text, scope: token.scope)
        #expect(back == token)
        #expect(back.offset == 200)
        let keyed = PageToken(scope: "s", position: "exec-name/with:odd chars")
        #expect(try PageToken(decoding: keyed.encoded, scope: "s") == keyed)
    }

    @Test("an edited, truncated or foreign token is InvalidToken")
    func tampering() {
        let text = PageToken(scope: "ListStateMachines", offset: 2).encoded
        var edited = Array(text)
        edited[edited.count / 2] = edited[edited.count / 2] == "A" ? "B" : "A"
        for bad in [String(edited), String(text.dropLast(3)), "garbage!", "e30", ""] {
            #expect(throws: APIError.self, "\(bad)") { try PageToken(decoding: bad, scope: "ListStateMachines") }
        }
        #expect(throws: APIError.self) { try PageToken(decoding: text, scope: "ListActivities") }
        do {
            _ = try PageToken(decoding: "garbage!", scope: "s")
        } catch {
            #expect(error.code == .invalidToken)
            #expect(error.status == 400)
        }
    }

    @Test("a forged token with a valid checksum but an offset past the end is InvalidToken")
    func outOfRange() {
        let token = PageToken(scope: "s", offset: 99).encoded
        #expect(throws: APIError.self) { try Page(of: [1, 2, 3], maxResults: 2, nextToken: token, scope: "s") }
    }

    @Test("pages cut at maxResults, 0 meaning 100, and the last page has no token")
    func pages() throws {
        let all = Array(0..<250)
        let first = try Page(of: all, maxResults: 0, nextToken: nil, scope: "s")
        #expect(first.items == Array(0..<100))
        let second = try Page(of: all, maxResults: 120, nextToken: first.nextToken, scope: "s")
        #expect(second.items == Array(100..<220))
        let third = try Page(of: all, maxResults: nil, nextToken: second.nextToken, scope: "s")
        #expect(third.items == Array(220..<250))
        #expect(third.nextToken == nil)
        #expect(try Page(of: [Int](), maxResults: 5, nextToken: nil, scope: "s").nextToken == nil)
    }

    @Test("listing through the API walks all pages with nextToken, and a bad token is refused")
    func throughTheAPI() async throws {
        let client = Client()
        for i in 0..<5 {
            _ = await client.call("CreateStateMachine", ["name": .string("m\(i)"), "definition": .string(definition), "roleArn": .string(role)])
        }
        var names: [String] = []
        var token: JSONValue = .null
        repeat {
            let (status, json) = await client.call("ListStateMachines", ["maxResults": 2, "nextToken": token])
            #expect(status == 200)
            names += (json["stateMachines"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            token = json["nextToken"] ?? .null
        } while !token.isNull
        #expect(names == ["m0", "m1", "m2", "m3", "m4"])
        let e = await client.error("ListStateMachines", ["nextToken": "not-a-token"])
        #expect(e.code == "InvalidToken")
        let long = String(repeating: "t", count: 1025)
        let v = await client.error("ListStateMachines", ["nextToken": .string(long)])
        #expect(v.code == "ValidationException")
    }
}
