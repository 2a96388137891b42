"""The rate limits' in-process store with many client addresses: CPU used while one client
counts a request every millisecond, limits' own memory store against ours, side by side.

Usage: .venv/bin/python bench/rate_store.py [--clients 5000] [--seconds 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from limits.storage import MemoryStorage

from questionnaire.rate_store import SweptMemoryStorage


def cpu_seconds(store: MemoryStorage, clients: int, seconds: float) -> tuple[float, int]:
    """CPU time of this process while one client counts requests, `clients` others known."""
    for number in range(clients):
        store.incr(f"LIMITER/10.{number // 65536}.{number // 256 % 256}.{number % 256}/api", 60)
    start_cpu, start = time.process_time(), time.time()
    counted = 0
    while time.time() - start < seconds:
        store.incr("LIMITER/192.0.2.1/api", 60)
        counted += 1
        time.sleep(0.001)
    return time.process_time() - start_cpu, counted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    for rounds in range(3):
        for store in (MemoryStorage(), SweptMemoryStorage()):
            used, counted = cpu_seconds(store, args.clients, args.seconds)
            print(f"round {rounds + 1}: {type(store).__name__:20} {used / args.seconds:6.1%} of a "
                  f"core ({counted} counts, {args.clients} client keys)")  # fmt: skip


if __name__ == "__main__":
    main()
