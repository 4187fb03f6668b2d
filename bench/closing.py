"""Day-closing benchmark against the PostgreSQL server on 127.0.0.1:5432.

    python bench/closing.py [--payments 10000] [--counters 8] [--rounds 5]

Target (issue: shift and daily cash closing): consolidating an office day of
10,000 payments over 8 counters from central and rendering its PDF reports (the
daily receipts report and the closing report) <= 3 s. The baseline, in the same
run, is the bare read of the rows those figures come from (one SQL query per
table, no aggregation, no rendering).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import shutil
import tempfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from counter import config
from counter.bootstrap import App
from counter.models import Bill, Counter, Office, Payment, PaymentLine, Shift, User
from counter.printing.day_report_pdf import closing_pdf, daily_receipts_pdf
from counter.services.day_report import consolidate
from counter.services.demo import create_demo
from counter.sync.central import central_engine, init_central
from counter.sync.loading import load_reference_data

from sync import fresh_database  # noqa: E402 - bench/ is on the path when run as a script
from timing import timed  # noqa: E402

DAY = dt.date(2025, 11, 20)
ZONE = ZoneInfo("Asia/Makassar")


def fill_day(central, payments: int, counters: int) -> None:  # noqa: ANN001
    """`payments` receipts of one office day spread over `counters` counters and
    their cashiers, 08:00-16:00, each paying one to three open bills; a closed
    shift per counter; a few voids and reprints."""
    rng = random.Random(2025)
    with Session(central) as session, session.begin():
        office = session.scalars(select(Office).where(Office.code == "KPG")).one()
        have = {c.code: c.id for c in session.scalars(select(Counter).where(Counter.office_id == office.id))}
        for n in range(1, counters + 1):
            if f"L{n:02d}" not in have:
                row = Counter(office_id=office.id, code=f"L{n:02d}", name=f"Loket {n}", change_seq=0)
                session.add(row)
                session.flush()
                have[row.code] = row.id
        cashiers = []
        for n in range(1, counters + 1):
            user = session.scalars(select(User).where(User.username == f"kasir{n}")).first()
            if user is None:
                user = User(username=f"kasir{n}", full_name=f"Kasir {n}", role="cashier", active=True, change_seq=0)
                session.add(user)
                session.flush()
            cashiers.append(user.id)
        bills = session.execute(select(Bill.id, Bill.customer_id, Bill.period, Bill.water_charge, Bill.standing_charge,
                                       Bill.meter_fee, Bill.admin_fee).order_by(Bill.customer_id, Bill.period)).all()
        by_customer: dict[int, list] = {}
        for b in bills:
            by_customer.setdefault(b.customer_id, []).append(b)
        customers = list(by_customer)
        rng.shuffle(customers)
        start = dt.datetime.combine(DAY, dt.time(8), ZONE)
        pays, lines, seqs = [], [], [0] * counters
        for i in range(payments):
            customer = customers[i % len(customers)]
            taken = by_customer[customer][: rng.randint(1, 3)]
            k = i % counters
            seqs[k] += 1
            pid = uuid.uuid4()
            parts = [dict(payment_id=pid, seq=s, kind="bill", bill_id=b.id, plan_id=None, term_seq=None, period=b.period,
                          water_charge=b.water_charge, standing_charge=b.standing_charge, meter_fee=b.meter_fee,
                          admin_fee=b.admin_fee, fine=5000 if s == 1 and rng.random() < 0.3 else 0)
                     for s, b in enumerate(taken, 1)]
            for p in parts:
                p["amount"] = p["water_charge"] + p["standing_charge"] + p["meter_fee"] + p["admin_fee"] + p["fine"]
            subtotal = sum(p["amount"] for p in parts)
            stamp = 10_000 if subtotal > 5_000_000 else 0
            method = "cash" if rng.random() < 0.7 else rng.choice(["transfer", "qris", "debit"])
            tendered = -(-(subtotal + stamp) // 10_000) * 10_000 if method == "cash" else subtotal + stamp
            void = rng.random() < 0.002
            pays.append(dict(
                id=pid, receipt_no=f"KPG-L{k + 1:02d}-{DAY:%Y%m%d}-{seqs[k]:04d}", office_id=office.id,
                counter_id=have[f"L{k + 1:02d}"], cashier_id=cashiers[k], customer_id=customer,
                paid_at=start + dt.timedelta(seconds=rng.randint(0, 8 * 3600)), business_date=DAY, method=method,
                subtotal=subtotal, stamp_duty=stamp, total=subtotal + stamp, tendered=tendered,
                change=tendered - subtotal - stamp, reference="", status="void" if void else "completed",
                void_reason="salah pelanggan" if void else "", voided_at=start + dt.timedelta(hours=9) if void else None,
                voided_by=None, taken_offline=False, reprint_count=1 if rng.random() < 0.01 else 0))
            lines += parts
        session.execute(insert(Payment.__table__), pays)
        session.execute(insert(PaymentLine.__table__), lines)
        for k in range(counters):
            session.add(Shift(id=uuid.uuid4(), office_id=office.id, counter_id=have[f"L{k + 1:02d}"],
                              user_id=cashiers[k], business_date=DAY, opened_at=start - dt.timedelta(minutes=30),
                              opening_float=200_000, status="closed",
                              closed_at=start + dt.timedelta(hours=8, minutes=30), counts={"100000": 2},
                              counted=200_000, expected_cash=200_000, variance_reason="", closed_by=cashiers[k]))


def bare_read(central) -> None:  # noqa: ANN001
    with central.connect() as c:
        c.execute(text("SELECT * FROM payment WHERE business_date = :d"), {"d": DAY}).all()
        c.execute(text("SELECT l.* FROM payment_line l JOIN payment p ON p.id = l.payment_id"
                       " WHERE p.business_date = :d"), {"d": DAY}).all()


def report(central) -> tuple[int, int]:  # noqa: ANN001
    with Session(central) as session:
        figures = consolidate(session, "KPG", DAY, ZONE)
    return len(daily_receipts_pdf(figures, "Perumda Air Minum")), len(closing_pdf(figures, "Perumda Air Minum"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument("--counters", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results: dict = {"date": dt.date.today().isoformat(), "machine": f"{platform.machine()}, {platform.python_version()}"}
    work = Path(tempfile.mkdtemp(prefix="counter-closing-bench-"))
    try:
        counter = App(config.load(data_dir=work / "counter"))
        create_demo(counter.uow(), customers=6_000, seed=2025, as_of=DAY)
        central = central_engine(fresh_database("counter_closing_bench"), timeout_s=30)
        init_central(central)
        load_reference_data(counter.engine, central)
        fill_day(central, args.payments, args.counters)
        with central.connect() as c:
            c.execute(text("ANALYZE"))
        with Session(central) as session:
            figures = consolidate(session, "KPG", DAY, ZONE)
        results["day"] = {"receipts": len(figures.receipts), "counters": len(figures.by_counter),
                          "total": figures.total}

        def consolidate_only() -> None:
            with Session(central) as session:
                consolidate(session, "KPG", DAY, ZONE)

        sizes = report(central)
        results["pdf_bytes"] = {"daily_receipts": sizes[0], "closing": sizes[1]}
        results["bare_read"] = timed(lambda: bare_read(central), args.rounds)
        results["consolidate"] = timed(consolidate_only, args.rounds)
        results["render_pdfs"] = timed(lambda: (daily_receipts_pdf(figures, "P"), closing_pdf(figures, "P")),
                                       args.rounds)
        results["consolidate_and_render"] = timed(lambda: report(central), args.rounds)
        results["target_ms"] = 3000
        central.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
