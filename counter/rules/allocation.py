"""Bills are paid oldest first: months may be left out only from the newest end."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from counter.errors import BillSelectionError
from counter.rules.period import label


def check_oldest_first(unpaid: Sequence[int], selected: Iterable[int]) -> list[int]:
    """Return `selected` in paying order, or raise if it breaks the rule.

    `unpaid` is every unpaid billing month of the customer. The selection must
    be the oldest `n` of them for some n >= 1.
    """
    chosen = sorted(set(selected))
    if not chosen:
        raise BillSelectionError("Pilih minimal satu rekening untuk dibayar.")
    unpaid_sorted = sorted(unpaid)
    unknown = [p for p in chosen if p not in set(unpaid_sorted)]
    if unknown:
        raise BillSelectionError(
            f"Rekening {label(unknown[0])} tidak ada atau sudah lunas."
        )
    expected = unpaid_sorted[: len(chosen)]
    if chosen != expected:
        skipped = next(p for p in expected if p not in chosen)
        raise BillSelectionError(
            f"Rekening harus dibayar dari yang terlama: {label(skipped)} belum dipilih."
        )
    return chosen
