#!/usr/bin/env python3
"""Plays ../shared/conformance against a real `stepwise serve` process and checks the bar.

Starts the server on a free loopback port with a fresh data folder, waits for /health, runs
run.py over every case, stops the server with SIGTERM, and exits non-zero when the overall pass
rate is below 95% or any case of the activities or express categories fails.
"""
import json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_PY = os.path.join(ROOT, "..", "shared", "conformance", "run.py")
MUST_PASS = {"activities", "express"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "stepwise")
    port = free_port()
    data = tempfile.mkdtemp(prefix="stepwise-conformance-")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=1).read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    print("conformance-server: the server did not come up")
                    return 1
                time.sleep(0.2)
        report = os.path.join(data, "report.json")
        subprocess.run([sys.executable, RUN_PY, "--endpoint", "http://127.0.0.1:%d" % port,
                        "--json", report, "--jobs", "4", "--timeout", "60"], check=False)
        with open(report) as fh:
            result = json.load(fh)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    total = result["passed"] + result["failed"]
    rate = result["passed"] / total if total else 0
    problems = []
    if rate < 0.95:
        problems.append("overall pass rate %.1f%% is below 95%%" % (100 * rate))
    for name in MUST_PASS:
        cat = result["categories"].get(name)
        if cat and cat["failed"]:
            problems.append("%s: %d case(s) failed" % (name, cat["failed"]))
    for p in problems:
        print("conformance-server: " + p)
    print("conformance through the server: %d of %d cases (%.1f%%)" % (result["passed"], total, 100 * rate))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
