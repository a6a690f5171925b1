#!/usr/bin/env python3
"""The singleton job of examples/singleton end to end: a real `stepwise serve` with the Locks table
from examples/singleton/stepwise.yaml and the nightly-report task definition on the Docker engine.

Each round starts 20 executions at once; exactly one may take the DynamoDB lock and run the
container job, the 19 others must fail at CheckLock with DynamoDB.ConditionalCheckFailedException,
and the lock must be free again at the end. Then a job that fails (exit code 4) must release the
lock through its Catch path. The issue's bar: 20 rounds in a row.

Usage: singleton-test.py STEPWISE_BINARY [ROUNDS]
"""
import json, os, sys, threading

from stepwise_server import Checks, StepwiseServer, ROOT, history, sfn_client, wait_for_end

ACCOUNT, REGION = "123456789012", "us-east-1"
EXAMPLE = os.path.join(ROOT, "examples", "singleton")
ROLE = "arn:aws:iam::%s:role/stepwise" % ACCOUNT
check = Checks()


def client(server):
    return sfn_client(server, max_pool_connections=40)


def wait(sfn, arn, limit=180):
    return wait_for_end(sfn, arn, limit, 0.1)


def ran_job(sfn, arn):
    """True when the execution's RunTask state started a container task (its TaskSubmitted)."""
    return any(e["type"] == "TaskSubmitted" for e in history(sfn, arn))


def lock_item(sfn, reader):
    arn = sfn.start_execution(stateMachineArn=reader, input="{}")["executionArn"]
    d = wait(sfn, arn)
    return json.loads(d["output"]).get("Item") if d["status"] == "SUCCEEDED" else ("error", d)


def round_of_starts(sfn, machine, reader, count, number):
    arns, errors = [None] * count, []
    barrier = threading.Barrier(count)

    def start(i):
        try:
            barrier.wait()
            arns[i] = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
        except Exception as e:  # noqa: BLE001 - reported as a failed check
            errors.append(e)

    threads = [threading.Thread(target=start, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        check("round %d: all %d starts accepted" % (number, count), False, errors[:3])
        return False
    results = [wait(sfn, arn) for arn in arns]
    succeeded = [d for d in results if d["status"] == "SUCCEEDED"]
    refused = [d for d in results if d["status"] == "FAILED" and d.get("error") == "DynamoDB.ConditionalCheckFailedException"]
    jobs = sum(1 for arn in arns if ran_job(sfn, arn))
    ok = len(succeeded) == 1 and len(refused) == count - 1 and jobs == 1
    check("round %d: %d starts, one ran the job, %d failed at CheckLock" % (number, count, count - 1), ok,
          {"succeeded": len(succeeded), "refused": len(refused), "jobs": jobs,
           "others": [(d["status"], d.get("error"), d.get("cause")) for d in results if d not in succeeded and d not in refused][:3]})
    check("round %d: the lock is free again" % number, lock_item(sfn, reader) is None)
    return ok


def main():
    binary = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    server = StepwiseServer(binary, extra_args=[
        "--config", os.path.join(EXAMPLE, "stepwise.yaml"),
        "--task-definitions", os.path.join(EXAMPLE, "task-definitions"),
        "--container-runtime", "docker", "--container-stop-timeout", "2"]).start()
    try:
        sfn = client(server)
        with open(os.path.join(EXAMPLE, "singleton.asl.json")) as f:
            machine = sfn.create_state_machine(name="nightly-report", definition=f.read(), roleArn=ROLE)["stateMachineArn"]
        reader = sfn.create_state_machine(name="read-lock", roleArn=ROLE, definition=json.dumps({
            "StartAt": "Get", "States": {"Get": {
                "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"TableName": "Locks", "Key": {"LockName": {"S": "nightly-report"}}}, "End": True}}}))["stateMachineArn"]

        in_a_row = 0
        for number in range(1, rounds + 1):
            if round_of_starts(sfn, machine, reader, 20, number):
                in_a_row += 1
        check("%d rounds of 20 concurrent starts in a row ran exactly one job each" % rounds, in_a_row == rounds, in_a_row)

        # A failing job: the Catch path releases the lock, and the next run takes it again.
        failing = sfn.create_state_machine(name="nightly-report-failing", roleArn=ROLE, definition=json.dumps(
            json.loads(open(os.path.join(EXAMPLE, "singleton.asl.json")).read().replace(
                '"Environment": [{"Name": "RUN_ID", "Value.$": "$$.Execution.Name"}]',
                '"Command": ["sh", "-c", "exit 4"]'))))["stateMachineArn"]
        arn = sfn.start_execution(stateMachineArn=failing, input="{}")["executionArn"]
        d = wait(sfn, arn)
        check("a failed job ends in JobFailed after releasing its lock",
              d["status"] == "FAILED" and d.get("error") == "JobFailed" and lock_item(sfn, reader) is None, d)
        arn = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
        check("the next run takes the lock and succeeds", wait(sfn, arn)["status"] == "SUCCEEDED")
    finally:
        server.stop()
    check.finish("singleton-test")


if __name__ == "__main__":
    main()
