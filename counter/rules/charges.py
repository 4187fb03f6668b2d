"""Other charges (biaya lain): a reconnection or unseal fee, a new connection,
a change of name, a meter replaced, a fine for breaking a seal. The catalogue
is data (charge_type), versioned by date and per tariff group; these are the
pure rules over it: which rate is in force, what a relief programme takes off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from counter.errors import InvalidInput, quoted

UNSEAL_CHARGE = "BUKA-SEGEL"  # the fee of an unseal work order a payment earns
_CODE = re.compile(r"[A-Z0-9][A-Z0-9\-]{0,23}")
CODE_RULE = "huruf besar, angka dan '-', maksimal 24, mis. BUKA-SEGEL"


def check_code(text: object) -> str:
    """A charge code as typed (`balik-nama` -> `BALIK-NAMA`), or InvalidInput."""
    code = text.strip().upper() if isinstance(text, str) else ""
    if not _CODE.fullmatch(code):
        raise InvalidInput(f"Kode biaya {quoted(text)} tidak sah ({CODE_RULE}).")
    return code


@dataclass(frozen=True)
class ChargeRate:
    """One row of the catalogue: `amount` Rupiah for `code` from `valid_from`,
    for tariff group `group` or for every group (None)."""

    code: str
    name: str
    amount: int
    group: str | None
    valid_from: dt.date


def in_force(rates: Iterable[ChargeRate], code: str, group: str, on: dt.date) -> ChargeRate | None:
    """The rate of `code` for a customer of `group` on `on`: the group's own
    latest version in force, else the latest in force for every group."""
    own = generic = None
    for rate in rates:
        if rate.code != code or rate.valid_from > on:
            continue
        if rate.group == group and (own is None or rate.valid_from > own.valid_from):
            own = rate
        elif rate.group is None and (generic is None or rate.valid_from > generic.valid_from):
            generic = rate
    return own or generic


def catalogue_for(rates: Iterable[ChargeRate], group: str, on: dt.date) -> list[ChargeRate]:
    """Every charge a customer of `group` may pay on `on`, by code."""
    rates = list(rates)
    found = (in_force(rates, code, group, on) for code in sorted({r.code for r in rates}))
    return [rate for rate in found if rate is not None]


def percent_off(amount: int, pct: int) -> int:
    """`pct`% of `amount`, rounded half up to whole Rupiah, never more than `amount`."""
    if isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100:
        raise InvalidInput("Persentase potongan biaya harus 0-100.")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise InvalidInput("Jumlah biaya harus angka bulat Rupiah, tidak negatif.")
    return min(amount, (amount * pct + 50) // 100)


@dataclass(frozen=True)
class ChargeDue:
    """A charge as a customer pays it today: the catalogue's amount less what a
    relief programme they pay under takes off."""

    code: str
    name: str
    list_amount: int
    discount: int = 0
    programme: str = ""  # the programme that gave the discount

    @property
    def amount(self) -> int:
        return self.list_amount - self.discount


def charge_due(rate: ChargeRate, discounts: Mapping[str, int], programme: str = "") -> ChargeDue:
    pct = discounts.get(rate.code, 0)
    return ChargeDue(rate.code, rate.name, rate.amount, percent_off(rate.amount, pct), programme if pct else "")


def parse_discounts(text: str) -> dict[str, int]:
    """`BUKA-SEGEL:50, BALIK-NAMA:100` -> {"BUKA-SEGEL": 50, "BALIK-NAMA": 100}; "" -> {}."""
    found: dict[str, int] = {}
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        code, colon, pct = part.partition(":")
        pct = pct.strip().rstrip("%").strip()
        if not colon or not (pct.isascii() and pct.isdigit()):
            raise InvalidInput(f"Potongan biaya {quoted(part)} tidak sah (tulis KODE:PERSEN, mis. BUKA-SEGEL:50).")
        code = check_code(code)
        if code in found:
            raise InvalidInput(f"Potongan biaya {code} disebut dua kali.")
        found[code] = int(pct)
    return checked_discounts(found)


def checked_discounts(discounts: object) -> dict[str, int]:
    """A programme's discounts on charges, checked: codes and whole percents 0-100."""
    if not isinstance(discounts, Mapping):
        raise InvalidInput("Potongan biaya harus berupa daftar KODE:PERSEN.")
    out = {}
    for code, pct in discounts.items():
        code = check_code(code)
        if isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100:
            raise InvalidInput(f"Potongan biaya {code} harus 0-100 persen.")
        out[code] = pct
    return dict(sorted(out.items()))


def discounts_text(discounts: Mapping[str, int]) -> str:
    """{"BUKA-SEGEL": 50} -> `BUKA-SEGEL:50`: how the command line and the settings show them."""
    return ", ".join(f"{code}:{pct}" for code, pct in sorted(discounts.items()))
