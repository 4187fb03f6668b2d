"""A counter's view of the central store: reachable or not, how much is queued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from counter.errors import CounterError
from counter.models import OutboxEvent, SyncState

ONLINE_WITHIN = dt.timedelta(seconds=90)  # a contact this recent, and no failure since: online
DEGRADED_WITHIN = dt.timedelta(minutes=10)  # a contact this recent but a failure since: degraded


class CentralUnreachable(CounterError):
    """The central store did not answer; the outbox waits."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def writing(local: Engine):  # noqa: ANN201
    """A write transaction on the local store that takes the write lock at BEGIN,
    so it waits for the desk's own writes instead of failing (as UnitOfWork does)."""
    return local.execution_options(begin="BEGIN IMMEDIATE").begin()


@contextmanager
def reaching_central(local: Engine) -> Iterator[None]:
    """Around every question to central: central away is recorded for the status
    (and raised as CentralUnreachable), not taken for a fault of this counter."""
    try:
        yield
    except CentralUnreachable as error:
        record_failure(local, error)
        raise
    except DBAPIError as error:  # the embedded central's own database
        record_failure(local, error.orig)
        raise CentralUnreachable(f"Pusat tidak terjangkau: {str(error.orig).strip()[:200]}") from error


def write_state(connection, **values: str) -> None:  # noqa: ANN001
    statement = sqlite_insert(SyncState.__table__)
    connection.execute(
        statement.on_conflict_do_update(index_elements=["key"], set_={"value": statement.excluded.value}),
        [{"key": k, "value": v} for k, v in values.items()],
    )


def read_state(connection) -> dict[str, str]:  # noqa: ANN001
    return dict(connection.execute(select(SyncState.key, SyncState.value)).all())


def record_contact(local: Engine) -> None:
    with writing(local) as connection:
        write_state(connection, last_contact=utc_now().isoformat(), last_error="")


def record_failure(local: Engine, error: object) -> None:
    with writing(local) as connection:
        write_state(connection, last_failure=utc_now().isoformat(), last_error=str(error).strip()[:400])


@dataclass(frozen=True)
class SyncStatus:
    state: str  # online | degraded | offline
    queued: int  # events not yet accepted by central
    held_back: int  # of those, refused by central and waiting to be retried
    oldest_queued_at: dt.datetime | None
    last_contact: dt.datetime | None
    last_error: str
    rejected: int = 0  # events central rejected, not yet dismissed by a supervisor: money not in central's books

    @property
    def label(self) -> str:
        return {"online": "ONLINE", "degraded": "TERGANGGU", "offline": "OFFLINE"}[self.state]

    def oldest_age(self, now: dt.datetime) -> dt.timedelta | None:
        """How long the oldest event has waited; never negative (a counter clock
        that ran ahead stamped it in the future)."""
        if self.oldest_queued_at is None:
            return None
        return max(now - self.oldest_queued_at, dt.timedelta(0))


def _when(text: str | None) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.timezone.utc) if moment and moment.tzinfo is None else moment


def contact_times(connection) -> tuple[dt.datetime | None, dt.datetime | None]:  # noqa: ANN001
    """When central last answered this counter, and when reaching it last failed
    (a connection or a session of the local store)."""
    rows = dict(connection.execute(select(SyncState.key, SyncState.value).where(
        SyncState.key.in_(("last_contact", "last_failure")))).all())
    return _when(rows.get("last_contact")), _when(rows.get("last_failure"))


def answering(contact: dt.datetime | None, failure: dt.datetime | None, now: dt.datetime) -> bool:
    """Central answered within ONLINE_WITHIN of `now`, and nothing failed since."""
    return (contact is not None and dt.timedelta(0) <= now - contact <= ONLINE_WITHIN
            and (failure is None or failure <= contact))


def sync_status(local: Engine, now: dt.datetime | None = None) -> SyncStatus:
    now = now or utc_now()
    with local.connect() as connection:
        state = read_state(connection)
        queued, oldest = connection.execute(
            select(func.count(), func.min(OutboxEvent.created_at)).where(OutboxEvent.sent_at.is_(None))
        ).one()
        held = connection.scalar(select(func.count()).where(
            OutboxEvent.sent_at.is_(None), OutboxEvent.next_attempt_at.is_not(None)))
        rejected = connection.scalar(select(func.count()).where(
            OutboxEvent.outcome == "rejected", OutboxEvent.dismissed_at.is_(None)))
    contact, failure = _when(state.get("last_contact")), _when(state.get("last_failure"))
    if answering(contact, failure, now) and not held and not rejected:
        level = "online"
    elif contact and now - contact <= DEGRADED_WITHIN:
        level = "degraded"
    else:
        level = "offline"
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.timezone.utc)
    return SyncStatus(level, queued, held, oldest, contact, state.get("last_error", ""), rejected)
