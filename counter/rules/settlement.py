"""How a receipt's total is settled: customer credit first, then the cash rounded.

A receipt states the bills (and instalment terms) with their stamp duty. Credit
held for the customer (a double payment, an overpayment) may pay part of it;
what is left is paid by the method. Cash is rounded to the utility's unit
(`[payment] cash_rounding`: Rp 100 by default) so that no coin smaller than the
unit changes hands: to the nearest multiple, and a remainder of exactly half a
unit goes down, in the customer's favour (Rp 123.450 is paid as Rp 123.400).
Transfers, QRIS and debit cards pay the exact amount.

The rounding is applied once per receipt, recorded on the payment and printed
as its own line ("Pembulatan"), so the receipt's lines add up to its total:

    total = bills + stamp duty + rounding
    due   = total - credit used   (what the method pays; cash: a multiple of the unit)
"""

from __future__ import annotations

from dataclasses import dataclass

from counter.errors import InvalidInput
from counter.rules.money import format_rupiah

ROUNDING_UNITS = (0, 50, 100, 500, 1000)  # Rupiah; 0: cash is not rounded
DEFAULT_ROUNDING_UNIT = 100


def check_rounding_unit(unit: object) -> int:
    """The unit if it is one of ROUNDING_UNITS, else InvalidInput (Indonesian)."""
    if isinstance(unit, bool) or not isinstance(unit, int) or unit not in ROUNDING_UNITS:
        raise InvalidInput(f"Pembulatan tunai (payment.cash_rounding) harus 0, 50, 100, 500 atau 1000 Rupiah, "
                           f"bukan {unit!r}; 0 berarti tanpa pembulatan.")
    return unit


def rounding_for(amount: int, unit: int) -> int:
    """What is added to `amount` (signed Rupiah) to reach the nearest multiple of
    `unit`; a remainder of exactly half a unit goes down. 0 when `unit` is 0."""
    if unit == 0:
        return 0
    rest = amount % unit
    return -rest if 2 * rest <= unit else unit - rest


@dataclass(frozen=True)
class Settlement:
    total: int  # what the receipt states: bills + stamp duty + rounding
    rounding: int  # signed; 0 unless cash with a unit
    credit_used: int  # customer credit taken toward the total
    due: int  # what the method pays: total - credit_used


def settle(owed: int, credit: int, method: str, unit: int) -> Settlement:
    """Settle `owed` (bills and stamp duty) with `credit` of the customer's credit
    first, the rest by `method`, rounded to `unit` when it is cash."""
    if isinstance(credit, bool) or not isinstance(credit, int):
        raise InvalidInput("Kredit yang dipakai harus angka bulat Rupiah.")
    if credit < 0:
        raise InvalidInput("Kredit yang dipakai tidak boleh negatif.")
    if credit > owed:
        raise InvalidInput(f"Kredit yang dipakai {format_rupiah(credit)} melebihi tagihan {format_rupiah(owed)}.")
    rounding = rounding_for(owed - credit, unit) if method == "cash" else 0
    total = owed + rounding
    return Settlement(total, rounding, credit, total - credit)
