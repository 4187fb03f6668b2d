"""The central store: PostgreSQL in production, a SQLite file for the demo.

`init_central` migrates it (the same Alembic chain as the local store) and, on
PostgreSQL, creates the role counters log in as: it may INSERT into the inbox,
read its events' outcomes, and SELECT reference data; nothing else.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from counter.errors import InvalidInput
from counter.models import ChangeSequence
from counter.store import migrate
from counter.store.engine import sqlite_engine

DESK_ROLE = "counter_desk"
REFERENCE_TABLES = ("office", "counter", "app_user", "tariff_group", "tariff_block", "fine_scheme",
                    "stamp_duty_rule", "instalment_rule", "relief_programme", "customer", "bill",
                    "instalment_plan", "work_order")


def central_url(url: str, data_dir: Path) -> str:
    """The URL to use: the configured one, or the embedded demo file in `data_dir`."""
    if not url:
        return f"sqlite:///{data_dir / 'central.sqlite'}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_embedded(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def central_engine(url: str, timeout_s: float = 2.0) -> Engine:
    """An engine on the central store that gives up quickly when it is away."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sqlite_engine(parsed.database)
    if parsed.get_backend_name() != "postgresql":
        raise InvalidInput(f"Pusat harus PostgreSQL atau berkas SQLite, bukan {parsed.get_backend_name()!r}.")
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=2,
        # A network that goes dark with the connection open must not hold a sync
        # forever: TCP keepalives and tcp_user_timeout end it (statement_timeout
        # runs on the server and so never fires then).
        connect_args={"connect_timeout": max(2, round(timeout_s)),
                      "options": f"-c statement_timeout={int(timeout_s * 10_000)}",
                      "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
                      "tcp_user_timeout": int(timeout_s * 10_000)},
    )


def next_change(session: Session) -> int:
    """The next change number; the row stays locked until this transaction ends."""
    return session.execute(
        update(ChangeSequence).where(ChangeSequence.name == "change")
        .values(value=ChangeSequence.value + 1).returning(ChangeSequence.value)
    ).scalar_one()


_ROLE_PASSWORD = re.compile(r"^[A-Za-z0-9_.\-]{8,64}$")


def init_central(engine: Engine, desk_password: str | None = None) -> None:
    """Create or migrate the central store; on PostgreSQL, (re)create the desk role."""
    migrate.upgrade(engine)
    if engine.dialect.name != "postgresql":
        return
    if desk_password is not None and not _ROLE_PASSWORD.match(desk_password):
        raise InvalidInput("Kata sandi peran loket: 8-64 huruf, angka, titik, garis bawah atau minus.")
    with engine.begin() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": DESK_ROLE}).first()
        if desk_password:
            verb = "ALTER" if exists else "CREATE"
            connection.execute(text(f"{verb} ROLE {DESK_ROLE} LOGIN PASSWORD '{desk_password}'"))
        elif not exists:  # a migration without the password leaves the counters' login alone
            connection.execute(text(f"CREATE ROLE {DESK_ROLE} NOLOGIN"))
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        statements = [
            f'GRANT CONNECT ON DATABASE "{database}" TO {DESK_ROLE}',
            f"GRANT USAGE ON SCHEMA public TO {DESK_ROLE}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {DESK_ROLE}",
            f"GRANT SELECT ON {', '.join(REFERENCE_TABLES)} TO {DESK_ROLE}",
            f"GRANT INSERT ON inbox TO {DESK_ROLE}",
            f"GRANT INSERT ON audit_log TO {DESK_ROLE}",  # the counters' audit chains; never UPDATE or DELETE
            f"GRANT SELECT (chain, seq) ON audit_log TO {DESK_ROLE}",  # what ON CONFLICT needs to skip a resend
            f"GRANT USAGE ON SEQUENCE audit_log_id_seq TO {DESK_ROLE}",
            f"GRANT SELECT (id, status, reason, processed_at) ON inbox TO {DESK_ROLE}",
        ]
        for statement in statements:
            connection.execute(text(statement))


# What a counter did itself is not central's until it arrives through the inbox.
COUNTER_ACTS = (
    "UPDATE bill SET status = 'unpaid', payment_id = NULL"
    " WHERE payment_id IN (SELECT id FROM payment)",
    "DELETE FROM payment_line", "DELETE FROM payment", "DELETE FROM outbox", "DELETE FROM audit_log",
    "DELETE FROM receipt_sequence", "DELETE FROM sync_state", "DELETE FROM work_order",
    "DELETE FROM instalment_plan", "DELETE FROM document_sequence",
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
