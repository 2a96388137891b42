"""Instructions per request of the assessment API (or a question page), counted by callgrind.

Time on a shared machine moves by 10-20% between runs; instructions move by well under 1%,
so a change's effect shows here before it shows in req/s. Counts the app in-process through
Flask's test client: the run with 110 requests less the run with 10, over 100.
Needs valgrind (`apt-get install valgrind`).
Usage: .venv/bin/python bench/instructions.py [api|page]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve_requests(kind: str, count: int) -> None:
    """Make `count` requests of one kind (run under callgrind)."""
    sys.path.insert(0, str(ROOT))
    unlimited = "1000000 per minute"
    for name in ("ANSWER", "START", "PDF", "API"):
        os.environ[f"SHORTFALL_{name}_RATE_LIMIT"] = unlimited
    os.environ["SHORTFALL_SECRET_KEY"] = "bench"
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    from app import app
    from bench.pages import CASE, JSON, token

    client = app.test_client()
    if kind == "api":
        body = json.dumps(CASE)

        def one() -> None:
            response = client.post("/api/v1/assessments", data=body, content_type=JSON)
            assert response.status_code == 200, response.status_code

    else:
        client.post("/start")
        page = client.get("/questions/state").get_data(as_text=True)
        client.post("/questions/state", data={"answer": "TX", "csrf_token": token(page)})

        def one() -> None:
            assert client.get("/questions/occupancy").status_code == 200

    for _ in range(count):
        one()


def instructions(kind: str, count: int) -> int:
    """Instructions callgrind counts for the whole process making `count` requests."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
               __file__, "--inner", kind, str(count)]  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts in both runs
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(done.stderr[-2000:])
    return int(match.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--inner"]:
        serve_requests(sys.argv[2], int(sys.argv[3]))
        return
    kind = sys.argv[1] if len(sys.argv) > 1 else "api"
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    with ThreadPoolExecutor(2) as pool:
        few, many = pool.map(lambda count: instructions(kind, count), (10, 110))
    print(f"{kind}: {(many - few) / 100 / 1e6:.2f} M instructions per request")


if __name__ == "__main__":
    main()
