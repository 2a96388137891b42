"""Many people at once: a headless locust run against the app served as `scripts/run` serves it.

Each simulated person starts, answers every question of one of the nine situations (with a
think time between pages), reads the report, and one in ten downloads the PDF; then starts
again. Prints p50/p95 per kind of page and the errors; a 503 for a PDF is counted apart (it
is the designed answer when renders are queued full), any other failure is an error.

Usage: .venv/bin/pip install -e '.[bench]'
       .venv/bin/python bench/load.py [--users 200] [--minutes 10] [--think 1 3]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.situations import SITUATIONS, default_answer  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
THINK = tuple(float(s) for s in os.environ.get("SHORTFALL_BENCH_THINK", "1 3").split())
ORDER = itertools.count()

try:
    from locust import HttpUser, task
    from locust.exception import StopUser
except ImportError:  # only the runner below, which starts locust in its own process
    HttpUser = object  # type: ignore[assignment,misc]

    def task(function: Any) -> Any:
        return function


class Person(HttpUser):  # type: ignore[misc,valid-type]
    """One person going through the questionnaire at a person's pace."""

    def wait_time(self) -> float:
        import random

        return random.uniform(*THINK)

    def _page(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                raise StopUser()
            return str(response.text)

    def _think(self) -> None:
        import gevent

        gevent.sleep(self.wait_time())

    @task
    def journey(self) -> None:
        number = next(ORDER)
        self.client.cookies.clear()  # each journey is a new person (else /start resumes)
        answers = list(SITUATIONS.values())[number % len(SITUATIONS)]
        home = self._page("/", "start page")
        self._think()
        token = TOKEN.search(home)  # a returning person has a session, so a form token
        form = {"csrf_token": token.group(1)} if token else {}
        with self.client.post("/start", data=form, allow_redirects=False, name="start",
                              catch_response=True) as started:  # fmt: skip
            url = started.headers.get("Location", "")
            if started.status_code != 303 or not url:
                started.failure(f"{started.status_code}")
                return
        while "/questions/" in url:
            page = self._page(url, "question page")
            self._think()
            question = url.split("/questions/", 1)[1].split("?")[0]
            value = answers[question] if question in answers else default_answer(page)
            data = dict(value) if isinstance(value, dict) else {"answer": value}
            token = TOKEN.search(page)
            data["csrf_token"] = token.group(1) if token else ""
            with self.client.post(url, data=data, allow_redirects=False, name="answer",
                                  catch_response=True) as answered:  # fmt: skip
                if answered.status_code != 303:
                    answered.failure(f"{answered.status_code} on {question}")
                    return
                url = answered.headers["Location"]
        report = self._page("/report", "report")
        if number % 10 == 0:
            self._think()
            token = TOKEN.search(report)
            form = {"csrf_token": token.group(1) if token else "", "name": ""}
            with self.client.post("/report.pdf", data=form, name="PDF",
                                  catch_response=True) as pdf:  # fmt: skip
                if pdf.status_code == 503 and pdf.headers.get("Retry-After"):
                    pdf.success()
                    self.environment.events.request.fire(
                        request_type="POST", name="PDF 503 (try again)", response_time=0,
                        response_length=0, exception=None, context={},
                    )  # fmt: skip
                elif pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                    pdf.failure(f"{pdf.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0])
    args = parser.parse_args()
    from bench.contention import bench_env, serve

    folder = tempfile.mkdtemp()  # locust's figures
    process, port = serve(bench_env())
    try:
        locust = [str(ROOT / ".venv" / "bin" / "locust"), "-f", str(Path(__file__).resolve()),
                  "--headless", "--only-summary", "--users", str(args.users),
                  "--spawn-rate", str(max(1, args.users // 20)), "--run-time",
                  f"{int(args.minutes * 60)}s", "--stop-timeout", "30",
                  "--host", f"http://127.0.0.1:{port}", "--csv", f"{folder}/load",
                  "--loglevel", "WARNING"]  # fmt: skip
        think = " ".join(str(t) for t in args.think)
        done = subprocess.run(locust, cwd=ROOT, env={**os.environ, "SHORTFALL_BENCH_THINK": think})
    finally:
        process.terminate()
        process.wait()
    print(f"\n{args.users} people, think time {think} s, {args.minutes:g} minutes, "
          f"locust exit code {done.returncode}")  # fmt: skip
    with open(f"{folder}/load_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            print(f"{row['Name']:22s} n={row['Request Count']:>7s} "
                  f"failures={row['Failure Count']:>4s}  p50 {row['50%']:>5s} ms  "
                  f"p95 {row['95%']:>5s} ms  p99 {row['99%']:>5s} ms  "
                  f"max {float(row['Max Response Time']):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
