"""The three kinds of row (tariff, customer, bill): their columns, and reading every
row of a file on its own, without the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from counter.rules.tariff import Block
from counter.rules.text import key
from counter.services.importing import values as cell
from counter.services.importing.csv_table import Problems, Table, read_table
from counter.services.importing.values import Bad, reject, show

TARIFF_COLUMNS = ("code", "name", "blocks")
TARIFF_OPTIONAL = ("category", "minimum_m3", "standing_charge", "meter_fee", "admin_fee", "fine_exempt", "valid_from")
TARIFF_PRICED = ("minimum_m3", "standing_charge", "meter_fee", "admin_fee")  # what a version of a tariff holds
CUSTOMER_COLUMNS = ("number", "name", "tariff_group")
CUSTOMER_OPTIONAL = ("meter_no", "address", "village", "district", "status", "household_size", "fine_exempt")
BILL_COLUMNS = ("number", "period", "meter_start", "meter_end")
# the charges may be left out (the column, or a row's cell): the import prices them by the tariff (pricing.py)
BILL_OPTIONAL = ("usage_m3", "water_charge", "standing_charge", "meter_fee", "admin_fee", "due_date", "status")
BILL_AMOUNTS = ("meter_start", "meter_end", "usage_m3", "water_charge", "standing_charge", "meter_fee",
                "admin_fee")  # the order of BillRow.amounts


@dataclass(slots=True)
class TariffRow:
    line: int
    code: str
    values: dict[str, object]  # the optional columns only where the file has them (not valid_from)
    blocks: tuple[Block, ...]
    valid_from: dt.date | None = None  # a version of the group's tariff from that date; None: the group's own


@dataclass(slots=True)
class CustomerRow:
    line: int
    number_key: str
    tariff_code: str
    values: dict[str, object]  # the optional columns only where the file has them


@dataclass(slots=True)
class BillRow:
    line: int
    number: str
    number_key: str
    period: int
    amounts: tuple[int, ...]  # in the order of BILL_AMOUNTS; a charge not given is None until priced
    due_date: dt.date | None  # None: not given
    paid: bool


# `attempt(parser, *args)` runs one check of a row: see parse_rows
Attempt = Callable[..., object]


def _strict(parser: Callable[..., object], *args: object) -> object:
    return parser(*args)


def parse_rows(table: Table, problems: Problems, parse: Callable[[dict[str, str], Attempt, int], object]) -> list:
    """`parse(row, attempt, line)` for every row, where `attempt(parser, *args)` runs one check.

    A row is parsed first with checks that stop at its first problem (the fast path,
    for good rows); a bad row is parsed again collecting every reason, so that it is
    reported with all that is wrong with it. So `parse` must be safe to run twice."""
    out = []
    for line, row in table.rows:
        try:
            out.append(parse(row, _strict, line))
            continue
        except Bad:
            pass
        reasons: list[str] = []

        def attempt(parser: Callable[..., object], *args: object, reasons: list[str] = reasons) -> object:
            try:
                return parser(*args)
            except Bad as bad:
                reasons.append(str(bad))
                return None

        parse(row, attempt, line)
        problems.add(table.order, table.label, line, "; ".join(reasons))
    return out


def _optional(row: dict[str, str], attempt: Attempt, column: str, values: dict,
              parser: Callable[..., object], *args: object) -> None:
    text = row.get(column)
    if text is not None:
        values[column] = attempt(parser, text, *args)


def _or_zero(parser: Callable[..., int], column: str, *args: object) -> Callable[[str], int]:
    """An optional number whose empty cell means 0."""
    return lambda text: parser(text or "0", column, *args)


def parse_tariffs(table: Table, problems: Problems, seen: set[str]) -> list[TariffRow]:
    """The good rows; `seen` gets the code of every row, good or bad."""
    first: dict[tuple[str, dt.date | None], int] = {}

    def parse(row: dict[str, str], attempt: Attempt, line: int) -> TariffRow:
        code = attempt(cell.code, row["code"], "code")
        since_text = row.get("valid_from")
        since = attempt(cell.date, since_text, "valid_from") if since_text else None
        if code:
            seen.add(code)
            if first.setdefault((code, since), line) != line:
                attempt(reject, f"kode {code} sudah ada di baris {first[code, since]}" if since is None else
                        f"tarif {code} berlaku {since.isoformat()} sudah ada di baris {first[code, since]}"
                        " (dua versi tarif pada tanggal yang sama)")
        values: dict[str, object] = {"name": attempt(cell.required_text, row["name"], "name", 80)}
        _optional(row, attempt, "category", values, cell.text, "category", 40)
        _optional(row, attempt, "minimum_m3", values, _or_zero(cell.whole, "minimum_m3", 100_000))
        _optional(row, attempt, "standing_charge", values, _or_zero(cell.rupiah, "standing_charge"))
        _optional(row, attempt, "meter_fee", values, _or_zero(cell.rupiah, "meter_fee"))
        _optional(row, attempt, "admin_fee", values, _or_zero(cell.rupiah, "admin_fee"))
        _optional(row, attempt, "fine_exempt", values, cell.flag, "fine_exempt")
        blocks = attempt(cell.blocks, row["blocks"])
        return TariffRow(line, code, values, blocks, since)

    return parse_rows(table, problems, parse)


def parse_customers(table: Table, problems: Problems, seen: set[str]) -> list[CustomerRow]:
    """The good rows; `seen` gets the normalised number of every row, good or bad."""
    first: dict[str, int] = {}
    household_size = _or_zero(cell.whole, "household_size", 999)

    def parse(row: dict[str, str], attempt: Attempt, line: int) -> CustomerRow:
        number = attempt(cell.required_text, row["number"], "number", 32)
        number_key = key(number or "")
        if number and not number_key:
            attempt(reject, f"number {show(number)} tidak berisi huruf atau angka")
        if number_key:
            seen.add(number_key)
            if first.setdefault(number_key, line) != line:
                attempt(reject, f"nomor sambungan {number} sudah ada di baris {first[number_key]}")
        values: dict[str, object] = {"number": number, "name": attempt(cell.required_text, row["name"], "name", 120)}
        tariff_code = attempt(cell.code, row["tariff_group"], "tariff_group")
        _optional(row, attempt, "meter_no", values, cell.text, "meter_no", 32)
        _optional(row, attempt, "address", values, cell.text, "address", 200)
        _optional(row, attempt, "village", values, cell.text, "village", 80)
        _optional(row, attempt, "district", values, cell.text, "district", 80)
        _optional(row, attempt, "status", values, cell.status)
        _optional(row, attempt, "household_size", values, household_size)
        _optional(row, attempt, "fine_exempt", values, cell.flag, "fine_exempt")
        return CustomerRow(line, number_key, tariff_code, values)

    return parse_rows(table, problems, parse)


def parse_bills(table: Table, problems: Problems) -> list[BillRow]:
    first: dict[tuple[str, int], int] = {}

    def parse(row: dict[str, str], attempt: Attempt, line: int) -> BillRow:
        number = row["number"]
        number_key = key(number)
        if not number_key:
            attempt(reject, f"number {show(number)} tidak berisi huruf atau angka" if number
                    else "number (nomor sambungan) kosong")
        period = attempt(cell.period, row["period"])
        if number_key and period and first.setdefault((number_key, period), line) != line:
            attempt(reject, f"rekening {number} bulan {cell.period_text(period)} sudah ada di baris "
                            f"{first[number_key, period]}")
        start = attempt(cell.whole, row["meter_start"], "meter_start")
        end = attempt(cell.whole, row["meter_end"], "meter_end")
        usage_text = row.get("usage_m3")
        usage = attempt(cell.whole, usage_text, "usage_m3") if usage_text else None
        if start is not None and end is not None:
            if end >= start and usage is None:
                usage = end - start
            elif end >= start and usage != end - start:
                attempt(reject, f"usage_m3 {usage} tidak sama dengan meter_end - meter_start "
                                f"({end} - {start} = {end - start})")
            elif end < start and not usage_text:
                attempt(reject, f"meter_end {end} lebih kecil dari meter_start {start}; bila meter "
                                "berputar ulang atau diganti, isi usage_m3")
        charges = [attempt(cell.rupiah, row[c], c) if row.get(c) else None for c in BILL_AMOUNTS[3:]]
        due_text = row.get("due_date")
        due = attempt(cell.date, due_text, "due_date") if due_text else None
        paid = attempt(cell.bill_paid, row.get("status") or "")
        return BillRow(line, number, number_key, period, (start, end, usage, *charges), due, bool(paid))

    return parse_rows(table, problems, parse)


@dataclass
class ParsedFiles:
    """Step 1 of an import: the good rows of every file, read without the store."""

    names: tuple[str, ...]
    tariffs: list[TariffRow] = field(default_factory=list)
    customers: list[CustomerRow] = field(default_factory=list)
    bills: list[BillRow] = field(default_factory=list)
    customer_table: Table | None = None  # where customer and bill problems found later are reported
    bill_table: Table | None = None
    # codes in the tariffs file, of good rows and bad; None when the file was given but
    # could not be read, so that rows referring to it are not reported as unknown
    tariff_codes: set[str] | None = field(default_factory=set)
    customer_keys: set[str] | None = field(default_factory=set)  # likewise, connection numbers
    charges: list = field(default_factory=list)  # importing.charges.ChargeRow
    charge_table: Table | None = None


def parse_files(tariffs: Path | None, customers: Path | None, bills: Path | None,
                problems: Problems, warnings: list[str], charges: Path | None = None) -> ParsedFiles:
    """Read the files given and check every row on its own; bad rows go to `problems`."""
    paths = (tariffs, customers, bills)
    specs = ((TARIFF_COLUMNS, TARIFF_OPTIONAL), (CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL), (BILL_COLUMNS, BILL_OPTIONAL))
    tariff_table, customer_table, bill_table = (
        read_table(path, order, required, optional, problems, warnings) if path else None
        for order, (path, (required, optional)) in enumerate(zip(paths, specs))
    )
    parsed = ParsedFiles(names=tuple(p.name for p in (*paths, charges) if p), customer_table=customer_table,
                         bill_table=bill_table)
    if tariff_table:
        parsed.tariffs = parse_tariffs(tariff_table, problems, parsed.tariff_codes)
    elif tariffs:
        parsed.tariff_codes = None
    if customer_table:
        parsed.customers = parse_customers(customer_table, problems, parsed.customer_keys)
    elif customers:
        parsed.customer_keys = None
    if bill_table:
        parsed.bills = parse_bills(bill_table, problems)
    if charges:  # the catalogue of other charges (importing.charges)
        from counter.services.importing.charges import CHARGE_COLUMNS, CHARGE_OPTIONAL, CHARGE_ORDER, parse_charges

        parsed.charge_table = read_table(charges, CHARGE_ORDER, CHARGE_COLUMNS, CHARGE_OPTIONAL, problems, warnings)
        if parsed.charge_table:
            parsed.charges = parse_charges(parsed.charge_table, problems)
    return parsed
