"""Push: drain the local outbox into central's inbox, in batches.

Central keys an event by its id, so sending it again is a no-op. Rows are
marked sent locally only after central answered that it has them: a crash in
between means a resend, never a loss. An event central refuses for its form is
held back (with a growing delay), so it never blocks the events behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, or_, select, update

from counter.models import OutboxEvent
from counter.sync.link import Central
from counter.sync.state import reaching_central, record_contact, utc_now, writing

BATCH = 500
HOLD_BACK = dt.timedelta(minutes=1)  # first delay for an event central refused; doubles, at most an hour


@dataclass
class PushResult:
    sent: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # event id -> central's reason


def push_once(local: Engine, central: Central, batch: int = BATCH) -> PushResult:
    """Send one batch of unsent events. Raises CentralUnreachable when central is away."""
    now = utc_now()
    with local.connect() as connection:
        rows = connection.execute(
            select(OutboxEvent.__table__)
            .where(OutboxEvent.sent_at.is_(None),
                   or_(OutboxEvent.next_attempt_at.is_(None), OutboxEvent.next_attempt_at <= now))
            .order_by(OutboxEvent.created_at, OutboxEvent.id).limit(batch)
        ).mappings().all()
    result = PushResult()
    if not rows:
        return result
    events = [{"id": str(r["id"]), "kind": r["kind"], "payload": r["payload"],
               "created_at": r["created_at"].isoformat()} for r in rows]
    with reaching_central(local):
        answer = central.push(events)
    received = set(answer.get("received", []))
    refused = {k: str(v)[:400] for k, v in answer.get("refused", {}).items()}
    sent = [r["id"] for r in rows if str(r["id"]) in received]
    held = {r["id"]: refused.get(str(r["id"]), "tidak diterima pusat") for r in rows if str(r["id"]) not in received}
    _mark(local, sent, held, {r["id"]: r["attempts"] for r in rows}, now)
    result.sent = len(sent)
    result.refused = {str(k): v for k, v in held.items()}
    record_contact(local)
    return result


def _mark(local: Engine, sent: list, refused: dict, attempts: dict, now: dt.datetime) -> None:
    """What central has is sent; what it refused is held back, longer each time."""
    if not (sent or refused):
        return
    table = OutboxEvent.__table__
    with writing(local) as connection:
        if sent:
            connection.execute(update(table).where(OutboxEvent.id.in_(sent)).values(sent_at=now))
        for event_id, reason in refused.items():
            tries = attempts[event_id] + 1
            delay = min(HOLD_BACK * 2 ** (tries - 1), dt.timedelta(hours=1))
            connection.execute(update(table).where(OutboxEvent.id == event_id)
                               .values(attempts=tries, last_error=reason, next_attempt_at=now + delay))


def push_all(local: Engine, central: Central, batch: int = BATCH) -> PushResult:
    """Push batches until nothing sendable is left."""
    total = PushResult()
    while True:
        result = push_once(local, central, batch)
        total.sent += result.sent
        total.refused.update(result.refused)
        if result.sent + len(result.refused) < batch or result.sent == 0:
            return total
