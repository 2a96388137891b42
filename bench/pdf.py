"""PDF render time (cold and warm, p50/p95) and worker memory over many renders.

Usage: .venv/bin/python bench/pdf.py [--renders 1000] [--profile] [--service]

--service renders through the app's renderer (its render process, replaced every 200
renders) and prints that process's memory as it goes.
--profile runs the warm renders under cProfile and prints where their time went.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import CASE  # noqa: E402 - the same Texas case the API is measured with


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def through_service(html: str, renders: int) -> None:
    """Render through the app's own renderer (one render process, as on a one-core share of
    the machine, replaced after its 200 renders) and follow the render process's memory."""
    import tempfile

    from questionnaire.render_service import LocalRenderer
    from questionnaire.render_slots import MachineSlots

    slots = MachineSlots(Path(tempfile.mkdtemp()), slots=1, queue=1)
    renderer = LocalRenderer(ROOT / "static", slots, processes=1, wait=60, limit=60, niceness=0)
    times: list[float] = []
    # render process id: (renders so far, its RSS) after every 25th render
    seen: dict[int, list[tuple[int, float]]] = {}
    for index in range(renders):
        start = time.perf_counter()
        renderer.render(html)
        times.append(time.perf_counter() - start)
        if index % 25 == 24 or index == renders - 1:
            pool = renderer._executor()
            for pid in list(getattr(pool, "_processes", {})):
                try:
                    seen.setdefault(pid, []).append((index + 1, rss_mb(pid)))
                except FileNotFoundError:
                    pass  # replaced between the render and the reading
    renderer._reset()
    print(
        f"through the service: p50 {percentile(times[1:], 50):.3f} s, "
        f"p95 {percentile(times[1:], 95):.3f} s (n={len(times) - 1}, the first render left out)"
    )
    peaks = [max(rss for _n, rss in values) for values in seen.values()]
    for number, values in enumerate(seen.values(), 1):
        (first, low), (last, high) = values[0], values[-1]
        print(f"render process {number}: RSS {low:.0f} MB at render {first}, "
              f"{high:.0f} MB at render {last}")  # fmt: skip
    print(f"render processes: {len(seen)}, highest RSS {max(peaks):.0f} MB (target <= 150 MB)")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=1000)
    parser.add_argument(
        "--service",
        action="store_true",
        help="render through the app's worker pool and report the workers' RSS",
    )
    parser.add_argument("--profile", action="store_true", help="profile the warm renders")
    args = parser.parse_args()
    import datetime as dt

    from questionnaire import create_app
    from questionnaire.law.case import read_case
    from questionnaire.pdf import render
    from questionnaire.web.report import page_numbers, render_report, report_context

    app = create_app(
        {"SECRET_KEY": "bench", "DATABASE_URL": "sqlite://", "TODAY": dt.date(2026, 11, 25)}
    )
    with app.test_request_context():
        case = read_case(CASE, dt.date(2026, 11, 25))
        html = render_report("report_pdf.html", report_context(case), pdf=True, name="",
                             generated=dt.date(2026, 11, 25), record=[],
                             page_numbers=page_numbers)  # fmt: skip
    if args.service:
        through_service(html, args.renders)
        return
    static = str(ROOT / "static")
    start = time.perf_counter()
    first = render(html, static)
    cold = time.perf_counter() - start
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(first)).pages)
    times, memory = [], []
    base = rss_mb()
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    for index in range(args.renders):
        start = time.perf_counter()
        render(html, static)
        times.append(time.perf_counter() - start)
        if index % 50 == 0 or index == args.renders - 1:
            memory.append(rss_mb())
    if args.profile:
        import pstats

        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(
            int(__import__("os").environ.get("TOP", "40"))
        )
    half = len(memory) // 2
    print(f"pages: {pages}, {len(first):,} bytes")
    print(f"cold render (first in a process): {cold:.2f} s")
    print(
        f"warm renders: p50 {percentile(times, 50):.3f} s, p95 {percentile(times, 95):.3f} s, "
        f"mean {statistics.mean(times):.3f} s (n={len(times)}; target p50 <= 0.35, p95 <= 1.0)"
    )
    print(
        f"RSS: after first render {base:.0f} MB, after {args.renders} renders {memory[-1]:.0f} MB, "
        f"max {max(memory):.0f} MB; growth over the second half "
        f"{(memory[-1] - memory[half]) / memory[half]:.1%} (target <= 150 MB, flat)"
    )


if __name__ == "__main__":
    main()
