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
                    "instalment_plan", "work_order", "day_closing")
# What a supervisor's desk reads for the office day's figures and a customer's
# credit and conflicts; never written from a counter.
DAY_TABLES = ("payment", "payment_line", "shift", "conflict", "customer_credit", "deposit")


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


def publish(engine: Engine, model, *where) -> None:  # noqa: ANN001
    """Give rows changed at central by hand a new change number, so counters pull them."""
    with Session(engine) as session, session.begin():
        session.execute(update(model).where(*where).values(change_seq=next_change(session)))


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
            f"GRANT SELECT (id, office, counter, status, reason, received_at, processed_at) ON inbox TO {DESK_ROLE}",
            f"GRANT SELECT ON {', '.join(DAY_TABLES)} TO {DESK_ROLE}",
        ]
        for statement in statements + ROW_SECURITY:
            connection.execute(text(statement))


# Row-level security: a login made with `desk_login` for one office sees only
# that office's customers, bills, plans and work orders, and may send events and
# audit records only as that office's counters. The shared `counter_desk` login
# (one office, or a pilot) is not tied to an office and sees everything.
_MINE = "(desk_office() IS NULL OR office_id = desk_office())"
_MY_CUSTOMERS = "(desk_office() IS NULL OR customer_id IN (SELECT id FROM customer WHERE office_id = desk_office()))"
_MY_PAYMENTS = "(desk_office() IS NULL OR payment_id IN (SELECT id FROM payment WHERE office_id = desk_office()))"
ROW_SECURITY = [
    "CREATE OR REPLACE FUNCTION desk_office() RETURNS bigint LANGUAGE sql STABLE AS"
    " $$ SELECT office_id FROM desk_office WHERE role_name = current_user $$",
    f"GRANT SELECT ON desk_office TO {DESK_ROLE}",
    *(statement for table, rule in (
        ("customer", _MINE), ("bill", _MY_CUSTOMERS), ("instalment_plan", _MINE), ("work_order", _MY_CUSTOMERS),
        ("day_closing", _MINE), ("payment", _MINE), ("payment_line", _MY_PAYMENTS), ("shift", _MINE),
        ("conflict", _MY_CUSTOMERS), ("customer_credit", _MY_CUSTOMERS), ("deposit", _MINE),
    ) for statement in (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS desk_reads ON {table}",
        f"CREATE POLICY desk_reads ON {table} FOR SELECT TO {DESK_ROLE} USING {rule}",
    )),
    "ALTER TABLE inbox ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS desk_sends ON inbox",
    f"CREATE POLICY desk_sends ON inbox FOR INSERT TO {DESK_ROLE} WITH CHECK"
    " (desk_office() IS NULL OR office = (SELECT code FROM office WHERE id = desk_office()))",
    "DROP POLICY IF EXISTS desk_reads ON inbox",
    f"CREATE POLICY desk_reads ON inbox FOR SELECT TO {DESK_ROLE} USING"
    " (desk_office() IS NULL OR office = (SELECT code FROM office WHERE id = desk_office()))",
    "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS desk_appends ON audit_log",
    f"CREATE POLICY desk_appends ON audit_log FOR INSERT TO {DESK_ROLE} WITH CHECK"
    " (desk_office() IS NULL OR counter_id IN (SELECT id FROM counter WHERE office_id = desk_office()))",
    "DROP POLICY IF EXISTS desk_skips ON audit_log",  # ON CONFLICT DO NOTHING looks for the resent row
    f"CREATE POLICY desk_skips ON audit_log FOR SELECT TO {DESK_ROLE} USING"
    " (desk_office() IS NULL OR counter_id IN (SELECT id FROM counter WHERE office_id = desk_office()))",
]


def desk_login(engine: Engine, office_code: str, password: str) -> str:
    """A login for the counters of one office (row-level security keeps them to
    its data); returns the role name. Run again to change the password."""
    if engine.dialect.name != "postgresql":
        raise InvalidInput("Login per kantor hanya untuk pusat PostgreSQL.")
    if not _ROLE_PASSWORD.match(password or ""):
        raise InvalidInput("Kata sandi login loket: 8-64 huruf, angka, titik, garis bawah atau minus.")
    with engine.begin() as connection:
        office_id = connection.execute(text("SELECT id FROM office WHERE code = :c"),
                                       {"c": office_code.strip().upper()}).scalar()
        if office_id is None:
            raise InvalidInput(f"Kantor {office_code!r} tidak ada di pusat.")
        role = f"{DESK_ROLE}_{office_code.strip().lower()}"
        if not re.fullmatch(r"[a-z0-9_]{1,63}", role):
            raise InvalidInput(f"Kode kantor {office_code!r} tidak bisa dipakai sebagai nama login.")
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        connection.execute(text(f"{'ALTER' if exists else 'CREATE'} ROLE {role} LOGIN PASSWORD '{password}'"))
        connection.execute(text(f"GRANT {DESK_ROLE} TO {role}"))
        connection.execute(text("INSERT INTO desk_office (role_name, office_id) VALUES (:r, :o)"
                                " ON CONFLICT (role_name) DO UPDATE SET office_id = excluded.office_id"),
                           {"r": role, "o": office_id})
    return role


# What a counter did itself is not central's until it arrives through the inbox.
COUNTER_ACTS = (
    "UPDATE bill SET status = 'unpaid', payment_id = NULL"
    " WHERE payment_id IN (SELECT id FROM payment)",
    "DELETE FROM payment_line", "DELETE FROM payment", "DELETE FROM outbox", "DELETE FROM audit_log",
    "DELETE FROM receipt_sequence", "DELETE FROM sync_state", "DELETE FROM work_order",
    "DELETE FROM instalment_plan", "DELETE FROM document_sequence", "DELETE FROM shift",
    "DELETE FROM day_closing", "DELETE FROM deposit", "DELETE FROM customer_note",
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
