"""Benchmarks of the foundation, each against a bare-SQLite baseline in the same run.

    python bench/run.py                       # 1,000,000 customers (about 5 minutes to build)
    python bench/run.py --customers 50000     # a quick look
    python bench/run.py --store DIR           # reuse a store built by an earlier run

Targets (issue: foundation): look-up by number p95 <= 2 ms; text search p95 <=
15 ms and within 2x of the bare FTS5 query; a three-bill cash payment p95 <=
10 ms; building the 1,000,000-customer demo <= 300 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from counter import config
from counter.bootstrap import App
from counter.models import Bill, Customer
from counter.rules.text import fold
from counter.services.billing import quote
from counter.services.demo import create_demo
from counter.services.demo_names import DISTRICTS, GIVEN, STREETS, SURNAMES
from counter.services.lookup import find_customers, word_match
from counter.services.payment import pay


def percentiles(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 3),
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 3), "max_ms": round(ms[-1], 3)}


def timed(fn, *args) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def bench_build(data_dir: Path, customers: int) -> dict:
    app = App(config.load(data_dir=data_dir))
    start = time.perf_counter()
    summary = create_demo(app.uow(), customers=customers, seed=2025, as_of=dt.date(2025, 11, 24))
    seconds = time.perf_counter() - start
    app.engine.dispose()
    # baseline: SQLite copying the same bill rows into a bare table (no index, no FTS)
    db = sqlite3.connect(data_dir / "counter.sqlite")
    start = time.perf_counter()
    db.execute("CREATE TEMP TABLE bare AS SELECT * FROM bill")
    baseline = time.perf_counter() - start
    db.close()
    return {"customers": summary.customers, "bills": summary.bills, "seconds": round(seconds, 1),
            "baseline_copy_bills_seconds": round(baseline, 1)}


def bench_number_lookup(app: App, rng: random.Random, rounds: int) -> dict:
    with app.uow() as uow:
        s = uow.session
        top = s.scalar(select(func.max(Customer.id)))
        picks = [s.get(Customer, rng.randint(1, top)) for _ in range(rounds)]
        keys = [(c.number if i % 2 else c.meter_no) for i, c in enumerate(picks)]
        raw = s.connection().connection.driver_connection
        ours = [timed(find_customers, s, k) for k in keys]
        bare = [timed(lambda k: raw.execute(
            "SELECT id FROM customer WHERE number_key = ? OR meter_key = ?", (k, k)).fetchall(), k.replace("-", ""))
            for k in keys]
    return {"ours": percentiles(ours), "bare_sql": percentiles(bare)}


def text_queries(rng: random.Random, count: int) -> list[str]:
    """What cashiers type: part of a name, a name and a place, a street and number."""
    places = [v for vs in DISTRICTS.values() for v in vs]
    makers = [
        lambda: rng.choice(SURNAMES),
        lambda: rng.choice(SURNAMES)[:4],
        lambda: f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
        lambda: f"{rng.choice(GIVEN)[:3]} {rng.choice(SURNAMES)[:3]}",
        lambda: f"{rng.choice(SURNAMES)} {rng.choice(places)}",
        lambda: f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(places)}",
        lambda: f"jl {rng.choice(STREETS)} {rng.randint(1, 250)}",
        lambda: rng.choice(places),
        lambda: rng.choice(GIVEN),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def bench_text_search(app: App, rng: random.Random, rounds: int) -> dict:
    queries = text_queries(rng, rounds)
    with app.uow() as uow:
        s = uow.session
        raw = s.connection().connection.driver_connection
        for q in queries[:20]:  # warm the page cache alike for both
            find_customers(s, q)
        ours, bare, bare_ranked = [], [], []
        for q in queries:
            match = word_match(fold(q).split())
            bare.append(timed(lambda: raw.execute(
                "SELECT rowid FROM customer_words WHERE customer_words MATCH ? LIMIT 50", (match,)).fetchall()))
            bare_ranked.append(timed(lambda: raw.execute(
                "SELECT rowid FROM customer_words WHERE customer_words MATCH ? ORDER BY rank LIMIT 50",
                (match,)).fetchall()))
            ours.append(timed(find_customers, s, q))
    ratio = [o / b for o, b in zip(ours, bare)]
    return {"queries": len(queries), "ours": percentiles(ours), "bare_fts5_page": percentiles(bare),
            "bare_fts5_ranked_top50": percentiles(bare_ranked),
            "ratio_to_bare_p50": round(statistics.median(ratio), 2),
            "ratio_of_p95": round(percentiles(ours)["p95_ms"] / percentiles(bare)["p95_ms"], 2),
            "examples": queries[:8]}


def bench_payment(app: App, rounds: int) -> dict:
    desk = dataclasses.replace(app.desk(), clock=lambda: dt.datetime(2025, 11, 24, 2, tzinfo=dt.timezone.utc))
    with app.uow() as uow:
        owing = (select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
                 .having(func.count() >= 3))
        numbers = uow.session.scalars(select(Customer.number).where(
            Customer.id.in_(owing), Customer.status != "closed").limit(rounds)).all()
        plans = []
        for n in numbers:
            q = quote(uow.session, n, desk.today())
            plans.append((n, [b.period for b in q.bills[:3]], q.oldest(3).total))
    ours = [timed(pay, app.uow(), desk, n, periods, "cash", total + 1_000) for n, periods, total in plans]
    # baseline: one durable single-row commit on the same file (WAL, synchronous=FULL)
    db = sqlite3.connect(app.config.store.local_path, isolation_level=None)
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, v TEXT)")
    bare = []
    for i in range(len(plans)):
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO bench_bare (v) VALUES (?)", (str(i),))
        db.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    db.execute("DROP TABLE bench_bare")
    db.close()
    return {"ours": percentiles(ours), "bare_durable_commit": percentiles(bare)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="an existing store folder (skips the build)")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the store built")
    args = parser.parse_args()
    rng = random.Random(1)
    results = {"date": dt.date.today().isoformat(), "machine": f"{platform.machine()}, {platform.processor() or ''}"
               f" {len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()},"
               f" SQLite {sqlite3.sqlite_version}"}
    folder = args.store
    temp = None
    if folder is None:
        temp = Path(tempfile.mkdtemp(prefix="counter-bench-"))
        folder = temp
        results["build"] = bench_build(folder, args.customers)
        print(json.dumps(results["build"]), flush=True)
    app = App(config.load(data_dir=folder))
    results["number_lookup"] = bench_number_lookup(app, rng, args.rounds)
    results["text_search"] = bench_text_search(app, rng, args.rounds)
    results["payment_3_bills_cash"] = bench_payment(app, min(args.rounds, 200))
    app.engine.dispose()
    print(json.dumps(results, indent=2))
    if temp and not args.keep:
        shutil.rmtree(temp)
    elif temp:
        print(f"store kept in {temp}")


if __name__ == "__main__":
    main()
