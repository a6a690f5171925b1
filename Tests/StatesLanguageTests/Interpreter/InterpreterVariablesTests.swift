import JSONValue
import StatesLanguage
import Testing

@Suite("Interpreter: workflow variables (Assign)")
struct InterpreterVariablesTests {
    typealias H = InterpreterHarness

    @Test("Assign sets variables that later states read as $name, and StateExited records them as JSON text")
    func assignedVariablesAreReadLaterAndRecorded() throws {
        let h = try H(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": {"n": 5}, "Assign": {"count.$": "$.n", "label": "five"}, "Next": "B"},
              "B": {"Type": "Pass", "Parameters": {"c.$": "$count", "l.$": "$label"}, "End": true}}}
            """)
        _ = h.start()
        #expect(h.interpreter.output == ["c": 5, "l": "five"])
        let exited = h.events(.passStateExited)[0]
        #expect(exited.details.awsJSON["assignedVariables"] == ["count": "5", "label": "\"five\""])
        #expect(exited.details.awsJSON["assignedVariablesDetails"] == ["truncated": false])
    }

    @Test("every path of a state, OutputPath included, sees the variables as they were before the state's Assign")
    func assignmentsApplyAfterTheWholeState() throws {
        let h = try H(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
              "B": {"Type": "Pass", "Parameters": {"before.$": "$x"}, "Assign": {"x": 2, "seen.$": "$x"}, "OutputPath": "$.before", "Next": "C"},
              "C": {"Type": "Pass", "Parameters": {"x.$": "$x", "seen.$": "$seen"}, "End": true}}}
            """)
        _ = h.start()
        #expect(h.interpreter.output == ["x": 2, "seen": 1])
    }

    @Test("a Parallel branch reads outer variables; what it assigns never reaches the outer scope")
    func branchScopesAreIsolated() throws {
        let h = try H(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"outer": "o"}, "Next": "P"},
              "P": {"Type": "Parallel", "Next": "C", "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"inner": 1, "outer": "changed"}, "Next": "B2"},
                                              "B2": {"Type": "Pass", "Parameters": {"o.$": "$outer", "i.$": "$inner"}, "End": true}}}]},
              "C": {"Type": "Pass", "Parameters": {"o.$": "$outer", "branch.$": "$[0]"}, "End": true}}}
            """)
        _ = h.start()
        #expect(h.interpreter.output == ["o": "o", "branch": ["o": "changed", "i": 1]])
    }

    @Test("a variable assigned only inside a Map iteration is undefined after the Map")
    func innerVariablesAreGoneAfterTheMap() throws {
        let h = try H(
            """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "Next": "C", "ItemProcessor": {"StartAt": "I", "States": {
                "I": {"Type": "Pass", "Assign": {"item.$": "$"}, "End": true}}}},
              "C": {"Type": "Pass", "Parameters": {"v.$": "$item"}, "End": true}}}
            """, input: [1, 2])
        _ = h.start()
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "States.Runtime")
    }

    @Test("a Choice applies the state's Assign and the matched rule's over it")
    func choiceRuleAssignOverridesStateAssign() throws {
        let h = try H(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Assign": {"a": "state", "b": "state"}, "Default": "D", "Choices": [
                {"Variable": "$.go", "BooleanEquals": true, "Assign": {"b": "rule"}, "Next": "D"}]},
              "D": {"Type": "Pass", "Parameters": {"a.$": "$a", "b.$": "$b"}, "End": true}}}
            """, input: ["go": true])
        _ = h.start()
        #expect(h.interpreter.output == ["a": "state", "b": "rule"])
    }

    @Test("a catcher's Assign reads the error output with $")
    func catcherAssignReadsErrorOutput() throws {
        let h = try H(
            taskMachine(
                #""Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"why.$": "$.Error"}, "ResultPath": null, "Next": "After"}]"#,
                extraStates: #""After": {"Type": "Pass", "Parameters": {"why.$": "$why"}, "End": true}"#))
        let task = h.start().tasks[0]
        _ = h.handle(.taskFailed(taskId: task.taskId, error: "Boom", cause: nil), at: 1)
        #expect(h.interpreter.output == ["why": "Boom"])
    }

    @Test("a variable over 256 KiB fails the state with States.Runtime and assigns nothing")
    func oversizedVariableFails() throws {
        let big = String(repeating: "x", count: 262_144)
        let h = try H(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"big.$": "$.big"}, "End": true}}}
            """, input: ["big": .string(big)])
        _ = h.start()
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.error == "States.Runtime")
        #expect(h.interpreter.cause?.contains("'big'") == true)
    }

    @Test("variables over 10 MiB together fail the state that would exceed the limit")
    func totalVariablesLimit() throws {
        // 41 variables of 256,000 bytes each pass one by one; the 41st takes the total over 10 MiB.
        var states: [String] = []
        for i in 0..<41 {
            let next = i < 40 ? #""Next": "S\#(i + 1)""# : #""End": true"#
            states.append(#""S\#(i)": {"Type": "Pass", "Assign": {"v\#(i).$": "$.big"}, \#(next)}"#)
        }
        let h = try H(
            #"{"StartAt": "S0", "States": {\#(states.joined(separator: ","))}}"#,
            input: ["big": .string(String(repeating: "x", count: 255_998))])
        _ = h.start()
        #expect(h.interpreter.status == .failed)
        #expect(h.interpreter.cause?.contains("over the limit of 10485760 bytes") == true)
        #expect(h.events(.passStateExited).count == 40)
    }
}
