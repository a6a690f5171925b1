import JSONValue
import Testing
@testable import StatesLanguage

@Suite("Intrinsic parser")
struct IntrinsicParserTests {
    @Test("parses literals, paths and nested calls into arguments")
    func parsesArgumentKinds() throws {
        let call = try IntrinsicCall(parsing: "States.Array('a', 1, -2.5, true, false, null, $.x, $$.Execution.Id, $v.y, States.UUID())")
        #expect(call.function == .array)
        #expect(call.arguments == [
            .literal("a"), .literal(1), .literal(.number(JSONNumber(literal: "-2.5")!)), .literal(true), .literal(false),
            .literal(.null), .path("$.x"), .path("$$.Execution.Id"), .path("$v.y"),
            .call(IntrinsicCall(function: .uuid, arguments: [])),
        ])
    }

    @Test("accepts a call with no arguments and whitespace around everything")
    func whitespace() throws {
        #expect(try IntrinsicCall(parsing: "States.Array()").arguments.isEmpty)
        let call = try IntrinsicCall(parsing: "  States.MathAdd (  $.a ,\t 1 )  ")
        #expect(call.arguments == [.path("$.a"), .literal(1)])
    }

    @Test("keeps brackets, quotes, commas and parentheses inside a path argument")
    func pathWithBrackets() throws {
        let call = try IntrinsicCall(parsing: "States.Format('{}{}', $.a['b, c'][0], $.list[?(@.x > 1)].y)")
        #expect(call.pathArguments == ["$.a['b, c'][0]", "$.list[?(@.x > 1)].y"])
    }

    @Test("lists path arguments of nested calls depth first")
    func pathArgumentsRecursive() throws {
        let call = try IntrinsicCall(parsing: "States.Format('{} {}', $.a, States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), $.i))")
        #expect(call.pathArguments == ["$.a", "$$.StateMachine.Name", "$.i"])
    }

    @Test("unescapes \\' \\{ \\} and \\\\ in string literals")
    func escapes() throws {
        let call = try IntrinsicCall(parsing: #"States.Array('it\'s \{x\} a\\b')"#)
        #expect(call.arguments == [.literal("it's {x} a\\b")])
    }

    @Test("allows unescaped braces and control characters in string literals, as AWS does")
    func unescapedBraces() throws {
        let call = try IntrinsicCall(parsing: "States.StringToJson('{\"a\": \"b\"}')")
        #expect(call.arguments == [.literal("{\"a\": \"b\"}")])
        #expect(try IntrinsicCall(parsing: "States.StringSplit('Hello\nWorld', '\n')").arguments == [.literal("Hello\nWorld"), .literal("\n")])
    }

    @Test("rejects an escape other than \\' \\{ \\} \\\\ (AWS refuses \\\" in a literal)")
    func illegalEscape() {
        let error = parseError(#"States.StringToJson('{"text":"An \"escaped\" here"}')"#)
        #expect(error?.message.contains("Invalid escape sequence") == true)
        #expect(error?.offset == 33)
        #expect(parseError(#"States.Array('\n')"#) != nil)
    }

    @Test("names an unknown function in the error")
    func unknownFunction() {
        let error = parseError("States.Foo($.a)")
        #expect(error?.message == "The intrinsic function 'States.Foo' is not supported")
        #expect(error?.offset == 0)
        #expect(parseError("States.Array(States.format('x'))")?.message == "The intrinsic function 'States.format' is not supported")
    }

    @Test("checks the argument count of each function when parsing")
    func arity() {
        #expect(parseError("States.MathAdd(1)")?.message == "States.MathAdd takes 2 arguments, but 1 was given")
        #expect(parseError("States.UUID(1)")?.message == "States.UUID takes 0 arguments, but 1 was given")
        #expect(parseError("States.Format()")?.message == "States.Format takes at least 1 argument, but 0 were given")
        #expect(parseError("States.MathRandom(1)")?.message == "States.MathRandom takes 2 or 3 arguments, but 1 was given")
        #expect(parseError("States.MathRandom(1, 2, 3)") == nil)
        #expect(parseError("States.ArrayRange(1, 2)") != nil)
        #expect(parseError("States.JsonMerge($.a, $.b)") != nil)
    }

    @Test("rejects malformed calls")
    func malformed() {
        for text in [
            "", "$.a", "States.Array", "States.Array(", "States.Array('a'", "States.Array('a)", "States.Array(,)",
            "States.Array('a',)", "States.Array('a' 'b')", "States.Array(\"a\")", "States.Array(01)", "States.Array(1.)",
            "States.Array(.5)", "States.Array(+1)", "States.Array(1x)", "States.Array(truth)", "States.Array(TRUE)",
            "States.Array() x", "States.Array($.a[0)", "States.Array($.a['b)",
        ] {
            #expect(parseError(text) != nil, "\(text) should not parse")
        }
    }

    @Test("allows 10 nested calls and rejects an 11th")
    func nesting() {
        func nested(_ depth: Int) -> String {
            String(repeating: "States.Array(", count: depth) + String(repeating: ")", count: depth)
        }
        #expect(parseError(nested(10)) == nil)
        #expect(parseError(nested(11))?.message.contains("nested at most 10") == true)
    }

    @Test("parses numbers as integers or decimals, keeping big ones exact")
    func numbers() throws {
        let call = try IntrinsicCall(parsing: "States.Array(0, -7, 1e3, 123456789012345678901234567890)")
        #expect(call.arguments[0] == .literal(0))
        #expect(call.arguments[1] == .literal(-7))
        #expect(call.arguments[2] == .literal(1000))
        guard case .literal(let big) = call.arguments[3] else { Issue.record("not a literal"); return }
        #expect(big.serialized() == "123456789012345678901234567890")
    }

    @Test("tells calls from paths by the States. prefix")
    func looksLikeCall() {
        #expect(IntrinsicCall.looksLikeCall("States.Format('x')"))
        #expect(IntrinsicCall.looksLikeCall("States.Foo()"))
        #expect(!IntrinsicCall.looksLikeCall("$.States"))
        #expect(!IntrinsicCall.looksLikeCall("$$.Execution.Id"))
        #expect(!IntrinsicCall.looksLikeCall("States"))
    }
}
