"""Timing helpers shared by the benchmarks: run a call many times, report medians and p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def stats(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2)}


def timed(fn: Callable[[], object], rounds: int) -> dict:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return stats(samples)
