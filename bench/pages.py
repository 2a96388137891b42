"""Question-page latency (GET and answer POST) and throughput against a bare Flask app.

Both apps run under the same gunicorn settings, side by side in one run; prints p50/p95 and
the throughput ratios of a question page and of the assessment API against hello world.
Usage: .venv/bin/python bench/pages.py [--seconds 30] [--rounds 5] [--clients 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", "2", "--threads", "4",
            "--log-level", "warning"]  # fmt: skip


# A realistic assessment request: a Texas trustee's sale with a purchase loan and a HELOC.
CASE = {
    "state": "TX", "stage": "foreclosure_sale_done", "foreclosure_type": "nonjudicial",
    "occupancy": "primary_residence", "units": 1, "acres": "0.2", "sale_date": "2026-10-01",
    "sale_price": "200000", "home_value": "225000", "lawsuit_served": "no", "bankruptcy": "none",
    "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"},
              {"lien": "second", "purpose": "heloc", "principal": "30000"}],
}  # fmt: skip
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen([*GUNICORN, "--bind", f"127.0.0.1:{port}", target],
                               cwd=ROOT, env={**os.environ, **env})  # fmt: skip
    for _ in range(100):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            probe.request("GET", "/")
            probe.getresponse().read()
            probe.close()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{target} did not start")


class Browser:
    """One keep-alive connection with the session cookie, like a person's browser."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.cookie = ""

    def request(
        self, method: str, path: str, body: str = "", content_type: str = FORM
    ) -> tuple[int, str, float]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body:
            headers["Content-Type"] = content_type
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body or None, headers=headers)
            response = self.conn.getresponse()
        except (ConnectionError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: open a new one, as browsers do.
            self.conn = http.client.HTTPConnection(self.conn.host, self.conn.port)
            start = time.perf_counter()
            self.conn.request(method, path, body=body or None, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - start
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return response.status, text, elapsed


def token(html: str) -> str:
    match = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match
    return match.group(1) or match.group(2)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def latency(port: int, count: int) -> dict[str, list[float]]:
    browser = Browser(port)
    browser.request("GET", "/")  # no session (and no form token) before starting
    browser.request("POST", "/start", "")
    _s, page, _t = browser.request("GET", "/questions/state")
    browser.request("POST", "/questions/state", f"answer=TX&csrf_token={token(page)}")
    gets, posts = [], []
    for _ in range(count):
        _s, page, elapsed = browser.request("GET", "/questions/occupancy")
        gets.append(elapsed)
        status, _b, elapsed = browser.request(
            "POST", "/questions/occupancy", f"answer=rental&csrf_token={token(page)}"
        )
        assert status == 303, status
        posts.append(elapsed)
    return {"GET question": gets, "POST answer": posts}


def throughput(
    port: int, path: str, seconds: float, clients: int, session: bool, body: str = ""
) -> float:
    """Requests per second from `clients` keep-alive connections (a POST of `body` as JSON if
    given, else a GET), each after starting its own interview when `session` is set."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def run(index: int) -> None:
        browser = Browser(port)
        if session:
            browser.request("GET", "/")
            browser.request("POST", "/start", "")
            _s, page, _t = browser.request("GET", "/questions/state")
            browser.request("POST", "/questions/state", f"answer=TX&csrf_token={token(page)}")
        while time.perf_counter() < stop:
            if body:
                status, _b, _t = browser.request("POST", path, body, JSON)
            else:
                status, _b, _t = browser.request("GET", path)
            assert status == 200
            done[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    # One machine plays many people here: the per-address limits would stop the benchmark.
    unlimited = "1000000 per minute"
    env = {
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "SHORTFALL_SECRET_KEY": "bench",
        "SHORTFALL_RATELIMIT_STORAGE": "memory://",
        "SHORTFALL_ANSWER_RATE_LIMIT": unlimited,
        "SHORTFALL_START_RATE_LIMIT": unlimited,
        "SHORTFALL_PDF_RATE_LIMIT": unlimited,
        "SHORTFALL_API_RATE_LIMIT": unlimited,
    }
    app, app_port = serve("app:app", env)
    hello, hello_port = serve("bench.hello:app", env)
    try:
        for name, values in latency(app_port, args.count).items():
            print(f"{name:14s} p50 {percentile(values, 50) * 1000:6.2f} ms   "
                  f"p95 {percentile(values, 95) * 1000:6.2f} ms   (n={len(values)})")  # fmt: skip
        # Rounds alternate the three, so a burst of other work on the machine falls on all
        # of them alike; the ratio reported is the median of the rounds' ratios.
        share = args.seconds / args.rounds
        pages, apis = [], []
        for round_number in range(1, args.rounds + 1):
            ours = throughput(app_port, "/questions/occupancy", share, args.clients, True)
            bare = throughput(hello_port, "/", share, args.clients, False)
            api = throughput(app_port, "/api/v1/assessments", share, args.clients, False,
                             json.dumps(CASE))  # fmt: skip
            pages.append(ours / bare)
            apis.append(api / bare)
            print(f"round {round_number}: question page {ours:7.1f} req/s, assessment API "
                  f"{api:7.1f} req/s, hello world {bare:7.1f} req/s")  # fmt: skip
        print(f"question page vs hello world: median {statistics.median(pages):.1%} of "
              f"{len(pages)} rounds (target >= 20%)")  # fmt: skip
        print(f"assessment API vs hello world: median {statistics.median(apis):.1%} of "
              f"{len(apis)} rounds (target >= 35%)")  # fmt: skip
    finally:
        app.terminate()
        hello.terminate()
        app.wait()
        hello.wait()


if __name__ == "__main__":
    sys.exit(main())
