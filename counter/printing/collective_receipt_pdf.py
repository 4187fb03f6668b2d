"""The summary receipt of a collective payment as a PDF in the receipt's style
(`pdf_receipt`): an 80 mm roll page as tall as its content, or A6 pages (each
further one headed with the summary's number and the payer, every one saying
"hal. X dari N"), DejaVu Sans embedded. Same content and order as the thermal
summary (`collective_receipt`)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from counter.printing.collective_receipt import DETAIL, FOOTER, TITLE, VOIDED, CollectiveReceipt
from counter.printing.escpos_receipt import read_logo
from counter.printing.pdf_receipt import Layout, Style, page_style, register_fonts, render_layout
from counter.printing.refund_slip_pdf import head


def build_layout(summary: CollectiveReceipt, style: Style, logo=None) -> Layout:  # noqa: ANN001 - a PIL image
    out = Layout(style)
    s = style
    out.fit_labels("Tanggal", "Jam", "Loket", "Kasir", "Pembayar", "Metode", "Referensi")
    head(out, summary, TITLE, summary.collective_no, logo)
    if summary.label:
        out.field("Pembayar", summary.label, bold=True)
    if summary.offline:
        out.text("Dicatat saat pusat tidak terjangkau", bold=True)
    out.rule()
    indent = 4 * mm
    for index, line in enumerate(summary.lines, 1):
        out.keep_together()  # a connection is never split over two A6 pages
        out.text(f"{index}. {line.customer_number}  {line.customer_name}", bold=True)
        out.amount(line.months, "", indent=indent)
        out.amount(f"Struk {line.receipt_no}", line.amount, indent=indent)
        if line.voided:
            out.amount(VOIDED, "", bold=True, indent=indent)
        out.release()
        out.gap(s.leading * 0.3)
    out.rule()
    out.amount("Jumlah sambungan", str(len(summary.lines)))
    out.amount("TOTAL", summary.total, bold=True, size=s.total_size)
    out.rule()
    out.field("Metode", summary.method)
    out.amount("Diterima", summary.tendered)
    out.amount("Kembali", summary.change)
    if summary.reference:
        out.field("Referensi", summary.reference)
    out.gap()
    out.text(f"Terbilang: {summary.total_in_words}")
    out.gap()
    out.keep_together()
    out.text(DETAIL)
    out.gap()
    out.text(FOOTER, align="center")
    out.release()
    return out


def summary_pdf(summary: CollectiveReceipt, page: str = "80mm", logo: str | Path | None = None) -> bytes:
    """The summary as PDF bytes on an 80 mm roll page ("80mm") or A6 ("A6"), with
    the logo file on top if given (left out, with a warning, when unreadable)."""
    style = page_style(page)
    register_fonts()
    return render_layout(build_layout(summary, style, read_logo(logo)),
                         title=f"Bukti pembayaran kolektif {summary.collective_no}", author=summary.utility_name,
                         subject="Bukti pembayaran kolektif", number=summary.collective_no,
                         head=(f"{summary.collective_no} (lanjutan)", summary.label))
