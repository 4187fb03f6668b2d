"""Engines for the local SQLite store (and, later, the central store)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def sqlite_engine(path: Path | str, busy_timeout_ms: int = 5000) -> Engine:
    """An engine on a SQLite file: WAL, synchronous=FULL, foreign keys on.

    Transactions are begun explicitly (BEGIN) so that SQLAlchemy, not the
    driver, decides where they start and end; readers see a consistent snapshot.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={busy_timeout_ms}",  # how long a writer waits for another
            "cache_size=-65536",
            "temp_store=MEMORY",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql(connection.get_execution_options().get("begin", "BEGIN"))

    return engine
