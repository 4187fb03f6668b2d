"""Payments taken at the counter, with one line per bill paid."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter.models.base import Base



class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (
        Index("ix_payment_day", "business_date", "counter_id"),
        Index("ix_payment_customer", "customer_id", "paid_at"),  # a customer's history, newest first
        # paper receipts by who entered them: a shift's drawer finds them (few rows; the rest are NULL)
        Index("ix_payment_entered_by", "entered_by", "paid_at", sqlite_where=text("entered_by IS NOT NULL"),
              postgresql_where=text("entered_by IS NOT NULL")),
    )
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    receipt_no: Mapped[str] = mapped_column(String(48), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    cashier_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    paid_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date]
    method: Mapped[str] = mapped_column(String(12))
    subtotal: Mapped[int]  # sum of the lines
    stamp_duty: Mapped[int]
    total: Mapped[int]  # subtotal + stamp duty + rounding
    rounding: Mapped[int] = mapped_column(default=0)  # cash rounded to the utility's unit (signed); 0 otherwise
    credit_used: Mapped[int] = mapped_column(default=0)  # customer credit taken: the method paid total - credit_used
    tendered: Mapped[int]
    change: Mapped[int]
    reference: Mapped[str] = mapped_column(String(64), default="")  # transfer / QRIS / card ref
    status: Mapped[str] = mapped_column(String(12), default="completed")  # completed | void
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    voided_at: Mapped[dt.datetime | None]
    voided_by: Mapped[int | None]  # app_user.id of the approving supervisor
    taken_offline: Mapped[bool] = mapped_column(default=False)  # central was unreachable: said on the receipt
    reprint_count: Mapped[int] = mapped_column(default=0)  # copies printed after the original
    # A paper receipt (kuitansi manual) written during an outage and entered afterwards: its number,
    # and who entered it (whose drawer the cash went into then); "" and None for any other payment.
    paper_no: Mapped[str] = mapped_column(String(32), default="")
    entered_by: Mapped[int | None]  # app_user.id
    lines: Mapped[list[PaymentLine]] = relationship(
        order_by="PaymentLine.seq", cascade="all, delete-orphan"
    )


class PaymentLine(Base):
    """What one payment paid of one bill (by component), of one instalment term or of one other charge."""

    __tablename__ = "payment_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payment.id"), index=True)
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="bill")  # bill | down_payment | term | charge
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"))
    plan_id: Mapped[uuid.UUID | None]  # for a down payment or a term: its plan
    term_seq: Mapped[int | None]  # 0: the down payment
    period: Mapped[int]  # the bill's month; 0 for a term
    water_charge: Mapped[int]
    standing_charge: Mapped[int]
    meter_fee: Mapped[int]
    admin_fee: Mapped[int]
    fine: Mapped[int]
    amount: Mapped[int]  # sum of the components above; a charge: the catalogue's amount less charge_discount
    charge_code: Mapped[str | None] = mapped_column(String(24))  # a charge line: its code in charge_type
    charge_discount: Mapped[int] = mapped_column(default=0)  # a charge line: Rupiah off it by a relief programme


class ReceiptSequence(Base):
    """The last receipt number issued by a counter on a day."""

    __tablename__ = "receipt_sequence"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(primary_key=True)
    last_no: Mapped[int] = mapped_column(default=0)
