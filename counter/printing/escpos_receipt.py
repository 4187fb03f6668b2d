"""A Receipt on an ESC/POS thermal printer (python-escpos).

`layout()` turns the receipt into a list of plain operations (the utility's
logo, text lines that are pure ASCII and never wider than the paper, style
changes, the QR code, the cut); `render()` plays them on any python-escpos
printer object and `receipt_bytes()` returns the bytes via `escpos.printer.Dummy`.

What the layout keeps: the money lines above TOTAL add up to it (a bill's parts
to its Jumlah, a down payment's plan less relief and what is left to the terms
to the down payment); an identifier is never split over two lines (it goes
whole under its label) and an amount never leaves its label; from
COMPACT_FROM bills on, a line a month and each part summed once; a voided
receipt's copy has no QR code and no proof-of-payment footer.

Characters outside the printer's code page (accents, curly quotes, dashes)
are transliterated with anyascii, so only ASCII reaches the printer.
"""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path
from typing import Any

from anyascii import anyascii
from PIL import Image

from counter.errors import InvalidInput
from counter.printing.receipt import (COMPONENT_LABELS, PAID_MARK, VOID_FOOTER, Receipt, ReceiptLine, covered_months,
                                      format_moment, reprint_note)
from counter.rules.money import format_rupiah

log = logging.getLogger(__name__)

PAPER_COLUMNS = {"58mm": 32, "80mm": 48}


def columns(paper: str) -> int:
    """Characters on a line of `paper` (58mm or 80mm)."""
    if paper not in PAPER_COLUMNS:
        raise InvalidInput(f"Ukuran kertas tidak dikenal: {paper!r} (pakai 58mm atau 80mm).")
    return PAPER_COLUMNS[paper]
PAPER_DOTS = {32: 384, 48: 576}  # printable width at 203 dpi
QR_SIZE = {32: 5, 48: 6}  # module size in dots
LABEL_WIDTH = 8  # "No. pel", "Nama", "Alamat", "Tarif" column before ": "
LOGO_HEIGHT = 120  # dots (15 mm): a logo, not a poster
COMPACT_FROM = 4  # bills on one receipt from which each takes a line (7 each would be 60 cm for 19 months)


Op = tuple  # ("image", PIL image) | ("line", text) | ("style", {...}) | ("qr", payload, size) | ("cut",)


def read_logo(path: str | Path | None) -> Image.Image | None:
    """The logo file as a greyscale image on white, or None when there is none.

    A missing or unreadable file only costs the logo (with a warning in the
    log): the receipt of a committed payment must still print.
    """
    if not path:
        return None
    try:
        with Image.open(path) as source:
            rgba = source.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError) as error:  # OSError: missing, not an image
        log.warning("logo %s cannot be read, printing the receipt without it: %s", path, error)
        return None
    on_white = Image.new("RGBA", rgba.size, "white")
    on_white.alpha_composite(rgba)  # transparent parts become paper, not black
    return on_white.convert("L")


def fit_logo(logo: Image.Image, width: int) -> Image.Image:
    """The logo shrunk to fit the paper and LOGO_HEIGHT, in pure black and white
    (a threshold, not dithering: logos are drawn, not photographed), centred on
    a strip as wide as the paper so no printer-side alignment is needed."""
    dots = PAPER_DOTS[width]
    fitted = logo.copy()
    fitted.thumbnail((dots, LOGO_HEIGHT), Image.Resampling.LANCZOS)
    fitted = fitted.point(lambda value: 255 if value >= 128 else 0)
    strip = Image.new("L", (dots, fitted.height), 255)
    strip.paste(fitted, ((dots - fitted.width) // 2, 0))
    return strip


def ascii_text(text: str) -> str:
    """Printable ASCII only: anyascii for everything outside it, control characters dropped."""
    out = anyascii(text or "")
    return "".join(ch if 32 <= ord(ch) < 127 else " " for ch in out.replace("\t", " "))


def wrap(text: str, width: int, indent: str = "", hanging: str = "") -> list[str]:
    """Wrap at word boundaries; a word that does not fit beside the label goes
    whole to the next line, and only a word longer than the paper is split."""
    lines = textwrap.wrap(
        ascii_text(text), width, initial_indent=indent, subsequent_indent=hanging,
        break_long_words=False, break_on_hyphens=False,
    )
    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
            continue
        lead = indent if not out else hanging
        word = line[len(lead):]
        if not out and lead.strip():  # the label alone, the word under it
            out.append(lead.rstrip())
        lead = hanging if len(hanging) + len(word) <= width else ""
        out.extend(lead + part for part in identifier_lines(word, width - len(lead)))
    return out or [indent.rstrip()]


def row(label: str, value: str, width: int) -> list[str]:
    """Label on the left, value right-aligned; the label wraps if both do not fit on one line,
    the value beside its last line that leaves room for it (a number in the label too long
    for that goes whole under it: an amount never leaves its label)."""
    label, value = ascii_text(label), ascii_text(value)
    if len(label) + 1 + len(value) <= width:
        return [label + " " * (width - len(label) - len(value)) + value]
    beside = width - len(value) - 1
    limit = beside if beside >= width // 2 else width
    head = [part for line in textwrap.wrap(label, limit, break_long_words=False, break_on_hyphens=False)
            for part in identifier_lines(line, width)]  # a word longer than `limit` kept whole
    at = next((i for i in range(len(head) - 1, -1, -1) if len(head[i]) <= beside), None)
    if at is None:
        return head + [line.rjust(width) for line in wrap(value, width)]
    joined = head[at] + " " * (width - len(head[at]) - len(value)) + value
    return head[:at] + [joined] + head[at + 1:]


def money_row(label: str, amount: int, width: int) -> list[str]:
    return row(label, format_rupiah(amount), width)


def labelled(label: str, value: str, width: int, gap: str = " ") -> list[str]:
    """`label: VALUE` on one line, or the label and the value whole on the next when both do not fit."""
    value = ascii_text(value)
    if len(label) + 1 + len(gap) + len(value) <= width:
        return [f"{label}:{gap}{value}"]
    return [f"{label}:"] + identifier_lines(value, width, "  " if len(value) + 2 <= width else "")


def number_field(label: str, value: str, width: int) -> list[str]:
    """`No. pel : VALUE` like `field`, the number whole on the next line when it does not fit."""
    indent = f"{label:<{LABEL_WIDTH}}: "
    value = ascii_text(value)
    if len(indent) + len(value) <= width:
        return [indent + value]
    return [indent.rstrip()] + identifier_lines(value, width, "  " if len(value) + 2 <= width else "")


def field(label: str, value: str, width: int) -> list[str]:
    """`Nama    : ...` with continuation lines indented under the value."""
    indent = f"{label:<{LABEL_WIDTH}}: "
    return wrap(value, width, indent=indent, hanging=" " * len(indent))


def joined(items: list[str], width: int, indent: str = "", hanging: str = "") -> list[str]:
    """Items joined by ", " on as few lines as fit, an item never split over two lines."""
    out: list[str] = []
    for item in items:
        item = ascii_text(item)
        if out and len(out[-1]) + 3 + len(item) <= width:  # ", " and the "," a wrapped line would end with
            out[-1] += ", " + item
        else:
            if out:
                out[-1] += ","
            out.append((hanging if out else indent) + item)
    return out


def down_payment_lines(line: ReceiptLine, width: int) -> list[str]:
    """A down payment that adds up on its face: the plan, the months it covers and
    their amount before relief, what was waived and what is left to the terms,
    down to the down payment paid now."""
    out = ["Uang muka angsuran"]
    out += identifier_lines(line.plan_no, width, "  ")
    months = covered_months(line.covers)
    out += joined(["Rekening: " + months[0], *months[1:]] if months else [], width, "  ", "    ")
    out += money_row(f"  Tagihan {len(line.covers)} bulan", line.before_relief, width)
    if line.waived:
        out += money_row("  Keringanan", -line.waived, width)
    if line.deferred:
        out += money_row("  Sisa diangsur", -line.deferred, width)
    out += money_row("  Uang muka", line.amount, width)
    return out


def compact_bills(bills: list[ReceiptLine], width: int) -> list[str]:
    """Many months: a line each (month, use, amount; its fine noted beside it, or
    under it on 58 mm), their total, then each part of a bill summed once."""
    out = [f"Rekening {len(bills)} bulan"]
    for bill in bills:
        head = f"  {ascii_text(bill.label)}  {bill.usage_m3:>4} m3"
        fine = f"denda {format_rupiah(bill.fine, symbol=False)}" if bill.fine else ""
        amount = format_rupiah(bill.amount)
        if fine and len(head) + 2 + len(fine) + 2 + len(amount) <= width:
            head, fine = f"{head}  {fine}", ""
        out += row(head, amount, width)
        if fine:
            out.append(f"    termasuk {fine}")
    out += money_row("  Jumlah rekening", sum(bill.amount for bill in bills), width)
    out.append(f"Rincian {len(bills)} bulan:")
    for part, words in COMPONENT_LABELS.items():
        amount = sum(getattr(bill, part) for bill in bills)
        if amount or part in ("water_charge", "standing_charge", "admin_fee"):
            out += money_row(f"  {words}", amount, width)
    return out


def identifier_lines(value: str, width: int, indent: str = "") -> list[str]:
    """An identifier (a receipt, plan or work order number) whole on a line of its
    own. One longer than the paper is the only thing ever cut (no number format
    of ours is: the tests keep it so)."""
    value = ascii_text(value)
    if len(indent) + len(value) <= width:
        return [indent + value]
    return [value[i:i + width] for i in range(0, len(value), width)]


def layout(receipt: Receipt, width: int, logo: Image.Image | None = None) -> list[Op]:
    """The receipt as printer operations, independent of the printer object
    (`logo`: as `read_logo` returns it, printed at the top)."""
    if width not in QR_SIZE:
        raise InvalidInput(f"Lebar struk tidak dikenal: {width} kolom (pakai 32 untuk 58 mm atau 48 untuk 80 mm).")
    ops: list[Op] = []
    rule = "-" * width
    if logo is not None:
        ops.append(("image", fit_logo(logo, width)))

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
    desk = f"Loket {receipt.counter_code}  Kasir: {ascii_text(receipt.cashier_name)}"
    if len(desk) <= width:
        lines([desk])
    else:  # the cashier's name together on a line of its own
        lines([f"Loket {receipt.counter_code}"] + wrap(f"Kasir: {receipt.cashier_name}", width, "", "       "))
    lines(wrap(format_moment(receipt.paid_at), width))
    lines(labelled("No. struk", receipt.receipt_no, width))
    for note in receipt.replaces:  # a paper receipt of an outage, entered afterwards
        lines(wrap(note, width))
    if receipt.copy_number > 0:
        style(align="center", bold=True)
        lines(wrap(f"SALINAN ke-{receipt.copy_number}", width))
        style(bold=False)
        lines(wrap(reprint_note(receipt.copy_printed_at, receipt.copy_printed_by), width))
        style(align="left")
    if receipt.offline:
        lines(wrap("Dicatat saat pusat tidak terjangkau", width))
    if receipt.voided:
        style(align="center", bold=True)
        mark = "DIBATALKAN - BUKAN BUKTI BAYAR"
        lines([f"*** {mark} ***" if len(mark) + 8 <= width else mark])
        style(bold=False, align="left")
        lines(wrap(f"Alasan: {receipt.voided}", width))
    lines([rule])

    # Customer
    lines(number_field("No. pel", receipt.customer_number, width))
    if receipt.meter_number:
        lines(number_field("Meter", receipt.meter_number, width))
    lines(field("Nama", receipt.customer_name, width))
    lines(field("Alamat", receipt.customer_address, width))
    lines(field("Tarif", receipt.tariff, width))
    lines([rule])

    # Bills; an instalment plan's down payment or term is its label and amount
    bills = [line for line in receipt.lines if line.kind == "bill"]
    compact = len(bills) >= COMPACT_FROM
    for bill in receipt.lines:
        if compact and bill.kind == "bill":  # all of them together, where the first is
            if bill is bills[0]:
                lines(compact_bills(bills, width))
            continue
        if bill.kind == "down_payment" and bill.before_relief:
            lines(down_payment_lines(bill, width))
            continue
        if bill.kind == "charge" and bill.discount:  # an other charge a relief programme made cheaper
            lines(money_row(bill.label, bill.amount + bill.discount, width))
            lines(money_row("  Keringanan", -bill.discount, width))
            lines(money_row("  Jumlah", bill.amount, width))
            continue
        if bill.kind != "bill" and bill.plan_no and bill.label.endswith(bill.plan_no):
            # a term: its words and amount, the plan's number whole under them
            lines(money_row(bill.label.removesuffix(bill.plan_no).strip(), bill.amount, width))
            lines(identifier_lines(bill.plan_no, width, "  "))
            continue
        if bill.kind != "bill":
            lines(money_row(bill.label, bill.amount, width))
            continue
        style(bold=True)
        lines(wrap(bill.label, width))
        style(bold=False)
        lines(wrap(f"m3 {bill.meter_start}-{bill.meter_end} = {bill.usage_m3} m3", width, "  ", "  "))
        for part, words in COMPONENT_LABELS.items():  # a meter fee or a fine only when there is one
            if getattr(bill, part) or part not in ("meter_fee", "fine"):
                lines(money_row(f"  {words}", getattr(bill, part), width))
        lines(money_row("  Jumlah", bill.amount, width))
    lines([rule])
    waived = receipt.waived - sum(line.waived for line in receipt.lines)  # not already shown on its line
    if waived > 0:
        lines(money_row("Keringanan", -waived, width))
    if receipt.stamp_duty > 0:
        lines(money_row("Meterai", receipt.stamp_duty, width))
    if receipt.rounding:
        lines(money_row("Pembulatan", receipt.rounding, width))

    # Total and payment
    style(bold=True, double_height=True)
    lines(money_row("TOTAL", receipt.total, width))
    style(bold=False, normal_textsize=True)
    if receipt.credit_used:  # credit held for the customer paid part of the total
        lines(money_row("Kredit dipakai", -receipt.credit_used, width))
        style(bold=True)
        lines(money_row("Sisa tagihan", receipt.due, width))
        style(bold=False)
    lines(row("Dibayar", receipt.method, width))
    if receipt.reference:
        reference = ascii_text(receipt.reference)
        lines(row("Ref.", reference, width) if len(reference) + 5 <= width else labelled("Ref.", reference, width))
    lines(money_row("Diterima", receipt.tendered, width))
    lines(money_row("Kembali", receipt.change, width))
    if receipt.paid_in_full:
        style(align="center", bold=True, double_height=True)
        lines([f"*** {PAID_MARK} ***"])
        style(align="left", bold=False, normal_textsize=True)
    lines([rule])
    lines(wrap(f"Terbilang: {receipt.total_in_words}", width))
    if receipt.work_order_no:
        lines(labelled("SPK buka segel", receipt.work_order_no, width))

    # QR code and footer; a voided receipt's copy is no proof of payment: neither
    if receipt.qr_payload and not receipt.voided:
        style(align="center")
        ops.append(("qr", ascii_text(receipt.qr_payload), QR_SIZE[width]))
    style(align="center")
    lines(wrap(VOID_FOOTER if receipt.voided else receipt.footer, width))
    if receipt.head_office:
        lines(wrap(f"Kantor pusat: {receipt.head_office}", width))
    if receipt.call_centre:
        lines(labelled("Call center", receipt.call_centre, width))
    style(align="left")
    ops.append(("cut",))
    return ops


def _know_paper_width(printer: Any, width: int) -> None:
    """python-escpos checks an image against the paper width in the printer's
    profile, and prints a complaint to stdout (into `counter --json` output)
    when the profile does not know it, as its default profile does not. The
    profile's data is shared by every printer, so this printer gets a copy."""
    data = printer.profile.profile_data
    media = data.get("media", {})
    if str(media.get("width", {}).get("pixels", "Unknown")) == "Unknown":
        paper = {"mm": 58 if width == 32 else 80, "pixels": PAPER_DOTS[width]}
        printer.profile.profile_data = {**data, "media": {**media, "width": paper}}


def render(receipt: Receipt, printer: Any, width: int, logo: str | Path | None = None) -> None:
    """Print the receipt on a python-escpos printer object (`width`: 32 or 48
    columns; `logo`: an image file for the top, skipped when unreadable)."""
    play(layout(receipt, width, read_logo(logo)), printer, width)


def play(ops: list[Op], printer: Any, width: int) -> None:
    """Play printer operations (a receipt's, a refund slip's) on a python-escpos printer object."""
    printer.hw("INIT")
    for op in ops:
        kind = op[0]
        if kind == "image":
            _know_paper_width(printer, width)
            printer.image(op[1], impl="bitImageRaster")
        elif kind == "line":
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


def receipt_bytes(receipt: Receipt, paper: str = "80mm", logo: str | Path | None = None) -> bytes:
    """The ESC/POS bytes of the receipt for 58 mm or 80 mm paper, with the logo file on top if given."""
    width = columns(paper)
    return ops_bytes(layout(receipt, width, read_logo(logo)), width)


def prepare() -> None:
    """Load what the first receipt needs and would otherwise wait for (python-escpos
    with its printer profiles, the words of amounts): at the desk's start, on its worker."""
    from escpos.printer import Dummy

    from counter.rules.money import in_words

    Dummy()
    in_words(1)


def ops_bytes(ops: list[Op], width: int) -> bytes:
    """The ESC/POS bytes of printer operations, through python-escpos's `Dummy` printer."""
    from escpos.printer import Dummy

    printer = Dummy()
    play(ops, printer, width)
    return printer.output


def ops_text(ops: list[Op]) -> str:
    """Printer operations as the paper shows them, as plain text."""
    shown = []
    for op in ops:
        if op[0] == "line":
            shown.append(op[1])
        elif op[0] == "qr":
            shown.append(f"[QR: {op[1]}]")
    return "\n".join(shown)


def receipt_text(receipt: Receipt, paper: str = "80mm") -> str:
    """The receipt as the printer would print it, as plain text (for a screen or a log)."""
    return ops_text(layout(receipt, columns(paper)))
