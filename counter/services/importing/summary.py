"""What an import did: counts by kind of record and outcome, and notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counter.rules.money import format_rupiah


def count_text(n: int) -> str:
    """`2880` -> `2.880`: Indonesian thousands, as for Rupiah without the symbol."""
    return format_rupiah(n, symbol=False)


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
    charges_new: int = 0  # rows of the catalogue of other charges
    charges_updated: int = 0
    charges_unchanged: int = 0
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        def part(new: int, what: str, rest: Sequence[tuple[int, str]]) -> str | None:
            if not new and not any(n for n, _ in rest):
                return None
            return ", ".join([f"{count_text(new)} {what}", *(f"{count_text(n)} {how}" for n, how in rest if n)])

        parts = [
            part(self.tariffs_new, "golongan tarif baru",
                 [(self.tariffs_updated, "diperbarui"), (self.tariffs_unchanged, "tetap")]),
            part(self.customers_new, "pelanggan baru",
                 [(self.customers_updated, "diperbarui"), (self.customers_unchanged, "tetap")]),
            part(self.bills_new, "rekening baru",
                 [(self.bills_updated, "diperbarui"), (self.bills_marked_paid, "ditandai lunas"),
                  (self.bills_unchanged, "tetap"), (self.bills_kept_paid, "sudah lunas (tidak diubah)")]),
            part(self.charges_new, "biaya lain baru",
                 [(self.charges_updated, "diperbarui"), (self.charges_unchanged, "tetap")]),
        ]
        text = "; ".join(p for p in parts if p) or "tidak ada data"
        if self.warnings:
            text += ". Catatan: " + " ".join(self.warnings)
        return text
