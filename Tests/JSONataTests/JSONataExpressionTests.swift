import JSONValue
import Testing

import JSONata

/// The public API as the States Language layer uses it.
struct JSONataExpressionTests {
    private func evaluate(
        _ source: String, _ input: JSONValue? = nil, bindings: [String: JSONataBinding] = [:],
        limits: JSONataLimits = JSONataLimits(), nowMillis: Double? = nil
    ) throws(JSONataError) -> JSONataResult {
        try JSONataExpression(source).evaluate(input, bindings: bindings, limits: limits, nowMillis: nowMillis)
    }

    private let states: JSONValue = [
        "input": ["customer": ["id": "c-42"], "items": [["price": 5], ["price": 12.5], ["price": 20]]]
    ]

    @Test func pathIntoABoundVariableYieldsTheValue() throws {
        let result = try evaluate("$states.input.customer.id", bindings: ["states": .value(states)])
        #expect(result == .value("c-42"))
    }

    @Test func aggregatesAndFiltersWorkOnBoundInput() throws {
        let b: [String: JSONataBinding] = ["states": .value(states)]
        #expect(try evaluate("$sum($states.input.items.price)", bindings: b) == .value(37.5))
        #expect(try evaluate("$states.input.items[price > 10].price", bindings: b) == .value([12.5, 20]))
        #expect(
            try evaluate("$map($states.input.items, function($v){$v.price * 2})", bindings: b) == .value([10, 25, 40]))
    }

    @Test func missingPathIsUndefinedNotNull() throws {
        #expect(try evaluate("a.b.c", ["a": ["x": 1]]) == .undefined)
        #expect(try evaluate("a", ["a": nil]) == .value(.null))
    }

    @Test func functionResultIsReportedAsFunction() throws {
        #expect(try evaluate("function($x){$x}") == .function)
        #expect(try evaluate("$sum") == .function)
    }

    @Test func topLevelArrayInputIsOneDocument() throws {
        #expect(try evaluate("$", [1, 2, 3]) == .value([1, 2, 3]))
        #expect(try evaluate("$count($)", [1, 2, 3]) == .value(3))
    }

    @Test func hostValueBindingShadowsBuiltIn() throws {
        #expect(try evaluate("$sum", bindings: ["sum": .value(7)]) == .value(7))
    }

    @Test func userBindingShadowsHostFunction() throws {
        let range = JSONataNativeFunction(signature: "<nnn?:a<n>>") { _ in .array([]) }
        let result = try evaluate("($range := function($a, $b){[$a..$b]}; $range(1, 3))", bindings: ["range": .function(range)])
        #expect(result == .value([1, 2, 3]))
    }

    @Test func hostFunctionShadowsBuiltInAndReceivesUndefinedAsNil() throws {
        let random = JSONataNativeFunction(signature: "<x?:n>") { args in
            .double(args.first! == nil ? 0.25 : 0.75)
        }
        #expect(try evaluate("$random()", bindings: ["random": .function(random)]) == .value(0.25))
        #expect(try evaluate("$random(nothing)", bindings: ["random": .function(random)]) == .value(0.25))
        #expect(try evaluate("$random(1)", bindings: ["random": .function(random)]) == .value(0.75))
    }

    @Test func hostFunctionArgumentsAreCheckedAgainstItsSignature() throws {
        let partition = JSONataNativeFunction(signature: "<an:a>") { args in
            guard case .array(let items)? = args[0], case .number(let n)? = args[1], let size = n.intValue, size > 0 else {
                return nil
            }
            return .array(stride(from: 0, to: items.count, by: size).map { .array(Array(items[$0..<min($0 + size, items.count)])) })
        }
        let b: [String: JSONataBinding] = ["partition": .function(partition)]
        #expect(try evaluate("$partition([1,2,3], 2)", bindings: b) == .value([[1, 2], [3]]))
        #expect(try evaluate("$partition(5, 1)", bindings: b) == .value([[5]]))
        let error = #expect(throws: JSONataError.self) { try evaluate("$partition([1], 'x')", bindings: b) }
        #expect(error?.code == "T0410")
        #expect(error?.message == "Argument 2 of function \"partition\" does not match function signature")
    }

    @Test func hostFunctionErrorsKeepTheirCodeAndMessage() throws {
        let failing = JSONataNativeFunction(signature: nil) { _ throws(JSONataError) in
            throw JSONataError(code: "D9999", message: "host says no")
        }
        let error = #expect(throws: JSONataError.self) { try evaluate("$fail()", bindings: ["fail": .function(failing)]) }
        #expect(error?.code == "D9999")
        #expect(error?.message == "host says no")
    }

    @Test func invokingANonFunctionGivesTheReferenceMessage() throws {
        let error = #expect(throws: JSONataError.self) { try evaluate("($f := 1; $f())") }
        #expect(error?.code == "T1006")
        #expect(error?.message == "Attempted to invoke a non-function")
    }

    @Test func syntaxErrorsCarryCodeTokenAndPosition() throws {
        let error = #expect(throws: JSONataError.self) { try JSONataExpression("[1, 2") }
        #expect(error?.code == "S0203")
        #expect(error?.message == "Expected \"]\" before end of expression")
        #expect(error?.position == 5)
    }

    @Test func deepRecursionEndsInU1001WithoutCrashing() throws {
        let error = #expect(throws: JSONataError.self) {
            try evaluate("($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(1000000))", limits: JSONataLimits(maxDepth: 2_000))
        }
        #expect(error?.code == "U1001")
    }

    @Test func recursionWithinTheDepthLimitSucceeds() throws {
        let result = try evaluate(
            "($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(1500))", limits: JSONataLimits(maxDepth: 5_000))
        #expect(result == .value(1500))
    }

    @Test func tailCallsDoNotCountTowardsTheDepthLimit() throws {
        let result = try evaluate(
            "($loop := function($n, $acc){$n = 0 ? $acc : $loop($n - 1, $acc + 1)}; $loop(20000, 0))",
            limits: JSONataLimits(maxDepth: 100))
        #expect(result == .value(20000))
    }

    @Test func stepLimitStopsRunawayLoops() throws {
        let error = #expect(throws: JSONataError.self) {
            try evaluate("$map([1..100000], function($x){$x * 2})", limits: JSONataLimits(maxSteps: 10_000))
        }
        #expect(error?.code == "U1001")
    }

    @Test func clockFunctionsUseOneTimestampPerEvaluation() throws {
        #expect(try evaluate("$millis()", nowMillis: 1_700_000_000_123) == .value(1_700_000_000_123))
        #expect(try evaluate("$now()", nowMillis: 1_700_000_000_123) == .value("2023-11-14T22:13:20.123Z"))
        #expect(try evaluate("$millis() = $millis()") == .value(true))
    }

    @Test func compiledExpressionIsUsableFromManyTasks() async throws {
        let expression = try JSONataExpression("$sum(items.price) * factor")
        let totals = try await withThrowingTaskGroup(of: JSONataResult.self) { group in
            for factor in 1...8 {
                group.addTask {
                    try expression.evaluate(["items": [["price": 1], ["price": 2]], "factor": .int(factor)])
                }
            }
            var out: [JSONataResult] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(Set(totals.map { "\($0)" }).count == 8)
    }
}

extension JSONataExpressionTests {
    @Test func absurdlyNestedSourceIsRefusedNotCrashed() {
        let nested = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        let error = #expect(throws: JSONataError.self) { try JSONataExpression(nested) }
        #expect(error?.code == "U1001")
        let chain = Array(repeating: "1", count: 5_000).joined(separator: "+")
        #expect(throws: JSONataError.self) { try JSONataExpression(chain) }
    }

    @Test func moderatelyLongChainsStillCompile() throws {
        let chain = Array(repeating: "1", count: 200).joined(separator: "+")
        #expect(try JSONataExpression(chain).evaluate(nil) == .value(200))
    }
}

extension JSONataExpressionTests {
    @Test func regexLiteralsFollowJavaScriptSemantics() throws {
        #expect(try evaluate(#"$contains("abc\n", /c$/)"#) == .value(false))
        #expect(try evaluate(#"$contains("a\nc", /a$/m)"#) == .value(true))
        #expect(try evaluate(#"$match("٣4", /\d/).match"#) == .value("4"))
        #expect(try evaluate(##"$replace("a1b22", /\d+/, "#")"##) == .value("a#b#"))
        #expect(try evaluate(#"$match("x😀y", /y/).index"#) == .value(3))
    }

    @Test func stringFunctionsCountCodePoints() throws {
        #expect(try evaluate(#"$length("😀é")"#) == .value(2))
        #expect(try evaluate(#"$substring("😀abc", 1, 2)"#) == .value("ab"))
        #expect(try evaluate(#"$string(22/7)"#) == .value("3.14285714285714"))
        #expect(try evaluate(#"$string(1e21) & " " & $string(1e-7)"#) == .value("1e+21 1e-7"))
    }
}
