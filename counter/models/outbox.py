"""Acts waiting to be sent to central, and the local audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base


class OutboxEvent(Base):
    """An act committed locally, in the same transaction, to be pushed to central."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unsent", "sent_at", "created_at"),
        # sent, no verdict yet: what every sync asks central about (the rest of the outbox is history)
        Index("ix_outbox_unjudged", "sent_at", sqlite_where=text("outcome = ''"), postgresql_where=text("outcome = ''")),
    )
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]  # set only after central committed it
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(400), default="")
    next_attempt_at: Mapped[dt.datetime | None]  # held back after central refused it alone
    outcome: Mapped[str] = mapped_column(String(12), default="")  # from central: EVENT_OUTCOMES
    outcome_reason: Mapped[str] = mapped_column(String(400), default="")
    # a rejected event stays on the counter's screen until a supervisor has dealt with it
    dismissed_at: Mapped[dt.datetime | None]
    dismissed_by: Mapped[str] = mapped_column(String(40), default="")


class AuditRecord(Base):
    """Who did what, when, from which counter; chained by hash (services.audit)."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("chain", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[int] = mapped_column(default=0)  # the counter's id; 0: the store itself
    seq: Mapped[int] = mapped_column(default=0)  # 1, 2, ... within the chain
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime]
    user_id: Mapped[int | None]
    counter_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(80), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
