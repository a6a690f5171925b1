#!/usr/bin/env python3
"""The README's walkthrough, played with the real aws CLI against a real `stepwise serve`.

Creates the activity and the example state machine, starts an execution, works the activity task
with `get-activity-task` / `send-task-success` as a CLI worker loop would, then checks
describe-execution, get-execution-history (both orders), list calls and an AWS error answer.
Prints `aws-cli-test: N checks passed` or the first check that failed, and exits non-zero on failure.
"""
import json, os, subprocess, sys, time

from stepwise_server import ROOT, StepwiseServer

REGION, ACCOUNT = "us-east-1", "123456789012"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
           AWS_PAGER="", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")


class CheckFailed(Exception):
    pass


class CLI:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.checks = 0

    def run(self, *args, expect_error=None):
        """Runs `aws stepfunctions ARGS`; returns the parsed JSON answer, or the error text when one is expected."""
        done = subprocess.run(["aws", "stepfunctions", "--endpoint-url", self.endpoint, "--output", "json", *args],
                              env=ENV, capture_output=True, text=True, timeout=120)
        if expect_error:
            self.check(done.returncode != 0 and expect_error in done.stderr,
                       "%s should fail with %s, got rc=%d: %s" % (args[0], expect_error, done.returncode, done.stderr.strip()))
            return done.stderr
        self.check(done.returncode == 0, "%s failed: %s" % (args[0], done.stderr.strip()))
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def check(self, condition, message):
        if not condition:
            raise CheckFailed(message)
        self.checks += 1


def walkthrough(cli):
    activity = cli.run("create-activity", "--name", "approve")["activityArn"]
    cli.check(activity == "arn:aws:states:%s:%s:activity:approve" % (REGION, ACCOUNT), "activity ARN: " + activity)
    machine = cli.run("create-state-machine", "--name", "hello", "--role-arn", "arn:aws:iam::%s:role/stepwise" % ACCOUNT,
                      "--definition", "file://" + os.path.join(ROOT, "examples", "hello.asl.json"))["stateMachineArn"]
    cli.check(machine == "arn:aws:states:%s:%s:stateMachine:hello" % (REGION, ACCOUNT), "state machine ARN: " + machine)
    execution = cli.run("start-execution", "--state-machine-arn", machine, "--name", "first",
                        "--input", json.dumps({"name": "Ada"}))["executionArn"]
    cli.check(execution.endswith(":execution:hello:first"), "execution ARN: " + execution)
    cli.check(cli.run("describe-execution", "--execution-arn", execution)["status"] == "RUNNING", "the execution waits for its worker")

    # The worker loop: poll, take the task, answer it.
    task = {}
    for _ in range(3):
        task = cli.run("get-activity-task", "--activity-arn", activity, "--worker-name", "cli-worker")
        if task.get("taskToken"):
            break
    cli.check(bool(task.get("taskToken")), "get-activity-task delivered no task")
    cli.check(json.loads(task["input"]) == {"greeting": "Hello, Ada!"}, "task input: " + task.get("input", ""))
    cli.run("send-task-heartbeat", "--task-token", task["taskToken"])
    cli.run("send-task-success", "--task-token", task["taskToken"],
            "--task-output", json.dumps({"approved": json.loads(task["input"])["greeting"]}))
    cli.run("send-task-success", "--task-token", task["taskToken"], "--task-output", "{}", expect_error="TaskTimedOut")

    deadline = time.time() + 30
    while True:
        described = cli.run("describe-execution", "--execution-arn", execution)
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.2)
    cli.check(described["status"] == "SUCCEEDED", "status: %s" % described["status"])
    cli.check(json.loads(described["output"]) == {"approved": "Hello, Ada!"}, "output: " + described.get("output", ""))

    events = cli.run("get-execution-history", "--execution-arn", execution)["events"]
    types = [e["type"] for e in events]
    cli.check(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "ActivityScheduled",
                        "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"], "history: %s" % types)
    cli.check([e["id"] for e in events] == list(range(1, len(events) + 1)), "event ids")
    cli.check(events[5]["activityStartedEventDetails"]["workerName"] == "cli-worker", "worker name recorded")
    reverse = cli.run("get-execution-history", "--execution-arn", execution, "--reverse-order")["events"]
    cli.check([e["id"] for e in reverse] == [e["id"] for e in reversed(events)], "reverse order")

    listed = cli.run("list-executions", "--state-machine-arn", machine, "--status-filter", "SUCCEEDED")["executions"]
    cli.check([e["name"] for e in listed] == ["first"], "list-executions: %s" % listed)
    names = [m["name"] for m in cli.run("list-state-machines")["stateMachines"]]
    cli.check(names == ["hello"], "list-state-machines: %s" % names)
    cli.run("describe-execution", "--execution-arn", execution + "-missing", expect_error="ExecutionDoesNotExist")
    cli.run("start-execution", "--state-machine-arn", machine + "-missing", expect_error="StateMachineDoesNotExist")


def main():
    with StepwiseServer(sys.argv[1] if len(sys.argv) > 1 else None, prefix="stepwise-cli-") as server:
        cli = CLI(server.endpoint)
        try:
            walkthrough(cli)
        except CheckFailed as failure:
            print("aws-cli-test: FAILED after %d checks: %s" % (cli.checks, failure))
            return 1
    print("aws-cli-test: %d checks passed" % cli.checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
