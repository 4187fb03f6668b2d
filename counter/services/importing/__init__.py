"""Importing tariffs, customers and bills from the utility's billing system (CSV).

The formats are described column by column in docs/import.md. In short:

- every file is UTF-8 (with or without BOM), comma- or semicolon-separated (found
  from the header row), with a header row whose column names are case-insensitive;
- the files given are imported ALL OR NOTHING in one transaction: every row of
  every file is checked, the bad ones (the first 20 of them) are named in one
  ImportRejected message ("customers.csv baris 7: golongan tarif 'R9' tidak
  dikenal"), and nothing is written unless there are none;
- tariffs are upserted by code, customers by their normalised connection number,
  bills by (customer, billing month); a bill already paid is never changed.

It runs in two steps. First the files are read and every row is checked on its
own, without the store (csv_table: the file; values: the cells; rows: the three
kinds of row). Then, inside ONE write transaction, the rows are checked against
the store with batched look-ups and written with bulk statements (apply). The
store's write lock is held for the whole of that second step, seconds for a
100,000-row file: a payment at the same counter waits for it, so imports are
best run outside opening hours.
"""

from __future__ import annotations

from pathlib import Path

from counter.errors import InvalidInput
from counter.services.approval import Approval, admin_approval
from counter.services.importing.apply import check_and_write
from counter.services.importing.csv_table import Problems
from counter.services.importing.pricing import check_mode
from counter.services.importing.rows import parse_files
from counter.services.importing.summary import ImportSummary
from counter.store.uow import UnitOfWork

__all__ = ["ImportSummary", "import_files"]


def import_files(
    uow: UnitOfWork,
    *,
    tariffs: Path | str | None = None,
    customers: Path | str | None = None,
    bills: Path | str | None = None,
    office_code: str = "",
    due_day: int = 20,
    approval: Approval | None = None,
    water_charges: str = "check",
    charges: Path | str | None = None,
) -> ImportSummary:
    """Import the CSV files given, all or nothing (formats: docs/import.md).

    New customers belong to the office `office_code` when the store has it; bills
    without a due date fall due on `due_day` of their month (1 to 28, the rule of the
    `billing.due_day` setting). Raises ImportRejected, naming the bad rows (file, line,
    reason), and writes nothing when any row is bad. A bill's water charge that
    differs from the tariff's price is a bad row unless `water_charges` is "reprice"
    (the tariff's price is taken) or "keep" (the file's); a charge the row leaves
    out is priced by the tariff (importing.pricing). `charges`: the catalogue of
    other charges (importing.charges). Holds the store's write lock
    while it checks against the store and writes: a payment at this counter waits.
    """
    if not (tariffs or customers or bills or charges):
        raise InvalidInput("Sebutkan berkas: tarif, pelanggan, rekening dan/atau biaya lain.")
    if not 1 <= due_day <= 28:  # as counter.config checks billing.due_day
        raise InvalidInput("Tanggal jatuh tempo (billing.due_day) harus 1 sampai 28.")
    check_mode(water_charges)
    problems = Problems()
    warnings: list[str] = []
    admin_approval(uow, approval, "Impor data")
    parsed = parse_files(*(Path(p) if p else None for p in (tariffs, customers, bills)), problems, warnings,
                         Path(charges) if charges else None)
    return check_and_write(uow, parsed, problems, warnings, office_code=office_code, due_day=due_day,
                           water_charges=water_charges)
