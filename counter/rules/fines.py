"""Late fines. Schemes differ per utility, so a scheme is data, not code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from counter.errors import CounterError, InvalidInput, quoted
from counter.rules.money import ascii_digits, format_rupiah, parse_rupiah

FineKind = Literal["flat", "staged", "percent", "none"]


@dataclass(frozen=True)
class FineScheme:
    """How a utility fines a bill paid after its due date.

    - flat: `amount` once the bill is overdue;
    - staged: `stages` of (months after the due date, amount), each added once
      the bill is overdue by that many whole months, e.g. ((0, 5000), (1, 5000));
    - percent: `percent_bp` basis points of the bill, at least `minimum`;
    - none: no fines.

    `maximum` caps the fine of one bill, whatever the kind (0: no cap).
    """

    kind: FineKind = "flat"
    amount: int = 10_000
    stages: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    percent_bp: int = 0
    minimum: int = 0
    maximum: int = 0

    def __post_init__(self) -> None:
        if self.kind not in ("flat", "staged", "percent", "none"):
            raise ValueError(f"unknown fine scheme {self.kind!r}")
        amounts = [self.amount, self.percent_bp, self.minimum, self.maximum]
        amounts += [a for _, a in self.stages] + [m for m, _ in self.stages]
        if any(not isinstance(a, int) or a < 0 for a in amounts):
            raise ValueError("fine amounts must be whole non-negative Rupiah")
        if self.kind == "percent" and self.maximum and self.maximum < self.minimum:
            raise ValueError("fine maximum is below its minimum")


def _overdue_months(due: dt.date, on: dt.date) -> int:
    """Whole months `on` lies past `due` (0 in the first month after it)."""
    months = (on.year - due.year) * 12 + (on.month - due.month)
    if on.day <= due.day:
        months -= 1
    return max(months, 0)


def fine_for(bill_amount: int, due: dt.date, on: dt.date, scheme: FineScheme, *, exempt: bool = False) -> int:
    """The fine on a bill of `bill_amount` due on `due`, if paid on `on`."""
    if exempt or on <= due or scheme.kind == "none":
        return 0
    if scheme.kind == "flat":
        fine = scheme.amount
    elif scheme.kind == "staged":
        overdue = _overdue_months(due, on)
        fine = sum(amount for after, amount in scheme.stages if overdue >= after)
    else:
        fine = max((bill_amount * scheme.percent_bp + 5_000) // 10_000, scheme.minimum)
    return min(fine, scheme.maximum) if scheme.maximum else fine


@dataclass(frozen=True)
class FineSchemes:
    """The schemes in force on a day: the general one, and the tariff groups'
    own (by group id). A group's own scheme wins over the general one, however
    recent the general one is: a utility fines its groups apart on purpose."""

    general: FineScheme
    by_group: Mapping[int, FineScheme] = field(default_factory=dict)

    def of(self, group_id: int | None) -> FineScheme:
        return self.by_group.get(group_id, self.general) if group_id is not None else self.general


# ---- as people type them -----------------------------------------------------


def percent_text(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") if rest else str(whole)


def parse_percent(text: str) -> int:
    """`10` or `2,5` or `2.5` percent -> basis points, without floats."""
    whole, _, fraction = text.strip().replace(",", ".").partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 2:
        raise InvalidInput(f"Persen tidak valid: {quoted(text)} (mis. 10 atau 2,5).")
    return int(whole) * 100 + int((fraction + "00")[:2])


def parse_stages(text: str) -> tuple[tuple[int, int], ...]:
    """`0:5000, 1:7.500` -> ((0, 5000), (1, 7500)): months after the due date, amount."""
    try:
        stages = tuple((int(m), parse_rupiah(a)) for m, a in (part.split(":") for part in text.split(",")))
    except (ValueError, CounterError):
        raise InvalidInput(f"Tahapan denda tidak valid: {quoted(text)} (mis. 0:5000, 1:7500).") from None
    if not stages:
        raise InvalidInput("Isi tahapan denda, mis. 0:5000, 1:7500.")
    return stages


def stages_from_table(text: str) -> tuple[tuple[int, int], ...]:
    """A published table, the fine at N months late (`0:5000, 1:12.500, 3:22.500`),
    as the stages that add up to it (((0, 5000), (1, 7500), (3, 10000))). Months
    go up and fines never down: anything else is a typing mistake."""
    if not text.strip():
        raise InvalidInput("Tabel denda kosong: isi denda per bulan keterlambatan, mis. 0:5000, 1:12500.")
    rows = []
    for part in text.split(","):
        month, colon, amount = part.partition(":")
        try:
            if not colon or not ascii_digits(month.strip()):
                raise ValueError
            rows.append((int(month.strip()), parse_rupiah(amount)))
        except (ValueError, CounterError):
            raise InvalidInput(f"Tabel denda tidak valid: {quoted(part.strip())} (tulis bulan:denda, "
                               "mis. 0:5000, 1:12500).") from None
    stages, before = [], None
    for month, fine in rows:
        if before is not None:
            if month == before[0]:
                raise InvalidInput(f"Tabel denda menyebut bulan {month} dua kali.")
            if month < before[0]:
                raise InvalidInput(f"Bulan dalam tabel denda harus urut naik: {month} sesudah {before[0]}.")
            if fine < before[1]:
                raise InvalidInput(
                    f"Denda tidak boleh turun: {format_rupiah(fine)} pada {month} bulan, sesudah "
                    f"{format_rupiah(before[1])} pada {before[0]} bulan.")
        stages.append((month, fine - (before[1] if before else 0)))
        before = (month, fine)
    return tuple(stages)


def stages_text(stages: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{m}:{format_rupiah(a, symbol=False)}" for m, a in stages)
