#!/usr/bin/env python3
"""Plays ../shared/conformance against a real `stepwise serve` process and checks the bar.

Starts the server on a free loopback port with a fresh data folder, runs run.py over every case,
stops the server with SIGTERM, prints the counts per category, and exits non-zero on any
regression: every case of every category must pass.
"""
import json, os, subprocess, sys

from stepwise_server import ROOT, StepwiseServer

RUN_PY = os.path.join(ROOT, "..", "shared", "conformance", "run.py")


def main():
    with StepwiseServer(sys.argv[1] if len(sys.argv) > 1 else None, prefix="stepwise-conformance-") as server:
        report = os.path.join(server.data, "report.json")
        subprocess.run([sys.executable, RUN_PY, "--endpoint", server.endpoint,
                        "--json", report, "--jobs", "4", "--timeout", "60"], check=False)
        with open(report) as fh:
            result = json.load(fh)
    problems = []
    for name, cat in sorted(result["categories"].items()):
        print("conformance-server %s: %d/%d" % (name, cat["passed"], cat["total"]))
        if cat["failed"]:
            problems.append("%s: %d case(s) failed" % (name, cat["failed"]))
    for p in problems:
        print("conformance-server: " + p)
    print("conformance-server: %d passed, %d failed" % (result["passed"], result["failed"]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
