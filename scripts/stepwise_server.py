"""Starts and stops a real `stepwise serve` process for the end-to-end scripts."""
import os, signal, socket, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_binary():
    return os.path.join(ROOT, ".build", "debug", "stepwise")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, process, name, limit=60):
    """Returns once `url` answers; fails when `process` exits first or `limit` seconds pass."""
    deadline = time.time() + limit
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if time.time() > deadline or process.poll() is not None:
                raise RuntimeError(name + " did not come up")
            time.sleep(0.1)


class StepwiseServer:
    """One server on a free loopback port over a data folder; restartable on the same data."""

    def __init__(self, binary=None, data=None, prefix="stepwise-", extra_args=()):
        self.binary = binary or default_binary()
        self.extra_args = list(extra_args)
        self.port = free_port()
        self.data = data or tempfile.mkdtemp(prefix=prefix)
        self.process = None

    @property
    def endpoint(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port), "--data-dir", self.data] + self.extra_args,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(self.endpoint + "/health", self.process, "the server")
        return self

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Checks:
    """Counts and prints the checks of one end-to-end script: `check(name, condition, detail)`."""

    def __init__(self):
        self.passed, self.failed = 0, 0

    def __call__(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print("ok   " + name)
        else:
            self.failed += 1
            print("FAIL " + name + (": " + str(detail) if detail else ""))

    def finish(self, script):
        print("%s: %d passed, %d failed" % (script, self.passed, self.failed))
        raise SystemExit(1 if self.failed else 0)


def sfn_client(server, region="us-east-1", **config):
    """boto3's Step Functions client for the server, without retries (a retry would hide a failure)."""
    import boto3
    from botocore.config import Config
    return boto3.client("stepfunctions", endpoint_url=server.endpoint, region_name=region,
                        aws_access_key_id="local", aws_secret_access_key="local",
                        config=Config(retries={"max_attempts": 0}, read_timeout=90, **config))


def wait_for_end(sfn, arn, limit=120, interval=0.2):
    """DescribeExecution once the execution ended, or as it is after `limit` seconds."""
    deadline = time.time() + limit
    while True:
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING" or time.time() > deadline:
            return d
        time.sleep(interval)


def history(sfn, arn):
    return sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
