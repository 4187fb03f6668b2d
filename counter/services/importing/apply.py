"""Step 2 of an import: checking the rows against the store, then writing them, in
one write transaction.

The store's write lock is taken at the start (BEGIN IMMEDIATE) and held to the
commit or rollback: seconds for a 100,000-row file. A payment at the same counter
waits for it (and is refused with "Data lokal sedang dipakai proses lain" after the
store's busy timeout), so imports are best run outside opening hours. The look-ups
are batched (no SELECT per row) and the writes are bulk statements, to keep it short.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Column, MetaData, Table, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from counter.models import Bill, Customer, Office, TariffBlock, TariffGroup, TariffVersion
from counter.rules.period import due_date as default_due_date
from counter.rules.text import fold, key
from counter.services import audit
from counter.services.importing.charges import check_charge_groups, write_charges
from counter.services.importing.csv_table import Problems
from counter.services.importing.pricing import Pricing, price_bills, with_file
from counter.services.importing.rows import (
    BILL_AMOUNTS, TARIFF_PRICED, BillRow, CustomerRow, ParsedFiles, TariffRow,
)
from counter.services.importing.summary import ImportSummary
from counter.services.importing.values import period_text, show
from counter.store.uow import UnitOfWork

LOOKUP_CHUNK = 500  # keys per batched `IN (...)` look-up
WRITE_CHUNK = 20_000  # rows per executemany

# what an import may change on a customer; the search and key columns follow from them
CUSTOMER_FIELDS = ("number", "meter_no", "name", "address", "village", "district", "tariff_group_id",
                   "office_id", "status", "household_size", "fine_exempt")
CUSTOMER_DEFAULTS = {"meter_no": "", "address": "", "village": "", "district": "", "status": "active",
                     "household_size": 0, "fine_exempt": False}
TARIFF_DEFAULTS = {"category": "", "minimum_m3": 0, "standing_charge": 0, "meter_fee": 0, "admin_fee": 0,
                   "fine_exempt": False}


@dataclass(slots=True)
class StoredBill:
    id: int
    amounts: tuple[int, ...]  # in the order of BILL_AMOUNTS
    due_date: dt.date
    status: str
    paid_here: bool  # paid at a counter of this system (payment_id set)


@dataclass
class Plan:
    """What the store step decided: the writes to do and what they count as."""

    counts: dict[str, int] = field(default_factory=dict)
    customer_inserts: list[dict] = field(default_factory=list)
    customer_updates: list[dict] = field(default_factory=list)
    bill_inserts: list[BillRow] = field(default_factory=list)
    bill_updates: list[dict] = field(default_factory=list)
    customers_moved: list[int] = field(default_factory=list)  # ids of updated customers given another office

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _chunks(items: Sequence, size: int = LOOKUP_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---- reading the store -----------------------------------------------------------


def stored_customers(session: Session, keys: Iterable[str]) -> dict[str, dict]:
    names = ("id", "number_key", *CUSTOMER_FIELDS)
    query = select(*(getattr(Customer, n) for n in names))
    found = {}
    for chunk in _chunks(sorted(keys)):
        for row in session.execute(query.where(Customer.number_key.in_(chunk))):
            found[row[1]] = dict(zip(names, row))
    return found


def stored_bills(session: Session, customer_ids: Iterable[int], periods: set[int]) -> dict[tuple[int, int], StoredBill]:
    query = select(Bill.customer_id, Bill.period, Bill.id, *(getattr(Bill, f) for f in BILL_AMOUNTS),
                   Bill.due_date, Bill.status, Bill.payment_id.is_not(None))
    if len(periods) <= LOOKUP_CHUNK:
        query = query.where(Bill.period.in_(sorted(periods)))
    found = {}
    for chunk in _chunks(sorted(set(customer_ids))):
        for r in session.execute(query.where(Bill.customer_id.in_(chunk))):
            if r[1] in periods:
                found[r[0], r[1]] = StoredBill(r[2], tuple(r[3:10]), r[10], r[11], bool(r[12]))
    return found


# ---- checking ---------------------------------------------------------------------


def check_tariff_codes(parsed: ParsedFiles, groups: dict[str, TariffGroup], problems: Problems) -> None:
    """Every customer's tariff group is in the store or in the tariffs file."""
    if parsed.tariff_codes is None:
        return  # the tariffs file is unreadable (and reported): it cannot tell which codes exist
    table = parsed.customer_table
    for row in parsed.customers:
        if row.tariff_code not in groups and row.tariff_code not in parsed.tariff_codes:
            problems.add(table.order, table.label, row.line, f"golongan tarif {show(row.tariff_code)} tidak dikenal")


def check_bills(parsed: ParsedFiles, customer_ids: dict[str, int], stored: dict[tuple[int, int], StoredBill],
                problems: Problems, plan: Plan, paid_here: str = "sudah dibayar di loket ini") -> None:
    """Decide for every bill row: insert, update, leave, or a problem. `customer_ids`:
    the stored customers' ids by normalised connection number; `paid_here` words a
    bill paid at a counter (central says "di loket", not "di loket ini")."""
    table, file_customers = parsed.bill_table, parsed.customer_keys
    for row in parsed.bills:
        customer_id = customer_ids.get(row.number_key)
        if customer_id is None:
            if file_customers is None or row.number_key in file_customers:
                plan.bill_inserts.append(row)  # a new customer of the customers file
            else:
                problems.add(table.order, table.label, row.line, f"pelanggan {show(row.number)} tidak dikenal")
            continue
        current = stored.get((customer_id, row.period))
        if current is None:
            plan.bill_inserts.append(row)
            continue
        due = row.due_date or current.due_date
        same = row.amounts == current.amounts and due == current.due_date
        if current.paid_here or current.status == "paid":
            if same:
                plan.count("bills_kept_paid")
            else:
                where = paid_here if current.paid_here else "sudah lunas"
                differs = [f for f, new, old in zip(BILL_AMOUNTS, row.amounts, current.amounts) if new != old]
                if due != current.due_date:
                    differs.append("due_date")
                problems.add(table.order, table.label, row.line,
                             f"rekening {row.number} bulan {period_text(row.period)} {where}; "
                             f"tidak boleh diubah (berbeda: {', '.join(differs)})")
            continue
        status = "paid" if row.paid else "unpaid"
        if same and status == current.status:
            plan.count("bills_unchanged")
            continue
        plan.bill_updates.append({"id": current.id, **dict(zip(BILL_AMOUNTS, row.amounts)),
                                  "due_date": due, "status": status})
        plan.count("bills_marked_paid" if row.paid else "bills_updated")


# ---- writing ---------------------------------------------------------------------------


def version_values(row: TariffRow, stored: TariffVersion | None) -> dict:
    """A version row's columns: what the file gives, else the stored version's, else 0."""
    values = {name: row.values.get(name, getattr(stored, name) if stored else 0) for name in TARIFF_PRICED}
    return {**values, "blocks": [[b.up_to_m3, b.price_per_m3] for b in row.blocks]}


def group_values(row: TariffRow) -> dict:
    """A row's columns that belong to the group: all of them for the group's own
    tariff, the name, category and exemption for a version."""
    if row.valid_from is None:
        return row.values
    return {name: value for name, value in row.values.items() if name not in TARIFF_PRICED}


def write_tariffs(session: Session, rows: list[TariffRow], groups: dict[str, TariffGroup], plan: Plan) -> None:
    """The group's own tariff (rows without valid_from) and its versions by date;
    a group first met in a version row starts with no tariff of its own."""
    versions = {(v.tariff_group_id, v.valid_from): v for v in session.scalars(select(TariffVersion))}
    for row in rows:
        if row.valid_from is not None:
            group = groups.get(row.code)
            if group is None:
                group = TariffGroup(code=row.code, blocks=[], **{**TARIFF_DEFAULTS, **group_values(row)})
                session.add(group)
                session.flush()
                groups[row.code] = group
                plan.count("tariffs_new")
                new = changed = True
            else:
                new = changed = False
                for name, value in group_values(row).items():
                    if getattr(group, name) != value:
                        setattr(group, name, value)
                        changed = True
            if group.id is None:  # made by a row above
                session.flush()
            stored = versions.get((group.id, row.valid_from))
            values = version_values(row, stored)
            if stored is None:
                session.add(TariffVersion(tariff_group_id=group.id, valid_from=row.valid_from, **values))
                changed = True
            elif any(getattr(stored, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(stored, name, value)
                changed = True
            if not new:
                plan.count("tariffs_updated" if changed else "tariffs_unchanged")
            continue
        blocks = [TariffBlock(seq=i, up_to_m3=b.up_to_m3, price_per_m3=b.price_per_m3)
                  for i, b in enumerate(row.blocks, 1)]
        group = groups.get(row.code)
        if group is None:
            group = TariffGroup(code=row.code, blocks=blocks, **{**TARIFF_DEFAULTS, **row.values})
            session.add(group)
            groups[row.code] = group
            plan.count("tariffs_new")
            continue
        changed = False
        for name, value in row.values.items():
            if getattr(group, name) != value:
                setattr(group, name, value)
                changed = True
        if [(b.up_to_m3, b.price_per_m3) for b in group.blocks] != [(b.up_to_m3, b.price_per_m3) for b in row.blocks]:
            group.blocks.clear()
            session.flush()  # the old blocks go before the new ones take their seq numbers
            group.blocks.extend(blocks)
            changed = True
        plan.count("tariffs_updated" if changed else "tariffs_unchanged")
    session.flush()


def _customer_record(values: dict) -> dict:
    """The row to write: `values` plus the look-up keys and search columns made from them."""
    record = {f: values[f] for f in CUSTOMER_FIELDS}
    record.update(
        meter_key=key(record["meter_no"]),
        search_name=fold(record["name"]),
        search_place=fold(f"{record['address']} {record['village']} {record['district']}"),
    )
    return record


def plan_customers(rows: list[CustomerRow], stored: dict[str, dict], office_id: int | None,
                   tariff_ids: dict[str, int], plan: Plan) -> None:
    for row in rows:
        current = stored.get(row.number_key)
        if current is None:
            values = {**CUSTOMER_DEFAULTS, **row.values,
                      "tariff_group_id": tariff_ids[row.tariff_code], "office_id": office_id}
            plan.customer_inserts.append({"number_key": row.number_key, **_customer_record(values)})
            continue
        values = {**current, **row.values, "tariff_group_id": tariff_ids[row.tariff_code]}
        if office_id is not None:
            values["office_id"] = office_id
        if all(values[f] == current[f] for f in CUSTOMER_FIELDS):
            plan.count("customers_unchanged")
        else:
            plan.customer_updates.append({"id": current["id"], **_customer_record(values)})
            if values["office_id"] != current["office_id"]:
                plan.customers_moved.append(current["id"])
    plan.count("customers_new", len(plan.customer_inserts))
    plan.count("customers_updated", len(plan.customer_updates))


def insert_customers(session: Session, records: list[dict]) -> None:
    """Insert new customers through a temporary table with one INSERT ... SELECT.

    The search indexes are kept by triggers on `customer`; fed one row per statement
    (executemany) they are several times slower than fed by a single statement."""
    table = Customer.__table__
    names = list(records[0])
    stage = Table("import_customer", MetaData(), *(Column(n, table.c[n].type) for n in names),
                  prefixes=["TEMPORARY"])
    connection = session.connection()
    stage.create(connection)
    connection.execute(insert(stage), records)
    connection.execute(insert(table).from_select(names, select(*stage.c)))
    stage.drop(connection)


def insert_bills(session: Session, rows: list[BillRow], ids: dict[str, int], due_day: int,
                 extra: dict | None = None) -> None:
    """`ids`: customer id by normalised connection number; `extra`: more columns,
    the same for every row (central's change number)."""
    for chunk in _chunks(rows, WRITE_CHUNK):
        session.execute(insert(Bill.__table__), [{
            "customer_id": ids[row.number_key],
            "period": row.period,
            **dict(zip(BILL_AMOUNTS, row.amounts)),
            "due_date": row.due_date or default_due_date(row.period, due_day),
            "status": "paid" if row.paid else "unpaid",
            "payment_id": None,
            **(extra or {}),
        } for row in chunk])


# ---- the step -------------------------------------------------------------------------------


def tariff_codes(parsed: ParsedFiles, stored: dict[str, dict], groups: dict[str, TariffGroup]) -> dict[str, str]:
    """The tariff group's code of every customer of the bills: the customers file's
    where it has the customer, else the store's; by number_key."""
    code_of = {g.id: code for code, g in groups.items()}
    codes = {k: code_of[c["tariff_group_id"]] for k, c in stored.items() if c["tariff_group_id"] in code_of}
    codes.update((r.number_key, r.tariff_code) for r in parsed.customers)
    return codes


def check_and_write(uow: UnitOfWork, parsed: ParsedFiles, problems: Problems, warnings: list[str], *,
                    office_code: str, due_day: int, water_charges: str = "check") -> ImportSummary:
    """Check `parsed` against the store and write it, all in one write transaction;
    raises ImportRejected (rolling back) when there is any problem, of either step."""
    plan = Plan()
    with uow.writing():
        session = uow.session
        groups = {g.code.upper(): g for g in session.scalars(
            select(TariffGroup).options(selectinload(TariffGroup.blocks)))}
        check_tariff_codes(parsed, groups, problems)
        customers = stored_customers(session, {r.number_key for r in (*parsed.customers, *parsed.bills)})
        if parsed.bills and parsed.tariff_codes is not None:
            from counter.services.tariffs import tariff_book

            pricing = Pricing()
            book = with_file(tariff_book(session), parsed.tariffs)
            table = parsed.bill_table
            price_bills(parsed.bills, tariff_codes(parsed, customers, groups), book, water_charges, problems,
                        table.order, table.label, pricing)
            warnings.extend(pricing.notes(water_charges))
        if parsed.bills:
            bills = stored_bills(session, [c["id"] for c in customers.values()], {r.period for r in parsed.bills})
            check_bills(parsed, {k: c["id"] for k, c in customers.items()}, bills, problems, plan)
        if parsed.charges:
            check_charge_groups(parsed.charges, set(groups), parsed.tariff_codes, parsed.charge_table, problems)
        if problems:
            raise problems.rejection()

        write_tariffs(session, parsed.tariffs, groups, plan)
        if parsed.charges:
            write_charges(session, parsed.charges, {c: g.id for c, g in groups.items()}, plan.count)
        office_id = session.scalar(select(Office.id).where(Office.code == office_code)) if office_code else None
        plan_customers(parsed.customers, customers, office_id, {c: g.id for c, g in groups.items()}, plan)
        if plan.customer_inserts and office_id is None:
            warnings.append(f"Kantor {office_code!r} belum ada di data lokal; pelanggan baru disimpan tanpa kantor.")
        last_id = session.scalar(select(func.max(Customer.id))) or 0
        if plan.customer_inserts:
            insert_customers(session, plan.customer_inserts)
        if plan.customer_updates:
            session.execute(update(Customer), plan.customer_updates)
        if plan.bill_inserts:
            ids = {k: c["id"] for k, c in customers.items()}
            if plan.customer_inserts:  # new rows get ids above every old one
                ids.update(session.execute(
                    select(Customer.number_key, Customer.id).where(Customer.id > last_id)).all())
            insert_bills(session, plan.bill_inserts, ids, due_day)
            plan.count("bills_new", len(plan.bill_inserts))
        if plan.bill_updates:
            session.execute(update(Bill), plan.bill_updates)

        summary = ImportSummary(files=parsed.names, warnings=tuple(warnings), **plan.counts)
        audit.append(session, "import", ", ".join(summary.files),
                     {k: v for k, v in dataclasses.asdict(summary).items() if k not in ("files", "warnings")})
        uow.commit()
    return summary
