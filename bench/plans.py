"""Listing the relief programmes a customer qualifies for and building a plan
preview, for a customer with 60 unpaid months, p50/p95 over many runs, against
a baseline in the same run (the plain quote of the same customer).

    python bench/plans.py [--customers 20000] [--rounds 300]

Target (issue: instalments and relief): eligible programmes + preview p95 <= 20 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, insert, select  # noqa: E402

from counter import config  # noqa: E402
from timing import timed  # noqa: E402
from counter.bootstrap import App  # noqa: E402
from counter.models import Bill, Customer  # noqa: E402
from counter.rules.period import add_months, due_date  # noqa: E402
from counter.services.billing import quote  # noqa: E402
from counter.services.demo import create_demo  # noqa: E402
from counter.services.plans import preview_plan, programme_offers  # noqa: E402

AS_OF = dt.date(2025, 11, 24)  # inside Kota Kupang's Buka Segel programme
MONTHS = 60




def sealed_customer_owing_60_months(app: App) -> str:
    """A sealed demo customer given 60 unpaid months (the demo makes at most 24)."""
    with app.uow() as uow:
        s = uow.session
        customer = s.scalars(select(Customer).where(Customer.status == "sealed").limit(1)).one()
        template = s.scalars(select(Bill).where(Bill.customer_id == customer.id).order_by(Bill.period)).first()
        first = s.scalar(select(func.min(Bill.period)).where(Bill.customer_id == customer.id))
        s.execute(Bill.__table__.update().where(Bill.customer_id == customer.id).values(status="unpaid"))
        have = s.scalar(select(func.count()).select_from(Bill).where(Bill.customer_id == customer.id))
        older = [add_months(first, -k) for k in range(1, MONTHS - have + 1)]
        s.execute(insert(Bill.__table__), [dict(
            customer_id=customer.id, period=p, meter_start=0, meter_end=template.usage_m3, usage_m3=template.usage_m3,
            water_charge=template.water_charge, standing_charge=template.standing_charge,
            meter_fee=template.meter_fee, admin_fee=template.admin_fee, due_date=due_date(p, 20), status="unpaid",
            change_seq=0) for p in older])
        uow.commit()
        return customer.number


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = App(config.load(data_dir=Path(folder)))
        create_demo(app.uow(), customers=args.customers, as_of=AS_OF)
        desk = dataclasses.replace(app.desk(), clock=lambda: dt.datetime(2025, 11, 24, 2, tzinfo=dt.timezone.utc))
        number = sealed_customer_owing_60_months(app)
        with app.uow() as uow:
            assert len(quote(uow.session, number, AS_OF).bills) == MONTHS

        def baseline() -> None:
            with app.uow() as uow:
                quote(uow.session, number, AS_OF)

        def offers_and_preview() -> None:
            offers = programme_offers(app.uow(), desk, number)
            eligible = [o for o in offers if o.eligible]
            preview_plan(app.uow(), desk, number, eligible[0].max_terms, programme=eligible[0].code)

        offers_and_preview()  # warm caches once, as a desk does on its first customer
        result = {
            "customers": args.customers, "unpaid_months": MONTHS, "rounds": args.rounds,
            "baseline_quote": timed(baseline, args.rounds),
            "eligible_and_preview": timed(offers_and_preview, args.rounds),
        }
        app.engine.dispose()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
