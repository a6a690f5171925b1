#!/usr/bin/env python3
"""Crash test: SIGKILLs `stepwise serve` several times while 50 executions run, restarts it on the
same data folder each time, and checks that every execution ends with the right output and a
complete, gap-free history (no event lost or duplicated).

The workflow mixes a Parallel (a Wait branch and a Map branch), an activity task that fails once
per execution and is retried, and a final Wait. An activity worker thread keeps polling through
the restarts.
"""
import json, sys, threading, time
import boto3
from botocore.config import Config

from stepwise_server import StepwiseServer

COUNT = 50
ACCOUNT, REGION = "123456789012", "us-east-1"

DEFINITION = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "items.$": "States.ArrayRange(1, 3, 1)"}, "Next": "Fan"},
        "Fan": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
                                              "Done": {"Type": "Pass", "Result": "rested", "End": True}}},
                {"StartAt": "Each", "States": {"Each": {
                    "Type": "Map", "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "Double", "States": {"Double": {
                        "Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"}, "End": True}}},
                    "End": True}}},
            ],
            "ResultPath": "$.fan",
            "Next": "Work",
        },
        "Work": {
            "Type": "Task", "Resource": "arn:aws:states:%s:%s:activity:crash-worker" % (REGION, ACCOUNT),
            "Parameters": {"n.$": "$.n", "name.$": "$$.Execution.Name"},
            "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 5}],
            "ResultPath": "$.work", "HeartbeatSeconds": 30, "Next": "Cool",
        },
        "Cool": {"Type": "Wait", "Seconds": 1, "Next": "End"},
        "End": {"Type": "Pass", "Parameters": {"n.$": "$.n", "fan.$": "$.fan", "work.$": "$.work"}, "End": True},
    },
}


def expected_output(n):
    return {"n": n, "fan": ["rested", [{"v": 2}, {"v": 4}, {"v": 6}]], "work": {"squared": n * n}}


def retrying(call, *args, **kwargs):
    """Calls the API through the server's restarts: connection errors are retried for a while."""
    deadline = time.time() + 60
    while True:
        try:
            return call(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - connection resets while the server restarts
            if "Could not connect" not in str(e) and "Connection" not in str(e) and "Read timeout" not in str(e):
                raise
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def main():
    server = StepwiseServer(sys.argv[1] if len(sys.argv) > 1 else None, prefix="stepwise-crash-")
    server.start()
    sfn = boto3.client("stepfunctions", endpoint_url=server.endpoint, region_name=REGION,
                       aws_access_key_id="test", aws_secret_access_key="test",
                       config=Config(retries={"max_attempts": 0}, read_timeout=70, connect_timeout=2))
    activity = sfn.create_activity(name="crash-worker")["activityArn"]
    machine = sfn.create_state_machine(name="crashy", definition=json.dumps(DEFINITION),
                                       roleArn="arn:aws:iam::%s:role/test" % ACCOUNT)["stateMachineArn"]
    arns = {}
    for n in range(COUNT):
        arns[n] = sfn.start_execution(stateMachineArn=machine, name="run-%d" % n, input=json.dumps({"n": n}))["executionArn"]

    # A worker fails each execution's first delivery and succeeds after. It notes an attempt before
    # sending and an acknowledgement after: a failure the server acknowledged must be in the history;
    # one whose answer was lost in a crash may or may not be (the client was never told it landed).
    attempted, acked, stop = set(), set(), threading.Event()

    def worker():
        while not stop.is_set():
            try:
                task = sfn.get_activity_task(activityArn=activity, workerName="crash-worker")
                token = task.get("taskToken")
                if not token:
                    continue
                request = json.loads(task["input"])
                if request["name"] not in attempted:
                    attempted.add(request["name"])
                    sfn.send_task_failure(taskToken=token, error="Flaky", cause="first try fails")
                    acked.add(request["name"])
                else:
                    sfn.send_task_success(taskToken=token, output=json.dumps({"squared": request["n"] ** 2}))
            except Exception:  # noqa: BLE001 - the server is being killed under the worker
                time.sleep(0.2)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for pause in (0.7, 1.5, 1.2):
        time.sleep(pause)
        server.kill()
        server.start()

    problems, deadline = [], time.time() + 120
    for n, arn in arns.items():
        while True:
            desc = retrying(sfn.describe_execution, executionArn=arn)
            if desc["status"] != "RUNNING" or time.time() > deadline:
                break
            time.sleep(0.2)
        if desc["status"] != "SUCCEEDED":
            problems.append("%s ended %s (%s: %s)" % (arn, desc["status"], desc.get("error"), desc.get("cause")))
            continue
        if json.loads(desc["output"]) != expected_output(n):
            problems.append("%s output %s" % (arn, desc["output"]))
        events, token = [], None
        while True:
            page = retrying(sfn.get_execution_history, executionArn=arn, maxResults=1000, **({"nextToken": token} if token else {}))
            events += page["events"]
            token = page.get("nextToken")
            if not token:
                break
        ids = [e["id"] for e in events]
        types = [e["type"] for e in events]
        if ids != list(range(1, len(ids) + 1)):
            problems.append("%s history ids are not 1..%d: %s" % (arn, len(ids), ids))
        if types.count("ExecutionStarted") != 1 or types[-1] != "ExecutionSucceeded":
            problems.append("%s history starts/ends wrongly: %s" % (arn, types))
        name = "run-%d" % n
        failures = types.count("ActivityFailed")
        if types.count("ActivitySucceeded") != 1 or failures > 1 or (name in acked and failures != 1):
            problems.append("%s activity results recorded: %d succeeded, %d failed (failure acknowledged: %s)"
                            % (arn, types.count("ActivitySucceeded"), failures, name in acked))
    stop.set()
    server.stop()
    for p in problems[:20]:
        print("crash-test: " + p)
    print("crash-test: %d passed, %d failed" % (COUNT - len({p.split()[0] for p in problems}), len({p.split()[0] for p in problems})))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
