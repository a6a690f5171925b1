"""Starts and stops a real `stepwise serve` process for the end-to-end scripts."""
import os, signal, socket, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_binary():
    return os.path.join(ROOT, ".build", "debug", "stepwise")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(self.endpoint + "/health", timeout=1).read()
                return self
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not come up")
                time.sleep(0.1)

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
