"""The refund slip (bukti pengembalian uang): cash paid back to a customer from
a cashier's drawer for a bill paid twice, as plain data, and on an ESC/POS
thermal printer (58 or 80 mm) like a receipt.

`layout()` gives the printer operations of `escpos_receipt` (pure ASCII lines
never wider than the paper; an identifier or an amount is never split over two
lines: it goes on a line of its own when it does not fit beside its label);
`slip_bytes()` the ESC/POS bytes, `slip_text()` the plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from counter.errors import InvalidInput
from counter.printing.escpos_receipt import (LABEL_WIDTH, QR_SIZE, Op, ascii_text, columns, field, fit_logo,
                                             ops_bytes, ops_text, read_logo, row, wrap)
from counter.printing.receipt import reprint_note, zone_abbreviation
from counter.rules.money import MONTHS_ID, format_rupiah

TITLE = "BUKTI PENGEMBALIAN UANG"
REASON = "Kelebihan bayar rekening air (rekening dibayar dua kali) dikembalikan tunai kepada pelanggan."
RECEIVED = "Uang tersebut telah diterima tunai oleh pelanggan."
FOOTER = "Sah dengan tanda tangan pelanggan dan kasir"
ELSEWHERE = "loket/saluran lain"  # the first payment, when this counter does not know its receipt


@dataclass(frozen=True)
class RefundSlip:
    utility_name: str
    office_name: str
    office_address: str
    city: str  # where it is signed: "Kupang"
    counter_code: str
    cashier_name: str  # whose drawer the cash left
    paid_at: dt.datetime  # aware, in the office's time zone
    slip_no: str  # "0001/BPU/KPG-L01/XI/2025"
    customer_number: str
    customer_name: str
    customer_address: str
    conflict_id: int  # central's conflict
    months: str  # the bill paid twice: "Okt 2025"; "" when central did not say
    receipt_no: str  # the payment that paid it the second time (its money became credit); "" unknown
    first_paid: str  # the receipt that paid it first; "" when it was another counter or a channel
    amount: int
    amount_in_words: str  # "seratus dua puluh ribu rupiah"
    approver_name: str  # the supervisor who approved the refund
    copy_number: int = 0  # 0: the original; n: "SALINAN ke-n"
    copy_printed_at: dt.datetime | None = None
    copy_printed_by: str = ""


def format_day(moment: dt.datetime) -> str:
    """`24 Nov 2025`."""
    return f"{moment.day:02d} {MONTHS_ID[moment.month - 1]} {moment.year}"


def format_time(moment: dt.datetime) -> str:
    """`10:05:07 WITA`."""
    return f"{moment:%H:%M:%S} {zone_abbreviation(moment)}".rstrip()


def payments(slip: RefundSlip) -> list[tuple[str, str]]:
    """The bill's two payments, first then second: (label, its receipt number or where it was paid)."""
    return [("Bayar ke-1", slip.first_paid or f"({ELSEWHERE})"), ("Bayar ke-2", slip.receipt_no or f"({ELSEWHERE})")]


def number_lines(value: str, width: int, indent: str = "") -> list[str]:
    """A number on lines of its own: whole when it fits the paper, else broken
    only after a "/" or "-" (a number wider than the paper itself)."""
    value = ascii_text(value)
    room = width - len(indent)
    if len(value) <= room:
        return [indent + value]
    lines, rest = [], value
    while len(rest) > room:
        cut = max(rest.rfind("/", 0, room), rest.rfind("-", 0, room)) + 1 or room
        lines.append(indent + rest[:cut])
        rest = rest[cut:]
    return lines + [indent + rest]


def whole(label: str, value: str, width: int) -> list[str]:
    """`Label   : VALUE` when the value fits beside the label, else the label and
    the value on a line of its own: a number is never split over two lines."""
    value = ascii_text(value)
    indent = f"{label:<{LABEL_WIDTH}}: "
    if len(indent) + len(value) <= width:
        return [indent + value]
    return [f"{label}:"] + number_lines(value, width, "  " if len(value) + 2 <= width else "")


SIGNERS = (("Diterima oleh,", "Pelanggan"), ("Diserahkan oleh,", "Kasir"))


def signatures(slip: RefundSlip, width: int) -> list[str]:
    """Room for two signatures side by side: the customer who received the money,
    and the cashier who handed it over, each with their name under the line."""
    half = width // 2
    (left_title, left_role), (right_title, right_role) = SIGNERS
    lines = [f"{left_title:<{half}}{right_title}", f"{left_role:<{half}}{right_role}", "", "", ""]
    sign = "(" + "." * (half - 4) + ")"
    lines.append(f"{sign:<{half}}{sign}")
    names_left, names_right = wrap(slip.customer_name, half - 1), wrap(slip.cashier_name, half - 1)
    for index in range(max(len(names_left), len(names_right))):
        left = names_left[index] if index < len(names_left) else ""
        right = names_right[index] if index < len(names_right) else ""
        lines.append(f"{left:<{half}}{right}".rstrip())
    return lines


def head(paper: Any, title: str, number: str, width: int, logo: Image.Image | None = None) -> list[Op]:
    """The top of a paper that is not a receipt (a refund slip, a collective
    payment's summary), as printer operations: the logo, the utility and office,
    the title and number (a copy says so), then date, time, counter and cashier.
    `paper` has the fields of RefundSlip those come from."""
    if width not in QR_SIZE:
        raise InvalidInput(f"Lebar struk tidak dikenal: {width} kolom (pakai 32 untuk 58 mm atau 48 untuk 80 mm).")
    ops: list[Op] = []
    rule = "-" * width

    def lines(items: list[str]) -> None:
        ops.extend(("line", item) for item in items)

    def style(**kwargs: Any) -> None:
        ops.append(("style", kwargs))

    if logo is not None:
        ops.append(("image", fit_logo(logo, width)))
    style(align="center", bold=True)
    lines(wrap(paper.utility_name, width))
    style(bold=False)
    lines(wrap(paper.office_name, width))
    lines(wrap(paper.office_address, width))
    style(align="left")
    lines([rule])
    style(align="center", bold=True)
    lines(wrap(title, width))
    style(bold=False)
    shown = f"No. {ascii_text(number)}"
    lines([shown] if len(shown) <= width else ["No."] + number_lines(number, width))
    if paper.copy_number > 0:
        style(bold=True)
        lines(wrap(f"SALINAN ke-{paper.copy_number}", width))
        style(bold=False)
        lines(wrap(reprint_note(paper.copy_printed_at, paper.copy_printed_by), width))
    style(align="left")
    lines([rule])
    lines(field("Tanggal", format_day(paper.paid_at), width))
    lines(field("Jam", format_time(paper.paid_at), width))
    lines(field("Loket", paper.counter_code, width))
    lines(field("Kasir", paper.cashier_name, width))
    return ops


def layout(slip: RefundSlip, width: int, logo: Image.Image | None = None) -> list[Op]:
    """The slip as printer operations (`width`: 32 columns for 58 mm, 48 for 80 mm)."""
    ops = head(slip, TITLE, slip.slip_no, width, logo)
    rule = "-" * width

    def lines(items: list[str]) -> None:
        ops.extend(("line", item) for item in items)

    def style(**kwargs: Any) -> None:
        ops.append(("style", kwargs))

    lines([rule])
    lines(whole("No. pel", slip.customer_number, width))
    lines(field("Nama", slip.customer_name, width))
    lines(field("Alamat", slip.customer_address, width))
    lines([rule])

    lines(wrap(REASON, width))
    lines(whole("Konflik", str(slip.conflict_id), width))
    if slip.months:
        lines(field("Rekening", slip.months, width))
    for label, receipt in payments(slip):
        lines(whole(label, receipt, width))
    lines([rule])

    style(bold=True, double_height=True)
    lines(row("DIKEMBALIKAN", format_rupiah(slip.amount), width))
    style(bold=False, normal_textsize=True)
    lines(wrap(f"Terbilang: {slip.amount_in_words}", width))
    lines(wrap(f"Disetujui oleh: {slip.approver_name}", width))
    lines([rule])
    lines(wrap(RECEIVED, width))
    lines(wrap(f"{slip.city}, {format_day(slip.paid_at)}", width))
    lines([""])
    lines(signatures(slip, width))
    lines([""])
    style(align="center")
    lines(wrap(FOOTER, width))
    style(align="left")
    ops.append(("cut",))
    return ops


def slip_bytes(slip: RefundSlip, paper: str = "80mm", logo: str | Path | None = None) -> bytes:
    """The ESC/POS bytes of the slip for 58 mm or 80 mm paper, with the logo file on top if given."""
    width = columns(paper)
    return ops_bytes(layout(slip, width, read_logo(logo)), width)


def slip_text(slip: RefundSlip, paper: str = "80mm") -> str:
    """The slip as the printer would print it, as plain text."""
    return ops_text(layout(slip, columns(paper)))
