"""The receipt as plain data: what every output (thermal printer, PDF, screen)
prints, built once from the committed payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter.rules.money import MONTHS_ID

ZONES_BY_OFFSET = {7: "WIB", 8: "WITA", 9: "WIT"}  # hours east of UTC -> Indonesian zone


@dataclass(frozen=True)
class ReceiptLine:
    """One bill paid, or an instalment term (kind down_payment, term), or an other charge (kind charge)."""

    label: str  # "Okt 2025"
    meter_start: int
    meter_end: int
    usage_m3: int
    water_charge: int
    fixed_charges: int  # standing charge + meter fee
    admin_fee: int
    fine: int
    amount: int
    kind: str = "bill"
    discount: int = 0  # a charge: what a relief programme took off its catalogue amount (amount is after it)


@dataclass(frozen=True)
class Receipt:
    utility_name: str
    office_name: str
    office_address: str
    counter_code: str
    cashier_name: str
    paid_at: dt.datetime  # aware, in the office's time zone
    receipt_no: str
    customer_number: str
    customer_name: str
    customer_address: str
    tariff: str  # "R2 Rumah Tangga 2"
    lines: tuple[ReceiptLine, ...]
    waived: int  # amounts waived (relief); 0 when none
    stamp_duty: int
    total: int
    tendered: int
    change: int
    method: str  # as printed: "Tunai", "QRIS", ...
    reference: str
    total_in_words: str  # "seratus dua puluh tiga ribu rupiah"
    qr_payload: str  # what the QR code holds: payment id and a check value
    offline: bool  # taken while central was unreachable
    copy_number: int = 0  # 0: the original; n: "SALINAN ke-n"
    copy_printed_at: dt.datetime | None = None
    copy_printed_by: str = ""
    footer: str = "Simpan struk ini sebagai bukti pembayaran yang sah"
    voided: str = ""  # the reason, when the payment was voided: a copy then says so
    paper_no: str = ""  # a paper receipt of an outage entered afterwards: the number this receipt replaces
    paper_date: dt.date | None = None  # the day that paper receipt was written

    @property
    def replaces(self) -> tuple[str, ...]:
        """What the receipt says of the paper receipt it replaces, a line each; () for any other."""
        if not self.paper_no:
            return ()
        lines = [f"Pengganti kuitansi manual no. {self.paper_no}"]
        if self.paper_date is not None:
            lines.append(f"tertanggal {self.paper_date.day:02d} {MONTHS_ID[self.paper_date.month - 1]} "
                         f"{self.paper_date.year}")
        return tuple(lines)
    rounding: int = 0  # cash rounding (signed), part of the total: "Pembulatan"
    credit_used: int = 0  # customer credit taken toward the total: "Kredit dipakai"
    work_order_no: str = ""  # an unseal work order (SPK buka segel) the payment earned

    @property
    def due(self) -> int:
        """What the customer paid by the method: the total less the credit used."""
        return self.total - self.credit_used


def zone_abbreviation(moment: dt.datetime) -> str:
    """WIB / WITA / WIT for Indonesia's offsets, else `UTC+hh:mm` ("" when naive)."""
    name = moment.tzname() or ""
    if name in ZONES_BY_OFFSET.values():
        return name
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and minutes // 60 in ZONES_BY_OFFSET:
        return ZONES_BY_OFFSET[minutes // 60]
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def format_moment(moment: dt.datetime) -> str:
    """`24 Nov 2025 10:05:07 WITA`: how every receipt shows a time."""
    text = f"{moment.day:02d} {MONTHS_ID[moment.month - 1]} {moment.year} {moment:%H:%M:%S}"
    zone = zone_abbreviation(moment)
    return f"{text} {zone}" if zone else text


def reprint_note(printed_at: dt.datetime | None, printed_by: str, words: str = "dicetak ulang") -> str:
    """`dicetak ulang 24 Nov 2025 10:05:07 WITA oleh siti`: the line under a copy's SALINAN ke-N."""
    when = f" {format_moment(printed_at)}" if printed_at is not None else ""
    who = f" oleh {printed_by}" if printed_by else ""
    return f"{words}{when}{who}"
