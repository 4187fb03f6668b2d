"""What moves between counters and the central store.

One schema serves both: the central store fills `inbox`, `conflict` and
`customer_credit`; a counter's store keeps `sync_state` (how far it has
pulled). Replicated tables carry a `change_seq` (see `Replicated`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base

EVENT_OUTCOMES = ("applied", "duplicate", "conflict", "rejected")


class InboxEvent(Base):
    """An event a counter pushed; the applier gives it an outcome."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_pending", "status", "received_at"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the counter's outbox id
    office: Mapped[str] = mapped_column(String(16))
    counter: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]  # by the counter's clock
    received_at: Mapped[dt.datetime]  # by central's clock
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | EVENT_OUTCOMES
    reason: Mapped[str] = mapped_column(String(400), default="")
    processed_at: Mapped[dt.datetime | None]


class Conflict(Base):
    """Money central could not apply as the counter meant it: a supervisor resolves it."""

    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    kind: Mapped[str] = mapped_column(String(24))  # bill_already_paid | amount_mismatch | clock | receipt_number_reused | ...
    amount: Mapped[int]  # the surplus that became credit (or the difference found)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | refunded | applied
    created_at: Mapped[dt.datetime]
    resolved_at: Mapped[dt.datetime | None]
    resolved_by: Mapped[int | None]


class CustomerCredit(Base):
    """A ledger of money held for a customer: + surplus taken, - refunded or applied."""

    __tablename__ = "customer_credit"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    payment_id: Mapped[uuid.UUID | None]
    amount: Mapped[int]
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime]


class ChangeSequence(Base):
    """The last change number given out. Taking the next one locks this row until
    commit, so change numbers are committed in order and a pull never skips one."""

    __tablename__ = "change_sequence"
    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class SyncState(Base):
    """A counter's sync bookkeeping: pulled-up-to marks, last contact, last error."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(400), default="")


class Device(Base):
    """Central only: a counter enrolled with a one-time code, and the key it then
    holds. Only hashes are kept; central derives office and counter from the key."""

    __tablename__ = "device"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # cleared once used
    code_expires_at: Mapped[dt.datetime]
    key_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    enrolled_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    last_seen_at: Mapped[dt.datetime | None]


class CustomerNote(Base):
    """What central last said of a customer beyond the replica (a counter's
    store only): credit held and conflicts still open, for the customer panel."""

    __tablename__ = "customer_note"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    credit: Mapped[int] = mapped_column(default=0)
    open_conflicts: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[dt.datetime]
