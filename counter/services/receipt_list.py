"""Receipts as the desk lists them, newest first. Read-only.

- `receipts_today`: this counter's receipts of the business date, what the
  void dialog (F7) lists for the cashier to choose from;
- `customer_receipts`: one customer's payments in the local store (every
  counter and day it holds), what the history dialog (Ctrl+H) lists, with the
  counter, the cashier and what each paid, to reprint any of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select

from counter.models import Counter, Customer, Payment, PaymentLine, User
from counter.services.context import Desk
from counter.store.uow import UnitOfWork

DEFAULT_LIMIT = 200  # a busy counter takes a few hundred payments a day; the newest matter most
HISTORY_LIMIT = 120  # ten years of monthly payments; the newest matter most


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


@dataclass(frozen=True)
class CustomerReceipt:
    """One payment of a customer, as the history lists it."""

    receipt_no: str
    paid_at: dt.datetime  # in the office's time zone
    business_date: dt.date
    counter_code: str
    cashier: str  # full name (the user name when there is none)
    periods: tuple[int, ...]  # the bills' months (yyyymm), oldest first
    terms: int  # instalment lines (a down payment counts)
    charges: tuple[str, ...]  # other charges' codes
    total: int
    method: str
    status: str  # completed | void
    void_reason: str
    copies: int  # copies printed after the original
    paper_no: str  # a paper receipt written during an outage ("" for any other)

    @property
    def voided(self) -> bool:
        return self.status == "void"


def customer_receipts(uow: UnitOfWork, customer_id: int, zone: ZoneInfo,
                      limit: int = HISTORY_LIMIT) -> list[CustomerReceipt]:
    """The payments of customer `customer_id` in the local store, newest first
    (void ones too, with their reason); at most `limit` of them."""
    if limit <= 0:
        return []
    with uow:
        rows = uow.session.execute(
            select(Payment.id, Payment.receipt_no, Payment.paid_at, Payment.business_date, Counter.code,
                   User.full_name, User.username, Payment.total, Payment.method, Payment.status,
                   Payment.void_reason, Payment.reprint_count, Payment.paper_no)
            .join(Counter, Counter.id == Payment.counter_id)
            .join(User, User.id == Payment.cashier_id)
            .where(Payment.customer_id == customer_id)
            .order_by(Payment.paid_at.desc(), Payment.receipt_no.desc())
            .limit(limit)
        ).all()
        paid: dict = {row.id: ([], [], 0) for row in rows}
        if rows:
            for payment_id, kind, period, code in uow.session.execute(
                    select(PaymentLine.payment_id, PaymentLine.kind, PaymentLine.period, PaymentLine.charge_code)
                    .where(PaymentLine.payment_id.in_(list(paid)))
                    .order_by(PaymentLine.payment_id, PaymentLine.seq)):
                periods, charges, terms = paid[payment_id]
                if kind == "bill":
                    periods.append(period)
                elif kind == "charge":
                    charges.append(code or "")
                else:  # a down payment or a term
                    paid[payment_id] = (periods, charges, terms + 1)
    return [CustomerReceipt(row.receipt_no, row.paid_at.astimezone(zone), row.business_date, row.code,
                            row.full_name or row.username, tuple(sorted(paid[row.id][0])), paid[row.id][2],
                            tuple(paid[row.id][1]), row.total, row.method, row.status, row.void_reason,
                            row.reprint_count, row.paper_no)
            for row in rows]
