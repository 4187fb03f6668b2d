"""Importing tariffs, customers and bills from the utility's billing system (CSV).

The formats are described column by column in docs/import.md. In short:

- every file is UTF-8 (with or without BOM), comma- or semicolon-separated (found
  from the header row), with a header row whose column names are case-insensitive;
- the files given are imported ALL OR NOTHING in one transaction: every row of
  every file is checked, the bad ones (the first MAX_SHOWN of them) are named in
  one ImportRejected message ("customers.csv baris 7: golongan tarif 'R9' tidak
  dikenal"), and nothing is written unless there are none;
- tariffs are upserted by code, customers by their normalised connection number,
  bills by (customer, billing month); a bill already paid is never changed.

It runs in two steps so that the store's write lock is held only briefly: the
files are read and every row checked on its own without the store (`_parse_*`);
then, inside one write transaction, the rows are checked against the store with
batched look-ups (no SELECT per row) and written with executemany inserts and
bulk updates.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Column, MetaData, Table, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from counter.errors import ImportRejected, InvalidInput
from counter.models import AuditRecord, Bill, Customer, Office, TariffBlock, TariffGroup
from counter.models.customer import CUSTOMER_STATUSES
from counter.rules.money import MAX_AMOUNT
from counter.rules.period import due_date as default_due_date
from counter.rules.tariff import Block, validate_blocks
from counter.rules.text import fold, key
from counter.store.uow import UnitOfWork

MAX_SHOWN = 20  # bad rows named in the message
MAX_KEPT = 10_000  # bad rows remembered for sorting (the rest are only counted)
MAX_COUNT = 10**9  # meter readings and m3: far above any real value
MAX_BLOCKS = 50
LOOKUP_CHUNK = 500  # keys per batched `IN (...)` look-up
WRITE_CHUNK = 20_000  # rows per executemany

# ---- the result ----------------------------------------------------------------


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did. `str()` is a one-line Indonesian summary."""

    files: tuple[str, ...] = ()
    tariffs_new: int = 0
    tariffs_updated: int = 0
    tariffs_unchanged: int = 0
    customers_new: int = 0
    customers_updated: int = 0
    customers_unchanged: int = 0
    bills_new: int = 0
    bills_updated: int = 0
    bills_marked_paid: int = 0  # unpaid bills the file says were paid elsewhere
    bills_unchanged: int = 0
    bills_kept_paid: int = 0  # bills already paid, left as they are
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        def part(first: str, rest: Sequence[tuple[int, str]]) -> str:
            return ", ".join([first, *(f"{_n(n)} {what}" for n, what in rest if n)])

        parts = []
        if self.tariffs_new or self.tariffs_updated or self.tariffs_unchanged:
            parts.append(part(f"{_n(self.tariffs_new)} golongan tarif baru",
                              [(self.tariffs_updated, "diperbarui"), (self.tariffs_unchanged, "tetap")]))
        if self.customers_new or self.customers_updated or self.customers_unchanged:
            parts.append(part(f"{_n(self.customers_new)} pelanggan baru",
                              [(self.customers_updated, "diperbarui"), (self.customers_unchanged, "tetap")]))
        if (self.bills_new or self.bills_updated or self.bills_marked_paid or self.bills_unchanged
                or self.bills_kept_paid):
            parts.append(part(f"{_n(self.bills_new)} rekening baru",
                              [(self.bills_updated, "diperbarui"), (self.bills_marked_paid, "ditandai lunas"),
                               (self.bills_unchanged, "tetap"),
                               (self.bills_kept_paid, "sudah lunas (tidak diubah)")]))
        text = "; ".join(parts) or "tidak ada data"
        if self.warnings:
            text += ". Catatan: " + " ".join(self.warnings)
        return text


# ---- problems ------------------------------------------------------------------


class _Bad(Exception):
    """One reason a cell or row is wrong (Indonesian)."""


def _raise(reason: str) -> None:
    raise _Bad(reason)


class _Problems:
    """Bad rows of every file, reported together at the end."""

    def __init__(self) -> None:
        self.kept: list[tuple[int, int, str]] = []  # (file order, line, message)
        self.total = 0

    def add(self, order: int, label: str, line: int | None, reason: str) -> None:
        self.total += 1
        if len(self.kept) < MAX_KEPT:
            where = f"{label} baris {line}" if line else label
            self.kept.append((order, line or 0, f"{where}: {reason}"))

    def __bool__(self) -> bool:
        return self.total > 0

    def rejection(self) -> ImportRejected:
        shown = [message for *_, message in sorted(self.kept)[:MAX_SHOWN]]
        if self.total == 1:
            lines = ["Impor dibatalkan, tidak ada data yang disimpan:"]
        else:
            lines = [f"Impor dibatalkan, tidak ada data yang disimpan. {_n(self.total)} kesalahan:"]
        lines += shown
        if self.total > len(shown):
            lines.append(f"... dan {_n(self.total - len(shown))} kesalahan lain.")
        error = ImportRejected("\n".join(lines))
        error.problems = tuple(shown)  # for a screen that lists them
        return error


# ---- reading a CSV file ----------------------------------------------------------


def _column_name(text: str) -> str:
    """`  Tariff Group ` -> `tariff_group`."""
    return re.sub(r"[\s\-]+", "_", text.strip().lstrip("\ufeff").strip().lower())


@dataclass
class _Table:
    label: str  # the file name, as messages name it
    order: int  # 0 tariffs, 1 customers, 2 bills: the order of messages
    rows: Iterator[tuple[int, dict[str, str]]]  # (line where the row starts, stripped cells by column)


def _read_table(path: Path, order: int, required: Sequence[str], optional: Sequence[str],
                problems: _Problems, warnings: list[str]) -> _Table | None:
    """The rows of a CSV file, read as they are iterated; None (and a problem) when the
    file as a whole is unusable. A row with the wrong number of cells is a problem."""
    label = path.name

    def fail(reason: str, line: int | None = None) -> None:
        problems.add(order, label, line, reason)

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        fail(f"berkas tidak ditemukan ({path})")
        return None
    except OSError as exc:
        fail(f"berkas tidak dapat dibaca ({exc.strerror or exc})")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        fail("berkas berformat UTF-16; simpan ulang sebagai 'CSV UTF-8'")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        fail(f"bukan teks UTF-8 (byte tidak sah di baris {line}); simpan ulang sebagai 'CSV UTF-8'")
        return None
    del data
    if not text.strip():
        fail("berkas kosong")
        return None

    first_line = next(line for line in io.StringIO(text) if line.strip())
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    del text
    last = 0

    def records() -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of every row that is not blank."""
        nonlocal last
        try:
            for cells in reader:
                start, last = last + 1, reader.line_num
                if "".join(cells).strip():
                    yield start, cells
        except csv.Error as exc:
            fail(f"bentuk CSV rusak ({exc})", reader.line_num)

    lines = records()
    _, header = next(lines, (0, None))
    if header is None:
        return None  # the CSV error is reported
    header = [_column_name(c) for c in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in columns:
            fail(f"kolom '{name}' muncul dua kali di baris judul")
            return None
        if name:
            columns[name] = index
    missing = [c for c in required if c not in columns]
    if missing:
        fail(f"kolom wajib tidak ada: {', '.join(missing)} (kolom yang terbaca dengan pemisah "
             f"'{delimiter}': {', '.join(columns) or '-'})")
        return None
    unknown = [c for c in columns if c not in required and c not in optional]
    if unknown:
        warnings.append(f"{label}: kolom tidak dikenal diabaikan: {', '.join(unknown)}.")
    width = len(header)
    used = [(name, index) for name, index in columns.items() if name not in unknown]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        count = 0
        for line, cells in lines:
            count += 1
            if len(cells) != width:
                fail(f"berisi {len(cells)} kolom, baris judul {width} kolom (nilai yang memuat "
                     f"'{delimiter}' harus diapit tanda kutip \")", line)
                continue
            yield line, {name: cells[index].strip() for name, index in used}
        if not count:
            fail("tidak ada baris data (hanya baris judul)")

    return _Table(label, order, rows())


# ---- reading a value -------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]{1,15}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._/\-]{0,15}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LOCAL_DATE = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})")
_PERIOD = re.compile(r"([0-9]{4})-?([0-9]{2})")


def _show(text: str) -> str:
    """A cell as a message quotes it: short and printable."""
    shown = text if len(text) <= 30 else text[:27] + "..."
    if _CONTROL.search(shown):
        shown = repr(shown)[1:-1]
    return f"'{shown}'"


def _whole(text: str, column: str, maximum: int = MAX_COUNT) -> int:
    if not text:
        raise _Bad(f"{column} kosong")
    if not _DIGITS.fullmatch(text):
        raise _Bad(f"{column} {_show(text)} bukan bilangan bulat (tulis angka saja, mis. 12)")
    value = int(text)
    if value > maximum:
        raise _Bad(f"{column} {_show(text)} terlalu besar")
    return value


def _rupiah(text: str, column: str) -> int:
    if not text:
        raise _Bad(f"{column} kosong")
    if not _DIGITS.fullmatch(text):
        raise _Bad(f"{column} {_show(text)} bukan jumlah rupiah bulat "
                   "(tulis angka saja tanpa titik, koma atau minus, mis. 31000)")
    value = int(text)
    if value > MAX_AMOUNT:
        raise _Bad(f"{column} {_show(text)} terlalu besar")
    return value


_FLAGS = {"1": True, "true": True, "ya": True, "y": True, "yes": True,
          "0": False, "false": False, "tidak": False, "n": False, "no": False, "": False}


def _flag(text: str, column: str) -> bool:
    flag = _FLAGS.get(text.lower())
    if flag is None:
        raise _Bad(f"{column} {_show(text)} tidak dikenal (tulis ya/tidak atau 1/0)")
    return flag


def _text(text: str, column: str, limit: int) -> str:
    if _CONTROL.search(text):
        raise _Bad(f"{column} berisi karakter kontrol (mis. ganti baris atau tab)")
    if len(text) > limit:
        raise _Bad(f"{column} terlalu panjang ({len(text)} huruf, maksimal {limit})")
    return text


def _required_text(text: str, column: str, limit: int) -> str:
    if not text:
        raise _Bad(f"{column} kosong")
    return _text(text, column, limit)


def _code(text: str, column: str) -> str:
    """A tariff group code, upper case: `r1` -> `R1`."""
    if not text:
        raise _Bad(f"{column} kosong")
    code = text.upper()
    if not _CODE.fullmatch(code):
        raise _Bad(f"{column} {_show(text)} tidak sah (huruf, angka, '.', '-', '_' atau '/'; maksimal 16)")
    return code


def _period(text: str) -> int:
    match = _PERIOD.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2999:
        raise _Bad(f"bulan rekening {_show(text)} tidak sah (tulis 2025-10 atau 202510)")
    return int(match.group(1)) * 100 + int(match.group(2))


def _period_text(period: int) -> str:
    return f"{period // 100}-{period % 100:02d}"


def _date(text: str, column: str) -> dt.date:
    iso, local = _ISO_DATE.fullmatch(text), _LOCAL_DATE.fullmatch(text)
    try:
        if iso:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        elif local:
            day = dt.date(int(local.group(3)), int(local.group(2)), int(local.group(1)))
        else:
            day = None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        raise _Bad(f"{column} {_show(text)} bukan tanggal (tulis 2025-11-20 atau 20/11/2025)")
    return day


_STATUSES = {
    **{s: s for s in CUSTOMER_STATUSES},
    "aktif": "active",
    "segel": "sealed", "disegel": "sealed",
    "tutup_sementara": "temporarily_closed",
    "tutup": "closed",
}


def _status(text: str) -> str:
    if not text:
        raise _Bad("status kosong (tulis aktif, segel, tutup_sementara atau tutup)")
    status = _STATUSES.get(text) or _STATUSES.get(_column_name(text))
    if status is None:
        raise _Bad(f"status {_show(text)} tidak dikenal (tulis aktif, segel, tutup_sementara atau tutup)")
    return status


_BILL_STATUSES = {"": False, "unpaid": False, "belum_lunas": False, "belum": False,
                  "paid": True, "lunas": True}


def _bill_paid(text: str) -> bool:
    paid = _BILL_STATUSES.get(text)
    if paid is None:
        paid = _BILL_STATUSES.get(_column_name(text))
    if paid is None:
        raise _Bad(f"status {_show(text)} tidak dikenal (tulis unpaid/belum_lunas atau paid/lunas)")
    return paid


def _blocks(text: str) -> tuple[Block, ...]:
    """`10:3100;20:4300;30:5500;:6900` (or with `|`) -> blocks; the last may be open-ended."""
    if not text:
        raise _Bad("blocks kosong (tulis mis. 10:3100;20:4300;:5500)")
    parts = [p.strip() for p in re.split(r"[;|]", text)]
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a trailing separator
    if len(parts) > MAX_BLOCKS:
        raise _Bad(f"terlalu banyak blok tarif ({len(parts)}, maksimal {MAX_BLOCKS})")
    blocks = []
    for part in parts:
        limit, colon, price = part.partition(":")
        limit, price = limit.strip(), price.strip()
        if not colon:
            raise _Bad(f"blok tarif {_show(part)} tidak sah (tulis batas_m3:harga, mis. 10:3100)")
        try:
            up_to = _whole(limit, "batas") if limit else None
            per_m3 = _rupiah(price, "harga")
        except _Bad as bad:
            raise _Bad(f"blok tarif {_show(part)}: {bad}") from None
        blocks.append(Block(up_to, per_m3))
    limits = [b.up_to_m3 for b in blocks]
    if any(limit is None for limit in limits[:-1]):
        raise _Bad("hanya blok terakhir yang boleh tanpa batas (mis. ...;30:5500;:6900)")
    bounded = [limit for limit in limits if limit is not None]
    if bounded != sorted(set(bounded)) or (bounded and bounded[0] <= 0):
        raise _Bad("batas blok tarif harus lebih dari 0 dan terus naik (mis. 10:..;20:..;30:..)")
    try:
        validate_blocks(blocks)
    except ValueError as exc:  # pragma: no cover - the checks above are stricter
        raise _Bad(f"blok tarif tidak sah ({exc})") from None
    return tuple(blocks)


# ---- the rows of the three files -----------------------------------------------------

TARIFF_COLUMNS = ("code", "name", "blocks")
TARIFF_OPTIONAL = ("category", "minimum_m3", "standing_charge", "meter_fee", "fine_exempt")
CUSTOMER_COLUMNS = ("number", "name", "tariff_group")
CUSTOMER_OPTIONAL = ("meter_no", "address", "village", "district", "status", "household_size", "fine_exempt")
BILL_COLUMNS = ("number", "period", "meter_start", "meter_end", "water_charge", "standing_charge",
                "meter_fee", "admin_fee")
BILL_OPTIONAL = ("usage_m3", "due_date", "status")


@dataclass(slots=True)
class _TariffRow:
    line: int
    code: str
    values: dict[str, object]  # the optional columns only where the file has them
    blocks: tuple[Block, ...]


@dataclass(slots=True)
class _CustomerRow:
    line: int
    number_key: str
    tariff_code: str
    values: dict[str, object]  # the optional columns only where the file has them


@dataclass(slots=True)
class _BillRow:
    line: int
    number: str
    number_key: str
    period: int
    amounts: tuple[int, ...]  # in the order of _BILL_FIELDS
    due_date: dt.date | None  # None: not given
    paid: bool


def _strict(fn: Callable[..., object], *args: object) -> object:
    return fn(*args)


def _parse_rows(table: _Table, problems: _Problems, parse: Callable) -> list:
    """`parse(row, attempt, line)` for every row, where `attempt(fn, *args)` runs one check.

    A row is parsed first with checks that stop at its first problem (the fast path,
    for good rows); a bad row is parsed again collecting every reason, so that it is
    reported with all that is wrong with it. So `parse` must be safe to run twice."""
    out = []
    for line, row in table.rows:
        try:
            out.append(parse(row, _strict, line))
            continue
        except _Bad:
            pass
        reasons: list[str] = []

        def attempt(fn: Callable[..., object], *args: object, reasons: list[str] = reasons) -> object:
            try:
                return fn(*args)
            except _Bad as bad:
                reasons.append(str(bad))
                return None

        parse(row, attempt, line)
        problems.add(table.order, table.label, line, "; ".join(reasons))
    return out


def _optional(row: dict[str, str], attempt, column: str, values: dict, parse: Callable, *args: object) -> None:  # noqa: ANN001
    text = row.get(column)
    if text is not None:
        values[column] = attempt(parse, text, *args)


def _parse_tariffs(table: _Table, problems: _Problems, seen: set[str]) -> list[_TariffRow]:
    first: dict[str, int] = {}

    def parse(row: dict[str, str], attempt, line: int) -> _TariffRow:  # noqa: ANN001
        code = attempt(_code, row["code"], "code")
        if code:
            seen.add(code)
            if first.setdefault(code, line) != line:
                attempt(_raise, f"kode {code} sudah ada di baris {first[code]}")
        values: dict[str, object] = {"name": attempt(_required_text, row["name"], "name", 80)}
        _optional(row, attempt, "category", values, _text, "category", 40)
        _optional(row, attempt, "minimum_m3", values, lambda t: _whole(t or "0", "minimum_m3", 100_000))
        _optional(row, attempt, "standing_charge", values, lambda t: _rupiah(t or "0", "standing_charge"))
        _optional(row, attempt, "meter_fee", values, lambda t: _rupiah(t or "0", "meter_fee"))
        _optional(row, attempt, "fine_exempt", values, _flag, "fine_exempt")
        blocks = attempt(_blocks, row["blocks"])
        return _TariffRow(line, code, values, blocks)

    return _parse_rows(table, problems, parse)


def _parse_customers(table: _Table, problems: _Problems, seen: set[str]) -> list[_CustomerRow]:
    first: dict[str, int] = {}

    def parse(row: dict[str, str], attempt, line: int) -> _CustomerRow:  # noqa: ANN001
        number = attempt(_required_text, row["number"], "number", 32)
        number_key = key(number or "")
        if number and not number_key:
            attempt(_raise, f"number {_show(number)} tidak berisi huruf atau angka")
        if number_key:
            seen.add(number_key)
            if first.setdefault(number_key, line) != line:
                attempt(_raise, f"nomor sambungan {number} sudah ada di baris {first[number_key]}")
        values: dict[str, object] = {"number": number, "name": attempt(_required_text, row["name"], "name", 120)}
        tariff_code = attempt(_code, row["tariff_group"], "tariff_group")
        _optional(row, attempt, "meter_no", values, _text, "meter_no", 32)
        _optional(row, attempt, "address", values, _text, "address", 200)
        _optional(row, attempt, "village", values, _text, "village", 80)
        _optional(row, attempt, "district", values, _text, "district", 80)
        _optional(row, attempt, "status", values, _status)
        _optional(row, attempt, "household_size", values, lambda t: _whole(t or "0", "household_size", 999))
        _optional(row, attempt, "fine_exempt", values, _flag, "fine_exempt")
        return _CustomerRow(line, number_key, tariff_code, values)

    return _parse_rows(table, problems, parse)


def _parse_bills(table: _Table, problems: _Problems) -> list[_BillRow]:
    first: dict[tuple[str, int], int] = {}

    def parse(row: dict[str, str], attempt, line: int) -> _BillRow:  # noqa: ANN001
        number = row["number"]
        number_key = key(number)
        if not number_key:
            attempt(_raise, f"number {_show(number)} tidak berisi huruf atau angka" if number
                    else "number (nomor sambungan) kosong")
        period = attempt(_period, row["period"])
        if number_key and period and first.setdefault((number_key, period), line) != line:
            attempt(_raise, f"rekening {number} bulan {_period_text(period)} sudah ada di baris "
                            f"{first[number_key, period]}")
        start = attempt(_whole, row["meter_start"], "meter_start")
        end = attempt(_whole, row["meter_end"], "meter_end")
        usage_text = row.get("usage_m3")
        usage = attempt(_whole, usage_text, "usage_m3") if usage_text else None
        if start is not None and end is not None:
            if end >= start and usage is None:
                usage = end - start
            elif end >= start and usage != end - start:
                attempt(_raise, f"usage_m3 {usage} tidak sama dengan meter_end - meter_start "
                                f"({end} - {start} = {end - start})")
            elif end < start and not usage_text:
                attempt(_raise, f"meter_end {end} lebih kecil dari meter_start {start}; bila meter "
                                "berputar ulang atau diganti, isi usage_m3")
        water = attempt(_rupiah, row["water_charge"], "water_charge")
        standing = attempt(_rupiah, row["standing_charge"], "standing_charge")
        meter_fee = attempt(_rupiah, row["meter_fee"], "meter_fee")
        admin = attempt(_rupiah, row["admin_fee"], "admin_fee")
        due_text = row.get("due_date")
        due = attempt(_date, due_text, "due_date") if due_text else None
        paid = attempt(_bill_paid, row.get("status") or "")
        return _BillRow(line, number, number_key, period, (start, end, usage, water, standing, meter_fee, admin),
                        due, bool(paid))

    return _parse_rows(table, problems, parse)


# ---- checking against the store and writing ---------------------------------------

# what an import may change on a customer; the search and key columns follow from them
_CUSTOMER_FIELDS = ("number", "meter_no", "name", "address", "village", "district", "tariff_group_id",
                    "office_id", "status", "household_size", "fine_exempt")
_CUSTOMER_DEFAULTS = {"meter_no": "", "address": "", "village": "", "district": "", "status": "active",
                      "household_size": 0, "fine_exempt": False}
_BILL_FIELDS = ("meter_start", "meter_end", "usage_m3", "water_charge", "standing_charge", "meter_fee",
                "admin_fee")
_TARIFF_DEFAULTS = {"category": "", "minimum_m3": 0, "standing_charge": 0, "meter_fee": 0, "fine_exempt": False}


@dataclass(slots=True)
class _StoredBill:
    id: int
    amounts: tuple[int, ...]  # in the order of _BILL_FIELDS
    due_date: dt.date
    status: str
    paid_here: bool  # paid at a counter of this system (payment_id set)


def _chunks(items: Sequence, size: int = LOOKUP_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _stored_customers(session: Session, keys: Iterable[str]) -> dict[str, dict]:
    names = ("id", "number_key", *_CUSTOMER_FIELDS)
    query = select(*(getattr(Customer, n) for n in names))
    found = {}
    for chunk in _chunks(sorted(keys)):
        for row in session.execute(query.where(Customer.number_key.in_(chunk))):
            found[row[1]] = dict(zip(names, row))
    return found


def _stored_bills(session: Session, customer_ids: Iterable[int], periods: set[int]) -> dict[tuple[int, int], _StoredBill]:
    query = select(Bill.customer_id, Bill.period, Bill.id, *(getattr(Bill, f) for f in _BILL_FIELDS),
                   Bill.due_date, Bill.status, Bill.payment_id.is_not(None))
    if len(periods) <= LOOKUP_CHUNK:
        query = query.where(Bill.period.in_(sorted(periods)))
    found = {}
    for chunk in _chunks(sorted(set(customer_ids))):
        for r in session.execute(query.where(Bill.customer_id.in_(chunk))):
            if r[1] in periods:
                found[r[0], r[1]] = _StoredBill(r[2], tuple(r[3:10]), r[10], r[11], bool(r[12]))
    return found


def _customer_record(values: dict) -> dict:
    """The row to write: `values` plus the look-up keys and search columns made from them."""
    record = {f: values[f] for f in _CUSTOMER_FIELDS}
    record.update(
        meter_key=key(record["meter_no"]),
        search_name=fold(record["name"]),
        search_place=fold(f"{record['address']} {record['village']} {record['district']}"),
    )
    return record


@dataclass
class _Plan:
    """What the store phase decided: the writes to do and what they count as."""

    counts: dict[str, int] = field(default_factory=dict)
    customer_inserts: list[dict] = field(default_factory=list)
    customer_updates: list[dict] = field(default_factory=list)
    bill_inserts: list[_BillRow] = field(default_factory=list)
    bill_updates: list[dict] = field(default_factory=list)

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _check_bills(rows: list[_BillRow], customers: dict[str, dict], stored: dict[tuple[int, int], _StoredBill],
                 table: _Table, problems: _Problems, plan: _Plan, file_customers: set[str] | None) -> None:
    """Decide for every bill row: insert, update, leave, or a problem.
    `file_customers`: the connection numbers of the customers file, None when it is unreadable."""
    for row in rows:
        customer = customers.get(row.number_key)
        if customer is None:
            if file_customers is None or row.number_key in file_customers:
                plan.bill_inserts.append(row)  # a new customer of the customers file
            else:
                problems.add(table.order, table.label, row.line, f"pelanggan {_show(row.number)} tidak dikenal")
            continue
        current = stored.get((customer["id"], row.period))
        if current is None:
            plan.bill_inserts.append(row)
            continue
        due = row.due_date or current.due_date
        same = row.amounts == current.amounts and due == current.due_date
        if current.paid_here or current.status == "paid":
            if same:
                plan.count("bills_kept_paid")
            else:
                where = "sudah dibayar di loket ini" if current.paid_here else "sudah lunas"
                differs = [f for f, new, old in zip(_BILL_FIELDS, row.amounts, current.amounts) if new != old]
                if due != current.due_date:
                    differs.append("due_date")
                problems.add(table.order, table.label, row.line,
                             f"rekening {row.number} bulan {_period_text(row.period)} {where}; "
                             f"tidak boleh diubah (berbeda: {', '.join(differs)})")
            continue
        status = "paid" if row.paid else "unpaid"
        if same and status == current.status:
            plan.count("bills_unchanged")
            continue
        plan.bill_updates.append({"id": current.id, **dict(zip(_BILL_FIELDS, row.amounts)),
                                  "due_date": due, "status": status})
        plan.count("bills_marked_paid" if row.paid else "bills_updated")


def _write_tariffs(session: Session, rows: list[_TariffRow], groups: dict[str, TariffGroup], plan: _Plan) -> None:
    for row in rows:
        blocks = [TariffBlock(seq=i, up_to_m3=b.up_to_m3, price_per_m3=b.price_per_m3)
                  for i, b in enumerate(row.blocks, 1)]
        group = groups.get(row.code)
        if group is None:
            group = TariffGroup(code=row.code, blocks=blocks, **{**_TARIFF_DEFAULTS, **row.values})
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


def _plan_customers(rows: list[_CustomerRow], stored: dict[str, dict], office_id: int | None,
                    tariff_ids: dict[str, int], plan: _Plan) -> None:
    for row in rows:
        current = stored.get(row.number_key)
        if current is None:
            values = {**_CUSTOMER_DEFAULTS, **row.values,
                      "tariff_group_id": tariff_ids[row.tariff_code], "office_id": office_id}
            plan.customer_inserts.append({"number_key": row.number_key, **_customer_record(values)})
            continue
        values = {**current, **row.values, "tariff_group_id": tariff_ids[row.tariff_code]}
        if office_id is not None:
            values["office_id"] = office_id
        if all(values[f] == current[f] for f in _CUSTOMER_FIELDS):
            plan.count("customers_unchanged")
        else:
            plan.customer_updates.append({"id": current["id"], **_customer_record(values)})
    plan.count("customers_new", len(plan.customer_inserts))
    plan.count("customers_updated", len(plan.customer_updates))


def _bill_record(row: _BillRow, customer_id: int, due_day: int) -> dict:
    return {
        "customer_id": customer_id,
        "period": row.period,
        **dict(zip(_BILL_FIELDS, row.amounts)),
        "due_date": row.due_date or default_due_date(row.period, due_day),
        "status": "paid" if row.paid else "unpaid",
        "payment_id": None,
    }


def _insert_customers(session: Session, records: list[dict]) -> None:
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


# ---- the use case ---------------------------------------------------------------------


def import_files(
    uow: UnitOfWork,
    *,
    tariffs: Path | str | None = None,
    customers: Path | str | None = None,
    bills: Path | str | None = None,
    office_code: str = "",
    due_day: int = 20,
) -> ImportSummary:
    """Import the CSV files given, all or nothing (formats: docs/import.md).

    New customers belong to the office `office_code` when the store has it; bills
    without a due date fall due on `due_day` of their month. Raises ImportRejected,
    naming the bad rows (file, line, reason), and writes nothing when any row is bad.
    """
    if not (tariffs or customers or bills):
        raise InvalidInput("Sebutkan berkas: tarif, pelanggan dan/atau rekening.")
    if not 1 <= due_day <= 31:
        raise InvalidInput("Tanggal jatuh tempo harus 1 sampai 31.")
    paths = [Path(p) if p else None for p in (tariffs, customers, bills)]
    problems = _Problems()
    warnings: list[str] = []

    # 1. every file and every row on its own, without the store
    specs = ((TARIFF_COLUMNS, TARIFF_OPTIONAL), (CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL), (BILL_COLUMNS, BILL_OPTIONAL))
    tariff_table, customer_table, bill_table = (
        _read_table(path, order, required, optional, problems, warnings) if path else None
        for order, (path, (required, optional)) in enumerate(zip(paths, specs))
    )
    tariff_codes: set[str] = set()  # codes in the tariffs file, of good rows and bad
    customer_keys: set[str] = set()  # connection numbers in the customers file, of good rows and bad
    tariff_rows = _parse_tariffs(tariff_table, problems, tariff_codes) if tariff_table else []
    customer_rows = _parse_customers(customer_table, problems, customer_keys) if customer_table else []
    bill_rows = _parse_bills(bill_table, problems) if bill_table else []
    # a file that could not be read at all cannot tell which codes or numbers exist:
    # then rows that refer to it are not reported as unknown
    tariffs_readable = not (paths[0] and tariff_table is None)
    file_customers = None if paths[1] and customer_table is None else customer_keys

    # 2. against the store, then write: one transaction, rolled back on any problem
    plan = _Plan()
    with uow.writing():
        session = uow.session
        groups = {g.code.upper(): g for g in session.scalars(
            select(TariffGroup).options(selectinload(TariffGroup.blocks)))}
        if tariffs_readable:
            for row in customer_rows:
                if row.tariff_code not in groups and row.tariff_code not in tariff_codes:
                    problems.add(customer_table.order, customer_table.label, row.line,
                                 f"golongan tarif {_show(row.tariff_code)} tidak dikenal")
        stored_customers = _stored_customers(
            session, {r.number_key for r in customer_rows} | {r.number_key for r in bill_rows})
        if bill_rows:
            stored_bills = _stored_bills(session, [c["id"] for c in stored_customers.values()],
                                         {r.period for r in bill_rows})
            _check_bills(bill_rows, stored_customers, stored_bills, bill_table, problems, plan, file_customers)
        if problems:
            raise problems.rejection()

        _write_tariffs(session, tariff_rows, groups, plan)
        office_id = session.scalar(select(Office.id).where(Office.code == office_code)) if office_code else None
        _plan_customers(customer_rows, stored_customers, office_id, {c: g.id for c, g in groups.items()}, plan)
        if plan.customer_inserts and office_id is None:
            warnings.append(f"Kantor {office_code!r} belum ada di data lokal; pelanggan baru disimpan tanpa kantor.")
        last_id = session.scalar(select(func.max(Customer.id))) or 0
        if plan.customer_inserts:
            _insert_customers(session, plan.customer_inserts)
        if plan.customer_updates:
            session.execute(update(Customer), plan.customer_updates)
        if plan.bill_inserts:
            ids = {k: c["id"] for k, c in stored_customers.items()}
            if plan.customer_inserts:  # new rows get ids above every old one
                ids.update(session.execute(
                    select(Customer.number_key, Customer.id).where(Customer.id > last_id)).all())
            for chunk in _chunks(plan.bill_inserts, WRITE_CHUNK):
                session.execute(insert(Bill.__table__), [_bill_record(r, ids[r.number_key], due_day) for r in chunk])
            plan.count("bills_new", len(plan.bill_inserts))
        if plan.bill_updates:
            session.execute(update(Bill), plan.bill_updates)

        summary = ImportSummary(files=tuple(p.name for p in paths if p), warnings=tuple(warnings), **plan.counts)
        session.add(AuditRecord(
            at=dt.datetime.now(dt.timezone.utc), user_id=None, counter_id=None, action="import",
            subject=", ".join(summary.files)[:80],
            details={k: v for k, v in dataclasses.asdict(summary).items() if k not in ("files", "warnings")},
        ))
        uow.commit()
    return summary
