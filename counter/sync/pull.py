"""Pull: bring central's changes to the local replica, and the outcomes of this
counter's events.

Each replicated table is read above the last change number this counter has
seen, in change order, a page at a time; each page and its new mark are
written in one local transaction, so an interrupted pull resumes where it
stopped. A bill this counter has paid stays paid locally until central knows a
payment for it (central may not have applied the event yet).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, Uuid, case, delete, func, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from counter.models import (
    Bill, Counter, Customer, DayClosing, FineSchemeRow, InboxEvent, InstalmentPlan, InstalmentRuleRow, Office, OutboxEvent,
    ReliefProgramme, StampDutyRow, SyncState, TariffBlock, TariffGroup, User, WorkOrder,
)
from counter.sync.state import reaching_central, read_state, record_contact, write_state, writing

# In the order foreign keys need them.
REPLICATED = (Office, Counter, User, TariffGroup, TariffBlock, FineSchemeRow, StampDutyRow, InstalmentRuleRow,
              ReliefProgramme, Customer, Bill, InstalmentPlan, WorkOrder, DayClosing)
# Made at counters: central has them only from the inbox, so loading it skips them.
COUNTER_MADE = (InstalmentPlan, WorkOrder, DayClosing)
PAGE = 5_000
OUTCOME_CHUNK = 500

Progress = Callable[[str, int, int], None]  # table, rows so far, rows in all (estimate)


@dataclass
class PullResult:
    rows: dict[str, int] = field(default_factory=dict)
    outcomes: int = 0


def upsert(table):  # noqa: ANN001, ANN202
    """INSERT ... ON CONFLICT (id) DO UPDATE every column; a bill keeps this
    counter's payment until central records one."""
    statement = sqlite_insert(table)
    columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name != "id"}
    if table.name == "bill":
        ours = (table.c.payment_id.is_not(None)) & (statement.excluded.payment_id.is_(None))
        columns["status"] = case((ours, table.c.status), else_=statement.excluded.status)
        columns["payment_id"] = case((ours, table.c.payment_id), else_=statement.excluded.payment_id)
    if table.name == "instalment_plan":  # central has not caught up with a term paid here
        return statement.on_conflict_do_update(index_elements=["id"], set_=columns,
                                               where=statement.excluded.revision >= table.c.revision)
    return statement.on_conflict_do_update(index_elements=["id"], set_=columns)


END = 2**62  # an id beyond any real one
END_UUID = uuid.UUID(int=2**128 - 1)


def _mark(text: str | None, by_uuid: bool) -> tuple[int, object] | None:
    if not text:
        return None
    seq, _, row = text.partition(":")
    if by_uuid:
        return int(seq), uuid.UUID(row) if row != "-1" else uuid.UUID(int=0)
    return int(seq), int(row)


def pull_table(local: Engine, central: Engine, model, page: int = PAGE,  # noqa: ANN001
               progress: Progress | None = None) -> int:
    """Pull one table's changed rows, keyset-paged by (change_seq, id).

    The first pull of a table takes what central has up to a snapshot change
    number (for bills, only unpaid ones: history stays at central); later pulls
    take every row changed after it.
    """
    table = model.__table__
    mark_key, first_key = f"pulled:{table.name}", f"first-pull-up-to:{table.name}"
    with local.connect() as connection:
        state = read_state(connection)
    by_uuid = isinstance(table.c.id.type, Uuid)
    mark, snapshot = _mark(state.get(mark_key), by_uuid), state.get(first_key)
    if mark is None:
        with reaching_central(local), central.connect() as connection:
            snapshot = str(connection.scalar(select(func.coalesce(func.max(table.c.change_seq), 0))))
        mark = (-1, uuid.UUID(int=0) if by_uuid else -1)
        with writing(local) as connection:
            write_state(connection, **{first_key: snapshot, mark_key: "-1:-1"})
    conditions = [tuple_(table.c.change_seq, table.c.id) > tuple_(*mark)]
    if snapshot is not None:
        conditions.append(table.c.change_seq <= int(snapshot))
        if table.name == "bill":
            conditions.append(table.c.status == "unpaid")
    with reaching_central(local), central.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(table).where(*conditions))
    done = 0
    statement = upsert(table)
    while True:
        with reaching_central(local), central.connect() as connection:
            rows = connection.execute(
                select(table).where(*conditions[1:], tuple_(table.c.change_seq, table.c.id) > tuple_(*mark))
                .order_by(table.c.change_seq, table.c.id).limit(page)
            ).mappings().all()
        finished = len(rows) < page
        with writing(local) as connection:
            if rows:
                if table.name == "day_closing":  # central's sign-off wins over one made here at the same time
                    connection.execute(delete(table).where(
                        tuple_(table.c.office_id, table.c.business_date).in_(
                            [(r["office_id"], r["business_date"]) for r in rows]),
                        table.c.id.not_in([r["id"] for r in rows])))
                connection.execute(statement, [dict(r) for r in rows])
                mark = (rows[-1]["change_seq"], rows[-1]["id"])
            if finished and snapshot is not None:  # the first pull is complete
                mark = (int(snapshot), END_UUID if by_uuid else END)
                connection.execute(delete(SyncState.__table__).where(SyncState.key == first_key))
            write_state(connection, **{mark_key: f"{mark[0]}:{mark[1]}"})
        done += len(rows)
        if progress and rows:
            progress(table.name, done, total)
        if finished:
            return done


def pull_outcomes(local: Engine, central: Engine) -> int:
    """Fetch central's verdict on events sent but not yet judged."""
    with local.connect() as connection:
        waiting = connection.scalars(
            select(OutboxEvent.id).where(OutboxEvent.sent_at.is_not(None), OutboxEvent.outcome == "")
        ).all()
    judged = 0
    for start in range(0, len(waiting), OUTCOME_CHUNK):
        chunk = waiting[start:start + OUTCOME_CHUNK]
        with reaching_central(local), central.connect() as connection:
            verdicts = connection.execute(
                select(InboxEvent.id, InboxEvent.status, InboxEvent.reason)
                .where(InboxEvent.id.in_(chunk), InboxEvent.status != "pending")
            ).all()
        if not verdicts:
            continue
        with writing(local) as connection:
            for event_id, status, reason in verdicts:
                connection.execute(update(OutboxEvent.__table__).where(OutboxEvent.id == event_id)
                                   .values(outcome=status, outcome_reason=reason))
        judged += len(verdicts)
    return judged


def pull_all(local: Engine, central: Engine, page: int = PAGE, progress: Progress | None = None) -> PullResult:
    result = PullResult()
    for model in REPLICATED:
        result.rows[model.__tablename__] = pull_table(local, central, model, page, progress)
    result.outcomes = pull_outcomes(local, central)
    record_contact(local)
    return result
