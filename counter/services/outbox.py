"""Queueing an act for central: an outbox row written in the act's own
transaction, so the act and its event commit together or not at all."""

from __future__ import annotations

import datetime as dt

import uuid
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.errors import InvalidInput, NotFound
from counter.models import OutboxEvent
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, check_credential
from counter.services.context import Desk
from counter.store.uow import UnitOfWork


def queue_event(session: Session, desk: Desk, kind: str, payload: dict, at: dt.datetime | None = None) -> None:
    """Queue `kind` with `payload`, which names the sending office and counter
    (central checks them against the sender)."""
    session.execute(insert(OutboxEvent.__table__), {
        "id": uuid7(), "kind": kind, "created_at": at or desk.now(), "sent_at": None,
        "payload": {**payload, "office": desk.office_code, "counter": desk.counter_code}})


@dataclass(frozen=True)
class RejectedEvent:
    """An act of this counter central rejected: not in central's books."""

    id: str
    kind: str
    created_at: dt.datetime
    reason: str
    receipt_no: str  # of a payment or a void; "" for other acts


def rejected_events(uow: UnitOfWork) -> list[RejectedEvent]:
    """The events central rejected that no supervisor has dismissed yet, oldest first."""
    with uow:
        rows = uow.session.execute(select(OutboxEvent).where(
            OutboxEvent.outcome == "rejected", OutboxEvent.dismissed_at.is_(None))
            .order_by(OutboxEvent.created_at)).scalars().all()
        return [RejectedEvent(str(r.id), r.kind, r.created_at, r.outcome_reason,
                              str(r.payload.get("receipt_no", "")) if isinstance(r.payload, dict) else "")
                for r in rows]


def dismiss_rejected(uow: UnitOfWork, desk: Desk, event_id: str, note: str, approval: Approval | None) -> None:
    """A supervisor has dealt with a rejected event (e.g. the payment was entered
    again at central, or the money refunded): it leaves the counter's screen,
    with the note, in the audit trail."""
    note = one_line(note, 5, 200, "Tulis apa yang sudah dilakukan (5-200 huruf).")
    try:
        wanted = uuid.UUID(str(event_id).strip())
    except ValueError:
        raise InvalidInput(f"Nomor peristiwa tidak valid: {event_id!r}.") from None
    supervisor = check_credential(uow, approval, "Menutup transaksi yang ditolak pusat", SUPERVISORS, desk)
    with uow.writing():
        row = uow.session.get(OutboxEvent, wanted)
        if row is None or row.outcome != "rejected" or row.dismissed_at is not None:
            raise NotFound(f"Tidak ada transaksi ditolak pusat bernomor {event_id}.")
        row.dismissed_at, row.dismissed_by = desk.now(), supervisor.username
        audit.append(uow.session, "sync.dismissed", str(wanted), {"kind": row.kind, "reason": row.outcome_reason,
                                                                  "note": note, "approved_by": supervisor.username},
                     **audit.by(desk))
        uow.commit()
