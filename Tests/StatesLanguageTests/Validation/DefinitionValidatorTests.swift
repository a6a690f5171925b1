import JSONValue
import Testing

@testable import StatesLanguage

/// Builds a one-machine definition around `states` for the rule tests.
private func machine(_ states: String, startAt: String = "A", extra: String = "") -> String {
    #"{"StartAt": "\#(startAt)", \#(extra) "States": {\#(states)}}"#
}

private func diagnostics(_ text: String, type: StateMachineType = .standard) -> [Diagnostic] {
    DefinitionValidator(type: type).validate(text: text)
}

private func only(_ text: String, type: StateMachineType = .standard) -> Diagnostic? {
    let found = diagnostics(text, type: type)
    return found.count == 1 ? found[0] : nil
}

private func schema(_ message: String, _ location: String?) -> Diagnostic {
    Diagnostic(code: "SCHEMA_VALIDATION_FAILED", message: message, location: location)
}

struct ValidDefinitionTests {
    @Test("a definition using every state type validates with no diagnostics")
    func everyStateType() {
        let text = machine(
            #"""
            "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Parameters": {"v.$": "$.x", "f.$": "States.Format('{}', $.x)"}, "Next": "B"},
            "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 10, "HeartbeatSeconds": 5,
                  "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2.0, "JitterStrategy": "FULL"},
                            {"ErrorEquals": ["States.ALL"]}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "F"}], "Next": "C"},
            "C": {"Type": "Choice", "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "D"},
                    {"And": [{"Variable": "$.s", "StringMatches": "a*"}, {"Not": {"Variable": "$.b", "IsNull": true}}], "Next": "D"},
                    {"Variable": "$.t", "TimestampLessThanEqualsPath": "$.u", "Next": "D"}],
                  "Default": "F"},
            "D": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "E"},
            "E": {"Type": "Parallel", "Branches": [{"StartAt": "P1", "States": {"P1": {"Type": "Succeed"}}}], "Next": "M"},
            "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                  "Next": "S"},
            "S": {"Type": "Succeed"},
            "F": {"Type": "Fail", "Error": "Boom", "CausePath": "$.cause"}
            """#)
        #expect(diagnostics(text) == [])
    }

    @Test("JSONata states accept Arguments, Output, Assign, Condition, Items and expressions")
    func jsonata() {
        let text = machine(
            #"""
            "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
                  "TimeoutSeconds": "{% $t %}", "Output": "{% $states.result %}", "Assign": {"x": 1}, "Next": "B"},
            "B": {"Type": "Choice", "Choices": [{"Condition": "{% $x = 1 %}", "Next": "C"}], "Default": "C"},
            "C": {"Type": "Map", "Items": "{% [1,2] %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Next": "W"},
            "W": {"Type": "Wait", "Seconds": "{% 1 %}", "End": true}
            """#, extra: #""QueryLanguage": "JSONata","#)
        #expect(diagnostics(text) == [])
    }

    @Test("a JSONata expression that does not compile is reported at its field, with JSONata's code")
    func jsonataSyntaxError() {
        let text = machine(
            #"""
            "A": {"Type": "Pass", "Output": {"x": "{% $states.input. %}"}, "Assign": {"ok": "{% 1 + 1 %}"}, "Next": "B"},
            "B": {"Type": "Choice", "Choices": [{"Condition": "{% ( %}", "Next": "S"}], "Default": "S"},
            "S": {"Type": "Succeed"}
            """#, extra: #""QueryLanguage": "JSONata","#)
        let found = diagnostics(text)
        #expect(found.map(\.location) == ["/States/A/Output/x", "/States/B/Choices[0]/Condition"])
        #expect(found.first?.message.hasPrefix("The JSONata expression '$states.input.' is not valid: S0") == true)
    }

    @Test("Assign is accepted in JSONPath mode with .$ paths")
    func assignInJSONPath() {
        #expect(diagnostics(machine(#""A": {"Type": "Pass", "Assign": {"v.$": "$.x", "w": 2}, "End": true}"#)) == [])
    }
}

struct DefinitionShapeTests {
    @Test("blank text is not a JSON object")
    func blank() {
        #expect(diagnostics(" ") == [schema("Definition must be a valid JSON object", nil)])
    }

    @Test("malformed JSON reports Jackson's message and source location")
    func malformed() {
        let found = only(#"{"StartAt": }"#)
        #expect(found?.code == "INVALID_JSON_DESCRIPTION")
        #expect(found?.location == #"[Source: (String)"{"StartAt": }"; line: 1, column: 14]"#)
        #expect(found?.message.hasPrefix("Unexpected character ('}' (code 125)): expected a valid value") == true)
    }

    @Test("missing top-level fields are listed together at /")
    func missingTopLevel() {
        #expect(diagnostics("{}") == [schema("These fields are required: [States, StartAt]", "/")])
    }

    @Test("unknown fields are refused at their object")
    func unknownField() {
        #expect(only(machine(#""A": {"Type": "Pass", "End": true, "Foo": 1}"#)) == schema("Field 'Foo' is not supported", "/States/A"))
        #expect(only(machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""Coment": "x","#)) == schema("Field 'Coment' is not supported", "/"))
    }

    @Test("an unknown state type names the allowed values")
    func badType() {
        #expect(
            only(machine(#""A": {"Type": "Nope", "End": true}"#))
                == schema("The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "/States/A/Type"))
    }

    @Test("Next and End are mutually exclusive, and one is required")
    func nextEnd() {
        #expect(
            diagnostics(machine(#""A": {"Type": "Pass", "Next": "A", "End": true}"#)).first
                == schema("There should only be one of the following fields: [Next, End]", "/States/A"))
        #expect(
            diagnostics(machine(#""A": {"Type": "Pass"}, "B": {"Type": "Succeed"}"#)).first
                == schema("This object should have only one of the following fields: [Next, End]", "/States/A"))
    }

    @Test("a wrongly typed field names the expected type")
    func fieldType() {
        #expect(only(machine(#""A": {"Type": "Pass", "Comment": 3, "End": true}"#)) == schema("Expected value of type [STRING]", "/States/A/Comment"))
    }

    @Test("state names longer than 80 characters are refused")
    func longName() {
        let name = String(repeating: "n", count: 81)
        let found = diagnostics(machine(#""\#(name)": {"Type": "Succeed"}"#, startAt: name))
        #expect(found.map(\.code) == ["INVALID_STATE_NAME"])
        #expect(found.first?.location == "/States/\(name)")
    }
}

struct GraphTests {
    @Test("a Next naming no state is a missing transition target at the field")
    func missingNext() {
        let found = diagnostics(machine(#""A": {"Type": "Pass", "Next": "Nope"}, "B": {"Type": "Succeed"}"#))
        #expect(found.first == Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: Nope", location: "/States/A/Next"))
    }

    @Test("a StartAt naming no state is reported at /StartAt")
    func missingStart() {
        #expect(
            only(machine(#""A": {"Type": "Succeed"}"#, startAt: "B"))
                == Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: B", location: "/StartAt"))
    }

    @Test("states nothing leads to are unreachable")
    func unreachable() {
        #expect(
            only(machine(#""A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}"#))
                == Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "State \"B\" is not reachable.", location: "/States/B"))
    }

    @Test("a machine with no terminal state is reported once, without a location")
    func noEnd() {
        #expect(
            only(machine(#""A": {"Type": "Pass", "Next": "A"}"#))
                == Diagnostic(code: "MISSING_END_STATE", message: "Workflow has no terminal state", location: nil))
    }

    @Test("a state name reused inside a Map's item processor is a duplicate")
    func duplicateAcrossNested() {
        let text = machine(
            #"""
            "A": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, "Next": "B"},
            "B": {"Type": "Succeed"}
            """#)
        #expect(
            only(text) == Diagnostic(code: "DUPLICATE_STATE_NAME", message: "Duplicate State name: B", location: "/States/B"))
    }

    @Test("nested machines report problems with their full location")
    func nestedLocation() {
        let text = machine(
            #""A": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": "Y"}}}], "End": true}"#)
        #expect(
            only(text)
                == Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: Y", location: "/States/A/Branches[0]/States/X/Next"))
    }
}

struct StateRuleTests {
    @Test("Wait takes exactly one of its four timing fields")
    func waitFields() {
        #expect(
            only(machine(#""A": {"Type": "Wait", "Seconds": 1, "Timestamp": "2016-03-14T01:59:00Z", "End": true}"#))
                == schema("There should only be one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]", "/States/A"))
    }

    @Test("Wait timestamps must be RFC3339")
    func waitTimestamp() {
        #expect(
            only(machine(#""A": {"Type": "Wait", "Timestamp": "2016-02-30T00:00:00Z", "End": true}"#))
                == schema("String does not match RFC3339 timestamp", "/States/A/Timestamp"))
    }

    @Test("Task needs a Resource ARN and a heartbeat shorter than its timeout")
    func task() {
        #expect(only(machine(#""A": {"Type": "Task", "End": true}"#)) == schema("These fields are required: [Resource]", "/States/A"))
        #expect(
            only(machine(#""A": {"Type": "Task", "Resource": "lambda", "End": true}"#))
                == schema("Value is not a valid resource ARN", "/States/A/Resource"))
        #expect(
            only(machine(#""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": true}"#))
                == schema("The value of HeartbeatSeconds must be less than the value of TimeoutSeconds", "/States/A"))
        #expect(
            only(machine(#""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true}"#))
                == schema("There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", "/States/A"))
    }

    @Test("Express machines refuse .sync and callback integrations")
    func express() {
        let sync = machine(#""A": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}"#)
        #expect(only(sync, type: .express) == schema("Express state machine does not support '.sync' service integration", "/States/A/Resource"))
        #expect(diagnostics(sync) == [])
    }

    @Test("Fail's Error and ErrorPath are exclusive")
    func fail() {
        #expect(
            only(machine(#""A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}"#))
                == schema("There should only be one of the following fields: [Error, ErrorPath]", "/States/A"))
    }

    @Test("Map needs exactly one of ItemProcessor and Iterator, and DISTRIBUTED needs an ExecutionType")
    func map() {
        #expect(
            only(machine(#""A": {"Type": "Map", "End": true}"#))
                == schema("This object should have only one of the following fields: [ItemProcessor, Iterator]", "/States/A"))
        let distributed = machine(
            #""A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}"#)
        #expect(only(distributed) == schema("These fields are required: [ExecutionType]", "/States/A/ItemProcessor/ProcessorConfig"))
    }

    @Test("Parallel needs at least one branch")
    func parallel() {
        #expect(only(machine(#""A": {"Type": "Parallel", "Branches": [], "End": true}"#)) == schema("Value cannot be empty", "/States/A/Branches"))
    }
}

struct RetryCatchTests {
    @Test("States.ALL must be alone and in the last retrier")
    func statesAll() {
        let text = machine(
            #""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.ALL", "X"]}], "End": true}"#)
        #expect(only(text) == schema("States.ALL must appear alone and at end of list", "/States/A/Retry[0]/ErrorEquals"))
    }

    @Test("retrier numbers are range-checked")
    func ranges() {
        let text = machine(
            #""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1, "BackoffRate": 0.5}], "End": true}"#)
        #expect(
            diagnostics(text) == [
                schema("Value should be greater than or equal to 0", "/States/A/Retry[0]/MaxAttempts"),
                schema("Value should be greater than or equal to 1", "/States/A/Retry[0]/BackoffRate"),
            ])
    }

    @Test("a catcher needs ErrorEquals and Next")
    func catcher() {
        let text = machine(#""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{}], "End": true}"#)
        #expect(only(text) == schema("These fields are required: [ErrorEquals, Next]", "/States/A/Catch[0]"))
    }
}

struct ChoiceRuleTests {
    @Test("a top-level rule needs Next and nested rules may not have one")
    func next() {
        let text = machine(
            #""A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "Next": "B"}}], "Default": "B"}, "B": {"Type": "Succeed"}"#)
        #expect(
            diagnostics(text) == [
                schema("These fields are required: [Next]", "/States/A/Choices[0]"),
                schema("Field 'Next' is not supported", "/States/A/Choices[0]/Not"),
            ])
    }

    @Test("a Variable rule takes exactly one comparison with an operand of the right type")
    func operands() {
        let base = #""B": {"Type": "Succeed"}"#
        #expect(
            only(machine(#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "B"}]}, "# + base))
                == schema("Expected value of type [NUMBER]", "/States/A/Choices[0]/NumericEquals"))
        #expect(
            only(machine(#""A": {"Type": "Choice", "Choices": [{"Variable": "x", "IsNull": true, "Next": "B"}]}, "# + base))
                == schema("Value is not a Reference Path: Reference path didn't start with '$'", "/States/A/Choices[0]/Variable"))
        #expect(
            only(machine(#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "B"}]}, "# + base))?.message.hasPrefix(
                "There should only be one of the following fields: [StringEquals, StringEqualsPath") == true)
    }
}

struct PathAndLanguageTests {
    @Test("a .$ value must be a JSONPath or an intrinsic call, reported at its object")
    func dynamicValue() {
        #expect(
            only(machine(#""A": {"Type": "Pass", "Parameters": {"x": {"y.$": "nope"}}, "End": true}"#))
                == schema("The value for the field 'y.$' must be a valid JSONPath or a valid intrinsic function call", "/States/A/Parameters/x"))
    }

    @Test("ResultPath must be a Reference Path")
    func resultPath() {
        #expect(
            only(machine(#""A": {"Type": "Pass", "ResultPath": "x", "End": true}"#))
                == schema("Value is not a Reference Path: Reference path didn't start with '$'", "/States/A/ResultPath"))
    }

    @Test("JSONPath-only fields are refused in JSONata states and the reverse")
    func languageFields() {
        #expect(
            only(machine(#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Parameters": {}, "End": true}"#))
                == schema("The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage", "/States/A"))
        #expect(
            only(machine(#""A": {"Type": "Pass", "Output": {}, "End": true}"#))
                == schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/A"))
    }

    @Test("a bad QueryLanguage value names the allowed ones")
    func badLanguage() {
        #expect(
            only(machine(#""A": {"Type": "Pass", "QueryLanguage": "jsonata", "End": true}"#))
                == schema("Value should be one of the following: [JSONPath, JSONata]", "/States/A/QueryLanguage"))
    }
}

struct SeveralProblemsTests {
    @Test("every problem is reported, and CreateStateMachine joins them")
    func several() {
        let found = diagnostics(
            machine(#""A": {"Type": "Pass", "Foo": 1, "Next": "Nope"}, "B": {"Type": "Wait", "End": true}"#))
        #expect(
            found == [
                schema("Field 'Foo' is not supported", "/States/A"),
                schema("This object should have only one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]", "/States/B"),
                Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: Nope", location: "/States/A/Next"),
                Diagnostic(code: "MISSING_TRANSITION_TARGET", message: "State \"B\" is not reachable.", location: "/States/B"),
            ])
        #expect(
            found.invalidDefinitionMessage
                == "Invalid State Machine Definition: ''SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A', "
                + "'SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp] at /States/B', "
                + "'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /States/A/Next', "
                + "'MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B''")
    }
}
