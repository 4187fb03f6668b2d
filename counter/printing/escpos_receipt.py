"""A Receipt on an ESC/POS thermal printer (python-escpos).

`layout()` turns the receipt into a list of plain operations (text lines that
are pure ASCII and never wider than the paper, style changes, the QR code, the
cut); `render()` plays them on any python-escpos printer object and
`receipt_bytes()` returns the bytes via `escpos.printer.Dummy`.

Characters outside the printer's code page (accents, curly quotes, dashes)
are transliterated with anyascii, so only ASCII reaches the printer.
"""

from __future__ import annotations

import textwrap
from typing import Any

from anyascii import anyascii

from counter.errors import InvalidInput
from counter.printing.receipt import Receipt, format_moment
from counter.rules.money import format_rupiah

PAPER_COLUMNS = {"58mm": 32, "80mm": 48}
QR_SIZE = {32: 5, 48: 6}  # module size in dots: 58 mm paper is 384 dots wide, 80 mm 576
LABEL_WIDTH = 8  # "No. pel", "Nama", "Alamat", "Tarif" column before ": "


Op = tuple  # ("line", text) | ("style", {...}) | ("qr", payload, size) | ("feed", n) | ("cut",)


def ascii_text(text: str) -> str:
    """Printable ASCII only: anyascii for everything outside it, control characters dropped."""
    out = anyascii(text or "")
    return "".join(ch if 32 <= ord(ch) < 127 else " " for ch in out.replace("\t", " "))


def wrap(text: str, width: int, indent: str = "", hanging: str = "") -> list[str]:
    """Wrap at word boundaries; a single word longer than the line is split, never dropped."""
    lines = textwrap.wrap(
        ascii_text(text), width, initial_indent=indent, subsequent_indent=hanging,
        break_long_words=True, break_on_hyphens=False,
    )
    return lines or [indent.rstrip()]


def row(label: str, value: str, width: int) -> list[str]:
    """Label on the left, value right-aligned; the label wraps if both do not fit on one line."""
    label, value = ascii_text(label), ascii_text(value)
    if len(label) + 1 + len(value) <= width:
        return [label + " " * (width - len(label) - len(value)) + value]
    head = wrap(label, width)
    if len(head[-1]) + 1 + len(value) <= width:
        last = head.pop()
        return head + [last + " " * (width - len(last) - len(value)) + value]
    return head + [line.rjust(width) for line in wrap(value, width)]


def money_row(label: str, amount: int, width: int) -> list[str]:
    return row(label, format_rupiah(amount), width)


def field(label: str, value: str, width: int) -> list[str]:
    """`Nama    : ...` with continuation lines indented under the value."""
    indent = f"{label:<{LABEL_WIDTH}}: "
    return wrap(value, width, indent=indent, hanging=" " * len(indent))


def layout(receipt: Receipt, width: int) -> list[Op]:
    """The receipt as printer operations, independent of the printer object."""
    if width not in QR_SIZE:
        raise InvalidInput(f"Lebar struk tidak dikenal: {width} kolom (pakai 32 untuk 58 mm atau 48 untuk 80 mm).")
    ops: list[Op] = []
    rule = "-" * width

    def lines(items: list[str]) -> None:
        ops.extend(("line", item) for item in items)

    def style(**kwargs: Any) -> None:
        ops.append(("style", kwargs))

    # Header
    style(align="center", bold=True)
    lines(wrap(receipt.utility_name, width))
    style(bold=False)
    lines(wrap(receipt.office_name, width))
    lines(wrap(receipt.office_address, width))
    style(align="left")
    lines([rule])
    lines(wrap(f"Loket {receipt.counter_code}  Kasir: {receipt.cashier_name}", width))
    lines(wrap(format_moment(receipt.paid_at), width))
    lines(wrap(f"No. struk: {receipt.receipt_no}", width))
    if receipt.copy_number > 0:
        style(align="center", bold=True)
        lines(wrap(f"SALINAN ke-{receipt.copy_number}", width))
        style(bold=False)
        when = f" {format_moment(receipt.copy_printed_at)}" if receipt.copy_printed_at else ""
        who = f" oleh {receipt.copy_printed_by}" if receipt.copy_printed_by else ""
        lines(wrap(f"dicetak ulang{when}{who}", width))
        style(align="left")
    if receipt.offline:
        lines(wrap("Dicatat saat pusat tidak terjangkau", width))
    lines([rule])

    # Customer
    lines(field("No. pel", receipt.customer_number, width))
    lines(field("Nama", receipt.customer_name, width))
    lines(field("Alamat", receipt.customer_address, width))
    lines(field("Tarif", receipt.tariff, width))
    lines([rule])

    # Bills
    for bill in receipt.lines:
        style(bold=True)
        lines(wrap(bill.label, width))
        style(bold=False)
        lines(wrap(f"m3 {bill.meter_start}-{bill.meter_end} = {bill.usage_m3} m3", width, "  ", "  "))
        lines(money_row("  Harga air", bill.water_charge, width))
        lines(money_row("  Beban", bill.fixed_charges, width))
        lines(money_row("  Admin", bill.admin_fee, width))
        if bill.fine:
            lines(money_row("  Denda", bill.fine, width))
        lines(money_row("  Jumlah", bill.amount, width))
    lines([rule])
    if receipt.waived > 0:
        lines(money_row("Keringanan", -receipt.waived, width))
    if receipt.stamp_duty > 0:
        lines(money_row("Meterai", receipt.stamp_duty, width))

    # Total and payment
    style(bold=True, double_height=True)
    lines(money_row("TOTAL", receipt.total, width))
    style(bold=False, normal_textsize=True)
    lines(row("Dibayar", receipt.method, width))
    if receipt.reference:
        lines(row("Ref.", receipt.reference, width))
    lines(money_row("Diterima", receipt.tendered, width))
    lines(money_row("Kembali", receipt.change, width))
    lines([rule])
    lines(wrap(f"Terbilang: {receipt.total_in_words}", width))

    # QR code and footer
    if receipt.qr_payload:
        style(align="center")
        ops.append(("qr", ascii_text(receipt.qr_payload), QR_SIZE[width]))
    style(align="center")
    lines(wrap(receipt.footer, width))
    style(align="left")
    ops.append(("cut",))
    return ops


def render(receipt: Receipt, printer: Any, width: int) -> None:
    """Print the receipt on a python-escpos printer object (`width`: 32 or 48 columns)."""
    ops = layout(receipt, width)
    printer.hw("INIT")
    for op in ops:
        kind = op[0]
        if kind == "line":
            text = op[1]
            assert text.isascii() and len(text) <= width, text
            printer.textln(text)
        elif kind == "style":
            printer.set(**op[1])
        elif kind == "qr":
            printer.qr(op[1], size=op[2], native=True)
            printer.ln()
        elif kind == "cut":
            printer.cut()


def receipt_bytes(receipt: Receipt, paper: str = "80mm") -> bytes:
    """The ESC/POS bytes of the receipt for 58 mm or 80 mm paper."""
    from escpos.printer import Dummy

    if paper not in PAPER_COLUMNS:
        raise InvalidInput(f"Ukuran kertas tidak dikenal: {paper!r} (pakai 58mm atau 80mm).")
    printer = Dummy()
    render(receipt, printer, PAPER_COLUMNS[paper])
    return printer.output


def receipt_text(receipt: Receipt, paper: str = "80mm") -> str:
    """The receipt as the printer would print it, as plain text (for a screen or a log)."""
    if paper not in PAPER_COLUMNS:
        raise InvalidInput(f"Ukuran kertas tidak dikenal: {paper!r} (pakai 58mm atau 80mm).")
    shown = []
    for op in layout(receipt, PAPER_COLUMNS[paper]):
        if op[0] == "line":
            shown.append(op[1])
        elif op[0] == "qr":
            shown.append(f"[QR: {op[1]}]")
    return "\n".join(shown)
