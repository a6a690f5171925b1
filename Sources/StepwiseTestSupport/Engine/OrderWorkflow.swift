import JSONValue
import StatesLanguage
import StepwiseEngine

/// The engine tests' workflow: a Pass, a one-hour Wait, then a Task whose first call fails with
/// `Busy` and is retried after 5 seconds — a step of every kind recovery must replay.
package enum OrderWorkflow {
    package static let start = Timestamp(seconds: 1_767_225_600)

    package static let definition = """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Parameters": {"order.$": "$.order"}, "Next": "Wait"},
          "Wait": {"Type": "Wait", "Seconds": 3600, "Next": "Charge"},
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 5, "MaxAttempts": 2}],
                     "ResultPath": "$.charge", "End": true}}}
        """

    package static func record(name: String = "e1", input: JSONValue = ["order": 7], seed: UInt64 = 42) -> ExecutionRecord {
        ExecutionRecord(
            executionArn: "arn:aws:states:us-east-1:123456789012:execution:orders:\(name)", name: name,
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders", stateMachineName: "orders",
            definition: definition, roleArn: "arn:aws:iam::123456789012:role/test", region: "us-east-1", input: input,
            startTime: start, seed: seed)
    }

    /// `Charge` fails with `Busy` on its first call and succeeds with `{"id": "ch-1"}` on its second.
    package static func runner() -> MockTaskRunner {
        MockTaskRunner(responses: [
            "Charge": MockedResponse(entries: [
                (0...0, .failed(error: "Busy", cause: "try later")), (1...1, .succeeded(["id": "ch-1"])),
            ])
        ])
    }
}
