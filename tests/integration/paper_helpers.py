"""Helpers for the tests of outages and paper receipts: the outage of the demo's
autumn, customers owing from before it, and paper receipts as the book says them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from counter.models import AuditRecord, Bill, Customer, OutboxEvent, Payment
from counter.rules.period import period_of
from counter.rules.stamp_duty import stamp_duty
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD
from counter.services.outages import open_outage
from counter.services.paper_receipts import PaperRow

SUPERVISOR = Approval("kepala", DEMO_PASSWORD)
# the demo's today is 24 Nov 2025; the outage spans the end of October (November's bills issued on 1 Nov)
OUTAGE_FROM, OUTAGE_TO = dt.date(2025, 10, 27), dt.date(2025, 11, 16)


def open_the_outage(app, desk, start: dt.date = OUTAGE_FROM, end: dt.date = OUTAGE_TO):  # noqa: ANN001, ANN201
    return open_outage(app.uow(), desk, start, end, "Server SOPP pihak ketiga mati", SUPERVISOR)


def owing_customers(app, months: int = 2, count: int = 4) -> list[str]:  # noqa: ANN001
    """Active customers with at least `months` unpaid bills, all from before the outage."""
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active", Bill.period <= 202509)
            .group_by(Customer.id).having(func.count() >= months).order_by(Customer.id).limit(count)))


def owed(app, number: str, on: dt.date, count: int = 1, skip: int = 0) -> tuple[tuple[int, ...], int, int]:  # noqa: ANN001
    """(months, amount, fines) of the oldest `count` bills issued by `on` after `skip` of them, as of `on`."""
    with app.uow() as uow:
        q = quote(uow.session, number, on)
    chosen = [b for b in q.bills if b.period <= period_of(on)][skip:skip + count]
    subtotal = sum(b.amount for b in chosen)
    return tuple(b.period for b in chosen), subtotal + stamp_duty(subtotal, q.stamp_rule), sum(b.fine for b in chosen)


def paper(app, line: int, number: str, on: dt.date, paper_no: str, count: int = 1, skip: int = 0,  # noqa: ANN001
          cashier: str = "kasir2", off: int = 0) -> PaperRow:
    """A paper receipt as the book has it: the right amount (plus `off` Rupiah)."""
    months, amount, _ = owed(app, number, on, count, skip)
    return PaperRow(line, number, months, paper_no, amount + off, cashier, on)


def written(app) -> tuple[int, int, int]:  # noqa: ANN001
    """Payments, outbox events and audit records in the store: nothing written leaves them alone."""
    with app.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(t))
                     for t in (Payment, OutboxEvent, AuditRecord))
