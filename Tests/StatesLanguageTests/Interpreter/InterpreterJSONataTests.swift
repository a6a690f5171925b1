import JSONValue
import StatesLanguage
import Testing

@Suite("Interpreter: JSONata query language")
struct InterpreterJSONataTests {
    typealias H = InterpreterHarness

    @Test("a Task's Arguments read $states.input; its Output and Assign read $states.result")
    func taskArgumentsOutputAndAssign() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Arguments": {"id": "{% $states.input.order.id %}", "n": "{% $count($states.input.order.items) %}"},
                       "Output": {"total": "{% $states.result.total %}", "id": "{% $states.input.order.id %}"},
                       "Assign": {"lastTotal": "{% $states.result.total %}"}, "Next": "After"},
              "After": {"Type": "Pass", "Output": {"remembered": "{% $lastTotal %}", "input": "{% $states.input %}"}, "End": true}}}
            """, input: ["order": ["id": "o-1", "items": [1, 2, 3]]])
        let task = h.start().tasks[0]
        #expect(task.parameters == ["id": "o-1", "n": 3])
        _ = h.handle(.taskSucceeded(taskId: task.taskId, output: ["total": 12]), at: 1)
        #expect(h.interpreter.output == ["remembered": 12, "input": ["total": 12, "id": "o-1"]])
    }

    @Test("a catcher's Output reads $states.errorOutput; without Output the error output goes on")
    func catcherOutputReadsErrorOutput() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                       "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"failed": "{% $states.errorOutput.Error %}",
                                   "was": "{% $states.input.x %}"}, "Assign": {"cause": "{% $states.errorOutput.Cause %}"}, "Next": "After"}]},
              "After": {"Type": "Pass", "Output": "{% $merge([$states.input, {'cause': $cause}]) %}", "End": true}}}
            """, input: ["x": 1])
        let task = h.start().tasks[0]
        _ = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: "bad"), at: 1)
        #expect(h.interpreter.output == ["failed": "Boom", "was": 1, "cause": "bad"])
    }

    @Test("Map Items and ItemSelector evaluate per item with $states.context.Map.Item")
    func mapItemsAndItemSelector() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": {"Type": "Map", "Items": "{% $states.input.rows[v > 1] %}", "MaxConcurrency": "{% 1 + 1 %}",
                    "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}", "v": "{% $states.context.Map.Item.Value.v * 10 %}"},
                    "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                    "Output": "{% $states.result.v %}", "End": true}}}
            """, input: ["rows": [["v": 1], ["v": 2], ["v": 3]]])
        _ = h.start()
        #expect(h.interpreter.output == [20, 30])
    }

    @Test("an expression that gives nothing fails with States.QueryEvaluationError and records EvaluationFailed")
    func undefinedResultFails() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Pass", "Output": {"x": "{% $states.input.missing %}"}, "End": true}}}
            """)
        _ = h.start()
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "States.QueryEvaluationError")
        #expect(
            h.interpreter.cause
                == "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/x' returned nothing (undefined).")
        let failed = h.events(.evaluationFailed)
        #expect(failed.count == 1)
        #expect(failed.first?.details.awsJSON["location"] == "Output/x")
        #expect(failed.first?.details.awsJSON["state"] == "P")
    }

    @Test("a JSONata error inside an expression is reported with its code and message, and can be caught")
    func evaluationErrorsAreCatchable() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $notAFunction() %}",
                    "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """)
        _ = h.start()
        #expect(h.interpreter.status == .succeeded)
        let output = h.interpreter.output
        #expect(output?["Error"] == "States.QueryEvaluationError")
        #expect(output?["Cause"]?.stringValue?.hasSuffix("threw an error during evaluation. T1006: Attempted to invoke a non-function") == true)
    }

    @Test("a Choice Condition must be a boolean; the matched rule's Output and Assign apply")
    func choiceConditions() throws {
        let definition = """
            {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": {"Type": "Choice", "Default": "D", "Choices": [
                {"Condition": "{% $states.input.n > 1 %}", "Output": {"big": true}, "Assign": {"size": "big"}, "Next": "D"}]},
              "D": {"Type": "Pass", "Output": "{% $merge([$states.input, {'size': $exists($size) ? $size : 'none'}]) %}", "End": true}}}
            """
        let big = try H(definition, input: ["n": 5])
        _ = big.start()
        #expect(big.interpreter.output == ["big": true, "size": "big"])
        let small = try H(definition, input: ["n": 0])
        _ = small.start()
        #expect(small.interpreter.output == ["n": 0, "size": "none"])
        let wrong = try H(definition.replacingOccurrences(of: "$states.input.n > 1", with: "$states.input.n"), input: ["n": 5])
        _ = wrong.start()
        #expect(wrong.interpreter.error == "States.QueryEvaluationError")
        #expect(wrong.interpreter.cause?.contains("Expected 'boolean', but was 'number' for value: 5") == true)
    }

    @Test("Wait Seconds and a Task's TimeoutSeconds can be expressions")
    func numericExpressions() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "W", "States": {
              "W": {"Type": "Wait", "Seconds": "{% $states.input.delay * 2 %}", "Next": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "{% $states.input.delay + 1 %}", "End": true}}}
            """, input: ["delay": 5])
        let timers = h.start().timers
        #expect(timers.map(\.due) == [H.at(10)])
        let next = h.handle(.timerFired(timerId: timers[0].id), at: 10)
        #expect(next.tasks.first?.timeoutSeconds == 6)
    }

    @Test("Fail Error and Cause can be expressions")
    func failExpressions() throws {
        let h = try H(
            """
            {"QueryLanguage": "JSONata", "StartAt": "F", "States": {
              "F": {"Type": "Fail", "Error": "{% 'Bad.' & $states.input.kind %}", "Cause": "{% $string($states.input.n) %}"}}}
            """, input: ["kind": "Input", "n": 3])
        _ = h.start()
        #expect(h.interpreter.error == "Bad.Input")
        #expect(h.interpreter.cause == "3")
    }

    @Test("AWS's added functions: $partition, $range, $hash, $parse, and $uuid and seeded $random repeatable")
    func awsFunctions() throws {
        let definition = """
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Output": {
              "chunks": "{% $partition([1,2,3,4,5], 2) %}", "range": "{% $range(10, 0, -5) %}",
              "hash": "{% $hash('abc', 'SHA-256') %}", "parsed": "{% $parse('{\\"a\\": [1]}') %}",
              "uuid": "{% $uuid() %}", "seeded": "{% $random(7) = $random(7) %}", "unit": "{% $random() < 1 %}"}}}}
            """
        let first = try H(definition, seed: 1)
        _ = first.start()
        let out = try #require(first.interpreter.output)
        #expect(out["chunks"] == [[1, 2], [3, 4], [5]])
        #expect(out["range"] == [10, 5, 0])
        #expect(out["hash"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(out["parsed"] == ["a": [1]])
        #expect(out["seeded"] == true)
        #expect(out["unit"] == true)
        let replay = try H(definition, seed: 1)
        _ = replay.start()
        #expect(replay.interpreter.output?["uuid"] == out["uuid"])
        #expect(out["uuid"]?.stringValue?.count == 36)
    }

    @Test("a JSONata syntax error is a definition error that names the field")
    func syntaxErrorsAreDefinitionErrors() throws {
        #expect(throws: DefinitionError.self) {
            try H(#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input. %}", "End": true}}}"#)
        }
    }
}
