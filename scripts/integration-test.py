#!/usr/bin/env python3
"""Service integrations end to end through a real `stepwise serve`, driven by boto3: child
executions (states:startExecution in its four patterns), mock test cases per execution,
http:invoke against a local HTTP server with each kind of connection, Lambda functions by URL and
by command, the embedded DynamoDB tables, the `.waitForTaskToken` pattern of plain integrations,
and AWS service calls signed with Signature V4 to moto_server standing in for AWS.

Usage: integration-test.py STEPWISE_BINARY
"""
import base64, json, os, sys, tempfile, threading, time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from stepwise_server import Checks, StepwiseServer, free_port, history, sfn_client, wait_for_end, wait_until_up

ACCOUNT, REGION = "123456789012", "us-east-1"
ROLE = "arn:aws:iam::%s:role/stepwise" % ACCOUNT
check = Checks()


def client(server):
    return sfn_client(server)


def create(sfn, name, definition, kind="STANDARD"):
    return sfn.create_state_machine(name=name, roleArn=ROLE, type=kind, definition=json.dumps(definition))["stateMachineArn"]


def task(resource, parameters, **extra):
    state = {"Type": "Task", "Resource": resource, "End": True}
    if parameters is not None:
        state["Parameters"] = parameters
    state.update(extra)
    return {"StartAt": "Call", "States": {"Call": state}}


def wait(sfn, arn, limit=120):
    return wait_for_end(sfn, arn, limit, 0.1)


def run(sfn, machine_arn, payload=None, limit=120):
    arn = sfn.start_execution(stateMachineArn=machine_arn, input=json.dumps(payload or {}))["executionArn"]
    return arn, wait(sfn, arn, limit)


def output(d):
    return json.loads(d["output"]) if d.get("output") else None


def events(sfn, arn):
    return history(sfn, arn)


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
                                      {"StateMachineArn": target, "Input": {
                                          "value.$": "$.value", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}}))

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

# MARK: a local HTTP service (http:invoke targets, an OAuth token endpoint, Lambda URL functions)

class Service(BaseHTTPRequestHandler):
    token_requests = 0
    seen = []

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        text = self.body()
        Service.seen.append((self.command, url.path, dict(self.headers), text))
        if url.path == "/oauth/token":
            Service.token_requests += 1
            expected = "Basic " + base64.b64encode(b"client-id:client-secret").decode()
            if self.headers.get("Authorization") != expected or "grant_type=client_credentials" not in (url.query + text):
                return self.reply(401, {"error": "invalid_client"})
            return self.reply(200, {"access_token": "token-1", "token_type": "Bearer", "expires_in": 3600})
        if url.path == "/key" and self.headers.get("x-api-key") != "key-secret":
            return self.reply(401, {"message": "no key"})
        if url.path == "/basic" and self.headers.get("Authorization") != "Basic " + base64.b64encode(b"user:pass").decode():
            return self.reply(401, {"message": "no basic"})
        if url.path == "/oauth" and self.headers.get("Authorization") != "Bearer token-1":
            return self.reply(401, {"message": "no bearer"})
        if url.path == "/missing":
            return self.reply(404, {"message": "nothing here"})
        if url.path == "/fn/double":
            payload = json.loads(text or "{}")
            if "n" not in payload:
                return self.reply(200, {"errorType": "MissingNumber", "errorMessage": "n is required"},
                                  headers=[("X-Amz-Function-Error", "Unhandled")])
            return self.reply(200, {"doubled": payload["n"] * 2})
        self.reply(200, {"method": self.command, "path": url.path, "query": urllib.parse.parse_qs(url.query),
                         "body": text, "header": self.headers.get("X-Custom")})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any


def start_service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def http_invoke(sfn, base):
    def call(name, parameters, payload=None):
        machine = create(sfn, name, task("arn:aws:states:::http:invoke", parameters))
        return run(sfn, machine, payload)

    arn, d = call("http-get", {"ApiEndpoint": base + "/items", "Method": "GET", "Headers": {"X-Custom": "yes"},
                               "QueryParameters": {"q.$": "$.q"},
                               "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:%s:connection/key-conn/0b1c" % ACCOUNT}},
                  {"q": "shoes"})
    out = output(d) or {}
    body = out.get("ResponseBody") or {}
    check("http:invoke GET sends headers and query parameters and answers StatusCode, StatusText, Headers, ResponseBody",
          d["status"] == "SUCCEEDED" and out.get("StatusCode") == 200 and out.get("StatusText") == "OK" and "Headers" in out
          and body.get("query") == {"q": ["shoes"]} and body.get("header") == "yes", d)
    check("the API key connection's key reaches the endpoint",
          any(p == "/items" and h.get("x-api-key") == "key-secret" for _, p, h, _ in Service.seen), Service.seen[-1:])

    arn, d = call("http-form", {"ApiEndpoint": base + "/form", "Method": "POST", "RequestBody": {"tags": ["a", "b"], "n": 1},
                                "Transform": {"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}},
                                "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:%s:connection/basic-conn/1" % ACCOUNT}})
    sent = (output(d) or {}).get("ResponseBody", {}).get("body", "")
    check("URL_ENCODED with BRACKETS encodes arrays as tags[]=a&tags[]=b",
          urllib.parse.unquote(sent) in ("tags[]=a&tags[]=b&n=1", "n=1&tags[]=a&tags[]=b"), sent)

    check("a basic connection authenticates",
          call("http-basic", {"ApiEndpoint": base + "/basic", "Method": "GET",
                              "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:%s:connection/basic-conn/1" % ACCOUNT}})[1]["status"] == "SUCCEEDED")
    oauth = create(sfn, "http-oauth", task("arn:aws:states:::http:invoke", {
        "ApiEndpoint": base + "/oauth", "Method": "GET",
        "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:%s:connection/oauth-conn/2" % ACCOUNT}}))
    first, second = run(sfn, oauth)[1], run(sfn, oauth)[1]
    check("an OAuth client-credentials connection gets a token once and reuses it",
          first["status"] == "SUCCEEDED" and second["status"] == "SUCCEEDED" and Service.token_requests == 1,
          (first.get("cause"), Service.token_requests))

    arn, d = call("http-missing", {"ApiEndpoint": base + "/missing", "Method": "GET",
                                   "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:%s:connection/key-conn/0b1c" % ACCOUNT}})
    check("a 404 fails the state with States.Http.StatusCode.404", d.get("error") == "States.Http.StatusCode.404", d)


def lambda_functions(sfn):
    arn, d = run(sfn, create(sfn, "lambda-url", task("arn:aws:states:::lambda:invoke",
                                                      {"FunctionName": "double", "Payload": {"n.$": "$.n"}})), {"n": 21})
    out = output(d) or {}
    check("lambda:invoke of a URL function answers Payload and StatusCode 200",
          out.get("Payload") == {"doubled": 42} and out.get("StatusCode") == 200, d)
    arn, d = run(sfn, create(sfn, "lambda-url-error", task("arn:aws:states:::lambda:invoke", {"FunctionName": "double", "Payload": {}})))
    check("a function error fails the state with the function's errorType",
          d.get("error") == "MissingNumber" and "n is required" in (d.get("cause") or ""), d)
    arn, d = run(sfn, create(sfn, "lambda-command", task(
        "arn:aws:lambda:us-east-1:%s:function:shout" % ACCOUNT, None)), {"text": "hello"})
    check("a bare Lambda ARN runs the command function with the input on stdin; its stdout is the output",
          output(d) == {"shout": "HELLO"}, d)
    types = [e["type"] for e in events(sfn, arn)]
    check("a bare Lambda ARN records LambdaFunctionScheduled, Started, Succeeded",
          ["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"] == [t for t in types if t.startswith("LambdaFunction")], types)
    arn, d = run(sfn, create(sfn, "lambda-crash", task("arn:aws:states:::lambda:invoke", {"FunctionName": "crash"})))
    check("a command that exits non-zero without an error type fails with Lambda.Unknown", d.get("error") == "Lambda.Unknown", d)
    arn, d = run(sfn, create(sfn, "lambda-unknown", task("arn:aws:states:::lambda:invoke", {"FunctionName": "nobody"})))
    check("an unknown function fails with Lambda.ResourceNotFoundException", d.get("error") == "Lambda.ResourceNotFoundException", d)

    # The callback pattern of a plain integration: the function answers SendTaskSuccess itself.
    arn, d = run(sfn, create(sfn, "lambda-callback", task("arn:aws:states:::lambda:invoke.waitForTaskToken", {
        "FunctionName": "answer", "Payload": {"token.$": "$$.Task.Token"}})))
    types = [e["type"] for e in events(sfn, arn)]
    # The function answers before its own invocation returns, so the answer can precede TaskSubmitted.
    check("lambda:invoke.waitForTaskToken ends with what SendTaskSuccess sent",
          output(d) == {"answered": True} and "TaskSucceeded" in types, (d, types))
    for limit, error in (("TimeoutSeconds", "States.Timeout"), ("HeartbeatSeconds", "States.HeartbeatTimeout")):
        arn, d = run(sfn, create(sfn, "lambda-silent-" + limit, task("arn:aws:states:::lambda:invoke.waitForTaskToken", {
            "FunctionName": "silent", "Payload": {"token.$": "$$.Task.Token"}}, **{limit: 1})))
        types = [e["type"] for e in events(sfn, arn)]
        check("a callback nobody answers ends at %s with %s, after TaskSubmitted and TaskTimedOut" % (limit, error),
              d.get("error") == error and "TaskSubmitted" in types and "TaskTimedOut" in types, (d.get("error"), types))


def tables(sfn):
    def call(name, resource, parameters, payload=None, **extra):
        return run(sfn, create(sfn, name, task("arn:aws:states:::" + resource, parameters, **extra)), payload)

    arn, d = call("ddb-put", "dynamodb:putItem", {"TableName": "Orders", "Item": {
        "id": {"S.$": "$.id"}, "total": {"N": "10"}, "tags": {"SS": ["new"]}}}, {"id": "o-1"})
    out = output(d) or {}
    check("dynamodb:putItem writes to the embedded table and answers SdkHttpMetadata",
          d["status"] == "SUCCEEDED" and out.get("SdkHttpMetadata", {}).get("HttpStatusCode") == 200, d)
    arn, d = call("ddb-update", "dynamodb:updateItem", {
        "TableName": "Orders", "Key": {"id": {"S": "o-1"}},
        "UpdateExpression": "SET #t = #t + :inc ADD tags :more REMOVE #gone",
        "ExpressionAttributeNames": {"#t": "total", "#gone": "gone"}, "ExpressionAttributeValues": {":inc": {"N": "5"}, ":more": {"SS": ["paid"]}},
        "ReturnValues": "ALL_NEW"})
    attrs = (output(d) or {}).get("Attributes", {})
    check("dynamodb:updateItem applies SET, ADD and REMOVE and answers ALL_NEW",
          attrs.get("total") == {"N": "15"} and sorted(attrs.get("tags", {}).get("SS", [])) == ["new", "paid"], d)
    arn, d = call("ddb-get", "dynamodb:getItem", {"TableName": "Orders", "Key": {"id": {"S": "o-1"}}})
    check("dynamodb:getItem reads the item back", (output(d) or {}).get("Item", {}).get("total") == {"N": "15"}, d)
    arn, d = call("ddb-conflict", "dynamodb:putItem", {"TableName": "Orders", "Item": {"id": {"S": "o-1"}},
                                                        "ConditionExpression": "attribute_not_exists(id)"})
    check("a failed ConditionExpression fails with DynamoDB.ConditionalCheckFailedException",
          d.get("error") == "DynamoDB.ConditionalCheckFailedException", d)
    arn, d = call("ddb-query", "aws-sdk:dynamodb:query", {"TableName": "Orders", "KeyConditionExpression": "id = :id",
                                                           "ExpressionAttributeValues": {":id": {"S": "o-1"}}})
    check("aws-sdk:dynamodb:query answers Items and Count", (output(d) or {}).get("Count") == 1, d)
    arn, d = call("ddb-delete", "dynamodb:deleteItem", {"TableName": "Orders", "Key": {"id": {"S": "o-1"}}, "ReturnValues": "ALL_OLD"})
    check("dynamodb:deleteItem answers the old item", (output(d) or {}).get("Attributes", {}).get("id") == {"S": "o-1"}, d)
    arn, d = call("ddb-missing-table", "dynamodb:getItem", {"TableName": "Nope", "Key": {"id": {"S": "x"}}})
    check("a table that does not exist fails with DynamoDB.ResourceNotFoundException",
          d.get("error") == "DynamoDB.ResourceNotFoundException", d)


# MARK: AWS service calls to moto_server

class Moto:
    """moto_server on a free loopback port, standing in for AWS."""

    def __enter__(self):
        import subprocess
        self.port = free_port()
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(self.endpoint + "/moto-api/", self.process, "moto_server")
        return self

    def client(self, service):
        import boto3
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def __exit__(self, *exc):
        self.process.kill()  # moto_server ignores SIGTERM when its parent ignores it
        self.process.wait()


def aws_calls(sfn, moto):
    sqs = moto.client("sqs")
    queue = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    arn, d = run(sfn, create(sfn, "sqs-send", task("arn:aws:states:::sqs:sendMessage", {
        "QueueUrl": queue, "MessageBody": {"job.$": "$.job"}})), {"job": 7})
    out = output(d) or {}
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1).get("Messages", [])
    check("sqs:sendMessage, signed with SigV4, sends the JSON MessageBody as text and answers MessageId with SdkHttpMetadata",
          "MessageId" in out and "SdkHttpMetadata" in out and received and json.loads(received[0]["Body"]) == {"job": 7}, (d, received))

    callback = create(sfn, "sqs-callback", task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", {
        "QueueUrl": queue, "MessageBody": {"token.$": "$$.Task.Token", "job": "callback"}}))
    arn = sfn.start_execution(stateMachineArn=callback, input="{}")["executionArn"]
    message = []
    deadline = time.time() + 30
    while not message and time.time() < deadline:
        message = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, WaitTimeSeconds=1).get("Messages", [])
    if message:
        sfn.send_task_success(taskToken=json.loads(message[0]["Body"])["token"], output=json.dumps({"worker": "done"}))
    d = wait(sfn, arn)
    types = [e["type"] for e in events(sfn, arn)]
    check("sqs:sendMessage.waitForTaskToken: a worker takes the token from the queue and answers",
          output(d) == {"worker": "done"} and "TaskSubmitted" in types, (d.get("status"), types))

    arn, d = run(sfn, create(sfn, "sqs-missing", task("arn:aws:states:::aws-sdk:sqs:getQueueUrl", {"QueueName": "nope"})))
    check("an aws-sdk error is named SERVICE.Code: Sqs.QueueDoesNotExistException",
          d.get("error") == "Sqs.QueueDoesNotExistException", (d.get("error"), d.get("cause")))

    topic = moto.client("sns").create_topic(Name="alerts")["TopicArn"]
    arn, d = run(sfn, create(sfn, "sns-publish", task("arn:aws:states:::sns:publish", {
        "TopicArn": topic, "Message": {"alert": "disk"}})))
    check("sns:publish (the Query protocol) answers MessageId", "MessageId" in (output(d) or {}), d)

    arn, d = run(sfn, create(sfn, "events-put", task("arn:aws:states:::events:putEvents", {
        "Entries": [{"Source": "stepwise.test", "DetailType": "ping", "Detail": {"n": 1}}]})))
    check("events:putEvents answers Entries and FailedEntryCount", (output(d) or {}).get("FailedEntryCount") == 0, d)

    arn, d = run(sfn, create(sfn, "ecs-cluster", task("arn:aws:states:::aws-sdk:ecs:createCluster", {"ClusterName": "batch"})))
    check("aws-sdk:ecs:createCluster maps ECS's camelCase to PascalCase both ways",
          (output(d) or {}).get("Cluster", {}).get("ClusterName") == "batch", d)

    target = create(sfn, "described", {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    arn, d = run(sfn, create(sfn, "sfn-describe", task("arn:aws:states:::aws-sdk:sfn:describeStateMachine", {"StateMachineArn": target})))
    out = output(d) or {}
    check("aws-sdk:sfn:describeStateMachine calls Step Functions itself (this server) and answers PascalCase",
          out.get("Name") == "described" and out.get("StateMachineArn") == target and out.get("Type") == "STANDARD", d)
    arn, d = run(sfn, create(sfn, "sfn-missing", task("arn:aws:states:::aws-sdk:sfn:describeExecution", {
        "ExecutionArn": "arn:aws:states:us-east-1:%s:execution:described:nope" % ACCOUNT})))
    check("a Step Functions error through aws-sdk is Sfn.ExecutionDoesNotExistException",
          d.get("error") == "Sfn.ExecutionDoesNotExistException", (d.get("error"), d.get("cause")))


def tables_on_aws(binary, moto, work):
    """With an endpoint for DynamoDB, the same dynamodb:* states go to it instead of the embedded tables."""
    dynamodb = moto.client("dynamodb")
    dynamodb.create_table(TableName="Remote", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    config = os.path.join(work, "aws.json")
    with open(config, "w") as f:
        json.dump({"AWS": {"Endpoint": moto.endpoint, "Region": REGION, "AccessKeyId": "testing", "SecretAccessKey": "testing"}}, f)
    with StepwiseServer(binary, extra_args=["--config", config]) as server:
        sfn = client(server)
        put = create(sfn, "remote-put", task("arn:aws:states:::dynamodb:putItem", {
            "TableName": "Remote", "Item": {"id": {"S": "r-1"}}, "ConditionExpression": "attribute_not_exists(id)"}))
        first, second = run(sfn, put)[1], run(sfn, put)[1]
        item = dynamodb.get_item(TableName="Remote", Key={"id": {"S": "r-1"}}).get("Item")
        check("dynamodb:putItem goes to the configured endpoint; the second conditional put fails there",
              first["status"] == "SUCCEEDED" and item == {"id": {"S": "r-1"}}
              and second.get("error") == "DynamoDB.ConditionalCheckFailedException", (first.get("cause"), second.get("error")))


def configuration(work, base, moto):
    answer = os.path.join(work, "answer.py")
    with open(answer, "w") as f:
        f.write("""import json, os, sys, urllib.request
payload = json.load(sys.stdin)
body = json.dumps({"taskToken": payload["token"], "output": json.dumps({"answered": True})}).encode()
request = urllib.request.Request(os.environ["STEPWISE_ENDPOINT"] + "/", data=body, headers={
    "X-Amz-Target": "AWSStepFunctions.SendTaskSuccess", "Content-Type": "application/x-amz-json-1.0"})
urllib.request.urlopen(request).read()
print("{}")
""")
    return {
        "Connections": {
            "key-conn": {"AuthorizationType": "API_KEY", "AuthParameters": {
                "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "key-secret"}}},
            "basic-conn": {"AuthorizationType": "BASIC", "AuthParameters": {
                "BasicAuthParameters": {"Username": "user", "Password": "pass"}}},
            "oauth-conn": {"AuthorizationType": "OAUTH_CLIENT_CREDENTIALS", "AuthParameters": {"OAuthParameters": {
                "AuthorizationEndpoint": base + "/oauth/token", "HttpMethod": "POST",
                "ClientParameters": {"ClientID": "client-id", "ClientSecret": "client-secret"}}}},
        },
        "LambdaFunctions": {
            "double": {"Url": base + "/fn/double"},
            "shout": {"Command": [sys.executable, "-c",
                                  "import json,sys; p=json.load(sys.stdin); print(json.dumps({'shout': p['text'].upper()}))"]},
            "crash": {"Command": ["sh", "-c", "echo broken >&2; exit 3"]},
            "silent": {"Command": ["sh", "-c", "cat >/dev/null; echo '{}'"]},
            "note": {"Command": ["sh", "-c", "cat >/dev/null; echo called >> notes.txt; echo '{}'"], "WorkingDirectory": work},
            "answer": {"Command": [sys.executable, answer], "Environment": {"STEPWISE_ENDPOINT": "ENDPOINT"}},
        },
        "AWS": {"Region": REGION, "AccessKeyId": "testing", "SecretAccessKey": "testing",
                "Services": {name: moto.endpoint for name in ("sqs", "sns", "events", "ecs")}},
        "DynamoDB": {"Tables": [{"TableName": "Orders", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}]},
    }


def child_survives_a_crash(server):
    """A server SIGKILLed while a parent waits for its child: after the restart the parent finds the
    same child (no second one starts) and ends with its output."""
    sfn = client(server)
    child = create(sfn, "slow-child", {"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 2, "Next": "P"}, "P": {"Type": "Pass", "Result": "slow done", "End": True}}})
    parent = create(sfn, "crash-parent", task("arn:aws:states:::states:startExecution.sync:2", {"StateMachineArn": child, "Input": {}}))
    arn = sfn.start_execution(stateMachineArn=parent, input="{}")["executionArn"]
    submitted = wait_for_event(sfn, arn, "TaskSubmitted")
    server.kill()
    server.start()
    sfn = client(server)
    d = wait(sfn, arn)
    children = sfn.list_executions(stateMachineArn=child)["executions"]
    check("a parent waiting for its child across a SIGKILL ends with the child's output, the child started once",
          submitted is not None and (output(d) or {}).get("Output") == "slow done" and len(children) == 1,
          (d.get("status"), d.get("cause"), len(children)))


def callback_survives_a_crash(server, work):
    """A callback task whose call was made before a SIGKILL: after the restart the token is still
    answerable, and the call is not made again."""
    sfn = client(server)
    machine = create(sfn, "crash-callback", task("arn:aws:states:::lambda:invoke.waitForTaskToken", {
        "FunctionName": "note", "Payload": {"token.$": "$$.Task.Token"}}))
    arn = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    submitted = wait_for_event(sfn, arn, "TaskSubmitted")
    scheduled = next(e for e in events(sfn, arn) if e["type"] == "TaskScheduled")
    token = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
    server.kill()
    server.start()
    sfn = client(server)
    sfn.send_task_success(taskToken=token, output=json.dumps({"after": "restart"}))
    d = wait(sfn, arn)
    with open(os.path.join(work, "notes.txt")) as f:
        calls = f.read().count("called")
    check("a callback's token is answerable after a SIGKILL, and its call was made once",
          submitted is not None and output(d) == {"after": "restart"} and calls == 1, (d.get("status"), calls))


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="stepwise-integrations-")
    mocks = os.path.join(work, "mocks.json")
    with open(mocks, "w") as f:
        json.dump(MOCKS, f)
    service = start_service()
    base = "http://127.0.0.1:%d" % service.server_address[1]
    server = StepwiseServer(binary, extra_args=["--mock-config", mocks])
    moto = Moto().__enter__()
    config = configuration(work, base, moto)
    config["LambdaFunctions"]["answer"]["Environment"]["STEPWISE_ENDPOINT"] = server.endpoint
    # Step Functions itself: aws-sdk:sfn calls go to this same server.
    config["AWS"]["Services"]["sfn"] = server.endpoint
    config_path = os.path.join(work, "stepwise.json")
    with open(config_path, "w") as f:
        json.dump(config, f)
    server.extra_args += ["--config", config_path]
    server.start()
    try:
        sfn = client(server)
        child_executions(sfn)
        mocked_executions(sfn)
        http_invoke(sfn, base)
        lambda_functions(sfn)
        tables(sfn)
        aws_calls(sfn, moto)
        child_survives_a_crash(server)
        callback_survives_a_crash(server, work)
    finally:
        server.stop()
        service.shutdown()
    try:
        tables_on_aws(binary, moto, work)
    finally:
        moto.__exit__()
    check.finish("integration-test")


if __name__ == "__main__":
    main()
