"""A receipt as a PDF (ReportLab): an 80 mm-wide page whose height fits the
content, or A6 pages, with DejaVu Sans embedded so every name renders, and the
utility's logo on top when a logo file is given.

Same content and order as the thermal receipt, in its words (`Receipt`,
`COMPONENT_LABELS`): a voided receipt's copy has no QR code and no
proof-of-payment footer; LUNAS stands on one that settles all it pays; from
COMPACT_FROM months a row a month, then each part summed once. On A6 the QR code
stands beside how the receipt was paid, so a receipt of one bill fits one page;
a longer one breaks between bills, never between its total, the amount in words
and the QR code; each further page repeats the receipt number and the customer,
and every page says "hal. X dari N".
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from counter.printing.escpos_receipt import COMPACT_FROM, read_logo
from counter.printing.receipt import (COMPONENT_LABELS, PAID_MARK, VOID_FOOTER, Receipt, ReceiptLine,
                                      covered_months, format_moment, reprint_note)
from counter.rules.money import format_rupiah

INDENT = 2 * mm  # a bill's parts, a down payment's reckoning, a month's row
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

# DejaVu (any name renders) ships inside the package, so installed wheels have it.
FONT_DIRS = (Path(__file__).resolve().parent / "fonts",)


PAGE_80MM_WIDTH = 80 * mm


def font_dir() -> Path:
    for folder in FONT_DIRS:
        if (folder / _FONT_FILES[FONT]).is_file() and (folder / _FONT_FILES[FONT_BOLD]).is_file():
            return folder
    raise FileNotFoundError(
        "DejaVu fonts not found; looked in " + ", ".join(str(folder) for folder in FONT_DIRS)
    )


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold) with ReportLab once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    folder = None
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            folder = folder or font_dir()
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


# --- layout ---------------------------------------------------------------

Draw = Callable[[Canvas, float, float], None]  # (canvas, left x, top y of the row)


@dataclass(frozen=True)
class Style:
    page_width: float
    page_height: float | None  # None: fit the content (80 mm roll)
    margin: float
    size: float  # body font size
    total_size: float
    title_size: float
    label_width: float  # the label column of "Kasir   Siti ..." rows
    qr_size: float
    logo_height: float  # at most; a logo also fits the width
    side_by_side: bool = False  # the logo left of the head, the QR code right of how it was paid (A6: one bill
    # fits a page); else each above or below

    @property
    def width(self) -> float:
        return self.page_width - 2 * self.margin

    @property
    def leading(self) -> float:
        return self.size * 1.25


STYLES = {
    "80mm": Style(PAGE_80MM_WIDTH, None, 4 * mm, 7.5, 10, 9, 19 * mm, 30 * mm, 15 * mm),
    "A6": Style(A6[0], A6[1], 6 * mm, 7.5, 10.5, 9.5, 21 * mm, 26 * mm, 10 * mm, side_by_side=True),
}


@dataclass
class Layout:
    """Rows of fixed height, measured before anything is drawn, so the 80 mm
    page can be exactly as tall as its content and A6 can break between rows."""

    style: Style
    rows: list[tuple[float, Draw, int | None]] = field(default_factory=list)
    label_width: float = 0.0  # the label column of field rows
    group: int | None = None  # rows sharing a group number stay on one A6 page when they can
    groups: int = 0

    def __post_init__(self) -> None:
        self.label_width = self.label_width or self.style.label_width

    def fit_labels(self, *labels: str) -> None:
        """Widen the label column so the longest label never runs into its value."""
        widest = max(pdfmetrics.stringWidth(label, FONT, self.style.size) for label in labels)
        self.label_width = max(self.style.label_width, widest + 2 * mm)

    def keep_together(self) -> None:
        self.groups += 1
        self.group = self.groups

    def release(self) -> None:
        self.group = None

    @property
    def height(self) -> float:
        return sum(height for height, _, _ in self.rows)

    def add(self, height: float, draw: Draw) -> None:
        self.rows.append((height, draw, self.group))

    def gap(self, height: float | None = None) -> None:
        self.add(self.style.leading * 0.5 if height is None else height, lambda c, x, y: None)

    def text(self, text: str, *, bold: bool = False, size: float | None = None, align: str = "left") -> None:
        font = FONT_BOLD if bold else FONT
        size = size or self.style.size
        leading = size * 1.25
        width = self.style.width
        for piece in simpleSplit(text, font, size, width) or [""]:
            def draw(c: Canvas, x: float, y: float, piece=piece) -> None:
                c.setFont(font, size)
                base = y - size
                if align == "center":
                    c.drawCentredString(x + width / 2, base, piece)
                elif align == "right":
                    c.drawRightString(x + width, base, piece)
                else:
                    c.drawString(x, base, piece)
            self.add(leading, draw)

    def field(self, label: str, value: str, *, bold: bool = False) -> None:
        """`Label    value that wraps under itself`."""
        size, leading = self.style.size, self.style.leading
        font = FONT_BOLD if bold else FONT
        label_width = self.label_width
        value_width = self.style.width - label_width
        for index, piece in enumerate(simpleSplit(value, font, size, value_width) or [""]):
            def draw(c: Canvas, x: float, y: float, piece=piece, index=index) -> None:
                base = y - size
                if index == 0:
                    c.setFont(FONT, size)
                    c.drawString(x, base, label)
                c.setFont(font, size)
                c.drawString(x + label_width, base, piece)
            self.add(leading, draw)

    def amount(self, label: str, amount: int | str, *, bold: bool = False, size: float | None = None,
               indent: float = 0, plain_value: bool = False) -> None:
        """`Label .......... Rp 1.234` with the amount (or any text) flush right; a long label wraps.
        `plain_value`: the value in the regular face beside a bold label."""
        size = size or self.style.size
        leading = size * 1.25
        font = FONT_BOLD if bold else FONT
        value_font = FONT if plain_value else font
        value = format_rupiah(amount) if isinstance(amount, int) else amount
        value_width = pdfmetrics.stringWidth(value, value_font, size)
        label_width = max(self.style.width - indent - value_width - 2 * mm, self.style.width / 3)
        pieces = simpleSplit(label, font, size, label_width) or [""]
        for index, piece in enumerate(pieces):
            def draw(c: Canvas, x: float, y: float, piece=piece, index=index) -> None:
                base = y - size
                c.setFont(font, size)
                c.drawString(x + indent, base, piece)
                if index == len(pieces) - 1:
                    c.setFont(value_font, size)
                    c.drawRightString(x + self.style.width, base, value)
            self.add(leading, draw)

    def columns(self, cells: tuple[str, str, str, str]) -> None:
        """A month's row: its name from the indent, its use and its fine right-aligned
        in columns of their own, the amount flush right."""
        size, width = self.style.size, self.style.width
        edges = (None, 0.40 * width, 0.72 * width, width)  # right edges; None: left-aligned at the indent

        def draw(c: Canvas, x: float, y: float) -> None:
            c.setFont(FONT, size)
            for text, edge in zip(cells, edges):
                if edge is None:
                    c.drawString(x + INDENT, y - size, text)
                elif text:
                    c.drawRightString(x + edge, y - size, text)
        self.add(self.style.leading, draw)

    def stamp(self, text: str) -> None:
        """`text` bold and large in a box, centred: LUNAS."""
        size = self.style.total_size
        width = pdfmetrics.stringWidth(text, FONT_BOLD, size) + 4 * mm
        height = size * 1.6

        def draw(c: Canvas, x: float, y: float) -> None:
            left = x + (self.style.width - width) / 2
            c.saveState()
            c.setLineWidth(1.2)
            c.rect(left, y - height + 0.5 * mm, width, height - 1 * mm)
            c.setFont(FONT_BOLD, size)
            c.drawCentredString(left + width / 2, y - height / 2 - size * 0.35, text)
            c.restoreState()
        self.add(height, draw)

    def rule(self, *, dashed: bool = True) -> None:
        height = self.style.leading * 0.7

        def draw(c: Canvas, x: float, y: float) -> None:
            c.saveState()
            c.setLineWidth(0.5)
            if dashed:
                c.setDash(2, 1.5)
            c.line(x, y - height / 2, x + self.style.width, y - height / 2)
            c.restoreState()
        draw.is_rule = True  # a further page's head ends with a rule: one there is dropped
        self.add(height, draw)

    def image(self, image, height: float) -> None:  # noqa: ANN001 - a PIL image
        """The image centred, scaled to `height` or to the text width, whichever is smaller."""
        scale = min(height / image.height, self.style.width / image.width)
        width, height = image.width * scale, image.height * scale
        reader = ImageReader(image)

        def draw(c: Canvas, x: float, y: float) -> None:
            c.drawImage(reader, x + (self.style.width - width) / 2, y - height, width, height)
        self.add(height + 1.5 * mm, draw)

    def qr(self, payload: str) -> None:
        side = self.style.qr_size
        drawing = qr_drawing(payload, side, self.style.size)

        def draw(c: Canvas, x: float, y: float) -> None:
            renderPDF.draw(drawing, c, x + (self.style.width - side) / 2, y - side - 1 * mm)
        self.add(side + 2 * mm, draw)

    def narrower(self, by: float) -> Layout:
        """An empty layout `by` narrower, with this one's label column: what `beside` sets by a picture."""
        style = replace(self.style, page_width=self.style.page_width - by)
        return Layout(style, label_width=min(self.label_width, style.width / 2))

    def beside(self, rows: Layout, width: float, height: float, picture: Draw, *, left: bool = False) -> None:
        """The rows of `rows` (made with `narrower(width + BESIDE_GAP)`) and a picture `width` x `height`
        drawn by `picture` right of them (or left), as one row as tall as the taller."""
        parts = list(rows.rows)
        offset = width + BESIDE_GAP if left else 0.0

        def draw(c: Canvas, x: float, y: float) -> None:
            top = y
            for part_height, part, _ in parts:
                part(c, x + offset, top)
                top -= part_height
            picture(c, x if left else x + self.style.width - width, y)
        self.add(max(rows.height, height), draw)

    def beside_qr(self, rows: Layout, payload: str) -> None:
        """The rows of `rows` (made with `narrower(qr_size + BESIDE_GAP)`) with the QR code right of them."""
        side = self.style.qr_size
        drawing = qr_drawing(payload, side, self.style.size)
        self.beside(rows, side, side + 2 * mm, lambda c, x, y: renderPDF.draw(drawing, c, x, y - side - 1 * mm))

    def beside_image(self, image, height: float, rows: Layout) -> None:  # noqa: ANN001 - a PIL image
        """The image (scaled to `height`) left of the rows of `rows` (made with `narrower(image_width(...))`)."""
        width = image_width(image, height) - BESIDE_GAP
        reader = ImageReader(image)
        self.beside(rows, width, height + 1.5 * mm,
                    lambda c, x, y: c.drawImage(reader, x, y - height, width, height), left=True)


BESIDE_GAP = 3 * mm  # between a picture and the rows beside it


def image_width(image, height: float) -> float:  # noqa: ANN001 - a PIL image
    """How much narrower rows get beside the image scaled to `height`."""
    return image.width * height / image.height + BESIDE_GAP


def qr_drawing(payload: str, side: float, font_size: float) -> Drawing:
    """The QR code of `payload`, `side` points square."""
    # the widget's squares, encoded once: its getBounds and its rendering would each encode it again,
    # and the encoder is pure Python (tens of milliseconds holding the interpreter)
    squares = QrCodeWidget(payload, barLevel="M", barBorder=0).draw()
    left, bottom, right, top = squares.getBounds()
    drawing = Drawing(side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0])
    drawing.add(squares)
    drawing.initialFontName = FONT  # else renderPDF selects Helvetica, an unembedded font
    drawing.initialFontSize = font_size
    return drawing


def build_layout(receipt: Receipt, style: Style, logo=None) -> Layout:  # noqa: ANN001 - logo: a PIL image
    out = Layout(style)
    s = style
    out.fit_labels("Loket", "Kasir", "Tanggal", "No. Struk", "No. Sambungan", "Meter", "Nama", "Alamat",
                   "Golongan", "Metode", "Referensi")
    _head(out, receipt, logo)
    out.rule()
    out.field("Loket", receipt.counter_code)
    out.field("Kasir", receipt.cashier_name)
    out.field("Tanggal", format_moment(receipt.paid_at))
    out.field("No. Struk", receipt.receipt_no, bold=True)
    for note in receipt.replaces:  # a paper receipt of an outage, entered afterwards
        out.text(note, bold=True, align="center")
    if receipt.copy_number > 0:
        out.gap()
        out.text(f"SALINAN ke-{receipt.copy_number}", bold=True, size=s.title_size, align="center")
        out.text(reprint_note(receipt.copy_printed_at, receipt.copy_printed_by, "Dicetak ulang"), align="center")
    if receipt.offline:
        out.text("Dicatat saat pusat tidak terjangkau", bold=True, align="center")
    if receipt.voided:
        out.gap()
        out.text("DIBATALKAN - BUKAN BUKTI BAYAR", bold=True, size=s.title_size, align="center")
        out.text(f"Alasan: {receipt.voided}", align="center")
    out.rule()
    out.field("No. Sambungan", receipt.customer_number, bold=True)
    if receipt.meter_number:
        out.field("Meter", receipt.meter_number)
    out.field("Nama", receipt.customer_name)
    out.field("Alamat", receipt.customer_address)
    out.field("Golongan", receipt.tariff)
    out.rule()
    bills = [line for line in receipt.lines if line.kind == "bill"]
    compact = len(bills) >= COMPACT_FROM  # as on thermal: a line a month, then each part summed once
    for line in receipt.lines:
        if compact and line.kind == "bill":  # all of them together, where the first is
            if line is bills[0]:
                _compact_bills(out, bills)
            continue
        out.keep_together()
        _line(out, line)
        out.release()
        out.gap(s.leading * 0.3)
    out.keep_together()  # the totals, how it was paid, the words and the QR code: never apart
    out.rule()
    waived = receipt.waived - sum(line.waived for line in receipt.lines)  # not already shown on its line
    if waived > 0:
        out.amount("Keringanan", -waived)
    if receipt.stamp_duty > 0:
        out.amount("Meterai", receipt.stamp_duty)
    if receipt.rounding:
        out.amount("Pembulatan", receipt.rounding)
    out.amount("TOTAL", receipt.total, bold=True, size=s.total_size)
    if receipt.credit_used:  # credit held for the customer paid part of the total
        out.amount("Kredit dipakai", -receipt.credit_used)
        out.amount("Sisa tagihan", receipt.due, bold=True)
    out.rule()
    proof = bool(receipt.qr_payload) and not receipt.voided  # a voided receipt's copy proves no payment
    if proof and s.side_by_side:
        paid = out.narrower(s.qr_size + BESIDE_GAP)
        _how_paid(paid, receipt)
        out.beside_qr(paid, receipt.qr_payload)
    else:
        _how_paid(out, receipt)
        out.gap()
        if proof:
            out.qr(receipt.qr_payload)
    out.text(VOID_FOOTER if receipt.voided else receipt.footer, align="center")
    _contact(out, receipt)
    out.release()
    return out


def _contact(out: Layout, receipt: Receipt) -> None:
    """The head office and the call centre, small: on one line when both fit it, else a line each."""
    size = out.style.size * 0.9
    contact = [text for text in (f"Kantor pusat: {receipt.head_office}" if receipt.head_office else "",
                                 f"Call center: {receipt.call_centre}" if receipt.call_centre else "") if text]
    joined = " \u00b7 ".join(contact)
    if pdfmetrics.stringWidth(joined, FONT, size) <= out.style.width:
        contact = [joined] if joined else []
    for text in contact:
        out.text(text, size=size, align="center")




def _line(out: Layout, line: ReceiptLine) -> None:
    """One line paid, in the thermal receipt's words: a bill and its parts, a
    down payment's reckoning, a term, an other charge (and its relief)."""
    if line.kind == "down_payment" and line.before_relief:
        _down_payment(out, line)
    elif line.kind == "charge" and line.discount:  # an other charge a relief programme made cheaper
        out.amount(line.label, line.amount + line.discount, bold=True)
        out.amount("Keringanan", -line.discount, indent=INDENT)
        out.amount("Jumlah", line.amount, bold=True, indent=INDENT)
    elif line.kind != "bill" and line.plan_no and line.label.endswith(line.plan_no):
        out.amount(line.label.removesuffix(line.plan_no).strip(), line.amount, bold=True)  # a term
        out.amount(line.plan_no, "", indent=INDENT)
    elif line.kind != "bill":  # an other charge, or a plan's line of an older store: its label and amount
        out.amount(line.label, line.amount, bold=True)
    else:
        out.amount(f"Rekening {line.label}", f"m3 {line.meter_start}-{line.meter_end} = {line.usage_m3} m3",
                   bold=True, plain_value=True)
        for part, words in COMPONENT_LABELS.items():  # a meter fee or a fine only when there is one
            if getattr(line, part) or part not in ("meter_fee", "fine"):
                out.amount(words, getattr(line, part), indent=INDENT)
        out.amount("Jumlah", line.amount, bold=True, indent=INDENT)


def _compact_bills(out: Layout, bills: list[ReceiptLine]) -> None:
    """Many months: a row each (month, use, its fine, amount, in columns), their
    total, then each part of a bill summed once (kept together)."""
    out.text(f"Rekening {len(bills)} bulan", bold=True)
    for bill in bills:
        fine = f"denda {format_rupiah(bill.fine, symbol=False)}" if bill.fine else ""
        out.columns((bill.label, f"{bill.usage_m3} m3", fine, format_rupiah(bill.amount)))
    out.keep_together()
    out.amount("Jumlah rekening", sum(bill.amount for bill in bills), bold=True, indent=INDENT)
    out.text(f"Rincian {len(bills)} bulan:")
    for part, words in COMPONENT_LABELS.items():
        amount = sum(getattr(bill, part) for bill in bills)
        if amount or part in ("water_charge", "standing_charge", "admin_fee"):
            out.amount(words, amount, indent=INDENT)
    out.release()
    out.gap(out.style.leading * 0.3)


def _down_payment(out: Layout, line: ReceiptLine) -> None:
    """The plan, the months it covers and their amount before relief, what was
    waived and what is left to the terms, down to the down payment paid now."""
    out.text("Uang muka angsuran", bold=True)
    out.amount(line.plan_no, "", indent=INDENT)
    months = covered_months(line.covers)
    if months:
        out.amount("Rekening: " + ", ".join(months), "", indent=INDENT)
    out.amount(f"Tagihan {len(line.covers)} bulan", line.before_relief, indent=INDENT)
    if line.waived:
        out.amount("Keringanan", -line.waived, indent=INDENT)
    if line.deferred:
        out.amount("Sisa diangsur", -line.deferred, indent=INDENT)
    out.amount("Uang muka", line.amount, bold=True, indent=INDENT)


def _head(out: Layout, receipt: Receipt, logo) -> None:  # noqa: ANN001 - logo: a PIL image
    """The utility, the office and its address, under the logo (A6: beside it)."""
    s = out.style
    beside = logo is not None and s.side_by_side
    head = out.narrower(image_width(logo, s.logo_height)) if beside else out
    if logo is not None and not beside:
        out.image(logo, s.logo_height)
    head.text(receipt.utility_name, bold=True, size=s.title_size, align="center")
    head.text(receipt.office_name, align="center")
    head.text(receipt.office_address, align="center")
    if beside:
        out.beside_image(logo, s.logo_height, head)


def _how_paid(out: Layout, receipt: Receipt) -> None:
    """The method, cash received and change, the reference, the amount in words, a work order."""
    out.field("Metode", receipt.method)
    out.amount("Diterima", receipt.tendered)
    out.amount("Kembali", receipt.change)
    if receipt.reference:
        out.field("Referensi", receipt.reference)
    if receipt.paid_in_full:
        out.stamp(PAID_MARK)
    out.gap()
    out.text(f"Terbilang: {receipt.total_in_words}")
    if receipt.work_order_no:
        out.text(f"SPK buka segel: {receipt.work_order_no}", bold=True)


def continued_head(receipt: Receipt) -> tuple[str, ...]:
    """What a further A6 page of the receipt repeats on top: its number, the customer."""
    return (f"{receipt.receipt_no} (lanjutan)", f"{receipt.customer_number} {receipt.customer_name}")


def receipt_pdf(receipt: Receipt, page: str = "80mm", logo: str | Path | None = None) -> bytes:
    """The receipt as PDF bytes on an 80 mm roll page ("80mm") or A6 ("A6"),
    with the logo file on top if given (left out, with a warning, when unreadable)."""
    style = page_style(page)
    register_fonts()
    return render_layout(build_layout(receipt, style, read_logo(logo)), title=f"Struk {receipt.receipt_no}",
                         author=receipt.utility_name, subject="Bukti pembayaran", number=receipt.receipt_no,
                         head=continued_head(receipt))


def page_style(page: str) -> Style:
    try:
        return STYLES[page]
    except KeyError:
        raise ValueError(f"unknown page {page!r}; use one of {', '.join(STYLES)}") from None


def render_layout(layout: Layout, *, title: str, author: str, subject: str, number: str,
                  head: tuple[str, ...] = ()) -> bytes:
    """The rows of `layout` as PDF bytes: one page as tall as the content on the
    80 mm roll, or A6 pages broken between rows (a group kept on one page when it
    fits); a paper of more than one page has `head` (its number, whose it is) atop
    each further page and every page footed with `number` and "hal. X dari N"."""
    style = layout.style
    height = style.page_height or layout.height + 2 * style.margin
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(style.page_width, height), invariant=1, pageCompression=1,
               initialFontName=FONT, initialFontSize=style.size)  # no unembedded Helvetica
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    repeated = _head_layout(style, head)
    pages = paginate(layout.rows, height - 2 * style.margin, repeated.height)
    x, top = style.margin, height - style.margin
    for page_no, rows in enumerate(pages, 1):
        y = top
        if page_no > 1:
            rows = repeated.rows + _without_leading_rule(rows) if repeated.rows else rows
        for row_height, draw, _ in rows:
            draw(c, x, y)
            y -= row_height
        if len(pages) > 1:
            _page_footer(c, style, number, page_no, len(pages))
        c.showPage()
    c.save()
    return buffer.getvalue()


Row = tuple[float, Draw, "int | None"]


def paginate(rows: list[Row], usable: float, head: float) -> list[list[Row]]:
    """The rows page by page: a page ends before the row that would cross its
    bottom, or before a group (a bill; the totals with the QR code) that would,
    when that group fits a page of its own. Pages after the first lose `head`."""
    sizes: dict[int, float] = {}
    for row_height, _, group in rows:
        if group is not None:
            sizes[group] = sizes.get(group, 0.0) + row_height
    pages: list[list[Row]] = [[]]
    room = usable
    previous = None
    for row in rows:
        row_height, _, group = row
        needed = row_height
        if group is not None and group != previous and sizes[group] <= usable - head:
            needed = sizes[group]  # move the whole group to the next page
        previous = group
        if needed > room + 0.01 and pages[-1]:
            pages.append([])
            room = usable - head
        pages[-1].append(row)
        room -= row_height
    return pages


def _without_leading_rule(rows: list[Row]) -> list[Row]:
    return rows[1:] if rows and getattr(rows[0][1], "is_rule", False) else rows


def _head_layout(style: Style, head: tuple[str, ...]) -> Layout:
    """The rows repeated atop a further page: the first line bold, then a rule."""
    out = Layout(style)
    lines = [text for text in head if text]
    for index, text in enumerate(lines):
        out.text(text, bold=index == 0, size=style.size * 0.9)
    if lines:
        out.rule()
    return out


def _page_footer(c: Canvas, style: Style, number: str, page_no: int, pages: int) -> None:
    """On papers that run over one page: the paper's number, the page and how many."""
    c.setFont(FONT, style.size * 0.8)
    c.drawRightString(style.page_width - style.margin, style.margin / 2, f"{number} - hal. {page_no} dari {pages}")
