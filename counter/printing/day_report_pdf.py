"""The office day's cash-closing reports as PDFs (ReportLab), DejaVu Sans embedded.

- `daily_receipts_pdf`: the LPP (Laporan Penerimaan Pembayaran harian), A4
  landscape: every receipt of the day, voided ones marked BATAL and left out of
  the totals, then the receipts that reached central after the day was closed,
  apart and with their own total.
- `closing_pdf`: the Laporan Tutup Kas Harian, A4 portrait: status, totals,
  components, the bills paid (this year's apart from older arrears), breakdowns
  (tariff groups by name) and charts, the shifts the sign-off covers, voids,
  reprints, conflicts, counters still sending, the deposit, the non-cash
  receipts with their references (to match against the bank statement) and the
  signatures, people by their full names; the late receipts (and shifts) follow
  the signatures, outside the signed figures.

A busy office's LPP runs to hundreds of pages, so its table is not a platypus
Table (several seconds for 10,000 receipts on a slow machine) but `_Sheet`: plain
strings in fixed-height rows, one sheet per page-full, drawn straight on the
canvas (about a second for those 10,000).
"""

from __future__ import annotations

import io
from functools import partial
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from counter.printing.pdf_receipt import FONT, FONT_BOLD
from counter.printing.plan_pdf import (BODY, CENTER, GRID, HEADING, SHADE, TITLE, WIDTH, _fields, _grid, _header,
                                       _NumberedCanvas, _p, _register_fonts, _render, _signature, _signatures,
                                       format_date)
from counter.printing.receipt import COMPONENT_LABELS as BILL_PARTS, format_moment
from counter.rules.money import format_rupiah
from counter.printing.day_figures import DayFigures, ReceiptRow, ShiftFigures, Tally, VoidRow
from counter.rules.payment_methods import CREDIT, METHOD_LABELS

RED = colors.HexColor("#b00020")
PALE_RED = colors.HexColor("#fbe9eb")
VOID_GREY = colors.HexColor("#8a8a8a")
BAR = colors.HexColor("#2f6f9f")
LATE_TITLE = "DITERIMA SETELAH TUTUP HARI"

# ---------------------------------------------------------------- shared bits


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def method_label(code: str) -> str:
    return METHOD_LABELS.get(code, code)


def short_rupiah(amount: float) -> str:
    """A chart label, about three digits: 1.250.000 -> "1,25 jt", 10.210.000 -> "10,2 jt",
    327.730.000 -> "328 jt", 500.000 -> "500 rb", 2.400.000.000 -> "2,4 M"."""
    for unit, word in ((10**9, "M"), (10**6, "jt"), (10**3, "rb")):
        if abs(amount) >= unit:
            value = amount / unit
            places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
            text = f"{value:.{places}f}"
            return (text.rstrip("0").rstrip(".") if places else text).replace(".", ",") + f" {word}"
    return f"{amount:.0f}"


def _amount(value: int) -> str:
    """An amount in a wide table: digits only (the heading says Rupiah); blank for nothing."""
    return format_rupiah(value, symbol=False) if value else ""


def _time(receipt: ReceiptRow, figures: DayFigures) -> str:
    """HH:MM, with the day when it is not the business day (a late receipt)."""
    at = receipt.paid_at
    return f"{at:%H:%M}" if at.date() == figures.business_date else f"{at.day}/{at.month} {at:%H:%M}"


# A closer's role as the signature names it (the supervisor of an office is its head)
ROLE_LABELS = {"supervisor": "Kepala Unit", "admin": "Administrator", "cashier": "Kasir"}


def _status_line(figures: DayFigures) -> str:
    if figures.closing is None:
        return "BELUM DITUTUP (angka sementara)"
    return (f"Ditutup oleh {figures.name_of(figures.closing.closed_by)}, "
            f"{format_moment(figures.closing.closed_at)}")


# ---------------------------------------------------------------- the LPP (landscape)

PAGE = landscape(A4)
LPP_MARGIN = 8 * mm
LPP_HEAD = 19 * mm  # the heading drawn on every page above the frame
LPP_WIDTH = PAGE[0] - 2 * LPP_MARGIN
LPP_FRAME_HEIGHT = PAGE[1] - 2 * LPP_MARGIN - LPP_HEAD
LPP_SIZE = 8  # the smallest a branch head reads without glasses; the columns still fill the landscape width
LPP_ROW = LPP_SIZE + 3  # points: fixed, so no cell is ever measured
LPP_BASELINE = 2.9  # from the row's bottom
ROWS_PER_PAGE = int(LPP_FRAME_HEIGHT // LPP_ROW) - 1  # below the repeated header row
PAD = 2  # points each side of a cell

# Air + Beban + Denda + Angsuran + Biaya lain + Meterai + Pembulatan = Total; Kredit: of the total, customer
# credit used. Biaya lain, Pembulatan and Kredit are printed only on a day that has any (OPTIONAL: the
# receipt's field).
LPP_COLUMNS = ("No. kuitansi", "Jam", "Loket", "Kasir", "No. samb.", "Nama", "Bulan", "Metode",
               "Air", "Beban", "Denda", "Angsuran", "Biaya lain", "Meterai", "Pembulatan", "Total", "Kredit", "Ket.")
OPTIONAL = {12: "charges", 14: "rounding", 16: "credit_used"}
FIRST_AMOUNT, NAME_COLUMN = 8, 5  # the amounts run from FIRST_AMOUNT to the column before Ket., the last


NAME_ROOM = 30 * mm  # the least the customer's name gets
# The method in a word, so that at 8 pt the name keeps its room (the summary under the table spells them out)
LPP_METHODS = {"transfer": "Transfer", "debit": "Debit"}


def capped(headers: tuple[str, ...]) -> dict[int, float]:
    """Kasir, Bulan and Ket.: longer text is cut to these widths."""
    return {3: 18 * mm, 6: 27 * mm, len(headers) - 1: 30 * mm}
VOID_MARK = "BATAL"
PAPER_MARK = "manual"  # Ket.: "manual 0123", a paper receipt of an outage entered afterwards


_CHAR_WIDTHS: dict[str, dict[str, float]] = {}


def _width(text: str, font: str) -> float:
    """stringWidth at LPP_SIZE, from a cache of each character's width (ReportLab
    does not kern, so the sum is exact): thousands of cells are measured."""
    widths = _CHAR_WIDTHS.setdefault(font, {})
    total = 0.0
    for char in text:
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, LPP_SIZE)
        total += width
    return total


def _fit(text: str, width: float, font: str = FONT) -> str:
    """`text` cut with "…" to fit `width` points at LPP_SIZE."""
    if _width(text, font) <= width:
        return text
    room, used = width - _width("…", font), 0.0
    for n, char in enumerate(text):
        used += _CHAR_WIDTHS[font][char]  # measured just above
        if used > room:
            return text[:n].rstrip() + "…"
    return text


def _lpp_cells(receipt: ReceiptRow, figures: DayFigures) -> list[str]:
    r = receipt
    return [r.receipt_no, _time(r, figures), r.counter_code, r.cashier, r.customer_number, r.customer_name,
            r.months, LPP_METHODS.get(r.method, method_label(r.method)), _amount(r.water), _amount(r.fixed), _amount(r.fines),
            _amount(r.terms), _amount(r.charges), _amount(r.stamp_duty), _amount(r.rounding), _amount(r.total),
            _amount(r.credit_used),
            _remark(r)]


def _remark(receipt: ReceiptRow) -> str:
    """The Ket. column: BATAL for a voided receipt, else the paper receipt of an outage it records."""
    if receipt.status == "void":
        return VOID_MARK
    return f"{PAPER_MARK} {receipt.paper_no}" if receipt.paper_no else ""


def _total_cells(label: str, receipts: tuple[ReceiptRow, ...]) -> list[str]:
    """The bold sum row: completed receipts only."""
    done = [r for r in receipts if r.status != "void"]
    sums = [sum(getattr(r, name) for r in done) for name in ("water", "fixed", "fines", "terms", "charges",
                                                              "stamp_duty", "rounding", "total", "credit_used")]
    return [label] + [""] * (FIRST_AMOUNT - 1) + [format_rupiah(s, symbol=False) for s in sums] + [""]


def _lpp_columns(figures: DayFigures) -> list[int]:
    """The columns of LPP_COLUMNS this day's LPP prints."""
    receipts = figures.receipts + figures.late
    return [n for n in range(len(LPP_COLUMNS))
            if n not in OPTIONAL or any(getattr(r, OPTIONAL[n]) for r in receipts)]


def _column_widths(rows: list[list[str]], sums: list[list[str]], headers: tuple[str, ...]) -> tuple[list[float], float]:
    """Each column as wide as its widest cell (amounts bold, as in the `sums`
    rows, whose label spans the text columns); the name takes what is left, at
    least NAME_ROOM. Then the squeeze: below 1 when the columns are wider than
    the page (a day with rounding, credit and other charges), the text is set
    that much narrower, its size unchanged. The widths are the page's."""
    widths = []
    caps = capped(headers)
    for column, header in enumerate(headers):
        cells = (row[column] for row in (rows + sums if column >= FIRST_AMOUNT else rows))
        longest = max(cells, key=len, default="")
        font = FONT_BOLD if column >= FIRST_AMOUNT else FONT
        need = max(stringWidth(header, FONT_BOLD, LPP_SIZE), stringWidth(longest, font, LPP_SIZE) * 1.04)
        widths.append(min(need + 2 * PAD + 1, caps.get(column, LPP_WIDTH)))
    widths[NAME_COLUMN] = 0
    widths[NAME_COLUMN] = max(LPP_WIDTH - sum(widths), NAME_ROOM)
    squeeze = min(1.0, LPP_WIDTH / sum(widths))
    return [w * squeeze for w in widths], squeeze


class _Sheet(Flowable):
    """Rows of plain strings in fixed-height rows under a bold shaded header: what
    a Table of strings would draw, at a third of the cost: no per-cell style
    look-up, one text object per sheet, blank cells skipped, amounts
    right-aligned from cached character widths. Splits between rows, repeating
    the header."""

    def __init__(self, rows: list[list[str]], widths: list[float], headers: tuple[str, ...], *,
                 total: bool, squeeze: float = 1.0, amounts: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.rows, self.widths, self.total = rows, widths, total  # total: the last row is the bold sum
        self.headers, self.squeeze = headers, squeeze
        # the columns flush right, first and last (the LPP's: its amounts, Ket. after them)
        self.amounts = amounts or (FIRST_AMOUNT, len(headers) - 2)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return sum(self.widths), (len(self.rows) + 1) * LPP_ROW

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int(available_height // LPP_ROW) - 1
        if fit < 2:
            return []
        if fit >= len(self.rows):
            return [self]
        same = dict(squeeze=self.squeeze, amounts=self.amounts)
        return [_Sheet(self.rows[:fit], self.widths, self.headers, total=False, **same),
                _Sheet(self.rows[fit:], self.widths, self.headers, total=self.total, **same)]

    def draw(self) -> None:
        c, widths = self.canv, self.widths
        width, height = sum(widths), (len(self.rows) + 1) * LPP_ROW
        edges = [sum(widths[:n]) for n in range(len(widths) + 1)]
        c.saveState()
        c.setFillColor(SHADE)
        c.rect(0, height - LPP_ROW, width, LPP_ROW, stroke=0, fill=1)
        if self.total:
            c.rect(0, 0, width, LPP_ROW, stroke=0, fill=1)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.25)
        spanned = LPP_ROW if self.total else 0  # the sum row's label spans the text columns
        c.lines([(0, y * LPP_ROW, width, y * LPP_ROW) for y in range(1, len(self.rows) + 1)]
                + [(x, spanned if n < self.amounts[0] else 0, x, height) for n, x in enumerate(edges[1:-1], 1)])
        c.setLineWidth(0.5)
        c.rect(0, 0, width, height)

        text = c.beginText()
        text.setFillColor(colors.black)  # not the shading's colour the canvas still has
        if self.squeeze < 1:
            text.setHorizScale(self.squeeze * 100)
        rows = [list(self.headers)] + self.rows
        first_amount, last_amount = self.amounts
        for n, row in enumerate(rows):
            bold = n == 0 or (self.total and n == len(rows) - 1)
            void = row[-1] == VOID_MARK and not bold
            font = FONT_BOLD if bold else FONT
            text.setFont(font, LPP_SIZE)
            if void:
                text.setFillColor(VOID_GREY)
            y = height - (n + 1) * LPP_ROW + LPP_BASELINE
            for column, cell in enumerate(row):
                if not cell:
                    continue
                if void and column == len(row) - 1:  # the BATAL mark itself: bold red
                    text.setFont(FONT_BOLD, LPP_SIZE)
                    text.setFillColor(RED)
                if first_amount <= column <= last_amount:
                    text.setTextOrigin(edges[column + 1] - PAD - _width(cell, font) * self.squeeze, y)
                else:
                    text.setTextOrigin(edges[column] + PAD, y)
                text.textLine(cell)  # textOut would measure the text to move a cursor no one uses
            if void:
                text.setFillColor(colors.black)
        c.drawText(text)
        c.restoreState()


def _lpp_sheets(rows: list[list[str]], widths: list[float], headers: tuple[str, ...],
                squeeze: float = 1.0) -> list[_Sheet]:
    """`rows` (the sum row last), long text cut to its column, in page-full pieces."""
    for row in rows[:-1]:
        for column in (*capped(headers), NAME_COLUMN):
            row[column] = _fit(row[column], (widths[column] - 2 * PAD) / squeeze)
    starts = list(range(0, len(rows), ROWS_PER_PAGE))
    if len(starts) > 1 and len(rows) - starts[-1] == 1:
        starts[-1] -= 1  # the sum row takes a receipt along rather than stand alone on a page
    ends = starts[1:] + [len(rows)]
    return [_Sheet(rows[start:end], widths, headers, total=end == len(rows), squeeze=squeeze)
            for start, end in zip(starts, ends, strict=True)]


def _banner(title: str, note: str, width: float, size: float = 8) -> Table:
    """A red-ruled box that a reader cannot miss: the late section starts here."""
    cells = [[Paragraph(f"<b>{escape(title)}</b>", ParagraphStyle("banner", BODY, fontSize=size + 2,
                                                                   leading=size * 1.6, textColor=RED))],
             [Paragraph(escape(note), ParagraphStyle("banner-note", BODY, fontSize=size, leading=size * 1.3))]]
    table = Table(cells, colWidths=[width])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, RED), ("BACKGROUND", (0, 0), (-1, -1), PALE_RED),
                               ("FONT", (0, 0), (-1, -1), FONT, size)]))
    return table


def _late_note(figures: DayFigures) -> str:
    when = f" ({format_moment(figures.closing.closed_at)})" if figures.closing else ""
    return (f"Kuitansi berikut sampai di pusat setelah hari ditutup{when}. Tidak termasuk dalam jumlah dan "
            "tanda tangan laporan ini.")


def _lpp_summary(figures: DayFigures) -> Table:
    voided = [r for r in figures.receipts if r.status == "void"]
    rows = [["Jumlah penerimaan", f"{_count(figures.count)} kuitansi", format_rupiah(figures.total)]]
    rows += [[f"  {method_label(t.label)}", f"{_count(t.count)} kuitansi", format_rupiah(t.amount)]
             for t in figures.by_method]
    rows.append(["Dibatalkan (BATAL, tidak dijumlahkan)", f"{_count(len(voided))} kuitansi",
                 format_rupiah(sum(r.total for r in voided))])
    table = Table(rows, colWidths=[60 * mm, 28 * mm, 36 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                               ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (0, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _lpp_heading(canvas, doc, *, utility: str, figures: DayFigures) -> None:
    """Drawn on every page: who, which day, when printed, and the day's status."""
    top = PAGE[1] - LPP_MARGIN
    left, right = LPP_MARGIN, PAGE[0] - LPP_MARGIN
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 11)
    canvas.drawCentredString(PAGE[0] / 2, top - 9, "LAPORAN PENERIMAAN PEMBAYARAN HARIAN (LPP)")
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(left, top - 21, utility)
    canvas.drawRightString(right, top - 21, f"Tanggal: {format_date(figures.business_date)}")
    canvas.setFont(FONT, 8)
    canvas.drawString(left, top - 31, f"{figures.office_name} ({figures.office_code})")
    canvas.drawRightString(right, top - 31, f"Dibuat: {format_moment(figures.made_at)}")
    canvas.drawString(left, top - 41, f"Status: {_status_line(figures)}")
    canvas.drawRightString(right, top - 41, "Jumlah uang dalam Rupiah")
    canvas.setLineWidth(0.8)
    canvas.line(left, top - 45, right, top - 45)
    canvas.restoreState()


def daily_receipts_pdf(figures: DayFigures, utility: str) -> bytes:
    """The LPP of an office day, A4 landscape, as PDF bytes."""
    _register_fonts()
    keep = _lpp_columns(figures)
    headers = tuple(LPP_COLUMNS[n] for n in keep)

    def kept(cells: list[str]) -> list[str]:
        return [cells[n] for n in keep]

    main = [kept(_lpp_cells(r, figures)) for r in figures.receipts]
    late = [kept(_lpp_cells(r, figures)) for r in figures.late]
    main_sum = kept(_total_cells(f"JUMLAH ({_count(figures.count)} kuitansi, tanpa yang BATAL)", figures.receipts))
    late_sum = kept(_total_cells(f"JUMLAH {LATE_TITLE}", figures.late))
    widths, squeeze = _column_widths(main + late, [main_sum, late_sum], headers)

    story: list[Flowable] = (_lpp_sheets(main + [main_sum], widths, headers, squeeze) if main
                             else [_p("Tidak ada penerimaan pada hari ini.", BODY)])
    story += [Spacer(0, 3 * mm), KeepTogether(_lpp_summary(figures))]
    if figures.late:
        story += [Spacer(0, 6 * mm), CondPageBreak(35 * mm),
                  _banner(LATE_TITLE, _late_note(figures), LPP_WIDTH), Spacer(0, 2 * mm)]
        story += _lpp_sheets(late + [late_sum], widths, headers, squeeze)

    buffer = io.BytesIO()
    frame = Frame(LPP_MARGIN, LPP_MARGIN, LPP_WIDTH, LPP_FRAME_HEIGHT, 0, 0, 0, 0)
    heading = partial(_lpp_heading, utility=utility, figures=figures)
    doc = BaseDocTemplate(buffer, pagesize=PAGE, pageTemplates=[PageTemplate(frames=[frame], onPage=heading)],
                          title=f"LPP {figures.office_code} {figures.business_date.isoformat()}", author=utility,
                          invariant=1, pageCompression=1, initialFontName=FONT, initialFontSize=LPP_SIZE)
    footer = f"LPP {figures.office_name} {format_date(figures.business_date)}"
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer, label="Hal.", margin=LPP_MARGIN))
    return buffer.getvalue()


# ---------------------------------------------------------------- the closing report (portrait)

SMALL = 7.5
CELL = ParagraphStyle("cell", BODY, fontSize=SMALL, leading=SMALL * 1.25)
NOTE = ParagraphStyle("note", BODY, fontSize=8.5, leading=11, textColor=colors.HexColor("#404040"))
ALERT = ParagraphStyle("alert", BODY, fontName=FONT_BOLD, textColor=RED)
HALF = (WIDTH - 6 * mm) / 2


def _cell(text: str) -> Paragraph:
    return Paragraph(escape(text), CELL)


SECTION = ParagraphStyle("section", HEADING, spaceBefore=5 * mm, keepWithNext=0)


def _section(title: str) -> list[Flowable]:
    """A section's title, on the next page unless a few lines fit under it. (Not
    keepWithNext: that would push a table longer than a page to a new page.)"""
    return [CondPageBreak(30 * mm), Paragraph(escape(title), SECTION)]


def _none(text: str) -> Paragraph:
    return _p(text, NOTE)


def _closer(figures: DayFigures) -> str:
    """"Paulus Fanggidae (Kepala Unit)": who signed the day off."""
    closing = figures.closing
    role = ROLE_LABELS.get(closing.closed_by_role, "")
    return figures.name_of(closing.closed_by) + (f" ({role})" if role else "")


def _status(figures: DayFigures) -> list[Flowable]:
    closing = figures.closing
    if closing is None:
        return [_p("Status: BELUM DITUTUP. Angka di bawah ini sementara.", ALERT)]
    rows = [("Status", "DITUTUP"), ("Ditutup oleh", _closer(figures)),
            ("Waktu tutup", format_moment(closing.closed_at))]
    if closing.override_reason:
        rows.append(("Ditutup dengan shift masih buka, alasan", closing.override_reason))
    if closing.included:
        rows.append(("Mencakup kuitansi", ", ".join(f"{code} s.d. no. {last}"
                                                    for code, last in sorted(closing.included.items()))))
    return [_fields(rows, label_width=45 * mm)]


def _totals(figures: DayFigures) -> list[Flowable]:
    voided = f"{_count(len(figures.voids))} kuitansi, {format_rupiah(sum(v.amount for v in figures.voids))}"
    bills = [("Rekening dibayar", f"{_count(figures.bills_paid)} lembar")] if figures.bill_years else []
    return [_fields([("Jumlah kuitansi", _count(figures.count)), *bills,
                     ("Jumlah penerimaan", format_rupiah(figures.total)),
                     ("Penerimaan tunai", format_rupiah(figures.cash_total)),
                     *([("Kredit pelanggan dipakai", f"{format_rupiah(figures.credit_used)} (bukan uang)")]
                       if figures.credit_used else []),
                     ("Dibatalkan", f"{voided} (tidak termasuk)")], label_width=45 * mm)]


def _components(figures: DayFigures) -> list[Flowable]:
    c = figures.components
    fixed = [[BILL_PARTS.get(key, "Beban tetap"), format_rupiah(amount)] for key, amount in c.fixed_parts]
    rows = [["Komponen", "Jumlah"], [BILL_PARTS["water_charge"], format_rupiah(c.water)], *fixed,
            [BILL_PARTS["fine"], format_rupiah(c.fines)], ["Meterai", format_rupiah(c.stamp_duty)],
            ["Angsuran", format_rupiah(c.terms)], ["Uang muka", format_rupiah(c.down_payments)],
            *([["Biaya lain", format_rupiah(c.charges)]] if c.charges else []),
            *([["Pembulatan tunai", format_rupiah(c.rounding)]] if c.rounding else []),
            ["Jumlah diterima", format_rupiah(c.collected)]]
    story = [_grid(rows, [60 * mm, 40 * mm], right_from=1, total_row=True, size=8.5)]
    story[0].hAlign = "LEFT"
    waived = Table([["Keringanan (dihapus, tidak diterima)", format_rupiah(c.waived)]], colWidths=[60 * mm, 40 * mm],
                   hAlign="LEFT")
    waived.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5), ("TEXTCOLOR", (0, 0), (-1, -1), VOID_GREY),
                                ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story.append(waived)
    if c.collected != figures.total:
        story.append(_p(f"Perhatian: jumlah komponen {format_rupiah(c.collected)} tidak sama dengan jumlah "
                        f"penerimaan {format_rupiah(figures.total)}.", ALERT))
    return story


BILL_YEARS = {"current": "Rekening tahun berjalan", "arrears": "Tunggakan tahun lalu"}


def _bill_years(figures: DayFigures) -> list[Flowable]:
    """The bills paid: the business date's year apart from earlier years' arrears."""
    year = figures.business_date.year
    since = {"current": f" ({year})", "arrears": f" (s.d. {year - 1})"}
    rows = [["Rekening", "Lembar", "Jumlah"]]
    rows += [[BILL_YEARS.get(t.label, t.label) + since.get(t.label, ""), _count(t.count), format_rupiah(t.amount)]
             for t in figures.bill_years]
    rows.append(["Jumlah", _count(figures.bills_paid), format_rupiah(sum(t.amount for t in figures.bill_years))])
    table = _grid(rows, [70 * mm, 20 * mm, 40 * mm], right_from=1, total_row=True, size=8.5)
    table.hAlign = "LEFT"
    return [table, _p("Per tahun periode rekening; jumlahnya harga air, beban tetap dan denda. Angsuran, uang muka "
                      "dan biaya lain tidak termasuk.", NOTE)]


def _tally_table(title: str, tallies: tuple[Tally, ...], label=lambda text: text) -> Table | Paragraph:
    if not tallies:
        return _none(f"{title}: tidak ada penerimaan.")
    rows = [[title, "Kuitansi", "Jumlah"]]
    rows += [[_cell(label(t.label)), _count(t.count), format_rupiah(t.amount)] for t in tallies]
    receipts = sum(t.count for t in tallies if t.label != CREDIT)  # credit is a part of receipts counted already
    rows.append(["Jumlah", _count(receipts), format_rupiah(sum(t.amount for t in tallies))])
    return _grid(rows, [HALF - 48 * mm, 16 * mm, 32 * mm], right_from=1, total_row=True, size=SMALL)


def _side_by_side(left: Flowable, right: Flowable) -> Table:
    table = Table([[left, right]], colWidths=[HALF + 6 * mm, HALF], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                               ("FONT", (0, 0), (-1, -1), FONT, SMALL)]))
    return table


def _breakdowns(figures: DayFigures) -> list[Table]:
    """Two pairs of tables, each pair a unit that may go to the next page alone."""
    names = {**figures.people, **{s.cashier: s.cashier_name for s in figures.shifts}}
    tariffs = figures.tariff_names
    return [_side_by_side(_tally_table("Per loket", figures.by_counter),
                          _tally_table("Per kasir", figures.by_cashier,
                                       lambda user: names.get(user, user))),
            _side_by_side(_tally_table("Per metode", figures.by_method, method_label),
                          _tally_table("Per golongan tarif", figures.by_tariff,
                                       lambda code: f"{code} {tariffs[code]}" if code in tariffs else code))]


def bar_chart(tallies: tuple[Tally, ...], *, horizontal: bool, width: float, height: float,
              label=lambda text: text) -> Drawing:
    """Rupiah per label as bars; "Tidak ada penerimaan" in an empty frame when nothing was received."""
    drawing = Drawing(width, height)
    if not any(t.amount > 0 for t in tallies):
        drawing.add(Rect(0, 0, width, height, strokeColor=GRID, strokeWidth=0.5, fillColor=None))
        drawing.add(String(width / 2, height / 2 - 3, "Tidak ada penerimaan", fontName=FONT, fontSize=9,
                           textAnchor="middle"))
        return drawing
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (34, 16) if horizontal else (40, 16)
    chart.width, chart.height = width - chart.x - 30, height - chart.y - 8
    chart.data = [[t.amount for t in tallies]]
    chart.categoryAxis.categoryNames = [label(t.label) for t in tallies]
    if horizontal:
        chart.categoryAxis.reverseDirection = 1  # the first counter on top
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = short_rupiah
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.valueAxis.gridStrokeWidth = 0.3
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName, labels.fontSize = FONT, 7
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = short_rupiah
    chart.barLabels.nudge = 7 if horizontal else 5
    if horizontal:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = -6  # nudge moves it past the bar's end; this pulls the text back to start there
    chart.bars[0].fillColor, chart.bars[0].strokeColor = BAR, None
    chart.barWidth = 8
    drawing.add(chart)
    return drawing


def _charts(figures: DayFigures) -> list[Flowable]:
    hours = bar_chart(figures.by_hour, horizontal=False, width=WIDTH, height=55 * mm, label=lambda h: f"{h}.00")
    counters = bar_chart(figures.by_counter, horizontal=True, width=WIDTH,
                         height=max(30 * mm, 14 * mm + len(figures.by_counter) * 6 * mm))
    return [KeepTogether([*_section("Penerimaan per jam"), hours]),
            KeepTogether([*_section("Penerimaan per loket"), counters])]


def _shift_rows(shift: ShiftFigures, index: int, refunds: bool, names: dict[str, str]) -> tuple[list[list], list[tuple]]:
    """A shift as a line naming the cashier, a line of amounts, and a line of
    reason when the drawer did not match (`index`: the table row it starts at;
    `refunds`: the table has a column for cash paid back; `names`: people's full names)."""
    closed = ", masih buka" if shift.is_open else f"–{shift.closed_at:%H:%M}"
    closer = names.get(shift.closed_by, shift.closed_by)
    by = f", ditutup oleh {escape(closer)}" if shift.closed_by and shift.closed_by != shift.cashier else ""
    who = Paragraph(f"<b>{escape(shift.cashier_name or shift.cashier)}</b>, "
                    f"{shift.opened_at:%H:%M}{closed}{by}", CELL)
    rp = partial(format_rupiah, symbol=False)  # Rupiah says the caption: "Rp" leaves no room for billions
    amounts = ["", rp(shift.opening_float), rp(shift.cash_taken), rp(shift.change_given)]
    amounts += [rp(shift.refunds_paid)] if refunds else []
    amounts.append(rp(shift.expected_cash))
    counted = len(amounts)  # the column of the count, then the variance
    style: list[tuple] = [("SPAN", (1, index), (-1, index)), ("LINEABOVE", (0, index), (-1, index), 0.5, GRID)]
    if shift.is_open:
        amounts += ["MASIH BUKA", ""]
        cells = ((counted, index + 1), (counted + 1, index + 1))
        style += [("SPAN", *cells), ("ALIGN", *cells, "CENTER"), ("FONT", *cells, FONT_BOLD, SMALL),
                  ("TEXTCOLOR", *cells, RED)]
    else:
        amounts += [rp(shift.counted), rp(shift.variance)]
        if shift.variance:
            style.append(("TEXTCOLOR", (counted + 1, index + 1), (counted + 1, index + 1), RED))
    rows = [[shift.counter_code, who] + [""] * (len(amounts) - 2), amounts]
    if not shift.is_open and (shift.variance or shift.variance_reason):
        rows.append(["", _cell(f"Alasan selisih: {shift.variance_reason or '(tidak diisi)'}")]
                    + [""] * (len(amounts) - 2))
        style.append(("SPAN", (1, index + 2), (-1, index + 2)))
    style.append(("NOSPLIT", (0, index), (-1, index + len(rows) - 1)))  # a page break never splits a shift
    return rows, style


def _shifts(figures: DayFigures, shifts: tuple[ShiftFigures, ...] | None = None) -> list[Flowable]:
    """The table of `shifts` (the ones the sign-off covers unless given)."""
    shifts = figures.shifts if shifts is None else shifts
    if not shifts:
        return [_none("Tidak ada shift pada hari ini.")]
    refunds = any(s.refunds_paid for s in shifts)  # a column only on a day cash was paid back
    heading = ["Loket", "Modal awal", "Tunai diterima", "Kembalian"]
    heading += ["Pengembalian\nuang"] if refunds else []
    rows: list[list] = [heading + ["Seharusnya", "Dihitung", "Selisih"]]
    style: list[tuple] = [("FONT", (0, 0), (-1, -1), FONT, SMALL), ("FONT", (0, 0), (-1, 0), FONT_BOLD, SMALL),
                          ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                          ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                          ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    for shift in shifts:
        more, extra = _shift_rows(shift, len(rows), refunds, figures.people)
        rows += more
        style += extra
    closed = [s for s in shifts if not s.is_open]
    rp = partial(format_rupiah, symbol=False)
    total = ["Jumlah", rp(sum(s.opening_float for s in shifts)),
             rp(sum(s.cash_taken for s in shifts)), rp(sum(s.change_given for s in shifts))]
    total += [rp(sum(s.refunds_paid for s in shifts))] if refunds else []
    rows.append(total + [rp(sum(s.expected_cash for s in shifts)), rp(sum(s.counted for s in closed)),
                         rp(sum(s.variance for s in closed))])
    style += [("FONT", (0, -1), (-1, -1), FONT_BOLD, SMALL), ("BACKGROUND", (0, -1), (-1, -1), SHADE),
              ("LINEABOVE", (0, -1), (-1, -1), 0.5, GRID)]
    amounts = len(heading) + 2
    table = Table(rows, colWidths=[11 * mm] + [(WIDTH - 11 * mm) / amounts] * amounts, repeatRows=1)
    table.setStyle(TableStyle(style))
    story: list[Flowable] = [_p("Jumlah uang dalam Rupiah.", NOTE), table]
    if any(s.is_open for s in shifts):
        story.append(_p("Shift yang MASIH BUKA belum dihitung: uang lacinya tidak termasuk dalam jumlah Dihitung "
                        "dan Selisih.", NOTE))
    rounding = sum(s.rounding for s in shifts)
    if rounding:
        story.append(_p(f"Tunai diterima dikurangi kembalian termasuk pembulatan tunai {format_rupiah(rounding)}.",
                        NOTE))
    paper = sum(s.paper_cash for s in shifts)
    if paper:
        story.append(_p(f"Tunai diterima termasuk {format_rupiah(paper)} dari kuitansi manual masa gangguan "
                        "bertanggal hari lain yang dicatat pada shift ini: uangnya ada di laci, kuitansinya masuk "
                        "laporan hari tanggal kuitansi itu (bagian terlambat bila hari itu sudah ditutup) dan "
                        "disetor bersama hari itu.", NOTE))
    if refunds:
        story.append(_p("Pengembalian uang: kelebihan bayar yang dikembalikan tunai kepada pelanggan dari laci "
                        "kasir; Seharusnya = modal awal + tunai diterima − kembalian − pengembalian uang.", NOTE))
    return story


def _moment(at) -> str:
    return format_moment(at) if at else "-"


def _voids(voids: tuple[VoidRow, ...], empty: str, figures: DayFigures) -> Flowable:
    if not voids:
        return _none(empty)
    name = figures.name_of
    rows = [["No. kuitansi", "Loket", "Kasir", "Alasan", "Disetujui", "Jam", "Jumlah"]]
    rows += [[v.receipt_no, v.counter_code, _cell(name(v.cashier)), _cell(v.reason), _cell(name(v.approved_by)),
              f"{v.voided_at:%H:%M}" if v.voided_at else "-", format_rupiah(v.amount)] for v in voids]
    rows.append(["Jumlah", "", "", f"{_count(len(voids))} kuitansi", "", "",
                 format_rupiah(sum(v.amount for v in voids))])
    fixed = [36 * mm, 11 * mm, 26 * mm, 0, 26 * mm, 11 * mm, 24 * mm]
    fixed[3] = WIDTH - sum(fixed)
    return _grid(rows, fixed, right_from=6, total_row=True, size=7)


def _reprints(figures: DayFigures) -> Flowable:
    if not figures.reprints:
        return _none("Tidak ada kuitansi yang dicetak ulang.")
    cashiers = {r.receipt_no: r.cashier for r in figures.receipts}
    rows = [["No. kuitansi", "Kasir", "Salinan dicetak"]]
    rows += [[t.label, _cell(figures.name_of(cashiers.get(t.label, ""))), _count(t.count)] for t in figures.reprints]
    rows.append(["Jumlah", "", _count(sum(t.count for t in figures.reprints))])
    table = _grid(rows, [45 * mm, 50 * mm, 30 * mm], right_from=2, total_row=True, size=7)
    table.hAlign = "LEFT"
    return table


def _conflicts(figures: DayFigures) -> Flowable:
    if not figures.conflicts:
        return _none("Tidak ada konflik.")
    rows = [["Jenis", "No. sambungan", "Status", "Waktu", "Jumlah"]]
    rows += [[_cell(c.kind), c.customer_number, _cell(c.status), format_moment(c.created_at), format_rupiah(c.amount)]
             for c in figures.conflicts]
    widths = [0, 26 * mm, 28 * mm, 42 * mm, 26 * mm]
    widths[0] = WIDTH - sum(widths)
    return _grid(rows, widths, right_from=4, total_row=False, size=7)


def _waiting(figures: DayFigures) -> list[Flowable]:
    pending = sum(c.pending for c in figures.waiting)
    story: list[Flowable] = []
    silent = figures.silent_counters
    if pending:
        story.append(_p(f"Masih ada {_count(pending)} peristiwa dari loket yang belum diterapkan di pusat: "
                        "angka laporan ini belum lengkap.", ALERT))
    if silent:
        story.append(_p(f"Belum ada kabar dari loket {', '.join(silent)} sejak hari ini mulai: uang yang diterima "
                        "loket itu secara offline belum ada di laporan ini.", ALERT))
    if not pending and not silent:
        story.append(_p("Semua loket sudah terkirim.", BODY))
    if pending or silent or any(c.open_shifts for c in figures.waiting):
        rows = [["Loket", "Terakhir diterima", "Shift masih buka", "Belum diterapkan"]]
        rows += [[c.counter_code, _moment(c.last_received_at), _count(c.open_shifts), _count(c.pending)]
                 for c in figures.waiting]
        table = _grid(rows, [20 * mm, 50 * mm, 30 * mm, 30 * mm], right_from=2, total_row=False, size=7)
        table.hAlign = "LEFT"
        story.append(table)
    return story


def _deposit(figures: DayFigures) -> list[Flowable]:
    d = figures.deposit
    cash = [("Penerimaan tunai hari ini", format_rupiah(figures.cash_total))]
    if figures.refunds:
        cash += [("Pengembalian uang", format_rupiah(-figures.refunds)),
                 ("Tunai untuk disetor", format_rupiah(figures.to_deposit))]
    if d is None:
        return [_p(f"Belum ada setoran. Tunai untuk disetor: {format_rupiah(figures.to_deposit)}.", ALERT),
                _fields(cash, label_width=45 * mm)]
    rows = [("Jumlah setoran", format_rupiah(d.amount)), ("Bank", d.bank), ("No. referensi", d.reference),
            ("Dicatat oleh", figures.name_of(d.recorded_by)), ("Waktu", format_moment(d.recorded_at)), *cash]
    if d.amount != figures.to_deposit:
        rows.append(("Selisih setoran dan tunai", format_rupiah(d.amount - figures.to_deposit)))
    story: list[Flowable] = [_fields(rows, label_width=45 * mm)]
    if figures.supplementary or figures.late_cash:
        story.append(_p("Setoran susulan (tunai yang diterima pusat setelah tutup hari):", BODY))
        extra = [(f"Susulan {s.seq - 1}", f"{format_rupiah(s.amount)}, {s.bank}, {s.reference}, "
                  f"{figures.name_of(s.recorded_by)}, "
                  f"{format_moment(s.recorded_at)}") for s in figures.supplementary]
        extra.append(("Tunai terlambat", format_rupiah(figures.late_cash)))
        left = figures.late_cash - sum(s.amount for s in figures.supplementary)
        if left:
            extra.append(("Belum disetor", format_rupiah(left)))
        story.append(_fields(extra, label_width=45 * mm))
    return story


def _noncash(figures: DayFigures) -> list[Flowable]:
    """Every completed receipt paid by transfer, QRIS or card, with its
    reference: what the bank statement should show, line by line."""
    paid = sorted((r for r in figures.receipts if r.status == "completed" and r.method not in ("cash", CREDIT)),
                  key=lambda r: (method_label(r.method), r.paid_at, r.receipt_no))
    if not paid:
        return [_none("Tidak ada kuitansi non-tunai.")]
    widths = [40 * mm, 12 * mm, 24 * mm, 0, 28 * mm]
    widths[3] = WIDTH - sum(widths)
    rows = [[r.receipt_no, _time(r, figures), method_label(r.method),
             _fit(r.reference, widths[3] - 2 * PAD) or "(tanpa referensi)", _amount(r.total - r.credit_used)]
            for r in paid]
    total = [f"Jumlah ({_count(len(paid))} kuitansi)", "", "", "",
             format_rupiah(sum(r.total - r.credit_used for r in paid), symbol=False)]
    headers = ("No. kuitansi", "Jam", "Metode", "Referensi", "Jumlah")
    missing = sum(1 for r in paid if not r.reference)
    story: list[Flowable] = [_p("Untuk dicocokkan dengan rekening koran bank; jumlah uang dalam Rupiah.", NOTE)]
    story += [_Sheet(rows + [total], widths, headers, total=True, amounts=(4, 4))]
    if missing:
        story.append(_p(f"{_count(missing)} kuitansi tanpa nomor referensi.", ALERT))
    return story


def _late(figures: DayFigures) -> list[Flowable]:
    """After the signatures: what reached central after the sign-off."""
    if not figures.late and not figures.late_voids and not figures.late_shifts:
        return []
    story: list[Flowable] = [Spacer(0, 8 * mm), CondPageBreak(40 * mm),
                             _banner(LATE_TITLE, _late_note(figures), WIDTH, size=9), Spacer(0, 2 * mm)]
    if figures.late:
        rows = [["No. kuitansi", "Jam", "Loket", "Kasir", "No. samb.", "Metode", "Ket.", "Total"]]
        rows += [[r.receipt_no, _time(r, figures), r.counter_code, _cell(figures.name_of(r.cashier)), r.customer_number,
                  method_label(r.method), _remark(r) if r.status == "void" else _cell(_remark(r)),
                  format_rupiah(r.total)]
                 for r in figures.late]
        done = [r for r in figures.late if r.status != "void"]
        rows.append([f"Jumlah ({_count(len(done))} kuitansi)", "", "", "", "", "", "",
                     format_rupiah(sum(r.total for r in done))])
        widths = [36 * mm, 13 * mm, 11 * mm, 0, 22 * mm, 18 * mm, 24 * mm, 24 * mm]
        widths[3] = WIDTH - sum(widths)
        table = _grid(rows, widths, right_from=7, total_row=True, size=7)
        table.setStyle(TableStyle([("SPAN", (0, -1), (6, -1))] + [
            style for n, r in enumerate(figures.late, 1) if r.status == "void"
            for style in (("TEXTCOLOR", (0, n), (-1, n), VOID_GREY), ("TEXTCOLOR", (6, n), (6, n), RED),
                          ("FONT", (6, n), (6, n), FONT_BOLD, 7))]))
        story += [_p("Kuitansi yang diterima setelah tutup hari", HEADING), table]
    story += [_p("Pembatalan setelah tutup hari", HEADING),
              _voids(figures.late_voids, "Tidak ada pembatalan setelah tutup hari.", figures)]
    if figures.late_shifts:
        story += [_p("Shift yang tidak tercakup tutup hari", HEADING), *_shifts(figures, figures.late_shifts)]
    return story


def closing_pdf(figures: DayFigures, utility: str) -> bytes:
    """The Laporan Tutup Kas Harian of an office day, A4 portrait, as PDF bytes."""
    _register_fonts()
    story = _header(utility, f"{figures.office_name} ({figures.office_code})")
    story += [_p("LAPORAN TUTUP KAS HARIAN", TITLE),
              _p(f"Tanggal {format_date(figures.business_date)}. Dibuat {format_moment(figures.made_at)}", CENTER),
              Spacer(0, 5 * mm)]
    story += _status(figures)
    story += [*_section("Ringkasan"), *_totals(figures)]
    story += [*_section("Komponen penerimaan"), *_components(figures)]
    if figures.bill_years:
        story += [*_section("Rekening dibayar"), *_bill_years(figures)]
    story += [*_section("Rincian penerimaan"), *_breakdowns(figures)]
    story += _charts(figures)
    story += [*_section("Shift kasir"), *_shifts(figures)]
    story += [*_section("Pembatalan"), _voids(figures.voids, "Tidak ada pembatalan.", figures)]
    story += [*_section("Cetak ulang kuitansi"), _reprints(figures)]
    story += [*_section("Konflik"), _conflicts(figures)]
    story += [*_section("Pengiriman dari loket"), *_waiting(figures)]
    story += [*_section("Setoran ke bank"), *_deposit(figures)]
    story += [*_section("Penerimaan non-tunai"), *_noncash(figures)]
    dots = "(" + "." * 40 + ")"
    made = (_signature("Dibuat oleh,", ROLE_LABELS.get(figures.closing.closed_by_role, "Kepala Unit"),
                       figures.name_of(figures.closing.closed_by)) if figures.closing
            else _signature("Dibuat oleh,", "Kepala Unit", dots))
    story += [Spacer(0, 8 * mm), KeepTogether([
        _p(f"{figures.office_name}, {format_date(figures.business_date)}", BODY), Spacer(0, 3 * mm),
        _signatures(made, _signature("Diperiksa oleh,", "Bagian Keuangan", dots))])]
    story += _late(figures)
    return _render(story, title=f"Tutup kas {figures.office_code} {figures.business_date.isoformat()}",
                   author=utility, footer=f"Laporan tutup kas {figures.office_name} "
                                          f"{format_date(figures.business_date)}")
