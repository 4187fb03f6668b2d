"""Instalment arithmetic: equal terms in whole Rupiah, monthly due dates,
document numbers, and when a plan has defaulted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from counter.errors import InvalidInput
from counter.rules.period import due_date

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def split_terms(amount: int, terms: int) -> list[int]:
    """`amount` in `terms` equal whole-Rupiah terms; the last absorbs the rounding."""
    if terms < 1:
        raise InvalidInput("Jumlah angsuran minimal 1.")
    if amount < terms:
        raise InvalidInput(f"Sisa Rp {amount} terlalu kecil untuk dibagi menjadi {terms} angsuran.")
    base = amount // terms
    return [base] * (terms - 1) + [amount - base * (terms - 1)]


def monthly_due_dates(start: dt.date, count: int) -> list[dt.date]:
    """The same day of each of the `count` months after `start` (clamped to a month's end)."""
    dates = []
    for k in range(1, count + 1):
        index = start.year * 12 + start.month - 1 + k
        dates.append(due_date((index // 12) * 100 + index % 12 + 1, start.day))
    return dates


def document_number(seq: int, kind: str, issuer: str, on: dt.date) -> str:
    """`0001/ANGS/KPG-L01/XI/2026`: the issuing counter keeps numbers unique offline."""
    return f"{seq:04d}/{kind}/{issuer}/{ROMAN_MONTHS[on.month - 1]}/{on.year}"


def first_overdue(dues: Sequence[tuple[dt.date, bool]], on: dt.date, grace_days: int) -> dt.date | None:
    """The due date of the first unpaid term overdue by more than `grace_days` on `on`."""
    for due, paid in dues:
        if not paid and on > due + dt.timedelta(days=grace_days):
            return due
    return None


def covered_by(amounts: Sequence[int], paid: int) -> tuple[int, int]:
    """Paid plan money allocated oldest first: how many bills it settles in full,
    and what is left over toward the next one."""
    settled = 0
    for amount in amounts:
        if paid < amount:
            break
        paid -= amount
        settled += 1
    return settled, paid
