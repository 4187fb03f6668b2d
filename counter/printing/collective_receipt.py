"""The summary receipt of a collective payment (bukti pembayaran kolektif): one
tender for many connections, each listed with its months, amount and its own
receipt number, then the grand total, the tender and the change. Each
connection's own receipt (its bills line by line) is printed as usual.

As plain data, and on an ESC/POS thermal printer (58 or 80 mm) in the style of
the refund slip: `layout()` gives the printer operations, `summary_bytes()` the
bytes, `summary_text()` the plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from counter.printing.escpos_receipt import Op, columns, field, money_row, ops_bytes, ops_text, read_logo, row, wrap
from counter.printing.refund_slip import head, number_lines, whole

TITLE = "BUKTI PEMBAYARAN KOLEKTIF"
DETAIL = "Rincian rekening tiap sambungan ada pada struknya masing-masing (No. struk di atas)."
FOOTER = "Simpan bukti ini bersama struk tiap sambungan"
VOIDED = "DIBATALKAN"


@dataclass(frozen=True)
class CollectiveLine:
    """One connection of the collective payment: its own payment."""

    customer_number: str
    customer_name: str
    months: str  # "3 bln: Sep 2025 - Nov 2025"
    receipt_no: str  # its own receipt
    amount: int  # its payment's total
    voided: bool = False  # its payment was voided afterwards


@dataclass(frozen=True)
class CollectiveReceipt:
    utility_name: str
    office_name: str
    office_address: str
    counter_code: str
    cashier_name: str
    paid_at: dt.datetime  # aware, in the office's time zone
    collective_no: str  # "0001/KOL/KPG-L01/XI/2025"
    label: str  # who paid: "Perumahan Griya Asri", or ""
    lines: tuple[CollectiveLine, ...]
    total: int
    tendered: int
    change: int
    method: str  # as printed: "Tunai", "QRIS", ...
    reference: str
    total_in_words: str
    offline: bool = False  # taken while central was unreachable
    copy_number: int = 0  # 0: the original; n: "SALINAN ke-n"
    copy_printed_at: dt.datetime | None = None
    copy_printed_by: str = ""


def layout(summary: CollectiveReceipt, width: int, logo: Image.Image | None = None) -> list[Op]:
    """The summary as printer operations (`width`: 32 columns for 58 mm, 48 for 80 mm)."""
    ops = head(summary, TITLE, summary.collective_no, width, logo)
    rule = "-" * width

    def lines(items: list[str]) -> None:
        ops.extend(("line", item) for item in items)

    def style(**kwargs: Any) -> None:
        ops.append(("style", kwargs))

    if summary.label:
        lines(field("Pembayar", summary.label, width))
    if summary.offline:
        lines(wrap("Dicatat saat pusat tidak terjangkau", width))
    lines([rule])

    for index, line in enumerate(summary.lines, 1):
        style(bold=True)
        lines(number_lines(f"{index}. {line.customer_number}", width))
        style(bold=False)
        lines(wrap(line.customer_name, width, "   ", "   "))
        lines(wrap(line.months, width, "   ", "   "))
        lines(whole("   Struk", line.receipt_no, width))
        lines(money_row("   Jumlah", line.amount, width))
        if line.voided:
            style(bold=True)
            lines(wrap(f"   *** {VOIDED} ***", width))
            style(bold=False)
    lines([rule])

    lines(row("Jumlah sambungan", str(len(summary.lines)), width))
    style(bold=True, double_height=True)
    lines(money_row("TOTAL", summary.total, width))
    style(bold=False, normal_textsize=True)
    lines(row("Dibayar", summary.method, width))
    if summary.reference:
        lines(row("Ref.", summary.reference, width))
    lines(money_row("Diterima", summary.tendered, width))
    lines(money_row("Kembali", summary.change, width))
    lines([rule])
    lines(wrap(f"Terbilang: {summary.total_in_words}", width))
    lines(wrap(DETAIL, width))
    style(align="center")
    lines(wrap(FOOTER, width))
    style(align="left")
    ops.append(("cut",))
    return ops


def summary_bytes(summary: CollectiveReceipt, paper: str = "80mm", logo: str | Path | None = None) -> bytes:
    """The ESC/POS bytes of the summary for 58 mm or 80 mm paper, with the logo file on top if given."""
    width = columns(paper)
    return ops_bytes(layout(summary, width, read_logo(logo)), width)


def summary_text(summary: CollectiveReceipt, paper: str = "80mm") -> str:
    """The summary as the printer would print it, as plain text."""
    return ops_text(layout(summary, columns(paper)))
