"""Central's database: PostgreSQL in production, a SQLite file for the demo.

Only central's own processes (the API, the applier, the operator's commands)
open it; counters reach central through its HTTP API with a device key.
`init_central` migrates it (the same Alembic chain as the local store).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from counter.errors import InvalidInput
from counter.models import Bill, ChangeSequence, PublishQueue
from counter.store import migrate
from counter.store.engine import sqlite_engine

def database_url(url: str) -> str:
    """A PostgreSQL URL as the psycopg driver takes it; a SQLite URL as it is."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def central_engine(url: str, timeout_s: float = 2.0) -> Engine:
    """An engine on central's database that gives up quickly when it is away."""
    try:
        parsed = make_url(database_url(url))
    except Exception:  # noqa: BLE001 - SQLAlchemy's ArgumentError and friends
        raise InvalidInput(f"Alamat basis data pusat tidak valid: {url!r} (mis. postgresql://user@host/db).") from None
    if parsed.get_backend_name() == "sqlite":
        return sqlite_file_engine(parsed.database)
    if parsed.get_backend_name() != "postgresql":
        raise InvalidInput(f"Pusat harus PostgreSQL atau berkas SQLite, bukan {parsed.get_backend_name()!r}.")
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=8,
        # A network that goes dark with the connection open must not hold a sync
        # forever: TCP keepalives and tcp_user_timeout end it (statement_timeout
        # runs on the server and so never fires then).
        connect_args={"connect_timeout": max(2, round(timeout_s)),
                      "options": f"-c statement_timeout={int(timeout_s * 10_000)}",
                      "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
                      "tcp_user_timeout": int(timeout_s * 10_000)},
    )


def reading(engine: Engine) -> Connection:
    """A connection for reads only. On a SQLite central (whose transactions take
    the write lock at BEGIN) it begins a plain transaction, which in WAL mode
    never queues behind the applier's writes: a counter's pull or its refresh
    before a payment is not held until the desk gives up on central."""
    return engine.connect().execution_options(begin="BEGIN")


def sqlite_file_engine(path: Path | str) -> Engine:
    """A SQLite central (the demo's, or a test's): every transaction takes the
    write lock at BEGIN, so the API's writes and the applier's queue for each
    other instead of failing half-way (SQLite cannot upgrade a read to a write
    under a newer snapshot)."""
    return sqlite_engine(path).execution_options(begin="BEGIN IMMEDIATE")


def next_change(session: Session) -> int:
    """The next change number; the row stays locked until this transaction ends."""
    return session.execute(
        update(ChangeSequence).where(ChangeSequence.name == "change")
        .values(value=ChangeSequence.value + 1).returning(ChangeSequence.value)
    ).scalar_one()


def publish(engine: Engine, model, *where) -> None:  # noqa: ANN001
    """Give rows changed at central by hand a new change number, so counters pull them."""
    with Session(engine) as session, session.begin():
        session.execute(update(model).where(*where).values(change_seq=next_change(session)))


def init_central(engine: Engine, *, create: bool = True) -> None:
    """Create or migrate the central store. Without `create`, a database that
    holds no central yet is refused rather than filled with central's tables
    (a report pointed at the wrong database must not change it)."""
    try:
        if not create and migrate.current_revision(engine) is None:
            where = engine.url.render_as_string(hide_password=True)
            raise InvalidInput(f"Basis data {where} bukan basis data pusat counter; periksa --url, atau siapkan "
                               "dengan 'counter central init'.")
        migrate.upgrade(engine)
    except DBAPIError as error:
        reason = " ".join(str(error.orig).split())[:200]
        raise InvalidInput(f"Basis data pusat tidak bisa dibuka: {reason}") from None


# What a counter did itself is not central's until it arrives through the inbox.
COUNTER_ACTS = (
    "UPDATE bill SET status = 'unpaid', payment_id = NULL"
    " WHERE payment_id IN (SELECT id FROM payment)",
    "DELETE FROM payment_line", "DELETE FROM payment", "DELETE FROM outbox", "DELETE FROM audit_log",
    "DELETE FROM receipt_sequence", "DELETE FROM sync_state", "DELETE FROM work_order",
    "DELETE FROM instalment_plan", "DELETE FROM document_sequence", "DELETE FROM shift",
    "DELETE FROM day_closing", "DELETE FROM deposit", "DELETE FROM customer_note", "DELETE FROM outage",
)


def seed_embedded(local_path: Path, central_path: Path) -> bool:
    """For the demo: start the embedded central store as a copy of the local one
    (SQLite's online backup) without the counter's own acts, which reach it
    through the inbox like any counter's. Returns False when it already exists."""
    if central_path.exists():
        return False
    partial = central_path.with_suffix(".partial")
    source, target = sqlite3.connect(local_path), sqlite3.connect(partial)
    try:
        source.backup(target)
        for statement in COUNTER_ACTS:
            target.execute(statement)
        target.commit()
    finally:
        target.close()
        source.close()
    partial.rename(central_path)
    return True


def queue_publish(session: Session, bill_ids: list[int]) -> None:
    """Bills changed outside the applier (a channel paid or reversed them): the
    applier gives them a change number soon. Taking one here would hold the one
    change lock until this transaction ends, and channels' payments would queue
    behind every batch the applier applies."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(PublishQueue.__table__).on_conflict_do_nothing(),
                    [{"bill_id": b} for b in bill_ids])


def publish_queued(engine: Engine) -> int:
    """Give every queued bill one new change number, so counters pull them."""
    with Session(engine) as session, session.begin():
        queued = session.execute(delete(PublishQueue.__table__).returning(PublishQueue.bill_id)).scalars().all()
        if queued:
            session.execute(update(Bill.__table__).where(Bill.__table__.c.id.in_(queued))
                            .values(change_seq=next_change(session)))
        return len(queued)
