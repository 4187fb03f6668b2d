"""Sync benchmarks against the PostgreSQL server on 127.0.0.1:5432.

    python bench/sync.py [--customers 100000] [--payments 10000]

Targets (issue: sync): 10,000 queued payments pushed and applied at central
<= 5 s (with the ratio to a bare batched INSERT of the same rows, same run); an
incremental pull of 1,000 changed bills <= 1 s; a first pull of 100,000
customers with their open bills <= 60 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text, update

from counter import config
from counter.bootstrap import App
from counter.models import Bill, Customer, OutboxEvent
from counter.services.billing import quote
from counter.services.demo import create_demo
from counter.services.payment import pay
from counter.sync.applier import apply_pending
from counter.sync.central import central_engine, init_central, next_change
from counter.sync.loading import load_reference_data
from counter.sync.pull import pull_all
from counter.sync.push import push_all

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
AS_OF = dt.date(2025, 11, 24)


def fresh_database(name: str) -> str:
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return ADMIN.rsplit("/", 1)[0] + f"/{name}"


def timed(fn, *args, **kwargs):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def take_payments(app: App, count: int) -> int:
    desk = dataclasses.replace(app.desk(), clock=lambda: dt.datetime(2025, 11, 24, 2, tzinfo=dt.timezone.utc))
    taken = 0
    with app.uow() as uow:
        numbers = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status != "closed").group_by(Customer.id)
        ).all()
    for number in numbers:
        if taken == count:
            break
        with app.uow() as uow:
            owed = quote(uow.session, number, AS_OF)
        while owed.bills and taken < count:  # one payment per bill, oldest first
            first = owed.oldest(1)
            pay(app.uow(), desk, number, [first.bills[0].period], "qris")
            taken += 1
            owed = dataclasses.replace(owed, bills=owed.bills[1:])
    return taken


def bare_insert(central, rows: list[dict]) -> float:  # noqa: ANN001
    """The same inbox rows, batched into a bare copy of the inbox table."""
    with central.begin() as c:
        c.execute(text("CREATE TABLE bare_inbox (LIKE inbox INCLUDING DEFAULTS)"))
    start = time.perf_counter()
    with central.begin() as c:
        c.execute(text(
            "INSERT INTO bare_inbox (id, office, counter, kind, payload, created_at, received_at, status, reason)"
            " VALUES (:id, :office, :counter, :kind, CAST(:payload AS json), :created_at, now(), 'pending', '')"
        ), rows)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=10_000)
    args = parser.parse_args()
    results: dict = {"date": dt.date.today().isoformat()}
    work = Path(tempfile.mkdtemp(prefix="counter-sync-bench-"))
    try:
        counter = App(config.load(data_dir=work / "counter"))
        results["demo_build_s"] = round(timed(create_demo, counter.uow(), customers=args.customers, seed=2025,
                                              as_of=AS_OF)[0], 1)
        central = central_engine(fresh_database("counter_bench"), timeout_s=30)
        init_central(central)
        # central gets the open bills only: the paid history plays no part in what is measured
        results["central_load_s"] = round(timed(load_reference_data, counter.engine, central, True)[0], 1)

        # first pull: a new counter with an empty store
        newcomer = App(config.load(data_dir=work / "new"))
        seconds, pulled = timed(pull_all, newcomer.engine, central)
        results["first_pull"] = {"seconds": round(seconds, 2), "rows": pulled.rows}

        # 10,000 queued payments: push and apply
        results["payments_taken_s"] = round(timed(take_payments, counter, args.payments)[0], 1)
        with counter.engine.connect() as c:
            queued = c.execute(select(OutboxEvent.__table__)).mappings().all()
        start = time.perf_counter()
        pushed = push_all(counter.engine, central, "KPG", "L01")
        push_s = time.perf_counter() - start
        applied: dict[str, int] = {}
        while counts := apply_pending(central, limit=1000):
            for k, v in counts.items():
                applied[k] = applied.get(k, 0) + v
        total_s = time.perf_counter() - start
        rows = [dict(id=uuid.uuid4(), office="KPG", counter="L01", kind=r["kind"], payload=json.dumps(r["payload"]),
                     created_at=r["created_at"]) for r in queued]
        results["push_and_apply"] = {"events": pushed.sent, "applied": applied, "push_s": round(push_s, 2),
                                     "push_and_apply_s": round(total_s, 2),
                                     "bare_batched_insert_s": round(bare_insert(central, rows), 2)}
        results["push_and_apply"]["ratio_push_to_bare"] = round(
            push_s / results["push_and_apply"]["bare_batched_insert_s"], 1)

        # incremental pull of 1,000 changed bills
        pull_all(counter.engine, central)
        with central.begin() as c:
            ids = c.execute(select(Bill.id).where(Bill.status == "unpaid").limit(1000)).scalars().all()
            from sqlalchemy.orm import Session

            with Session(bind=c) as s:
                seq = next_change(s)
            c.execute(update(Bill).where(Bill.id.in_(ids)).values(status="paid", change_seq=seq))
        seconds, pulled = timed(pull_all, counter.engine, central)
        results["incremental_pull"] = {"seconds": round(seconds, 3), "bills": pulled.rows["bill"]}
        central.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
