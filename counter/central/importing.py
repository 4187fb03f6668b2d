"""Importing the billing system's CSV files straight into central's database
(`counter central import`): the counter's formats and row checks
(counter.services.importing: csv_table, values, rows, and apply's pure checks),
written to central in ONE transaction, every row inserted or changed under one
new change number (store.next_change) so that counters pull it as usual.

All or nothing: any bad row of any file, or a row the database refuses
(unknown tariff group or customer, a change to a paid bill, a duplicate key),
raises ImportRejected naming file and line, and nothing is written. Running the
same files again changes nothing (and takes no change number). A customer moved
to another office (`--office`) takes its unpaid bills along: they get the
import's change number too, so that the new office's counters, which pull by
change number, receive them with the customer. Bulk statements
throughout: batched look-ups, one INSERT ... SELECT for new customers,
executemany for bills and updates.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.orm import Session

from counter.central.store import next_change
from counter.errors import InvalidInput
from counter.models import Bill, Customer, Office, TariffBlock, TariffGroup
from counter.services.importing.apply import (
    LOOKUP_CHUNK,
    TARIFF_DEFAULTS,
    WRITE_CHUNK,
    Plan,
    check_bills,
    check_tariff_codes,
    insert_bills,
    insert_customers,
    plan_customers,
    stored_bills,
    stored_customers,
)
from counter.services.importing.csv_table import Problems
from counter.services.importing.rows import ParsedFiles, TariffRow, parse_files
from counter.services.importing.summary import ImportSummary

# progress(step, done, total): the steps are "membaca", "memeriksa", "menulis"
Progress = Callable[[str, int, int], None]


def _none(step: str, done: int, total: int) -> None:
    return None


def import_into_central(engine: Engine, *, tariffs: Path | str | None = None, customers: Path | str | None = None,
                        bills: Path | str | None = None, office_code: str = "", due_day: int = 20,
                        progress: Progress | None = None) -> ImportSummary:
    """Import the CSV files given into central, all or nothing (docs/import.md).

    New customers, and customers of the file already at central, belong to the
    office `office_code` when it is given (it must exist at central); without it,
    existing customers keep their office and new ones have none (a warning: no
    counter pulls them). Raises ImportRejected and writes nothing when any row is bad."""
    if not (tariffs or customers or bills):
        raise InvalidInput("Sebutkan berkas: --tariffs, --customers dan/atau --bills.")
    if not 1 <= due_day <= 28:
        raise InvalidInput("Tanggal jatuh tempo (--due-day) harus 1 sampai 28.")
    progress = progress or _none
    problems, warnings = Problems(), []
    paths = tuple(Path(p) if p else None for p in (tariffs, customers, bills))
    progress("membaca", 0, 1)
    parsed = parse_files(*paths, problems, warnings)
    progress("membaca", 1, 1)
    with Session(engine) as session, session.begin():
        if engine.dialect.name == "postgresql":  # a big import outlasts the API's statement timeout
            session.execute(text("SET LOCAL statement_timeout = 0"))
        office_id = None
        if office_code:
            office_id = session.scalar(select(Office.id).where(Office.code == office_code.upper()))
            if office_id is None:
                raise InvalidInput(f"Kantor {office_code!r} tidak ada di pusat.")
        plan, stored = _check(session, parsed, problems, progress)
        groups = {g.code.upper(): g for g in session.scalars(select(TariffGroup))}
        if paths[0]:
            _check_blocks(session, parsed, groups, problems, paths[0].name)
        if problems:
            raise problems.rejection()
        _write(session, parsed, plan, stored, groups, office_id, due_day, progress)
        if plan.customer_inserts and office_id is None:
            warnings.append("Pelanggan baru disimpan tanpa kantor (tanpa --office): tidak ada loket yang menariknya.")
    return ImportSummary(files=parsed.names, warnings=tuple(warnings), **plan.counts)


def _check(session: Session, parsed: ParsedFiles, problems: Problems,
           progress: Progress) -> tuple[Plan, dict[str, dict]]:
    """The counter's checks against what central has: tariff codes, customers, bills."""
    plan = Plan()
    progress("memeriksa", 0, 1)
    groups = {code.upper(): True for code in session.scalars(select(TariffGroup.code))}
    check_tariff_codes(parsed, groups, problems)
    stored = stored_customers(session, {r.number_key for r in (*parsed.customers, *parsed.bills)})
    if parsed.bills:
        found = stored_bills(session, [c["id"] for c in stored.values()], {r.period for r in parsed.bills})
        check_bills(parsed, stored, found, problems, plan, paid_here="sudah dibayar di loket")
    progress("memeriksa", 1, 1)
    return plan, stored


def _blocks(session: Session, group_id: int) -> list[tuple[int, int | None, int]]:
    return session.execute(select(TariffBlock.seq, TariffBlock.up_to_m3, TariffBlock.price_per_m3)
                           .where(TariffBlock.tariff_group_id == group_id).order_by(TariffBlock.seq)).all()


def _check_blocks(session: Session, parsed: ParsedFiles, groups: dict[str, TariffGroup], problems: Problems,
                  label: str) -> None:
    """Counters copy rows and never delete them: a tariff group cannot lose blocks."""
    for row in parsed.tariffs:
        group = groups.get(row.code)
        if group is not None:
            had = len(_blocks(session, group.id))
            if len(row.blocks) < had:
                problems.add(0, label, row.line,
                             f"golongan tarif {row.code} punya {had} blok di pusat; jumlah blok tidak boleh "
                             f"berkurang (loket tidak menghapus blok), tulis {had} blok atau lebih")


def _write_tariffs(session: Session, rows: list[TariffRow], groups: dict[str, TariffGroup], plan: Plan,
                   change: Callable[[], int]) -> None:
    for row in rows:
        group = groups.get(row.code)
        if group is None:
            group = TariffGroup(code=row.code, change_seq=change(), **{**TARIFF_DEFAULTS, **row.values})
            session.add(group)
            session.flush()
            groups[row.code] = group
            session.add_all(TariffBlock(tariff_group_id=group.id, seq=i, up_to_m3=b.up_to_m3,
                                        price_per_m3=b.price_per_m3, change_seq=change())
                            for i, b in enumerate(row.blocks, 1))
            plan.count("tariffs_new")
            continue
        changed = {name: value for name, value in row.values.items() if getattr(group, name) != value}
        if changed:
            session.execute(update(TariffGroup).where(TariffGroup.id == group.id)
                            .values(**changed, change_seq=change()))
        old = {seq: (up_to, price) for seq, up_to, price in _blocks(session, group.id)}
        blocks_changed = False
        for i, b in enumerate(row.blocks, 1):  # in place by seq: counters upsert by id
            if i not in old:
                session.add(TariffBlock(tariff_group_id=group.id, seq=i, up_to_m3=b.up_to_m3,
                                        price_per_m3=b.price_per_m3, change_seq=change()))
                blocks_changed = True
            elif old[i] != (b.up_to_m3, b.price_per_m3):
                session.execute(update(TariffBlock).where(TariffBlock.tariff_group_id == group.id, TariffBlock.seq == i)
                                .values(up_to_m3=b.up_to_m3, price_per_m3=b.price_per_m3, change_seq=change()))
                blocks_changed = True
        plan.count("tariffs_updated" if changed or blocks_changed else "tariffs_unchanged")
    session.flush()


def _write(session: Session, parsed: ParsedFiles, plan: Plan, stored: dict[str, dict], groups: dict[str, TariffGroup],
           office_id: int | None, due_day: int, progress: Progress) -> None:
    number: list[int] = []

    def change() -> int:
        """One change number for the whole import, taken at its first write."""
        if not number:
            number.append(next_change(session))
        return number[0]

    _write_tariffs(session, parsed.tariffs, groups, plan, change)
    plan_customers(parsed.customers, stored, office_id, {c: g.id for c, g in groups.items()}, plan)
    total = len(plan.customer_inserts) + len(plan.customer_updates) + len(plan.bill_inserts) + len(plan.bill_updates)
    done = 0
    progress("menulis", 0, total)
    last_id = session.scalar(select(func.max(Customer.id))) or 0
    if plan.customer_inserts:
        seq = change()
        insert_customers(session, [{**r, "change_seq": seq} for r in plan.customer_inserts])
        done += len(plan.customer_inserts)
        progress("menulis", done, total)
    for chunk in _chunks(plan.customer_updates):
        seq = change()
        session.execute(update(Customer), [{**r, "change_seq": seq} for r in chunk])
        done += len(chunk)
        progress("menulis", done, total)
    moved = plan.customers_moved
    for start in range(0, len(moved), LOOKUP_CHUNK):  # their unpaid bills go to the new office's counters too
        session.execute(update(Bill).where(Bill.customer_id.in_(moved[start:start + LOOKUP_CHUNK]),
                                           Bill.status == "unpaid").values(change_seq=change()))
    if plan.bill_inserts:
        ids = {k: c["id"] for k, c in stored.items()}
        if plan.customer_inserts:  # new rows get ids above every old one
            ids.update(session.execute(select(Customer.number_key, Customer.id).where(Customer.id > last_id)).all())
        for chunk in _chunks(plan.bill_inserts):
            insert_bills(session, chunk, ids, due_day, extra={"change_seq": change()})
            done += len(chunk)
            progress("menulis", done, total)
        plan.count("bills_new", len(plan.bill_inserts))
    for chunk in _chunks(plan.bill_updates):
        seq = change()
        session.execute(update(Bill), [{**r, "change_seq": seq} for r in chunk])
        done += len(chunk)
        progress("menulis", done, total)
    progress("menulis", total, total)


def _chunks(items: list) -> list[list]:
    return [items[i:i + WRITE_CHUNK] for i in range(0, len(items), WRITE_CHUNK)]
