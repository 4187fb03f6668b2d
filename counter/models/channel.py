"""Central only: payment channels (banks, marketplaces, the post office,
aggregators) and the payments they take host-to-host.

A channel's payments are kept apart from the counters' `payment` table: they
have no counter, cashier, drawer or receipt number, and they answer to the
channel's own reference. A bill a channel paid carries the channel payment's
id in `bill.payment_id`, so counters see it paid after their next pull.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base


class Channel(Base):
    __tablename__ = "channel"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # the key both sides sign requests with (HMAC-SHA256): a shared secret, so it is kept, not hashed
    secret: Mapped[str] = mapped_column(String(64))
    offices: Mapped[list] = mapped_column(JSON, default=list)  # office codes it may collect for; empty: all
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class ChannelPayment(Base):
    __tablename__ = "channel_payment"
    __table_args__ = (
        UniqueConstraint("channel_id", "reference"),
        Index("ix_channel_payment_day", "business_date", "channel_id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"))
    reference: Mapped[str] = mapped_column(String(64))  # the channel's own; its idempotency key
    request_hash: Mapped[str] = mapped_column(String(64))  # what was asked under that reference
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    paid_at: Mapped[dt.datetime]  # by central's clock
    business_date: Mapped[dt.date]  # in central's time zone
    subtotal: Mapped[int]
    stamp_duty: Mapped[int]
    total: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default="completed")  # completed | reversed
    reversed_at: Mapped[dt.datetime | None]
    source: Mapped[str] = mapped_column(String(12), default="api")  # api | settlement (applied from its file)


class ChannelPaymentLine(Base):
    """One bill a channel payment paid, by component (as `payment_line`)."""

    __tablename__ = "channel_payment_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("channel_payment.id"), index=True)
    seq: Mapped[int]
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    period: Mapped[int]
    water_charge: Mapped[int]
    standing_charge: Mapped[int]
    meter_fee: Mapped[int]
    admin_fee: Mapped[int]
    fine: Mapped[int]
    amount: Mapped[int]


class ChannelSettlement(Base):
    """A channel's day reconciled against its settlement file: no reversal after it."""

    __tablename__ = "channel_settlement"
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(primary_key=True)
    settled_at: Mapped[dt.datetime]
    file_sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class PublishQueue(Base):
    """Bills changed at central outside the applier (a channel paid or reversed
    them), waiting for a change number. Taking one holds central's one change
    lock until commit, so a channel's payment leaves that to the applier thread,
    which gives all waiting bills one number in one short transaction."""

    __tablename__ = "publish_queue"
    bill_id: Mapped[int] = mapped_column(primary_key=True)
