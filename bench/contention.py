"""Question pages while many people download PDFs: page latency p50/p95 and the PDF outcomes.

The app runs as `scripts/run` runs it (gunicorn, 2 workers x 8 threads, --preload). Each PDF
client asks for a PDF with its own name on the cover, so every request is a real render
(nothing from the cache), and after a 503 it waits a second and asks again. Meanwhile page
clients, in a process of their own, read a question page with a short pause between reads.

Usage: .venv/bin/python bench/contention.py [--seconds 30] [--pdf-clients 0 12 40]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import Browser, free_port, percentile, token  # noqa: E402

CASE = {
    "state": "TX", "stage": "foreclosure_sale_done", "foreclosure_type": "nonjudicial",
    "occupancy": "primary_residence", "units": 1, "sale_date": "2026-10-01",
    "sale_price": "200000", "home_value": "225000", "lawsuit_served": "no", "bankruptcy": "none",
    "loans": [{"lien": "first", "purpose": "purchase", "principal": "275000"},
              {"lien": "second", "purpose": "heloc", "principal": "30000"}],
}  # fmt: skip


def bench_env() -> dict[str, str]:
    """The app's settings for a benchmark: a fresh database and render slots of its own."""
    folder = tempfile.mkdtemp()
    unlimited = "1000000 per minute"
    return {
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "SHORTFALL_SECRET_KEY": "bench",
        "SHORTFALL_PDF_SLOTS_DIR": f"{folder}/render-slots",
        # One machine plays many people here: the per-address limits would stop the benchmark.
        **{f"SHORTFALL_{kind}_RATE_LIMIT": unlimited for kind in ("ANSWER", "START", "PDF", "API")},
    }


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--preload", "--workers", "2",
               "--threads", "8", "--keep-alive", "75", "--log-level", "warning",
               "--bind", f"127.0.0.1:{port}", "app:app"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    for _ in range(200):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            probe.request("GET", "/healthz")
            probe.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the app did not start")


def pdf_client(port: int, index: int, stop: float, outcomes: dict[str, list[float]]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sequence = 0
    while time.perf_counter() < stop:
        sequence += 1
        body = json.dumps({**CASE, "name_on_cover": f"Client {index} copy {sequence}"})
        start = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/report.pdf", body=body,
                         headers={"Content-Type": "application/json"})  # fmt: skip
            response = conn.getresponse()
            data = response.read()
        except (ConnectionError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            outcomes["error"].append(time.perf_counter() - start)
            continue
        elapsed = time.perf_counter() - start
        if response.status == 200 and data.startswith(b"%PDF"):
            outcomes["200"].append(elapsed)
        elif response.status == 503 and response.getheader("Retry-After"):
            outcomes["503"].append(elapsed)
            time.sleep(1)
        else:
            outcomes["error"].append(elapsed)


def page_clients(port: int, seconds: float, clients: int, results: Any) -> None:
    """Runs in its own process: `clients` people reading a question page, 50 ms apart."""
    stop = time.perf_counter() + seconds
    times: list[float] = []
    errors = [0]

    def person() -> None:
        browser = Browser(port)
        browser.request("GET", "/")
        browser.request("POST", "/start", "")
        _s, page, _t = browser.request("GET", "/questions/state")
        browser.request("POST", "/questions/state", f"answer=TX&csrf_token={token(page)}")
        while time.perf_counter() < stop:
            status, _b, elapsed = browser.request("GET", "/questions/occupancy")
            if status == 200:
                times.append(elapsed)
            else:
                errors[0] += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=person) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((times, errors[0]))


def run(port: int, pdf_clients: int, seconds: float, readers: int) -> dict[str, Any]:
    outcomes: dict[str, list[float]] = {"200": [], "503": [], "error": []}
    results: Any = multiprocessing.get_context("fork").Queue()
    stop = time.perf_counter() + seconds + 2
    threads = [threading.Thread(target=pdf_client, args=(port, i, stop, outcomes))
               for i in range(pdf_clients)]  # fmt: skip
    for thread in threads:
        thread.start()
    time.sleep(2 if pdf_clients else 0)  # let the PDF load build up before measuring pages
    reader = multiprocessing.get_context("fork").Process(
        target=page_clients, args=(port, seconds, readers, results)
    )
    reader.start()
    times, page_errors = results.get()
    reader.join()
    for thread in threads:
        thread.join()
    return {"pages": times, "page_errors": page_errors, **outcomes}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--pdf-clients", type=int, nargs="+", default=[0, 12, 40])
    parser.add_argument("--readers", type=int, default=2)
    args = parser.parse_args()
    process, port = serve(bench_env())
    try:
        run(port, 2, 5, 1)  # warm up: both workers start their render processes
        cores = len(os.sched_getaffinity(0))
        print(f"cores: {cores}; page readers: {args.readers}, each 50 ms between reads; "
              f"{args.seconds:.0f} s each")  # fmt: skip
        for clients in args.pdf_clients:
            result = run(port, clients, args.seconds, args.readers)
            pages = result["pages"]
            renders = result["200"]
            p50, p95 = percentile(pages, 50) * 1000, percentile(pages, 95) * 1000
            print(
                f"{clients:3d} PDF clients: question page p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
                f"  (n={len(pages)}, "
                f"{result['page_errors']} errors) | PDFs: {len(renders)} x 200"
                + (f" (p50 {percentile(renders, 50):.2f} s)" if renders else "")
                + f", {len(result['503'])} x 503, {len(result['error'])} other"
            )
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
