"""A cashier's shift at a counter, and the office day it belongs to: opened
with a float, closed with a count; the day signed off and its cash deposited."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base, Replicated


class Shift(Base):
    __tablename__ = "shift"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    business_date: Mapped[dt.date]
    opened_at: Mapped[dt.datetime]
    opening_float: Mapped[int]  # cash in the drawer at the start (modal awal)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | closed
    closed_at: Mapped[dt.datetime | None]
    counts: Mapped[dict | None] = mapped_column(JSON)  # denomination key (rules.cash) -> pieces counted
    counted: Mapped[int | None]  # cash counted in the drawer at the close
    expected_cash: Mapped[int | None]  # float + cash taken - change given, at the close: the count's yardstick
    variance_reason: Mapped[str] = mapped_column(String(200), default="")
    closed_by: Mapped[int | None]  # app_user.id: the cashier, or a supervisor closing for them


class DayClosing(Replicated, Base):
    """An office day signed off by a supervisor: no payment or void is taken for
    it afterwards, and what arrives from a counter that was offline is reported
    apart. `covered` says what the signed figures hold: per counter the highest
    receipt number, and the receipts already voided."""

    __tablename__ = "day_closing"
    __table_args__ = (UniqueConstraint("office_id", "business_date"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    business_date: Mapped[dt.date]
    closed_at: Mapped[dt.datetime]
    closed_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    override_reason: Mapped[str] = mapped_column(String(200), default="")  # shifts were still open
    covered: Mapped[dict] = mapped_column(JSON)  # {"receipts": {counter: seq}, "voids": [receipt_no]}
    count: Mapped[int]  # receipts in the signed figures
    total: Mapped[int]  # Rupiah in the signed figures
    cash_total: Mapped[int]


class Deposit(Base):
    """The day's cash taken to the bank (setoran): the day's deposit (seq 1) after
    its sign-off, then a supplementary one (2, 3, ...) for cash a counter that was
    offline sent after it."""

    __tablename__ = "deposit"
    __table_args__ = (UniqueConstraint("office_id", "business_date", "seq"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    business_date: Mapped[dt.date]
    seq: Mapped[int] = mapped_column(default=1)
    amount: Mapped[int]
    bank: Mapped[str] = mapped_column(String(60))
    reference: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))


class Refund(Base):
    """Cash paid back to a customer from a cashier's drawer, settling a conflict
    central kept as the customer's credit (a bill paid twice). Made at the counter
    that paid it; central resolves the conflict when the refund arrives."""

    __tablename__ = "refund"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))  # whose drawer it left
    conflict_id: Mapped[int]  # central's conflict
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    amount: Mapped[int]
    business_date: Mapped[dt.date]
    paid_at: Mapped[dt.datetime]
    approved_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    # the refund slip (bukti pengembalian uang), as the paying counter made it
    slip_no: Mapped[str] = mapped_column(String(64), default="")  # "0001/BPU/KPG-L01/XI/2025"
    detail: Mapped[dict | None] = mapped_column(JSON)  # what was paid twice: period, receipt_no, first_paid
    printed_at: Mapped[dt.datetime | None]  # the original printed (or written as PDF); None: not yet
    copies: Mapped[int] = mapped_column(default=0)  # copies printed after it, "SALINAN ke-N"
