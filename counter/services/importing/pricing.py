"""Bills priced by the tariff: a bill row without a water charge (or without a
fixed charge) gets it from the customer's tariff in force for its billing month
(the version valid on the month's first day), and a water charge the file gives
is compared with the tariff's price of its usage.

A water charge that differs is, by `mode`:
- "check" (the default): a problem of the row, naming the file's figure and the
  tariff's, so that nothing is imported until the file or the tariff is right;
- "reprice": replaced by the tariff's price (`--reprice`);
- "keep": kept as the file has it (`--keep-file-figures`); a row that gives all
  its charges is then not compared at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from counter.errors import InvalidInput
from counter.rules.tariff import Tariff, TariffBook, price
from counter.services.importing.csv_table import Problems
from counter.services.importing.rows import TARIFF_PRICED, BillRow, TariffRow
from counter.services.importing.values import period_text

MODES = ("check", "reprice", "keep")


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise InvalidInput(f"Cara memperlakukan harga air yang berbeda tidak dikenal: {mode!r}.")


def with_file(stored: TariffBook, rows: list[TariffRow]) -> TariffBook:
    """The tariffs as they will be once the tariffs file is written: its rows over
    the stored tariffs (a column the file lacks keeps the stored value)."""
    base = dict(stored.base)
    versions = {code: {v.valid_from: v for v in found} for code, found in stored.versions.items()}
    for row in rows:
        given = {name: row.values[name] for name in TARIFF_PRICED if name in row.values}
        if row.valid_from is None:
            old = base.get(row.code) or Tariff(row.code, ())
            base[row.code] = dataclasses.replace(old, blocks=row.blocks, **given)
        else:
            mine = versions.setdefault(row.code, {})
            old = mine.get(row.valid_from) or Tariff(row.code, (), valid_from=row.valid_from)
            mine[row.valid_from] = dataclasses.replace(old, blocks=row.blocks, **given)
    return TariffBook(base, {code: tuple(sorted(found.values(), key=lambda t: t.valid_from))
                             for code, found in versions.items()})


@dataclasses.dataclass
class Pricing:
    """What pricing the bills did, for the summary."""

    priced: int = 0  # rows whose water charge came from the tariff
    differing: int = 0  # rows whose water charge differed (repriced or kept)

    def notes(self, mode: str) -> list[str]:
        notes = []
        if self.priced:
            notes.append(f"{self.priced} rekening dihitung dari angka meter dengan tarif yang berlaku")
        if self.differing:
            notes.append(f"{self.differing} rekening: harga air berkas berbeda dari tarif, " + (
                "dipakai harga tarif (--reprice)" if mode == "reprice" else "dipakai angka berkas (--keep-file-figures)"))
        return notes


def price_bills(rows: list[BillRow], codes: Mapping[str, str], book: TariffBook, mode: str, problems: Problems,
                order: int, label: str, done: Pricing) -> None:
    """Fill in the charges each row leaves out and check its water charge, by the
    tariff of its customer's group (`codes`: the group's code by number_key; a
    customer not in it is left alone: check_bills reports it)."""
    cache: dict[tuple[int, int], int] = {}
    for row in rows:
        code = codes.get(row.number_key)
        if code is None:
            continue
        start, end, usage, water, standing, meter, admin = row.amounts
        missing = water is None or standing is None or meter is None or admin is None
        if not missing and mode == "keep":
            continue
        tariff = book.for_period(code, row.period)
        if tariff is None or not tariff.blocks:
            if missing or mode == "check":
                problems.add(order, label, row.line,
                             f"golongan tarif {code} tidak punya tarif (blok) yang berlaku untuk bulan "
                             f"{period_text(row.period)}; rekening tidak dapat dihitung atau diperiksa")
            continue
        cached = cache.get((id(tariff), usage))
        if cached is None:
            cached = cache[id(tariff), usage] = price(usage, tariff).water_charge
        if water is None:
            water = cached
            done.priced += 1
        elif water != cached:
            if mode == "check":
                since = f" berlaku {tariff.valid_from.isoformat()}" if tariff.valid_from else ""
                problems.add(order, label, row.line,
                             f"water_charge {water} berbeda dari harga tarif {code}{since} untuk {usage} m3: "
                             f"{cached} (berkas {water}, tarif {cached}; --reprice memakai harga tarif, "
                             "--keep-file-figures memakai angka berkas)")
                continue
            done.differing += 1
            if mode == "reprice":
                water = cached
        row.amounts = (start, end, usage, water,
                       tariff.standing_charge if standing is None else standing,
                       tariff.meter_fee if meter is None else meter,
                       tariff.admin_fee if admin is None else admin)
