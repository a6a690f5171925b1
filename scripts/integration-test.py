#!/usr/bin/env python3
"""Service integrations end to end through a real `stepwise serve`, driven by boto3: child
executions (states:startExecution in its four patterns), mock test cases per execution,
http:invoke against a local HTTP server with each kind of connection, Lambda functions by URL and
by command, the embedded DynamoDB tables, the `.waitForTaskToken` pattern of plain integrations,
and AWS service calls signed with Signature V4 to moto_server standing in for AWS.

Usage: integration-test.py STEPWISE_BINARY
"""
import json, os, sys, tempfile, time
import boto3
from botocore.config import Config

from stepwise_server import StepwiseServer, ROOT

ACCOUNT, REGION = "123456789012", "us-east-1"
ROLE = "arn:aws:iam::%s:role/stepwise" % ACCOUNT
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + str(detail) if detail else ""))


def client(server):
    return boto3.client("stepfunctions", endpoint_url=server.endpoint, region_name=REGION,
                        aws_access_key_id="local", aws_secret_access_key="local",
                        config=Config(retries={"max_attempts": 0}, read_timeout=90))


def create(sfn, name, definition, kind="STANDARD"):
    return sfn.create_state_machine(name=name, roleArn=ROLE, type=kind, definition=json.dumps(definition))["stateMachineArn"]


def task(resource, parameters, **extra):
    state = {"Type": "Task", "Resource": resource, "Parameters": parameters, "End": True}
    state.update(extra)
    return {"StartAt": "Call", "States": {"Call": state}}


def wait(sfn, arn, limit=120):
    deadline = time.time() + limit
    while True:
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING" or time.time() > deadline:
            return d
        time.sleep(0.1)


def run(sfn, machine_arn, payload=None, limit=120):
    arn = sfn.start_execution(stateMachineArn=machine_arn, input=json.dumps(payload or {}))["executionArn"]
    return arn, wait(sfn, arn, limit)


def output(d):
    return json.loads(d["output"]) if d.get("output") else None


def events(sfn, arn):
    return sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]


def wait_for_event(sfn, arn, kind, limit=30):
    deadline = time.time() + limit
    while time.time() < deadline:
        for e in events(sfn, arn):
            if e["type"] == kind:
                return e
        time.sleep(0.1)
    return None


# MARK: child executions

def child_executions(sfn):
    child = create(sfn, "child", {"StartAt": "Echo", "States": {"Echo": {
        "Type": "Pass", "Parameters": {"got.$": "$.value", "by.$": "$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"}, "End": True}}})
    failing = create(sfn, "failing-child", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}})
    waiting = create(sfn, "waiting-child", {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}})

    def parent(name, resource, target):
        return create(sfn, name, task("arn:aws:states:::states:" + resource,
                                      {"StateMachineArn": target, "Input": {"value.$": "$.value"}}))

    arn, d = run(sfn, parent("parent-sync2", "startExecution.sync:2", child), {"value": 5})
    out = output(d) or {}
    check("startExecution.sync:2 answers the child's output as JSON",
          d["status"] == "SUCCEEDED" and out.get("Output") == {"got": 5, "by": arn} and out.get("Status") == "SUCCEEDED", out)
    types = [e["type"] for e in events(sfn, arn)]
    check("startExecution.sync:2 records TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded",
          [t for t in types if t.startswith("Task") and not t.startswith("TaskState")] == ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"], types)

    arn, d = run(sfn, parent("parent-sync", "startExecution.sync", child), {"value": "v"})
    out = output(d) or {}
    check("startExecution.sync answers the child's output as JSON text",
          isinstance(out.get("Output"), str) and json.loads(out["Output"])["got"] == "v", out)

    arn, d = run(sfn, parent("parent-start", "startExecution", child), {"value": 1})
    out = output(d) or {}
    check("startExecution answers ExecutionArn and StartDate",
          d["status"] == "SUCCEEDED" and ":execution:child:" in out.get("ExecutionArn", "") and "StartDate" in out, out)

    arn, d = run(sfn, parent("parent-of-failing", "startExecution.sync:2", failing), {"value": 1})
    cause = json.loads(d.get("cause") or "{}")
    check("a failed child fails the parent with States.TaskFailed and the child's description",
          d["status"] == "FAILED" and d.get("error") == "States.TaskFailed" and cause.get("Error") == "Broken", d)

    stopper = parent("parent-of-waiting", "startExecution.sync:2", waiting)
    arn = sfn.start_execution(stateMachineArn=stopper, input=json.dumps({"value": 1}))["executionArn"]
    submitted = wait_for_event(sfn, arn, "TaskSubmitted")
    child_arn = json.loads(submitted["taskSubmittedEventDetails"]["output"])["ExecutionArn"] if submitted else None
    sfn.stop_execution(executionArn=arn, error="Enough", cause="stopped by the test")
    child_status = wait(sfn, child_arn, 20)["status"] if child_arn else None
    check("stopping the parent stops its running child", child_status == "ABORTED", child_status)

    token_child = create(sfn, "token-child", {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    callback = create(sfn, "parent-callback", task("arn:aws:states:::states:startExecution.waitForTaskToken",
                                                    {"StateMachineArn": token_child, "Input": {"token.$": "$$.Task.Token"}}))
    arn = sfn.start_execution(stateMachineArn=callback, input="{}")["executionArn"]
    submitted = wait_for_event(sfn, arn, "TaskSubmitted")
    child_arn = json.loads(submitted["taskSubmittedEventDetails"]["output"])["ExecutionArn"] if submitted else None
    token = output(wait(sfn, child_arn))["token"] if child_arn else None
    if token:
        sfn.send_task_success(taskToken=token, output=json.dumps({"from": "child"}))
    d = wait(sfn, arn)
    check("startExecution.waitForTaskToken ends with the child's SendTaskSuccess", output(d) == {"from": "child"}, d)


# MARK: mocks

MOCKS = {
    "StateMachines": {"checkout": {"TestCases": {
        "HappyPath": {"Charge": "ChargeOK"},
        "Declined": {"Charge": "ChargeDeclinedThenOK"}}}},
    "MockedResponses": {
        "ChargeOK": {"0": {"Return": {"StatusCode": 200, "Payload": {"charged": True}}}},
        "ChargeDeclinedThenOK": {
            "0": {"Throw": {"Error": "Payment.Declined", "Cause": "card declined"}},
            "1": {"Return": {"StatusCode": 200, "Payload": {"charged": "second try"}}}}},
}


def mocked_executions(sfn):
    machine = create(sfn, "checkout", {"StartAt": "Charge", "States": {"Charge": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge-card"},
        "Retry": [{"ErrorEquals": ["Payment.Declined"], "IntervalSeconds": 1, "MaxAttempts": 1}],
        "OutputPath": "$.Payload", "End": True}}})
    arn = sfn.start_execution(stateMachineArn=machine + "#HappyPath", input="{}")["executionArn"]
    d = wait(sfn, arn)
    check("StartExecution on ARN#HappyPath answers Charge from its mocked response", output(d) == {"charged": True}, d)
    arn = sfn.start_execution(stateMachineArn=machine + "#Declined", input="{}")["executionArn"]
    d = wait(sfn, arn)
    check("a mocked error is retried and the next invocation's response answers",
          output(d) == {"charged": "second try"} and [e["type"] for e in events(sfn, arn)].count("TaskFailed") == 1, d)
    try:
        sfn.start_execution(stateMachineArn=machine + "#Unknown", input="{}")
        check("an unknown test case is refused", False)
    except sfn.exceptions.ClientError as e:
        check("an unknown test case is refused with ValidationException",
              e.response["Error"]["Code"] == "ValidationException" and "Unknown" in e.response["Error"]["Message"], e.response["Error"])


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="stepwise-integrations-")
    mocks = os.path.join(work, "mocks.json")
    with open(mocks, "w") as f:
        json.dump(MOCKS, f)
    server = StepwiseServer(binary, extra_args=["--mock-config", mocks]).start()
    try:
        sfn = client(server)
        child_executions(sfn)
        mocked_executions(sfn)
    finally:
        server.stop()
    print("integration-test: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
