"""The receipt as plain data: what every output (thermal printer, PDF, screen)
prints, built once from the committed payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter.rules.money import MONTHS_ID

ZONES_BY_OFFSET = {7: "WIB", 8: "WITA", 9: "WIT"}  # hours east of UTC -> Indonesian zone

# The words of a bill's parts, the same on every output (thermal and PDF): ReceiptLine field -> label.
COMPONENT_LABELS = {
    "water_charge": "Harga air",
    "standing_charge": "Beban",
    "meter_fee": "Pemeliharaan meter",
    "admin_fee": "Administrasi",
    "fine": "Denda",
}
PAID_MARK = "LUNAS"
VOID_FOOTER = "Struk ini telah dibatalkan"


@dataclass(frozen=True)
class ReceiptLine:
    """One bill paid, or an instalment term (kind down_payment, term), or an other charge (kind charge).

    A down payment also says what its plan covers, so its receipt adds up on its
    face: `before_relief` - `waived` - `deferred` (left to the terms) = `amount`."""

    label: str  # "Okt 2025"
    meter_start: int
    meter_end: int
    usage_m3: int
    water_charge: int
    standing_charge: int  # beban tetap
    admin_fee: int
    fine: int
    amount: int
    kind: str = "bill"
    discount: int = 0  # a charge: what a relief programme took off its catalogue amount (amount is after it)
    meter_fee: int = 0  # pemeliharaan meter
    plan_no: str = ""  # a down payment or term: its plan
    covers: tuple[str, ...] = ()  # a down payment: the months its plan covers ("Jul 2025", ...)
    before_relief: int = 0  # a down payment: the plan's bills and fines before relief
    waived: int = 0  # a down payment: what the plan's relief waived
    deferred: int = 0  # a down payment: what is left to the plan's terms
    settles: bool = True  # paying this line settles what it is for (a bill, a charge, a plan's last term)

    @property
    def fixed_charges(self) -> int:
        """Standing charge and meter fee together."""
        return self.standing_charge + self.meter_fee


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
    meter_number: str = ""  # the customer's water meter
    head_office: str = ""  # the utility's head office address (setting receipt.head_office); "": not printed
    call_centre: str = ""  # the utility's call centre (setting receipt.call_centre); "": not printed

    @property
    def paid_in_full(self) -> bool:
        """Whether the receipt is marked LUNAS: every line it pays is settled by it
        (a bill, a charge, a plan's last term; not a down payment or an earlier term),
        and it was not voided. A PDAM stamps each paid bill receipt LUNAS: the receipt
        is the customer's proof that those months are settled."""
        return bool(self.lines) and not self.voided and all(line.settles for line in self.lines)

    @property
    def due(self) -> int:
        """What the customer paid by the method: the total less the credit used."""
        return self.total - self.credit_used


def month_runs(labels: tuple[str, ...] | list[str]) -> list[str]:
    """Months as runs of consecutive ones: `Mar 2025 - Nov 2025`, `Jan 2026`."""
    def index(text: str) -> int:
        name, year = text.split()
        return int(year) * 12 + MONTHS_ID.index(name)

    runs: list[list[str]] = []
    for text in labels:
        if runs and index(text) == index(runs[-1][-1]) + 1:
            runs[-1].append(text)
        else:
            runs.append([text])
    return [run[0] if len(run) == 1 else f"{run[0]} - {run[-1]}" for run in runs]


def covered_months(labels: tuple[str, ...] | list[str]) -> list[str]:
    """The months a plan covers as a receipt names them: each of up to three, runs of more."""
    return list(labels) if len(labels) <= 3 else month_runs(labels)


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
