"""Today's receipts at this counter, newest first: what the void dialog (F7)
lists for the cashier to choose from. Read-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from counter.models import Customer, Payment
from counter.services.context import Desk
from counter.store.uow import UnitOfWork

DEFAULT_LIMIT = 200  # a busy counter takes a few hundred payments a day; the newest matter most


@dataclass(frozen=True)
class ReceiptLine:
    """One payment of the day, as the list shows it."""

    receipt_no: str
    paid_at: dt.datetime  # in the office's time zone
    customer_number: str
    customer_name: str
    total: int
    method: str  # cash | transfer | qris | debit (payment.METHOD_LABELS words them)
    status: str  # completed | void

    @property
    def voided(self) -> bool:
        return self.status == "void"


def receipts_today(uow: UnitOfWork, desk: Desk, limit: int = DEFAULT_LIMIT) -> list[ReceiptLine]:
    """The payments this counter took on the business date `desk.today()`, newest
    first (void ones too, marked by their status); at most `limit` of them."""
    if limit <= 0:
        return []
    with uow:
        rows = uow.session.execute(
            select(Payment.receipt_no, Payment.paid_at, Customer.number, Customer.name, Payment.total,
                   Payment.method, Payment.status)
            .join(Customer, Customer.id == Payment.customer_id)
            .where(Payment.office_id == desk.office_id, Payment.counter_id == desk.counter_id,
                   Payment.business_date == desk.today())
            .order_by(Payment.paid_at.desc(), Payment.receipt_no.desc())
            .limit(limit)
        ).all()
    return [ReceiptLine(receipt_no, paid_at.astimezone(desk.zone), number, name, total, method, status)
            for receipt_no, paid_at, number, name, total, method, status in rows]
