#!/usr/bin/env python3
"""Container tasks end to end: the workflows of examples/containers run on a real `stepwise serve`
with real containers on the Docker engine (then the retry workflow again on the process runtime),
driven by boto3. Checks outputs, history events, that exit code 3 is retried then caught, that a
timeout leaves no container behind (asked of the Docker API), that
heartbeats keep a callback task alive and a missed one stops it, that an answered callback or a
request/response task runs on until it exits and is then removed, and that a server killed mid-task
re-attaches to its container instead of starting another (and removes what it left once exited).

Usage: container-test.py STEPWISE_BINARY
"""
import http.client, json, os, socket, sys, time, urllib.parse

from stepwise_server import Checks, StepwiseServer, ROOT, history, sfn_client, wait_for_end

ACCOUNT, REGION = "123456789012", "us-east-1"
EXAMPLES = os.path.join(ROOT, "examples", "containers")
DOCKER_SOCKET = "/var/run/docker.sock"
check = Checks()


class DockerAPI(http.client.HTTPConnection):
    """The Docker engine's API over its unix socket."""

    def __init__(self):
        super().__init__("localhost", timeout=30)

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(DOCKER_SOCKET)


def docker(method, path):
    conn = DockerAPI()
    conn.request(method, "/v1.41" + path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, (json.loads(body) if body else None)


def containers_of(execution_arn):
    filters = json.dumps({"label": ["stepwise.execution-arn=" + execution_arn]})
    status, listed = docker("GET", "/containers/json?all=1&filters=" + urllib.parse.quote(filters))
    assert status == 200, listed
    return listed


def client(server):
    return sfn_client(server)


def machine(sfn, name, file):
    with open(os.path.join(EXAMPLES, file)) as f:
        definition = f.read()
    role = "arn:aws:iam::%s:role/stepwise" % ACCOUNT
    return sfn.create_state_machine(name=name, definition=definition, roleArn=role)["stateMachineArn"]


def run(sfn, machine_arn, payload, limit=120, name=None):
    args = {"stateMachineArn": machine_arn, "input": json.dumps(payload)}
    if name:
        args["name"] = name
    arn = sfn.start_execution(**args)["executionArn"]
    return arn, wait(sfn, arn, limit)


def wait(sfn, arn, limit=120):
    return wait_for_end(sfn, arn, limit, 0.1)


def events(sfn, arn):
    return history(sfn, arn)


def no_containers_left(arn, limit=30):
    deadline = time.time() + limit
    while containers_of(arn) and time.time() < deadline:
        time.sleep(0.2)
    return containers_of(arn)


def docker_suite(binary):
    definitions = os.path.join(EXAMPLES, "task-definitions")
    server = StepwiseServer(binary, extra_args=[
        "--container-runtime", "docker", "--container-network", "host", "--container-stop-timeout", "2",
        "--task-definitions", definitions]).start()
    try:
        sfn = client(server)
        report = machine(sfn, "report", "report-with-retry.asl.json")

        arn, d = run(sfn, report, {"customer_id": "c-42", "exit_code": "0"})
        out = json.loads(d.get("output", "null"))
        check("runTask.sync succeeds with the environment from the input and the result file",
              d["status"] == "SUCCEEDED" and out["customer"] == "c-42" and out["exitCode"] == 0
              and "report for customer c-42" in out["stdout"], d)
        types = [e["type"] for e in events(sfn, arn)]
        check("runTask.sync records TaskSubmitted then TaskSucceeded",
              "TaskSubmitted" in types and types.index("TaskSubmitted") < types.index("TaskSucceeded"), types)
        submitted = next(e for e in events(sfn, arn) if e["type"] == "TaskSubmitted")
        sub = json.loads(submitted["taskSubmittedEventDetails"]["output"])
        check("TaskSubmitted holds ECS's RunTask response",
              sub["Tasks"][0]["LastStatus"] == "PENDING" and sub["Tasks"][0]["TaskDefinitionArn"].endswith(":task-definition/report:1"), sub)
        check("a finished runTask.sync leaves no container", no_containers_left(arn) == [])

        arn, d = run(sfn, report, {"customer_id": "c-43", "exit_code": "3"})
        out = json.loads(d.get("output", "null"))
        hist = events(sfn, arn)
        scheduled = [e for e in hist if e["type"] == "TaskScheduled"]
        check("exit code 3 is retried twice then caught",
              d["status"] == "SUCCEEDED" and len(scheduled) == 3 and out["failed"] is True
              and out["error"] == "States.TaskFailed", (d["status"], len(scheduled), out))
        cause = out["cause"] if isinstance(out, dict) else {}
        check("the cause is the stopped ECS task with its exit code",
              cause.get("LastStatus") == "STOPPED" and cause["Containers"][0]["ExitCode"] == 3
              and cause.get("StopCode") == "EssentialContainerExited", cause)
        check("retried attempts leave no container", no_containers_left(arn) == [])

        timeout = machine(sfn, "timeout", "timeout.asl.json")
        arn, d = run(sfn, timeout, {})
        check("a top-level TimeoutSeconds times the execution out", d["status"] == "TIMED_OUT", d["status"])
        check("a timeout leaves no container (Docker API)", no_containers_left(arn) == [], containers_of(arn))

        stop_arn = sfn.start_execution(stateMachineArn=timeout, input="{}")["executionArn"]
        deadline = time.time() + 30
        while not [c for c in containers_of(stop_arn) if c["State"] == "running"] and time.time() < deadline:
            time.sleep(0.2)
        sfn.stop_execution(executionArn=stop_arn, error="Enough", cause="stopped by the test")
        check("StopExecution stops and removes the container", no_containers_left(stop_arn) == [], containers_of(stop_arn))

        sfn.create_activity(name="container-jobs")
        worker = machine(sfn, "worker", "activity-worker.asl.json")
        activity_arn = "arn:aws:states:%s:%s:activity:container-jobs" % (REGION, ACCOUNT)
        arn, d = run(sfn, worker, {"activity_arn": activity_arn})
        out = json.loads(d.get("output", "null"))
        check("a worker container started by ecs:runTask answers the next state's activity",
              d["status"] == "SUCCEEDED" and out == {"processedBy": "container-worker"}, d)

        callback = machine(sfn, "callback", "callback.asl.json")
        arn, d = run(sfn, callback, {"customer_id": "c-44"})
        out = json.loads(d.get("output", "null"))
        check("runTask.waitForTaskToken completes with the container's own SendTaskSuccess (JSONata arguments)",
              d["status"] == "SUCCEEDED" and out == {"customer": "c-44", "via": "callback"}, d)
        running = [c for c in containers_of(arn) if c["State"] == "running"]
        check("the answered callback task's container runs on until it exits (as on ECS)", len(running) == 1, containers_of(arn))
        check("... and is then removed", no_containers_left(arn) == [], containers_of(arn))

        request_response(sfn)
        heartbeats(sfn)

        missing = sfn.create_state_machine(name="missing-image", roleArn="arn:aws:iam::%s:role/stepwise" % ACCOUNT, definition=json.dumps({
            "StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                                                 "Parameters": {"TaskDefinition": "no-such-image"}, "End": True}}}))["stateMachineArn"]
        arn, d = run(sfn, missing, {})
        check("an unknown task definition fails with ECS's error",
              d["status"] == "FAILED" and d.get("error") == "ECS.AmazonECSException" and "TaskDefinition not found" in d.get("cause", ""), d)
    finally:
        server.stop()
    return server


def sleeper_task(resource, seconds, extra=None, environment=()):
    state = {"Type": "Task", "Resource": resource, "Parameters": {"TaskDefinition": "sleeper", "Overrides": {"ContainerOverrides": [
        {"Name": "sleeper", "Environment": [{"Name": "SECONDS_TO_SLEEP", "Value": str(seconds)}] + list(environment)}]}}}
    state.update(extra or {})
    return state


def create(sfn, name, definition, kind="STANDARD"):
    return sfn.create_state_machine(name=name, roleArn="arn:aws:iam::%s:role/stepwise" % ACCOUNT, type=kind,
                                    definition=json.dumps(definition))["stateMachineArn"]


def running_containers(arn, limit=30):
    deadline = time.time() + limit
    while not [c for c in containers_of(arn) if c["State"] == "running"] and time.time() < deadline:
        time.sleep(0.1)
    return containers_of(arn)


def request_response(sfn):
    """A plain ecs:runTask: answered at once; its container runs on, stays until its exit and is then removed."""
    arn_machine = create(sfn, "fire-and-forget", {"StartAt": "Start", "States": {
        "Start": sleeper_task("arn:aws:states:::ecs:runTask", 3, {"End": True})}})
    arn, d = run(sfn, arn_machine, {})
    out = json.loads(d.get("output") or "null")
    running = [c for c in containers_of(arn) if c["State"] == "running"]
    check("ecs:runTask answers RunTask's response while its container still runs",
          d["status"] == "SUCCEEDED" and out["Tasks"][0]["LastStatus"] == "PENDING" and len(running) == 1, (d, running))
    check("the request/response container is removed once it exited", no_containers_left(arn) == [], containers_of(arn))


def heartbeats(sfn):
    """SendTaskHeartbeat keeps a HeartbeatSeconds callback task alive; a missed heartbeat fails it and stops the container."""
    definition = {"StartAt": "Wait", "States": {"Wait": sleeper_task(
        "arn:aws:states:::ecs:runTask.waitForTaskToken", 8, {"HeartbeatSeconds": 2, "TimeoutSeconds": 60, "End": True},
        [{"Name": "TOKEN", "Value.$": "$$.Task.Token"}])}}
    arn_machine = create(sfn, "heartbeats", definition)
    arn = sfn.start_execution(stateMachineArn=arn_machine, input="{}")["executionArn"]
    running_containers(arn)
    scheduled = next(e for e in events(sfn, arn) if e["type"] == "TaskScheduled")
    parameters = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])
    token = parameters["Overrides"]["ContainerOverrides"][0]["Environment"][1]["Value"]
    for _ in range(5):
        sfn.send_task_heartbeat(taskToken=token)
        time.sleep(1)
    alive = sfn.describe_execution(executionArn=arn)["status"]
    sfn.send_task_success(taskToken=token, output=json.dumps({"beat": True}))
    d = wait(sfn, arn)
    running = [c for c in containers_of(arn) if c["State"] == "running"]
    check("heartbeats keep a HeartbeatSeconds callback task alive past its heartbeat time",
          alive == "RUNNING" and d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"beat": True}, (alive, d))
    check("an answered callback task's container runs on until it exits", len(running) == 1, containers_of(arn))
    check("... and is removed once it exited", no_containers_left(arn) == [], containers_of(arn))

    arn, d = run(sfn, arn_machine, {})
    check("a missed heartbeat fails the callback task with States.HeartbeatTimeout",
          d["status"] == "FAILED" and d.get("error") == "States.HeartbeatTimeout", d)
    check("a missed heartbeat stops and removes the container", no_containers_left(arn) == [], containers_of(arn))


def crash_suite(binary):
    definitions = os.path.join(EXAMPLES, "task-definitions")
    args = ["--container-runtime", "docker", "--container-stop-timeout", "2", "--task-definitions", definitions]
    server = StepwiseServer(binary, extra_args=args).start()
    sfn = client(server)
    sleeper = sfn.create_state_machine(name="short-sleep", roleArn="arn:aws:iam::%s:role/stepwise" % ACCOUNT, definition=json.dumps({
        "StartAt": "Sleep", "States": {"Sleep": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
            "Parameters": {"TaskDefinition": "sleeper", "Overrides": {"ContainerOverrides": [
                {"Name": "sleeper", "Environment": [{"Name": "SECONDS_TO_SLEEP", "Value": "4"}]}]}}, "End": True}}}))["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=sleeper, input="{}")["executionArn"]
    deadline = time.time() + 30
    while not containers_of(arn) and time.time() < deadline:
        time.sleep(0.1)
    before = containers_of(arn)
    server.kill()
    server.start()
    try:
        sfn = client(server)
        d = wait(sfn, arn)
        out = json.loads(d.get("output", "null") or "null")
        check("after a crash the task re-attaches to its container and succeeds",
              d["status"] == "SUCCEEDED" and out and out.get("Result") == {"slept": 4}, d)
        ids = {c["Id"] for c in before}
        check("the container was started once", len(before) == 1 and out and
              out["Containers"][0]["RuntimeId"] == before[0]["Names"][0].lstrip("/"), (before, out))
        check("the re-attached task leaves no container", no_containers_left(arn) == [], ids)
    finally:
        server.stop()
    request_response_crash(server)


def request_response_crash(server):
    """A plain ecs:runTask answered before a crash: its container is started once, and removed after the restart once it exited."""
    server.start()
    sfn = client(server)
    arn_machine = create(sfn, "fire-then-crash", {"StartAt": "Start", "States": {
        "Start": sleeper_task("arn:aws:states:::ecs:runTask", 3, {"Next": "Hold"}),
        "Hold": {"Type": "Wait", "Seconds": 1, "End": True}}})
    arn = sfn.start_execution(stateMachineArn=arn_machine, input="{}")["executionArn"]
    before = running_containers(arn)
    server.kill()
    server.start()
    try:
        sfn = client(server)
        d = wait(sfn, arn)
        check("a request/response task survives a crash", d["status"] == "SUCCEEDED", d)
        check("its container was started once", len(before) == 1 and len(containers_of(arn)) <= 1, (before, containers_of(arn)))
        check("the container left at the crash is removed after the restart once it exited", no_containers_left(arn) == [], containers_of(arn))
    finally:
        server.stop()


def process_suite(binary):
    """The same retry workflow on the process runtime, with a task definition that runs the host's sh."""
    import tempfile
    folder = tempfile.mkdtemp(prefix="stepwise-process-defs-")
    with open(os.path.join(EXAMPLES, "task-definitions", "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(folder, "report.json"), "w") as f:
        json.dump(report, f)
    server = StepwiseServer(binary, extra_args=[
        "--container-runtime", "process", "--container-stop-timeout", "2", "--task-definitions", folder]).start()
    try:
        sfn = client(server)
        report_arn = machine(sfn, "report", "report-with-retry.asl.json")
        arn, d = run(sfn, report_arn, {"customer_id": "p-1", "exit_code": "0"})
        out = json.loads(d.get("output", "null"))
        check("the process runtime runs the same runTask.sync workflow",
              d["status"] == "SUCCEEDED" and out["customer"] == "p-1" and "report for customer p-1" in out["stdout"], d)
        arn, d = run(sfn, report_arn, {"customer_id": "p-2", "exit_code": "3"})
        out = json.loads(d.get("output", "null"))
        scheduled = [e for e in events(sfn, arn) if e["type"] == "TaskScheduled"]
        check("the process runtime retries exit code 3 and then catches it",
              d["status"] == "SUCCEEDED" and len(scheduled) == 3 and out["failed"] is True, (d, len(scheduled)))
        processes = os.path.join(server.data, "processes")
        check("the process runtime leaves no process folder", not os.listdir(processes), os.listdir(processes))
    finally:
        server.stop()


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    if not os.path.exists(DOCKER_SOCKET):
        print("container-test: no Docker engine at %s (scripts/docker-setup starts one)" % DOCKER_SOCKET)
        sys.exit(1)
    docker_suite(binary)
    crash_suite(binary)
    process_suite(binary)
    check.finish("container-test")


if __name__ == "__main__":
    main()
