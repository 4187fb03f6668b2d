"""How long one guess at a stored PIN or password takes: the cost an attacker
with a copy of the store pays per guess (issue: money stays right at every edge,
target >= 0.25 s a guess on the 2-core test machine).

    python bench/pin_hash.py              # 15 rounds of each
    python bench/pin_hash.py --rounds 5

Measures `verify_secret` (one scrypt with the parameters written in the hash)
on a hash made with the real parameters (services.approval.STRONG) and, as the
baseline, on one made with the old ones (n=2^14, r=8, p=1). The test suite's
cheap cost (COUNTER_TEST_CHEAP_HASH) is refused here: it is not what a store holds.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if os.environ.get("COUNTER_TEST_CHEAP_HASH") == "1":
    sys.exit("COUNTER_TEST_CHEAP_HASH=1 is for the test suite only: unset it to measure the real cost.")

from counter.services import approval  # noqa: E402

OLD = dict(n=2**14, r=8, p=1)  # before: ~50 ms a check


def timings(stored: str, secret: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        assert not approval.verify_secret(secret + "x", stored)  # a wrong guess: what an attacker pays
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    assert approval.SCRYPT == approval.STRONG
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for label, cost in (("baseline: old parameters", OLD), ("STRONG", approval.STRONG)):
        stored = approval.hash_secret("kepala123", "admin", cost)
        times = sorted(timings(stored, "kepala123", args.rounds))
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        memory = 128 * cost["r"] * cost["n"] // 2**20
        print(f"{label:26} n=2^{cost['n'].bit_length() - 1} r={cost['r']} p={cost['p']} {memory} MB: "
              f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"min {times[0] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
