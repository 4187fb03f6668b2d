"""Pull: bring central's changes to the local replica, and the outcomes of this
counter's events.

Central answers the rows of every replicated table changed above the mark this
counter sent, in change order, a page at a time; each page and the new marks
are written in one local transaction, so an interrupted pull resumes where it
stopped. A bill this counter has paid stays paid locally until central knows a
payment for it (central may not have applied the event yet).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, Uuid, bindparam, case, delete, func, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from counter.models import OutboxEvent, Payment, ReceiptSequence, SyncState
from counter.models.replication import BY_NAME, REPLICATED, decode_row
from counter.sync.link import Central
from counter.sync.state import reaching_central, read_state, record_contact, write_state, writing

PAGE = 5_000
OUTCOME_CHUNK = 500
END = 2**62  # an id beyond any real one
END_UUID = uuid.UUID(int=2**128 - 1)
START = -1  # an id below any real one
START_UUID = uuid.UUID(int=0)  # below any real one: uuid4 and uuid7 are never all zeros

Progress = Callable[[str, int, int], None]  # table, rows so far, rows in all (estimate)


@dataclass
class PullResult:
    rows: dict[str, int] = field(default_factory=dict)
    outcomes: int = 0


def upsert(table):  # noqa: ANN001, ANN202
    """INSERT ... ON CONFLICT (id) DO UPDATE every column; a bill keeps this
    counter's payment until central records one, and stays owed when central
    still has a payment this counter has voided."""
    statement = sqlite_insert(table)
    columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name != "id"}
    if table.name == "bill":
        ours = (table.c.payment_id.is_not(None)) & (statement.excluded.payment_id.is_(None))
        # a payment voided here that central has not heard of being voided: the months are owed again
        voided_here = statement.excluded.payment_id.in_(select(Payment.id).where(Payment.status == "void"))
        columns["status"] = case((ours, table.c.status), (voided_here, "unpaid"), else_=statement.excluded.status)
        columns["payment_id"] = case((ours, table.c.payment_id), (voided_here, None),
                                     else_=statement.excluded.payment_id)
    if table.name == "instalment_plan":  # central has not caught up with a term paid here
        return statement.on_conflict_do_update(index_elements=["id"], set_=columns,
                                               where=statement.excluded.revision >= table.c.revision)
    return statement.on_conflict_do_update(index_elements=["id"], set_=columns)


def _marks(state: dict[str, str]) -> dict:
    """What this counter has of each table, as central takes it."""
    marks = {}
    for model in REPLICATED:
        name = model.__tablename__
        text = state.get(f"pulled:{name}")
        if not text:
            continue
        seq, _, row = text.partition(":")
        up_to = state.get(f"first-pull-up-to:{name}")
        if row in (str(END), str(END_UUID)) and not up_to:
            # "Everything up to change `seq`" is sent as "from change seq + 1 on": the
            # same rows, but central's change_seq index then skips every row of change
            # `seq` (all the rows loaded at once share one change number, 0) instead
            # of reading and filtering them on each idle pull.
            seq, row = str(int(seq) + 1), str(START_UUID if row == str(END_UUID) else START)
        marks[name] = {"seq": int(seq), "id": row, "up_to": int(up_to) if up_to else None}
    return marks


def _write(connection, entry: dict) -> int:  # noqa: ANN001
    """One table's page of rows and its new mark."""
    table = BY_NAME[entry["table"]].__table__
    name, by_uuid = table.name, isinstance(table.c.id.type, Uuid)
    rows = [decode_row(table, row) for row in entry["rows"]]
    if rows:
        if name == "day_closing":  # central's sign-off wins over one made here at the same time
            connection.execute(delete(table).where(
                tuple_(table.c.office_id, table.c.business_date).in_([(r["office_id"], r["business_date"]) for r in rows]),
                table.c.id.not_in([r["id"] for r in rows])))
        connection.execute(upsert(table), rows)
    state = {}
    if entry["done"] and entry.get("up_to") is not None:  # the first pull is complete
        state[f"pulled:{name}"] = f"{entry['up_to']}:{END_UUID if by_uuid else END}"
        connection.execute(delete(SyncState.__table__).where(SyncState.key == f"first-pull-up-to:{name}"))
    else:
        if rows and entry["done"] and entry.get("up_to") is None:
            # Central had no more rows: every row up to this change number is here (a
            # change number's rows are committed together, in change order).
            state[f"pulled:{name}"] = f"{rows[-1]['change_seq']}:{END_UUID if by_uuid else END}"
        elif rows:
            state[f"pulled:{name}"] = f"{rows[-1]['change_seq']}:{rows[-1]['id']}"
        elif entry.get("up_to") is not None:
            state[f"pulled:{name}"] = f"-1:{uuid.UUID(int=0) if by_uuid else -1}"
        if entry.get("up_to") is not None:
            state[f"first-pull-up-to:{name}"] = str(entry["up_to"])
    if state:
        write_state(connection, **state)
    return len(rows)


def _receipt_days() -> list[str]:
    """The business dates a counter may be numbering receipts on now, in any time zone."""
    today = dt.datetime.now(dt.timezone.utc).date()
    return [(today + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]


def _continue_numbering(connection, counter_id: int, last: dict[str, int]) -> None:  # noqa: ANN001
    """Receipt numbers continue after the last central has from this counter (a
    store restored from a backup, or rebuilt, would otherwise number again)."""
    rows = [{"counter_id": counter_id, "business_date": dt.date.fromisoformat(day), "last_no": int(n)}
            for day, n in last.items()]
    if rows:
        statement = sqlite_insert(ReceiptSequence.__table__)
        connection.execute(statement.on_conflict_do_update(
            index_elements=["counter_id", "business_date"],
            set_={"last_no": func.max(ReceiptSequence.__table__.c.last_no, statement.excluded.last_no)}), rows)


def pull_changes(local: Engine, central: Central, page: int = PAGE, progress: Progress | None = None,
                 counter_id: int | None = None) -> dict[str, int]:
    """Pull every replicated table's changes (and, for `counter_id`, its last
    receipt numbers at central); returns rows taken per table."""
    taken: dict[str, int] = {model.__tablename__: 0 for model in REPLICATED}
    totals: dict[str, int] = {}
    while True:
        with local.connect() as connection:
            marks = _marks(read_state(connection))
        with reaching_central(local):
            answer = (central.changes(marks, page, _receipt_days()) if counter_id is not None
                      else central.changes(marks, page))
        with writing(local) as connection:
            if counter_id is not None:
                _continue_numbering(connection, counter_id, answer.get("last_receipts", {}))
            for entry in answer["tables"]:
                taken[entry["table"]] += _write(connection, entry)
                if "total" in entry:
                    totals[entry["table"]] = entry["total"]
        if progress:
            for entry in answer["tables"]:
                if entry["rows"]:
                    progress(entry["table"], taken[entry["table"]],
                             max(totals.get(entry["table"], 0), taken[entry["table"]]))
        if not answer["more"]:
            return taken


def pull_outcomes(local: Engine, central: Central) -> int:
    """Fetch central's verdict on events sent but not yet judged."""
    with local.connect() as connection:
        waiting = connection.scalars(
            select(OutboxEvent.id).where(OutboxEvent.sent_at.is_not(None), OutboxEvent.outcome == "")
        ).all()
    judged = 0
    for start in range(0, len(waiting), OUTCOME_CHUNK):
        chunk = waiting[start:start + OUTCOME_CHUNK]
        with reaching_central(local):
            verdicts = central.outcomes([str(i) for i in chunk])
        if not verdicts:
            continue
        table = OutboxEvent.__table__
        with writing(local) as connection:  # one statement for the chunk's verdicts
            connection.execute(
                update(table).where(table.c.id == bindparam("event"))
                .values(outcome=bindparam("verdict"), outcome_reason=bindparam("why")),
                [{"event": uuid.UUID(v["id"]), "verdict": v["status"], "why": v["reason"]} for v in verdicts])
        judged += len(verdicts)
    return judged


def pull_all(local: Engine, central: Central, page: int = PAGE, progress: Progress | None = None,
             counter_id: int | None = None) -> PullResult:
    result = PullResult(rows=pull_changes(local, central, page, progress, counter_id))
    result.outcomes = pull_outcomes(local, central)
    record_contact(local)
    return result
