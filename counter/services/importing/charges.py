"""The catalogue of other charges from CSV (docs/import.md, "Other charges"):
one row per charge, tariff group and date it takes effect. Read and checked row
by row like the other files, then against the store's tariff groups, and
upserted by (code, tariff group, valid_from) in the import's transaction, at a
counter or at central."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import InvalidInput
from counter.models import ChargeType
from counter.rules.charges import CODE_RULE, check_code
from counter.services.importing import values as cell
from counter.services.importing.csv_table import Problems, Table
from counter.services.importing.rows import Attempt, parse_rows
from counter.services.importing.values import Bad, reject, show

CHARGE_COLUMNS = ("code", "name", "amount", "valid_from")
CHARGE_OPTIONAL = ("tariff_group",)
CHARGE_ORDER = 3  # after tariffs, customers and bills in the messages


@dataclass(slots=True)
class ChargeRow:
    line: int
    code: str
    name: str
    amount: int
    group: str | None  # a tariff group's code; None: every group
    valid_from: dt.date


def _code(value: str) -> str:
    try:
        return check_code(value)
    except InvalidInput:
        raise Bad(f"code {show(value)} tidak sah ({CODE_RULE})" if value else "code kosong") from None


def _amount(value: str) -> int:
    if value.strip().startswith("-"):
        raise Bad(f"amount {show(value)} negatif: biaya tidak boleh kurang dari Rp 0")
    return cell.rupiah(value, "amount")


def parse_charges(table: Table, problems: Problems) -> list[ChargeRow]:
    """The good rows; the same code, group and date twice is a bad row (naming the first)."""
    first: dict[tuple, int] = {}

    def parse(row: dict[str, str], attempt: Attempt, line: int) -> ChargeRow:
        code = attempt(_code, row["code"])
        name = attempt(cell.required_text, row["name"], "name", 80)
        amount = attempt(_amount, row["amount"])
        since = attempt(cell.date, row["valid_from"], "valid_from")
        group = attempt(cell.code, row["tariff_group"], "tariff_group") if row.get("tariff_group") else None
        if code and since and first.setdefault((code, group, since), line) != line:
            attempt(reject, f"biaya {code} untuk {f'golongan {group}' if group else 'semua golongan'} berlaku "
                            f"{since.isoformat()} sudah ada di baris {first[code, group, since]} "
                            "(dua versi pada tanggal yang sama)")
        return ChargeRow(line, code, name, amount, group, since)

    return parse_rows(table, problems, parse)


def check_charge_groups(rows: list[ChargeRow], groups: set[str], file_groups: set[str] | None, table: Table,
                        problems: Problems) -> None:
    """Every row's tariff group is in the store or in the tariffs file of the same import
    (`file_groups` None: that file could not be read, so it cannot tell)."""
    if file_groups is None:
        return
    for row in rows:
        if row.group is not None and row.group not in groups and row.group not in file_groups:
            problems.add(table.order, table.label, row.line, f"golongan tarif {show(row.group)} tidak dikenal")


def write_charges(session: Session, rows: list[ChargeRow], group_ids: dict[str, int],
                  count: Callable[[str], None], change: Callable[[], int] | None = None) -> None:
    """Upsert the rows by (code, group, valid_from); `change` gives central's change number."""
    stored = {(c.code, c.tariff_group_id, c.valid_from): c for c in session.scalars(select(ChargeType))}
    stamp = (lambda: {"change_seq": change()}) if change else dict
    for row in rows:
        group_id = group_ids[row.group] if row.group else None
        found = stored.get((row.code, group_id, row.valid_from))
        if found is None:
            session.add(ChargeType(code=row.code, name=row.name, amount=row.amount, tariff_group_id=group_id,
                                   valid_from=row.valid_from, **({"change_seq": 0} | stamp())))
            count("charges_new")
        elif (found.name, found.amount) != (row.name, row.amount):
            found.name, found.amount = row.name, row.amount
            for name, value in stamp().items():
                setattr(found, name, value)
            count("charges_updated")
        else:
            count("charges_unchanged")
    session.flush()
