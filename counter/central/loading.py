"""Loading a central store with the reference data of a counter store: for a
pilot (central started from a demo or an imported counter store), and for the
benchmarks. PostgreSQL gets the rows by COPY, SQLite by executemany."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, Uuid, delete, func, select, text

from counter.errors import InvalidInput
from counter.models import Bill, Customer, FineSchemeRow, InstalmentRuleRow, ReliefProgramme, StampDutyRow
from counter.models.replication import COUNTER_MADE, REPLICATED

CHUNK = 20_000


def load_reference_data(source: Engine, central: Engine, open_bills_only: bool = False,
                        progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every replicated table from `source` into an empty `central` (same ids).
    Bills paid at the counter itself go in unpaid: those payments reach central
    through the inbox. The default rules a new central store starts with give way
    to the source's."""
    with central.begin() as connection:
        if connection.scalar(select(func.count()).select_from(Customer)):
            raise InvalidInput("Pusat sudah berisi pelanggan; muat hanya ke pusat yang baru.")
        for model in (FineSchemeRow, StampDutyRow, InstalmentRuleRow, ReliefProgramme):
            connection.execute(delete(model))
    counts = {}
    for model in (m for m in REPLICATED if m not in COUNTER_MADE):
        table = model.__table__
        query = select(table).order_by(table.c.id)
        if model is Bill and open_bills_only:
            query = query.where(table.c.status == "unpaid")
        counts[table.name] = 0
        with source.connect() as reading:
            result = reading.execution_options(yield_per=CHUNK).execute(query)
            for rows in result.partitions():
                rows = [dict(r._mapping) for r in rows]
                if model is Bill:
                    for row in rows:
                        if row["payment_id"] is not None:
                            row["status"], row["payment_id"] = "unpaid", None
                _write(central, table, rows)
                counts[table.name] += len(rows)
                if progress:
                    progress(table.name, counts[table.name])
    if central.dialect.name == "postgresql":  # the id sequences continue after the loaded ids
        with central.begin() as connection:
            for model in REPLICATED:
                if isinstance(model.__table__.c.id.type, Uuid):
                    continue
                name = model.__tablename__
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
                ))
    return counts


def _write(central: Engine, table, rows: list[dict]) -> None:  # noqa: ANN001
    if central.dialect.name != "postgresql":
        with central.begin() as connection:
            connection.execute(table.insert(), rows)
        return
    columns = [c.name for c in table.columns]
    raw = central.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_plain(row[c]) for c in columns])
        raw.commit()
    finally:
        raw.close()


def _plain(value: object) -> object:
    """COPY takes dates, UUIDs and numbers as they are; JSON columns go as text."""
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value)
    return value
