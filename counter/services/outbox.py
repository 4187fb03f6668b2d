"""Queueing an act for central: an outbox row written in the act's own
transaction, so the act and its event commit together or not at all."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.models import OutboxEvent
from counter.services.context import Desk


def queue_event(session: Session, desk: Desk, kind: str, payload: dict, at: dt.datetime | None = None) -> None:
    """Queue `kind` with `payload`, which names the sending office and counter
    (central checks them against the sender)."""
    session.execute(insert(OutboxEvent.__table__), {
        "id": uuid7(), "kind": kind, "created_at": at or desk.now(), "sent_at": None,
        "payload": {**payload, "office": desk.office_code, "counter": desk.counter_code}})
