"""Collective payments (pembayaran kolektif) and the saved groups of connections
they are taken for. Local to the counter: each member is an ordinary payment
with its own receipt, which is what central and the closing see."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter.models.base import Base


class CollectivePayment(Base):
    """One tender for many connections: the summary receipt's record."""

    __tablename__ = "collective_payment"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    collective_no: Mapped[str] = mapped_column(String(64), unique=True)  # "0001/KOL/KPG-L01/XI/2025"
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    cashier_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    business_date: Mapped[dt.date]
    paid_at: Mapped[dt.datetime]
    method: Mapped[str] = mapped_column(String(12))
    reference: Mapped[str] = mapped_column(String(64), default="")
    total: Mapped[int]  # the members' totals (each rounded as its own payment)
    tendered: Mapped[int]
    change: Mapped[int]
    label: Mapped[str] = mapped_column(String(120), default="")  # who paid: the group's name, or ""
    printed_at: Mapped[dt.datetime | None]  # the original summary out; None: not yet
    copies: Mapped[int] = mapped_column(default=0)  # "SALINAN ke-N" printed after it
    members: Mapped[list[CollectiveMember]] = relationship(order_by="CollectiveMember.seq",
                                                           cascade="all, delete-orphan")


class CollectiveMember(Base):
    """A connection's own payment within a collective payment, in paying order."""

    __tablename__ = "collective_member"
    collective_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("collective_payment.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payment.id"), unique=True)


class PaymentGroup(Base):
    """A saved list of connections paid together (a housing complex, a company)."""

    __tablename__ = "payment_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # what is typed: "griya-asri"
    name: Mapped[str] = mapped_column(String(120), default="")  # "Perumahan Griya Asri"
    numbers: Mapped[list] = mapped_column(JSON, default=list)  # connection numbers, in paying order
    saved_at: Mapped[dt.datetime]
    saved_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
