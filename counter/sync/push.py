"""Push: drain the local outbox into the central inbox, in batches.

One transaction per batch at central; an event is keyed by its id, so sending
it again is a no-op. Rows are marked sent locally only after central committed:
a crash in between means a resend, never a loss. If central refuses a batch for
its content, the events are sent one by one and only the refused ones are held
back (with a growing delay), so they never block the events behind them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError

from counter.models import InboxEvent, OutboxEvent
from counter.sync.state import CentralUnreachable, record_contact, record_failure, utc_now, writing

BATCH = 500
HOLD_BACK = dt.timedelta(minutes=1)  # first delay for an event central refused; doubles, at most an hour


@dataclass
class PushResult:
    sent: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # event id -> central's reason


def _insert_ignoring_resends(central: Engine):  # noqa: ANN202
    table = InboxEvent.__table__
    if central.dialect.name == "postgresql":
        received = text("(now() at time zone 'utc')")
        return postgresql.insert(table).values(received_at=received).on_conflict_do_nothing(index_elements=["id"])
    return sqlite.insert(table).values(received_at=text("CURRENT_TIMESTAMP")).on_conflict_do_nothing()


def _unreachable(error: DBAPIError) -> bool:
    return isinstance(error, OperationalError) or error.connection_invalidated


def push_once(local: Engine, central: Engine, office: str, counter: str, batch: int = BATCH) -> PushResult:
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
    records = [dict(id=r["id"], office=office, counter=counter, kind=r["kind"], payload=r["payload"],
                    created_at=r["created_at"], status="pending", reason="", processed_at=None) for r in rows]
    statement = _insert_ignoring_resends(central)
    sent: list = []
    refused: dict = {}  # outbox id -> central's reason
    try:
        try:
            with central.begin() as connection:
                connection.execute(statement, records)
            sent = [r["id"] for r in records]
        except DBAPIError as error:
            if _unreachable(error):
                raise
            for record in records:  # find the ones central refuses; send the rest
                try:
                    with central.begin() as connection:
                        connection.execute(statement, [record])
                    sent.append(record["id"])
                except DBAPIError as single:
                    if _unreachable(single):
                        raise
                    refused[record["id"]] = str(single.orig).strip()[:400]
    except DBAPIError as error:
        record_failure(local, error.orig)
        raise CentralUnreachable(f"Pusat tidak terjangkau: {str(error.orig).strip()[:200]}") from error
    finally:
        _mark(local, sent, refused, {r["id"]: r["attempts"] for r in rows}, now)
    result.sent = len(sent)
    result.refused = {str(k): v for k, v in refused.items()}
    record_contact(local)
    return result


def _mark(local: Engine, sent: list, refused: dict, attempts: dict, now: dt.datetime) -> None:
    """What central committed is sent; what it refused is held back, longer each time."""
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


def push_all(local: Engine, central: Engine, office: str, counter: str, batch: int = BATCH) -> PushResult:
    """Push batches until nothing sendable is left."""
    total = PushResult()
    while True:
        result = push_once(local, central, office, counter, batch)
        total.sent += result.sent
        total.refused.update(result.refused)
        if result.sent + len(result.refused) < batch or result.sent == 0:
            return total
