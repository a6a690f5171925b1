/// The fixture files, kept as Swift text so the test target has no unhandled resource files
/// (and Package.swift declares none); `Fixtures.path(_:)` writes them to a temporary directory.
enum FixtureFiles {
    static let all: [String: String] = [
        "charge.json": #"""
            {
              "StartAt": "Charge",
              "States": {
                "Charge": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                  "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 5, "MaxAttempts": 2}],
                  "ResultSelector": {"receipt.$": "$.Payload.receipt"},
                  "End": true
                }
              }
            }
            """#,
        "fail.json": #"""
            {
              "StartAt": "Check",
              "States": {
                "Check": {"Type": "Pass", "Next": "Reject"},
                "Reject": {"Type": "Fail", "Error": "Order.Rejected", "Cause": "The order total is negative"}
              }
            }
            """#,
        "invalid.json": #"""
            {
              "StartAt": "First",
              "States": {
                "First": {"Type": "Pass", "Next": "Nowhere"},
                "Odd": {"Type": "Sleep", "End": true}
              }
            }
            """#,
        "large-input.json": #"""
            {"size": 42}
            """#,
        "malformed.json": #"""
            {
              "StartAt": "A",
              "States": {"A": {"Type": "Pass", "End": true}}
              "Comment": "missing comma above"
            }
            """#,
        "mocks-aws.json": #"""
            {
              "StateMachines": {
                "charge": {
                  "TestCases": {
                    "RetryThenSucceed": {"Charge": "ThrottledOnce"},
                    "AlwaysDown": {"Charge": "Down"}
                  }
                }
              },
              "MockedResponses": {
                "ThrottledOnce": {
                  "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "Rate exceeded"}},
                  "1": {"Return": {"Payload": {"receipt": "R-2"}}}
                },
                "Down": {
                  "0-2": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "Service unavailable"}}
                }
              }
            }
            """#,
        "mocks-short.json": #"""
            {"Charge": {"Return": {"Payload": {"receipt": "R-1"}}}}
            """#,
        "pass-choice.json": #"""
            {
              "Comment": "Routes on the input's size; each branch says which way it went.",
              "StartAt": "Measure",
              "States": {
                "Measure": {
                  "Type": "Pass",
                  "Parameters": {"size.$": "$.size", "label": "measured"},
                  "ResultPath": "$.measure",
                  "Next": "Route"
                },
                "Route": {
                  "Type": "Choice",
                  "Choices": [{"Variable": "$.measure.size", "NumericGreaterThan": 10, "Next": "Large"}],
                  "Default": "Small"
                },
                "Large": {"Type": "Pass", "Result": "large", "ResultPath": "$.route", "End": true},
                "Small": {"Type": "Pass", "Result": "small", "ResultPath": "$.route", "End": true}
              }
            }
            """#,
        "timeout.json": #"""
            {
              "TimeoutSeconds": 60,
              "StartAt": "Pause",
              "States": {
                "Pause": {"Type": "Wait", "Seconds": 3600, "End": true}
              }
            }
            """#,
        "wait-hour.json": #"""
            {
              "StartAt": "Pause",
              "States": {
                "Pause": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
                "Done": {"Type": "Pass", "Result": {"waited": true}, "End": true}
              }
            }
            """#,
        "workflow.yaml": #"""
            # The same routing as pass-choice.json, written in YAML, with YAML's scalar types.
            Comment: YAML definition
            StartAt: Describe
            States:
              Describe:
                Type: Pass
                Result:
                  zeta: 1
                  alpha: 2.50
                  enabled: true
                  nothing: null
                  quoted: "123"
                  hex: 0x10
                ResultPath: $.described
                Next: Route
              Route:
                Type: Choice
                Choices:
                  - Variable: $.described.hex
                    NumericEquals: 16
                    Next: Done
                Default: Done
              Done:
                Type: Succeed
            """#,
    ]
}
