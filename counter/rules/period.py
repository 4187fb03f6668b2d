"""Billing months, kept as an int `yyyymm` (compact in a million-row table)."""

from __future__ import annotations

import datetime as dt
import re

from counter.errors import InvalidInput, quoted
from counter.rules.money import MONTHS_ID


def period_of(day: dt.date) -> int:
    return day.year * 100 + day.month


def add_months(period: int, months: int) -> int:
    index = (period // 100) * 12 + (period % 100 - 1) + months
    return (index // 12) * 100 + index % 12 + 1


def due_date(period: int, due_day: int) -> dt.date:
    """The due date of a bill: `due_day` of its billing month (clamped to the month's end)."""
    year, month = divmod(period, 100)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(due_day, last))


def label(period: int) -> str:
    """`202510` -> `Okt 2025`."""
    return f"{MONTHS_ID[period % 100 - 1]} {period // 100}"


def span_label(periods: list[int] | tuple[int, ...]) -> str:
    """The months of consecutive bills: `Jul 2025 - Nov 2025`, or one `Okt 2025`."""
    if not periods:
        return ""
    first, last = min(periods), max(periods)
    return label(first) if first == last else f"{label(first)} - {label(last)}"


def check_periods(periods: list[int]) -> list[int]:
    """`periods` if each is a real billing month `yyyymm`; InvalidInput otherwise."""
    for period in periods:
        if isinstance(period, bool) or not isinstance(period, int) or not (
                190001 <= period <= 299912 and 1 <= period % 100 <= 12):
            raise InvalidInput(f"Bulan rekening tidak valid: {quoted(period)}. Tulis seperti 202510 (tahun-bulan).")
    return periods


_PERIOD = re.compile(r"^([0-9]{4})-?([0-9]{2})$")


def parse_period(text: str) -> int:
    """`2025-10` or `202510` -> 202510; InvalidInput with an Indonesian message otherwise."""
    match = _PERIOD.match((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2999:
        raise InvalidInput(f"Bulan rekening tidak valid: {quoted(text)}. Tulis seperti 2025-10.")
    return int(match.group(1)) * 100 + int(match.group(2))
