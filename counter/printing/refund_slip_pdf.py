"""The refund slip as a PDF in the receipt's style (`pdf_receipt`): an 80 mm
roll page as tall as its content, DejaVu Sans embedded. Same content and order
as the thermal slip (`refund_slip`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from counter.printing.escpos_receipt import read_logo
from counter.printing.pdf_receipt import FONT, FONT_BOLD, STYLES, Layout, Style, register_fonts, render_layout
from counter.printing.receipt import reprint_note
from counter.printing.refund_slip import (FOOTER, REASON, RECEIVED, SIGNERS, TITLE, RefundSlip, format_day,
                                          format_time, payments)

SIGN_SPACE = 14 * mm  # room to sign above the dotted line


def _signatures(out: Layout, slip: RefundSlip) -> None:
    """Two signatures side by side: title, role, room, a dotted line, the name (wrapped in its half)."""
    s = out.style
    half = s.width / 2
    gap = 2 * mm
    names = [simpleSplit(name, FONT_BOLD, s.size, half - gap) or [""] for name in (slip.customer_name,
                                                                                     slip.cashier_name)]
    rows = max(len(lines) for lines in names)
    height = 2 * s.leading + SIGN_SPACE + 1 * mm + rows * s.leading

    def draw(c: Canvas, x: float, y: float) -> None:
        for column, ((title, role), lines) in enumerate(zip(SIGNERS, names)):
            centre = x + column * half + (half - gap) / 2
            c.setFont(FONT, s.size)
            c.drawCentredString(centre, y - s.size, title)
            c.drawCentredString(centre, y - s.leading - s.size, f"{role},")
            line_y = y - 2 * s.leading - SIGN_SPACE
            c.saveState()
            c.setLineWidth(0.5)
            c.setDash(1, 1.5)
            c.line(centre - (half - gap) / 2 + 2 * mm, line_y, centre + (half - gap) / 2 - 2 * mm, line_y)
            c.restoreState()
            c.setFont(FONT_BOLD, s.size)
            for index, piece in enumerate(lines):
                c.drawCentredString(centre, line_y - 1 * mm - s.size - index * s.leading, piece)
    out.add(height, draw)


def head(out: Layout, paper: Any, title: str, number: str, logo=None) -> None:  # noqa: ANN001 - a PIL image
    """The top of a paper that is not a receipt (a refund slip, a collective
    payment's summary), as the thermal one (`refund_slip.head`) prints it."""
    s = out.style
    if logo is not None:
        out.image(logo, s.logo_height)
    out.text(paper.utility_name, bold=True, size=s.title_size, align="center")
    out.text(paper.office_name, align="center")
    out.text(paper.office_address, align="center")
    out.rule()
    out.text(title, bold=True, size=s.title_size, align="center")
    out.text(f"No. {number}", bold=True, align="center")
    if paper.copy_number > 0:
        out.gap()
        out.text(f"SALINAN ke-{paper.copy_number}", bold=True, size=s.title_size, align="center")
        out.text(reprint_note(paper.copy_printed_at, paper.copy_printed_by, "Dicetak ulang"), align="center")
    out.rule()
    out.field("Tanggal", format_day(paper.paid_at))
    out.field("Jam", format_time(paper.paid_at))
    out.field("Loket", paper.counter_code)
    out.field("Kasir", paper.cashier_name)


def build_layout(slip: RefundSlip, style: Style, logo=None) -> Layout:  # noqa: ANN001 - logo: a PIL image
    out = Layout(style)
    s = style
    out.fit_labels("Tanggal", "Jam", "Loket", "Kasir", "No. Sambungan", "Nama", "Alamat", "Konflik", "Rekening",
                   *(label for label, _ in payments(slip)))
    head(out, slip, TITLE, slip.slip_no, logo)
    out.rule()
    out.field("No. Sambungan", slip.customer_number, bold=True)
    out.field("Nama", slip.customer_name)
    out.field("Alamat", slip.customer_address)
    out.rule()
    out.text(REASON)
    out.gap(s.leading * 0.3)
    out.field("Konflik", str(slip.conflict_id))
    if slip.months:
        out.field("Rekening", slip.months)
    for label, receipt in payments(slip):
        out.field(label, receipt, bold=True)
    out.rule()
    out.amount("DIKEMBALIKAN", slip.amount, bold=True, size=s.total_size)
    out.gap()
    out.text(f"Terbilang: {slip.amount_in_words}")
    out.text(f"Disetujui oleh: {slip.approver_name}")
    out.rule()
    out.keep_together()
    out.text(RECEIVED)
    out.text(f"{slip.city}, {format_day(slip.paid_at)}")
    out.gap()
    _signatures(out, slip)
    out.gap()
    out.text(FOOTER, align="center")
    out.release()
    return out


def slip_pdf(slip: RefundSlip, logo: str | Path | None = None) -> bytes:
    """The slip as PDF bytes on an 80 mm roll page, with the logo file on top if
    given (left out, with a warning, when unreadable)."""
    style = STYLES["80mm"]
    register_fonts()
    return render_layout(build_layout(slip, style, read_logo(logo)), title=f"Bukti pengembalian uang {slip.slip_no}",
                         author=slip.utility_name, subject="Bukti pengembalian uang", number=slip.slip_no)
