import JSONValue
import Testing

@testable import StatesLanguage

private func json(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

@Suite("JSONPath parsing and classification")
struct JSONPathParsingTests {
    @Test("accepts Jayway's selector forms", arguments: [
        "$", "$.a", "$['a']", "$[\"a\"]", "$.a[0]", "$[-1]", "$[0,1]", "$[1:3]", "$[:2]", "$[-2:]", "$.*", "$[*]",
        "$..a", "$..[0]", "$[?(@.a == 1)]", "$[?(@.a =~ /x.*/i)]", "$[?(@.a in [1, 2])]", "$.a.length()",
        "$['a','b']", "$[ 0 , 1 ]", "$.a-b", "$.2",
    ])
    func accepts(_ text: String) throws {
        _ = try JSONPath(text)
    }

    // Jayway's bare `key` and relative `@.a` forms are rejected too: States Language paths start with `$`.
    @Test("rejects what Jayway rejects, and paths not rooted at $", arguments: [
        "", "$.", "$..", "$...a", "$[]", "$[:]", "$[::2]", "$[key]", "$[*,1]", "$[1:3,4]", "$[2:113667776004]",
        "$[?(true)]", "$[?(@.a=1)]", "$[?@.a==1]", "$[?()]", "$['a'.'b']", "$. a", "$(a)", "$[?(@.a>0 && false)]",
        "$.a.nosuchfunction()", "key", "@.a", ".key",
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONPathError.self) { try JSONPath(text) }
        do {
            _ = try JSONPath(text)
        } catch {
            guard case .invalid(let path, _) = error else { Issue.record("\(text): \(error)"); return }
            #expect(path == text)
        }
    }

    @Test("classifies definite paths: only names and single indices give a bare value")
    func definiteness() throws {
        for text in ["$", "$.a", "$['a']", "$.a[0].b", "$[-1]", "$['a','b']", "$.a.length()"] {
            #expect(try JSONPath(text).isDefinite, "\(text)")
        }
        for text in ["$.*", "$..a", "$[0,1]", "$[0:1]", "$[?(@.a)]", "$['a','b'].c"] {
            #expect(try !JSONPath(text).isDefinite, "\(text)")
        }
    }

    @Test("classifies reference paths: $, .name, ['name'] and [N] only")
    func referencePaths() throws {
        for text in ["$", "$.a", "$['a b'].c", "$.a[3]", "$$.Execution.Id", "$var.field"] {
            #expect(try JSONPath(text).isReferencePath, "\(text)")
        }
        for text in ["$.*", "$..a", "$[0,1]", "$.a.length()", "$['a','b']", "$[?(@.a)]"] {
            #expect(try !JSONPath(text).isReferencePath, "\(text)")
        }
    }

    @Test("recognises the input, context and variable roots")
    func roots() throws {
        #expect(try JSONPath("$.a").root == .input)
        #expect(try JSONPath("$").root == .input)
        #expect(try JSONPath("$$.Execution.Id").root == .context)
        #expect(try JSONPath("$$").root == .context)
        #expect(try JSONPath("$myVar").root == .variable("myVar"))
        #expect(try JSONPath("$_x1.field[0]").root == .variable("_x1"))
        #expect(try JSONPath("$.$").root == .input)
    }

    @Test("prints Jayway's normalized form")
    func normalizedForm() throws {
        #expect(try JSONPath("$.items[10].x").normalized == "$['items'][10]['x']")
        #expect(try JSONPath("$['it\\'s']").normalized == "$['it\\'s']")
        #expect(try JSONPath("$..a[*][1:3][?(@.x)]").normalized == "$..['a'][*][1:3][?]")
        #expect(try JSONPath("$$.Execution.Id").normalized == "$$['Execution']['Id']")
        #expect(try JSONPath("$v.a").normalized == "$v['a']")
        #expect(try JSONPath("$.a.length()").normalized == "$['a'].length()")
    }

    @Test("keeps the text as written and compares paths by it")
    func identity() throws {
        let path = try JSONPath("$.a[0]")
        #expect(path.text == "$.a[0]")
        #expect(path.description == "$.a[0]")
        #expect(path == (try JSONPath("$.a[0]")))
        #expect(Set([path, try JSONPath("$.a[0]")]).count == 1)
    }
}

@Suite("JSONPath evaluation")
struct JSONPathEvaluationTests {
    let document = json(#"{"a":{"b":[10,20,{"c":"x"}]},"n":null,"items":[{"id":1,"v":"p"},{"id":2,"v":"q"},{"id":3}]}"#)

    @Test("a definite path yields the bare value, including a present null")
    func definite() throws {
        #expect(try JSONPath("$.a.b[1]").evaluate(document) == 20)
        #expect(try JSONPath("$.a.b[-1].c").evaluate(document) == "x")
        #expect(try JSONPath("$.n").evaluate(document) == .null)
        #expect(try JSONPath("$").evaluate(document) == document)
    }

    @Test("an indefinite path yields a list, possibly empty")
    func indefinite() throws {
        #expect(try JSONPath("$.items[*].id").evaluate(document) == [1, 2, 3])
        #expect(try JSONPath("$.items[0:1].id").evaluate(document) == [1])
        #expect(try JSONPath("$.items[?(@.id > 1)].v").evaluate(document) == ["q"])
        #expect(try JSONPath("$.items[?(@.id > 9)]").evaluate(document) == [])
        #expect(try JSONPath("$..c").evaluate(document) == ["x"])
    }

    @Test("filters compare with the document root and match regular expressions")
    func filters() throws {
        let doc = json(#"{"limit":2,"xs":[{"n":1,"s":"abc"},{"n":2,"s":"ABD"},{"n":3,"s":"zz"}]}"#)
        #expect(try JSONPath("$.xs[?(@.n >= $.limit)].n").evaluate(doc) == [2, 3])
        #expect(try JSONPath("$.xs[?(@.s =~ /ab.*/i)].n").evaluate(doc) == [1, 2])
        #expect(try JSONPath("$.xs[?(@.n in [1, 3])].n").evaluate(doc) == [1, 3])
        #expect(try JSONPath("$.xs[?(@.n nin [1, 3])].n").evaluate(doc) == [2])
        #expect(try JSONPath("$.xs[?(@.s size 2)].n").evaluate(doc) == [3])
        #expect(try JSONPath("$.xs[?(!(@.n == 1) && @.s)].n").evaluate(doc) == [2, 3])
    }

    @Test("path functions at the end of a path")
    func functions() throws {
        let doc = json(#"{"xs":[1,2,3,4],"o":{"a":1,"b":2}}"#)
        #expect(try JSONPath("$.xs.length()").evaluate(doc) == 4)
        #expect(try JSONPath("$.xs.sum()").evaluate(doc) == 10)
        #expect(try JSONPath("$.xs.avg()").evaluate(doc) == 2.5)
        #expect(try JSONPath("$.xs.max()").evaluate(doc) == 4)
        #expect(try JSONPath("$.xs.first()").evaluate(doc) == 1)
        #expect(try JSONPath("$.xs.last()").evaluate(doc) == 4)
        #expect(try JSONPath("$.xs.index(1)").evaluate(doc) == 2)
        #expect(try JSONPath("$.o.keys()").evaluate(doc) == ["a", "b"])
        #expect(try JSONPath("$.xs.append(5)").evaluate(doc) == [1, 2, 3, 4, 5])
    }

    @Test("a missing leaf says 'No results for path' with the normalized path")
    func missingLeaf() throws {
        #expect(throws: JSONPathError.notFound(path: "$.a.x", message: "No results for path: $['a']['x']")) {
            try JSONPath("$.a.x").evaluate(document)
        }
        let error = JSONPathError.notFound(path: "$.a.x", message: "No results for path: $['a']['x']")
        #expect(error.description == "Invalid path '$.a.x' : No results for path: $['a']['x']")
    }

    @Test("a missing intermediate says 'Missing property in path'")
    func missingIntermediate() throws {
        #expect(throws: JSONPathError.notFound(path: "$.q.r", message: "Missing property in path $['q']")) {
            try JSONPath("$.q.r").evaluate(document)
        }
    }

    @Test("index out of range, name on an array and index on an object are not found")
    func wrongShapes() throws {
        for text in ["$.a.b[5]", "$.items.id", "$.a[0]", "$.a.b.2"] {
            #expect(throws: JSONPathError.self, "\(text)") { try JSONPath(text).evaluate(document) }
            do {
                _ = try JSONPath(text).evaluate(document)
            } catch {
                guard case .notFound = error else { Issue.record("\(text): \(error)"); return }
            }
        }
    }

    @Test("keys match by code points, not canonical equivalence")
    func exactKeys() throws {
        let doc = JSONValue.object(["u\u{308}": 1])
        #expect(throws: JSONPathError.self) { try JSONPath("$['\u{FC}']").evaluate(doc) }
        #expect(try JSONPath("$['u\u{308}']").evaluate(doc) == 1)
    }

    @Test("context and variable paths evaluate against the value passed for their root")
    func otherRoots() throws {
        let context = json(#"{"Execution":{"Id":"arn:x"}}"#)
        #expect(try JSONPath("$$.Execution.Id").evaluate(context) == "arn:x")
        #expect(try JSONPath("$order.items[0]").evaluate(json(#"{"items":["a"]}"#)) == "a")
        #expect(try JSONPath("$order").evaluate(5) == 5)
    }
}

@Suite("JSONPath ResultPath assignment")
struct JSONPathAssigningTests {
    @Test("$ replaces the whole input")
    func replacesRoot() throws {
        #expect(try JSONPath("$").assigning(["r": 1], into: ["a": 1]) == ["r": 1])
        #expect(try JSONPath("$").assigning(7, into: "text") == 7)
    }

    @Test("sets a member, keeping the others and their order")
    func setsMember() throws {
        let result = try JSONPath("$.r").assigning(1, into: json(#"{"a":1,"r":0,"z":2}"#))
        #expect(result.serialized() == #"{"a":1,"r":1,"z":2}"#)
        #expect(try JSONPath("$.new").assigning(true, into: ["a": 1]).serialized() == #"{"a":1,"new":true}"#)
    }

    @Test("creates missing intermediate objects")
    func createsIntermediates() throws {
        let result = try JSONPath("$.a.b.c").assigning("v", into: ["x": 1])
        #expect(result.serialized() == #"{"x":1,"a":{"b":{"c":"v"}}}"#)
        let nested = try JSONPath("$.a['b c']").assigning(1, into: json(#"{"a":{"k":0}}"#))
        #expect(nested.serialized() == #"{"a":{"k":0,"b c":1}}"#)
    }

    @Test("sets an existing array element, nested")
    func setsElement() throws {
        let result = try JSONPath("$.xs[1].v").assigning(9, into: json(#"{"xs":[{"v":1},{"v":2}]}"#))
        #expect(result.serialized() == #"{"xs":[{"v":1},{"v":9}]}"#)
        #expect(try JSONPath("$.xs[-1]").assigning(0, into: json(#"{"xs":[1,2]}"#)) == ["xs": [1, 0]])
    }

    @Test("fails when a step cannot be made (States.ResultPathMatchFailure)")
    func failures() throws {
        for (path, input) in [("$.a.b", #"{"a":"text"}"#), ("$.a", "[1]"), ("$.xs[5]", #"{"xs":[1]}"#),
                              ("$.a[0]", #"{"a":{"k":1}}"#), ("$.m[0]", "{}")] {
            do {
                _ = try JSONPath(path).assigning(1, into: json(input))
                Issue.record("\(path) on \(input) should fail")
            } catch {
                guard case .notFound(let p, let message) = error else { Issue.record("\(error)"); continue }
                #expect(p == path)
                #expect(message.hasPrefix("Unable to apply ReferencePath \(path) to input"))
            }
        }
    }

    @Test("refuses paths that are not reference paths")
    func nonReference() throws {
        #expect(throws: JSONPathError.self) { try JSONPath("$.a[*]").assigning(1, into: ["a": [1]]) }
        #expect(throws: JSONPathError.self) { try JSONPath("$..a").assigning(1, into: ["a": 1]) }
    }
}
