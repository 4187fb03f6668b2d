"""Importing the billing system's CSV files straight into central's database
(`counter central import`): the counter's formats and row checks
(counter.services.importing: csv_table, values, rows, and apply's pure checks),
written to central in ONE transaction, every row inserted or changed under one
new change number (store.next_change) so that counters pull it as usual.

All or nothing: any bad row of any file, or a row the database refuses
(unknown tariff group or customer, a change to a paid bill, a duplicate key),
raises ImportRejected naming file and line, and nothing is written. Running the
same files again changes nothing (and takes no change number).

A customer the import moves to another office (`--office`) takes its unpaid
bills along: they get the import's change number too, so that the new office's
counters, which pull by change number, receive them with the customer.

On PostgreSQL (central in production) the import reads central with look-ups by
arrays of keys (`= ANY(%s)`, a chunk of the file at a time) and writes with COPY:
new customers (with ids drawn from the sequence beforehand) and new bills go
straight into their tables, updates into a temporary table and from there by one
UPDATE ... FROM. The bills are checked, and the customers planned and written, a
chunk at a time against that chunk's stored rows, so that the import holds the
parsed files, the customers' ids and little more. A SQLite central (the demo's)
gets the same steps with batched `IN (...)` look-ups and executemany.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.orm import Session

from counter.central.store import next_change
from counter.errors import InvalidInput
from counter.models import Bill, Customer, Office, TariffBlock, TariffGroup, TariffVersion
from counter.rules.period import due_date as default_due_date
from counter.services.importing.apply import (
    CUSTOMER_FIELDS,
    LOOKUP_CHUNK,
    TARIFF_DEFAULTS,
    WRITE_CHUNK,
    Plan,
    group_values,
    version_values,
    StoredBill,
    check_bills,
    check_tariff_codes,
    insert_bills,
    insert_customers,
    plan_customers,
    stored_bills,
)
from counter.services.importing.charges import check_charge_groups, write_charges
from counter.services.importing.csv_table import Problems
from counter.services.importing.pricing import Pricing, check_mode, price_bills, with_file
from counter.services.importing.rows import BILL_AMOUNTS, BillRow, ParsedFiles, TariffRow, parse_files
from counter.services.importing.summary import ImportSummary

# progress(step, done, total): the steps are "membaca", "memeriksa", "menulis"
Progress = Callable[[str, int, int], None]


def _none(step: str, done: int, total: int) -> None:
    return None


def import_into_central(engine: Engine, *, tariffs: Path | str | None = None, customers: Path | str | None = None,
                        bills: Path | str | None = None, office_code: str = "", due_day: int = 20,
                        progress: Progress | None = None, water_charges: str = "check",
                        charges: Path | str | None = None) -> ImportSummary:
    """Import the CSV files given into central, all or nothing (docs/import.md).

    New customers, and customers of the file already at central, belong to the
    office `office_code` when it is given (it must exist at central); without it,
    existing customers keep their office and new ones have none (a warning: no
    counter pulls them). Raises ImportRejected and writes nothing when any row is bad."""
    if not (tariffs or customers or bills or charges):
        raise InvalidInput("Sebutkan berkas: --tariffs, --customers, --bills dan/atau --charges.")
    if not 1 <= due_day <= 28:
        raise InvalidInput("Tanggal jatuh tempo (--due-day) harus 1 sampai 28.")
    check_mode(water_charges)
    progress = progress or _none
    problems, warnings = Problems(), []
    paths = tuple(Path(p) if p else None for p in (tariffs, customers, bills))
    progress("membaca", 0, 1)
    parsed = parse_files(*paths, problems, warnings, Path(charges) if charges else None)
    progress("membaca", 1, 1)
    with Session(engine) as session, session.begin():
        central = _Copying(session) if engine.dialect.name == "postgresql" else _Batched(session)
        office_id = None
        if office_code:
            office_id = session.scalar(select(Office.id).where(Office.code == office_code.upper()))
            if office_id is None:
                raise InvalidInput(f"Kantor {office_code!r} tidak ada di pusat.")
        plan, ids = _check(session, central, parsed, problems, progress, water_charges, warnings)
        groups = {g.code.upper(): g for g in session.scalars(select(TariffGroup))}
        if paths[0]:
            _check_blocks(session, parsed, groups, problems, paths[0].name)
        if parsed.charges:
            check_charge_groups(parsed.charges, set(groups), parsed.tariff_codes, parsed.charge_table, problems)
        if problems:
            raise problems.rejection()
        _write(session, central, parsed, plan, ids, groups, office_id, due_day, progress)
        if plan.counts.get("customers_new") and office_id is None:
            warnings.append("Pelanggan baru disimpan tanpa kantor (tanpa --office): tidak ada loket yang menariknya.")
    return ImportSummary(files=parsed.names, warnings=tuple(warnings), **plan.counts)


def _check(session: Session, central: _Batched, parsed: ParsedFiles, problems: Problems,
           progress: Progress, water_charges: str, warnings: list[str]) -> tuple[Plan, dict[str, int]]:
    """The counter's checks against what central has: tariff codes, customers, bills
    (a chunk of bills at a time, with the stored bills of that chunk). Returns the
    plan of the bills and the stored customers' ids by number_key."""
    plan = Plan()
    progress("memeriksa", 0, len(parsed.bills))
    groups = {code.upper(): True for code in session.scalars(select(TariffGroup.code))}
    check_tariff_codes(parsed, groups, problems)
    ids = central.customer_ids({r.number_key for r in (*parsed.customers, *parsed.bills)})
    done = 0
    pricing = Pricing()
    if parsed.bills and parsed.tariff_codes is not None:
        from counter.services.tariffs import tariff_book

        book = with_file(tariff_book(session), parsed.tariffs)
        in_file = {r.number_key: r.tariff_code for r in parsed.customers}
    for rows in _chunks(parsed.bills):
        if parsed.tariff_codes is not None:  # the bills priced or checked by their customers' tariffs
            codes = central.tariff_codes([ids[r.number_key] for r in rows
                                          if r.number_key in ids and r.number_key not in in_file])
            codes = {k: in_file[k] if k in in_file else codes[i]  # this chunk's only
                     for k, i in ((r.number_key, ids.get(r.number_key)) for r in rows) if k in in_file or i in codes}
            price_bills(rows, codes, book, water_charges, problems, parsed.bill_table.order,
                        parsed.bill_table.label, pricing)
        found = central.stored_bills({ids[r.number_key] for r in rows if r.number_key in ids},
                                     {r.period for r in rows})
        check_bills(dataclasses.replace(parsed, bills=rows), ids, found, problems, plan,
                    paid_here="sudah dibayar di loket")
        done += len(rows)
        progress("memeriksa", done, len(parsed.bills))
    progress("memeriksa", len(parsed.bills), len(parsed.bills))
    warnings.extend(pricing.notes(water_charges))
    return plan, ids


def _blocks(session: Session, group_id: int) -> list[tuple[int, int | None, int]]:
    return session.execute(select(TariffBlock.seq, TariffBlock.up_to_m3, TariffBlock.price_per_m3)
                           .where(TariffBlock.tariff_group_id == group_id).order_by(TariffBlock.seq)).all()


def _check_blocks(session: Session, parsed: ParsedFiles, groups: dict[str, TariffGroup], problems: Problems,
                  label: str) -> None:
    """Counters copy rows and never delete them: a tariff group cannot lose blocks."""
    for row in parsed.tariffs:
        group = groups.get(row.code)
        if group is not None and row.valid_from is None:  # a version's blocks are one value (JSON)
            had = len(_blocks(session, group.id))
            if len(row.blocks) < had:
                problems.add(0, label, row.line,
                             f"golongan tarif {row.code} punya {had} blok di pusat; jumlah blok tidak boleh "
                             f"berkurang (loket tidak menghapus blok), tulis {had} blok atau lebih")


def _write_tariffs(session: Session, rows: list[TariffRow], groups: dict[str, TariffGroup], plan: Plan,
                   change: Callable[[], int]) -> None:
    versions = {(v.tariff_group_id, v.valid_from): v for v in session.scalars(select(TariffVersion))}
    for row in rows:
        if row.valid_from is not None:
            _write_version(session, row, groups, versions, plan, change)
            continue
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


def _write_version(session: Session, row: TariffRow, groups: dict[str, TariffGroup],
                   versions: dict[tuple, TariffVersion], plan: Plan, change: Callable[[], int]) -> None:
    """A version of a group's tariff (a row with valid_from), upserted by group and date."""
    group = groups.get(row.code)
    new = group is None
    if new:  # a group first met in a version: no tariff of its own, no blocks
        group = TariffGroup(code=row.code, change_seq=change(), **{**TARIFF_DEFAULTS, **group_values(row)})
        session.add(group)
        session.flush()
        groups[row.code] = group
        plan.count("tariffs_new")
    changed = {n: v for n, v in group_values(row).items() if getattr(group, n) != v}
    if changed and not new:
        session.execute(update(TariffGroup).where(TariffGroup.id == group.id).values(**changed, change_seq=change()))
    stored = versions.get((group.id, row.valid_from))
    values = version_values(row, stored)
    if stored is None:
        version = TariffVersion(tariff_group_id=group.id, valid_from=row.valid_from, change_seq=change(), **values)
        session.add(version)
        versions[group.id, row.valid_from] = version
        changed = True
    elif any(getattr(stored, n) != v for n, v in values.items()):
        for n, v in values.items():
            setattr(stored, n, v)
        stored.change_seq = change()
        changed = True
    if not new:
        plan.count("tariffs_updated" if changed else "tariffs_unchanged")


def _write(session: Session, central: _Batched, parsed: ParsedFiles, plan: Plan, ids: dict[str, int],
           groups: dict[str, TariffGroup], office_id: int | None, due_day: int, progress: Progress) -> None:
    """Write the tariffs, then the customers (planned a chunk at a time against
    their stored rows), then the bills. `ids` gets the new customers' ids."""
    number: list[int] = []

    def change() -> int:
        """One change number for the whole import, taken at its first write."""
        if not number:
            number.append(next_change(session))
        return number[0]

    _write_tariffs(session, parsed.tariffs, groups, plan, change)
    tariff_ids = {c: g.id for c, g in groups.items()}
    if parsed.charges:
        write_charges(session, parsed.charges, tariff_ids, plan.count, change)
    total = len(parsed.customers) + len(plan.bill_inserts) + len(plan.bill_updates)
    done = 0
    progress("menulis", 0, total)
    for rows in _chunks(parsed.customers):
        part = Plan()
        stored = central.stored_customers([ids[r.number_key] for r in rows if r.number_key in ids])
        plan_customers(rows, stored, office_id, tariff_ids, part)
        if part.customer_inserts:
            ids.update(central.insert_customers(part.customer_inserts, change()))
        if part.customer_updates:
            central.update_customers(part.customer_updates, change())
        if part.customers_moved:  # their unpaid bills go to the new office's counters with them
            central.republish_unpaid_bills(part.customers_moved, change())
        for name, count in part.counts.items():
            plan.count(name, count)
        done += len(rows)
        progress("menulis", done, total)
    for chunk in _chunks(plan.bill_inserts):
        central.insert_bills(chunk, ids, due_day, change())
        done += len(chunk)
        progress("menulis", done, total)
    if plan.bill_inserts:
        plan.count("bills_new", len(plan.bill_inserts))
    for chunk in _chunks(plan.bill_updates):
        central.update_bills(chunk, change())
        done += len(chunk)
        progress("menulis", done, total)
    progress("menulis", total, total)


def _chunks(items: list) -> list[list]:
    return [items[i:i + WRITE_CHUNK] for i in range(0, len(items), WRITE_CHUNK)]


# ---- reading and writing central ----------------------------------------------------------------------


class _Batched:
    """Central through SQLAlchemy: batched look-ups, executemany (a SQLite central)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def customer_ids(self, keys: set[str]) -> dict[str, int]:
        """The ids of the stored customers among those numbers, by number_key."""
        found = {}
        query = select(Customer.number_key, Customer.id)
        ordered = sorted(keys)
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            found.update(self.session.execute(query.where(
                Customer.number_key.in_(ordered[start:start + LOOKUP_CHUNK]))).all())
        return found

    def tariff_codes(self, customer_ids: list[int]) -> dict[int, str]:
        """The tariff group's code of those customers, by id."""
        found = {}
        query = select(Customer.id, TariffGroup.code).join(TariffGroup, TariffGroup.id == Customer.tariff_group_id)
        for start in range(0, len(customer_ids), LOOKUP_CHUNK):
            found.update(self.session.execute(query.where(
                Customer.id.in_(customer_ids[start:start + LOOKUP_CHUNK]))).all())
        return {i: code.upper() for i, code in found.items()}

    def stored_customers(self, customer_ids: list[int]) -> dict[str, dict]:
        """Those customers, with every field an import may change, by number_key."""
        found = {}
        for start in range(0, len(customer_ids), LOOKUP_CHUNK):
            for row in self.session.execute(select(*(getattr(Customer, n) for n in CUSTOMER_READ)).where(
                    Customer.id.in_(customer_ids[start:start + LOOKUP_CHUNK]))):
                found[row[1]] = dict(zip(CUSTOMER_READ, row))
        return found

    def stored_bills(self, customer_ids: set[int], periods: set[int]) -> dict[tuple[int, int], StoredBill]:
        return stored_bills(self.session, customer_ids, periods)

    def insert_customers(self, records: list[dict], seq: int) -> dict[str, int]:
        """Insert new customers; their ids by number_key."""
        last_id = self.session.scalar(select(func.max(Customer.id))) or 0
        insert_customers(self.session, [{**r, "change_seq": seq} for r in records])
        return dict(self.session.execute(select(Customer.number_key, Customer.id).where(Customer.id > last_id)).all())

    def update_customers(self, records: list[dict], seq: int) -> None:
        self.session.execute(update(Customer), [{**r, "change_seq": seq} for r in records])

    def republish_unpaid_bills(self, customer_ids: list[int], seq: int) -> None:
        for start in range(0, len(customer_ids), LOOKUP_CHUNK):
            self.session.execute(update(Bill).where(Bill.customer_id.in_(customer_ids[start:start + LOOKUP_CHUNK]),
                                                    Bill.status == "unpaid").values(change_seq=seq))

    def insert_bills(self, rows: list[BillRow], ids: dict[str, int], due_day: int, seq: int) -> None:
        insert_bills(self.session, rows, ids, due_day, extra={"change_seq": seq})

    def update_bills(self, records: list[dict], seq: int) -> None:
        self.session.execute(update(Bill), [{**r, "change_seq": seq} for r in records])


CUSTOMER_READ = ("id", "number_key", *CUSTOMER_FIELDS)
CUSTOMER_WRITE = (*CUSTOMER_FIELDS, "meter_key", "search_name", "search_place")  # plan_customers' records
BILL_READ = ("customer_id", "period", "id", *BILL_AMOUNTS, "due_date", "status")
BILL_WRITE = (*BILL_AMOUNTS, "due_date", "status")  # check_bills' update records, without the id


class _Copying(_Batched):
    """Central on PostgreSQL: look-ups by arrays of keys, COPY and set-based
    statements, on the session's own connection (so inside the import's
    transaction). The temporary tables go at the commit or the rollback."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        session.execute(text("SET LOCAL statement_timeout = 0"))  # a big import outlasts the API's timeout
        self.db = session.connection().connection.driver_connection  # psycopg's, in the same transaction
        self.made: set[str] = set()
        self.due_dates: dict[int, object] = {}

    def _temporary(self, name: str, like: str, columns: tuple[str, ...]) -> None:
        """An empty temporary table `name` with the types of those columns of `like`,
        made once per import and emptied for each use."""
        if name in self.made:
            self.db.execute(f"TRUNCATE {name}")
        else:
            self.db.execute(f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS SELECT {', '.join(columns)}"
                            f" FROM {like} WITH NO DATA")
            self.made.add(name)

    def _copy(self, table: str, columns: tuple[str, ...], rows) -> None:  # noqa: ANN001 - an iterable of rows
        with self.db.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def customer_ids(self, keys: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        ordered = sorted(keys)  # the index in order
        for start in range(0, len(ordered), WRITE_CHUNK):
            found.update(self.db.execute("SELECT number_key, id FROM customer WHERE number_key = ANY(%s::text[])",
                                         (_keys(ordered[start:start + WRITE_CHUNK]),)).fetchall())
        return found

    def tariff_codes(self, customer_ids: list[int]) -> dict[int, str]:
        if not customer_ids:
            return {}
        rows = self.db.execute("SELECT c.id, upper(g.code) FROM customer c JOIN tariff_group g"
                               " ON g.id = c.tariff_group_id WHERE c.id = ANY(%s::bigint[])", (_ids(customer_ids),))
        return dict(rows.fetchall())

    def stored_customers(self, customer_ids: list[int]) -> dict[str, dict]:
        if not customer_ids:
            return {}
        rows = self.db.execute(f"SELECT {', '.join(CUSTOMER_READ)} FROM customer WHERE id = ANY(%s::bigint[])",
                               (_ids(customer_ids),)).fetchall()
        return {row[1]: dict(zip(CUSTOMER_READ, row)) for row in rows}

    def stored_bills(self, customer_ids: set[int], periods: set[int]) -> dict[tuple[int, int], StoredBill]:
        if not customer_ids:
            return {}
        rows = self.db.execute(f"SELECT {', '.join(BILL_READ)}, payment_id IS NOT NULL FROM bill"
                               " WHERE customer_id = ANY(%s::bigint[]) AND period = ANY(%s::bigint[])",
                               (_ids(sorted(customer_ids)), _ids(sorted(periods)))).fetchall()
        return {(r[0], r[1]): StoredBill(r[2], tuple(r[3:10]), r[10], r[11], r[12]) for r in rows}

    def insert_customers(self, records: list[dict], seq: int) -> dict[str, int]:
        """COPY, with ids drawn from the table's sequence first."""
        ids = [i for i, in self.db.execute("SELECT nextval(pg_get_serial_sequence('customer', 'id'))"
                                           " FROM generate_series(1, %s)", (len(records),))]
        names = ("number_key", *CUSTOMER_WRITE)
        self._copy("customer", ("id", *names, "change_seq"),
                   ((i, *(r[n] for n in names), seq) for i, r in zip(ids, records)))
        return {r["number_key"]: i for i, r in zip(ids, records)}

    def update_customers(self, records: list[dict], seq: int) -> None:
        self._temporary("import_customer", "customer", ("id", *CUSTOMER_WRITE))
        self._copy("import_customer", ("id", *CUSTOMER_WRITE), ((r["id"], *(r[n] for n in CUSTOMER_WRITE))
                                                                 for r in records))
        self.db.execute("ANALYZE import_customer")
        self.db.execute("UPDATE customer c SET " + ", ".join(f"{n} = u.{n}" for n in CUSTOMER_WRITE)
                        + ", change_seq = %s FROM import_customer u WHERE c.id = u.id", (seq,))

    def republish_unpaid_bills(self, customer_ids: list[int], seq: int) -> None:
        self.db.execute("UPDATE bill SET change_seq = %s WHERE customer_id = ANY(%s::bigint[])"
                        " AND status = 'unpaid'", (seq, _ids(customer_ids)))

    def insert_bills(self, rows: list[BillRow], ids: dict[str, int], due_day: int, seq: int) -> None:
        def due(period: int) -> object:
            if period not in self.due_dates:
                self.due_dates[period] = default_due_date(period, due_day)
            return self.due_dates[period]

        self._copy("bill", ("customer_id", "period", *BILL_AMOUNTS, "due_date", "status", "change_seq"),
                   ((ids[r.number_key], r.period, *r.amounts, r.due_date or due(r.period),
                     "paid" if r.paid else "unpaid", seq) for r in rows))

    def update_bills(self, records: list[dict], seq: int) -> None:
        self._temporary("import_bill", "bill", ("id", *BILL_WRITE))
        self._copy("import_bill", ("id", *BILL_WRITE), ((r["id"], *(r[n] for n in BILL_WRITE)) for r in records))
        self.db.execute("ANALYZE import_bill")
        self.db.execute("UPDATE bill b SET " + ", ".join(f"{n} = u.{n}" for n in BILL_WRITE)
                        + ", change_seq = %s FROM import_bill u WHERE b.id = u.id", (seq,))


def _ids(numbers) -> str:  # noqa: ANN001 - an iterable of int
    """An array of whole numbers as PostgreSQL writes it (`{1,2,3}`): made in one
    join, where the driver would adapt a list element by element."""
    return "{" + ",".join(map(str, numbers)) + "}"


def _keys(keys: list[str]) -> str:
    """An array of connection numbers as PostgreSQL writes it, each quoted; a
    number_key (rules.text.key) has only the letters A-Z and digits, so nothing in
    it needs escaping."""
    return "{" + ",".join(f'"{k}"' for k in keys) + "}"
