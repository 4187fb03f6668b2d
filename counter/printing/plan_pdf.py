"""The instalment plan's documents as A4 PDFs (ReportLab platypus), DejaVu Sans
embedded: the agreement the customer signs and the unseal work order (SPK).

Text goes into Paragraphs, so long names and addresses wrap; tables repeat their
header on every page and each page is numbered "Halaman n dari N". Both are
letters: dates write the month in full ("24 November 2026").
"""

from __future__ import annotations

import datetime as dt
import io
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, HRFlowable, KeepTogether, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from counter.printing.pdf_receipt import FONT, FONT_BOLD, register_fonts
from counter.printing.plan_documents import MONTH_NAMES, PlanAgreement, WorkOrder
from counter.printing.receipt import zone_abbreviation
from counter.rules.money import MONTHS_ID, format_rupiah, in_words

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
SIZE = 9.5

BODY = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=SIZE * 1.3)
TEXT = ParagraphStyle("text", BODY, alignment=TA_JUSTIFY, spaceAfter=2 * mm)
CENTER = ParagraphStyle("center", BODY, alignment=TA_CENTER)
TITLE = ParagraphStyle("title", CENTER, fontName=FONT_BOLD, fontSize=12.5, leading=16)
HEADING = ParagraphStyle("heading", BODY, fontName=FONT_BOLD, spaceBefore=2 * mm, spaceAfter=1.5 * mm,
                         keepWithNext=1)
CLAUSE = ParagraphStyle("clause", BODY, alignment=TA_JUSTIFY, leftIndent=8 * mm, spaceAfter=1 * mm,
                        bulletFontName=FONT, bulletFontSize=SIZE)
GRID = colors.HexColor("#808080")
SHADE = colors.HexColor("#e8e8e8")
LEAD_ROOM = 35 * mm  # a table's introducing sentence starts a new page unless a few rows fit under it


def format_date(day: dt.date) -> str:
    """`20 Des 2026`: receipts' and reports' short form."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def letter_date(day: dt.date) -> str:
    """`20 Desember 2026`: a letter writes the month in full."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def letter_moment(moment: dt.datetime) -> str:
    """`24 November 2026 10:05:07 WITA`."""
    return f"{letter_date(moment.date())} {moment:%H:%M:%S} {zone_abbreviation(moment)}".rstrip()


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (markup characters in names are escaped)."""
    return Paragraph(escape(text), style)


def _header(utility: str, office: str, address: str = "") -> list[Flowable]:
    lines = [Paragraph(f"<b>{escape(utility)}</b>", ParagraphStyle("utility", CENTER, fontSize=11, leading=14)),
             _p(office, CENTER)] + ([_p(address, CENTER)] if address else [])
    return lines + [HRFlowable(width="100%", thickness=1, color=colors.black, spaceBefore=2 * mm, spaceAfter=5 * mm)]


def _title(title: str, number: str) -> list[Flowable]:
    return [_p(title, TITLE), _p(f"Nomor: {number}", CENTER), Spacer(0, 6 * mm)]


def _fields(rows: list[tuple[str, str]], label_width: float = 38 * mm, indent: float = 0) -> Table:
    """`Label   : value that wraps under itself`."""
    table = Table([[_p(label), ":", _p(value)] for label, value in rows],
                  colWidths=[label_width, 3 * mm, WIDTH - indent - label_width - 3 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _grid(rows: list[list], widths: list[float], *, right_from: int, total_row: bool, size: float = SIZE) -> Table:
    """A ruled table: a shaded bold header repeated on every page, amounts flush
    right from column `right_from`, and a bold totals row when `total_row`."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), FONT, size), ("FONT", (0, 0), (-1, 0), FONT_BOLD, size),
             ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("GRID", (0, 0), (-1, -1), 0.5, GRID),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (right_from, 0), (-1, -1), "RIGHT"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if total_row:
        style += [("FONT", (0, -1), (-1, -1), FONT_BOLD, size), ("BACKGROUND", (0, -1), (-1, -1), SHADE)]
    table.setStyle(TableStyle(style))
    return table


class _SignatureSpace(Flowable):
    """Room to sign; with `stamp`, a dashed box where the meterai is stuck."""

    def __init__(self, height: float, stamp: bool = False) -> None:
        super().__init__()
        self.height, self.stamp = height, stamp

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        if not self.stamp:
            return
        c, w, h = self.canv, 24 * mm, 16 * mm
        x, y = (self.width - w) / 2, (self.height - h) / 2
        c.saveState()
        c.setStrokeColor(GRID)
        c.setFillColor(GRID)
        c.setDash(2, 2)
        c.rect(x, y, w, h)
        c.setFont(FONT, 7)
        c.drawCentredString(x + w / 2, y + h / 2 - 2.5, "Meterai")
        c.restoreState()


def _signature(heading: str, role: str, name: str, *, stamp: bool = False) -> list[Flowable]:
    return [_p(heading, CENTER), _p(role, CENTER), _SignatureSpace(24 * mm, stamp),
            Paragraph(f"<b><u>{escape(name)}</u></b>", CENTER)]


def _signatures(left: list[Flowable] | None, right: list[Flowable]) -> Table:
    table = Table([[left or "", right]], colWidths=[WIDTH / 2] * 2)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


class _NumberedCanvas(Canvas):
    """Holds back every page until the end, so each can say "Halaman n dari N"
    (`label` instead of "Halaman"; footer `margin` from the page's edges, any page size)."""

    def __init__(self, *args, footer: str = "", label: str = "Halaman", margin: float = MARGIN, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer, self._pages = footer, []
        self._label, self._margin = label, margin

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.black)
            self.drawString(self._margin, self._margin / 2, self._footer)
            self.drawRightString(self._pagesize[0] - self._margin, self._margin / 2,
                                 f"{self._label} {number} dari {len(self._pages)}")
            super().showPage()
        super().save()


def _register_fonts() -> None:
    """DejaVu, and the family that lets <b> in a paragraph select DejaVu Sans Bold."""
    register_fonts()
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _render(story: list[Flowable], *, title: str, author: str, footer: str) -> bytes:
    buffer = io.BytesIO()
    frame = Frame(MARGIN, MARGIN, WIDTH, A4[1] - 2 * MARGIN, 0, 0, 0, 0)  # tables and text share the margin
    doc = BaseDocTemplate(buffer, pagesize=A4, pageTemplates=[PageTemplate(frames=[frame])], title=title,
                          author=author, invariant=1, pageCompression=1,
                          initialFontName=FONT, initialFontSize=SIZE)  # no unembedded Helvetica
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


def agreement_pdf(doc: PlanAgreement) -> bytes:
    """Surat perjanjian angsuran tunggakan rekening air, A4, as PDF bytes."""
    _register_fonts()
    rp = format_rupiah
    story = _header(doc.utility_name, doc.office_name, doc.office_address)
    story += _title("SURAT PERJANJIAN ANGSURAN TUNGGAKAN REKENING AIR", doc.plan_no)
    story += [
        _p(f"Pada tanggal {letter_date(doc.made_on)} di {doc.city}, kami yang bertanda tangan di bawah ini:", TEXT),
        Paragraph(f"1. <b>{escape(doc.approver_name)}</b>, {escape(doc.approver_title)}, "
                  f"{escape(doc.office_name)}, bertindak untuk dan atas nama {escape(doc.utility_name)}, "
                  "selanjutnya disebut <b>PIHAK PERTAMA</b>;", TEXT),
        Paragraph("2. Pelanggan dengan data berikut, selanjutnya disebut <b>PIHAK KEDUA</b>:", TEXT),
        _fields([("No. Sambungan", doc.customer_number), ("Nama", doc.customer_name),
                 ("Alamat", doc.customer_address), ("Golongan tarif", doc.tariff)], indent=5 * mm),
        Spacer(0, 3 * mm),
    ]
    if doc.programme:
        story.append(Paragraph(f"Perjanjian ini dibuat dalam rangka program <b>{escape(doc.programme)}</b>.", TEXT))
    story += [CondPageBreak(LEAD_ROOM),
              _p("PIHAK KEDUA mengakui mempunyai tunggakan rekening air sebagai berikut:", TEXT)]
    bills = [["No.", "Bulan", "Pokok", "Denda", "Keringanan", "Jumlah"]]
    bills += [[f"{n}.", b.label, rp(b.principal), rp(b.fine), rp(b.waived), rp(b.amount)]
              for n, b in enumerate(doc.bills, 1)]
    bills.append(["", "Jumlah", rp(doc.principal), rp(doc.fines), rp(doc.waived), rp(doc.total)])
    amount_width = (WIDTH - 46 * mm) / 4
    story += [_grid(bills, [10 * mm, 36 * mm] + [amount_width] * 4, right_from=2, total_row=True), Spacer(0, 4 * mm)]

    summary = Table([["Pokok tunggakan", rp(doc.principal)], ["Denda", rp(doc.fines)],
                     ["Keringanan", rp(-doc.waived)], ["Jumlah yang harus dibayar", rp(doc.total)]],
                    colWidths=[60 * mm, 40 * mm], hAlign="LEFT")
    summary.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("FONT", (0, -1), (-1, -1), FONT_BOLD, SIZE),
                                 ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (0, -1), 0),
                                 ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                                 ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    story += [KeepTogether([_p("Rincian:", HEADING), summary, _p(f"Terbilang: {in_words(doc.total)}",
                                                                  ParagraphStyle("words", TEXT, spaceBefore=2 * mm))]),
              Spacer(0, 2 * mm)]

    schedule = [["Pembayaran", "Jatuh tempo", "Jumlah"]]
    schedule += [[line.label, letter_date(line.due_date), rp(line.amount)] for line in doc.schedule]
    schedule.append(["Jumlah", "", rp(sum(line.amount for line in doc.schedule))])
    story += [CondPageBreak(LEAD_ROOM),
              _p("PIHAK KEDUA sanggup melunasi tunggakan tersebut dengan uang muka dan angsuran bulanan "
                 "menurut jadwal berikut:", TEXT),
              _grid(schedule, [60 * mm, 50 * mm, WIDTH - 110 * mm], right_from=2, total_row=True)]

    if doc.conditions:
        story += [Spacer(0, 3 * mm), _p("Ketentuan:", HEADING)]
        story += [Paragraph(escape(text), CLAUSE, bulletText=f"{n}.") for n, text in enumerate(doc.conditions, 1)]

    story += [Spacer(0, 4 * mm), KeepTogether([
        _p("Demikian surat perjanjian ini dibuat dan ditandatangani oleh kedua belah pihak.", TEXT),
        _p(f"{doc.city}, {letter_date(doc.made_on)}", ParagraphStyle("place", BODY, spaceBefore=2 * mm,
                                                                     spaceAfter=4 * mm)),
        _signatures(_signature("PIHAK KEDUA", "Pelanggan,", doc.customer_signatory, stamp=True),
                    _signature("PIHAK PERTAMA", f"{doc.approver_title},", doc.approver_name)),
    ])]
    return _render(story, title=f"Perjanjian angsuran {doc.plan_no}", author=doc.utility_name,
                   footer=f"Perjanjian angsuran {doc.plan_no}")


def work_order_pdf(order: WorkOrder) -> bytes:
    """Surat perintah kerja (SPK) buka segel, A4, as PDF bytes."""
    _register_fonts()
    story = _header(order.utility_name, order.office_name)
    story += _title("SURAT PERINTAH KERJA (SPK) BUKA SEGEL", order.order_no)
    story += [
        _fields([("Diterbitkan", letter_moment(order.issued_at)),
                 ("Kepada", f"Petugas lapangan {order.office_name}")]),
        _p("Data pelanggan:", HEADING),
        _fields([("No. Sambungan", order.customer_number), ("Nama", order.customer_name),
                 ("Alamat", order.customer_address), ("No. Meter", order.meter_no)]),
        _p("Dasar:", HEADING),
    ]
    programme = f" dalam rangka program <b>{escape(order.programme)}</b>" if order.programme else ""
    basis = (f"Pelanggan telah membayar uang muka angsuran tunggakan menurut Surat Perjanjian Angsuran "
             f"No. <b>{escape(order.plan_no)}</b>{programme}, dengan bukti pembayaran "
             f"No. <b>{escape(order.receipt_no)}</b>." if order.plan_no else
             # no plan: the arrears paid in full with the unseal fee
             f"Pelanggan telah melunasi seluruh tunggakan rekening air beserta biaya buka segel, dengan bukti "
             f"pembayaran No. <b>{escape(order.receipt_no)}</b>.")
    story += [
        Paragraph(basis, TEXT),
        _p("Perintah:", HEADING),
        _p("Dibuka segel meter air pelanggan tersebut di atas dan dialirkan kembali air ke persil pelanggan. "
           "Petugas mencatat stand meter saat segel dibuka, memeriksa keadaan meter air, dan menyerahkan "
           "kembali surat perintah kerja ini, setelah diisi dan ditandatangani, ke kantor unit.", TEXT),
        Spacer(0, 3 * mm),
    ]
    labels = ("Tanggal dikerjakan", "Jam", "Stand meter (m³)", "Keadaan meter / segel", "Nama petugas",
              "Tanda tangan petugas")
    rows = [["DIISI OLEH PETUGAS LAPANGAN", "", ""]] + [[label, "", ""] for label in labels] + [["", "", ""]]
    form = Table(rows, colWidths=[55 * mm, WIDTH - 61 * mm, 6 * mm],  # each value a dotted line to write on
                 rowHeights=[7 * mm] + [10 * mm] * (len(labels) - 1) + [20 * mm, 3 * mm])
    form.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("FONT", (0, 0), (-1, 0), FONT_BOLD, SIZE),
                              ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                              ("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LINEBELOW", (1, 1), (1, -2), 0.5, GRID, None, (1, 2)),
                              ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("BOTTOMPADDING", (0, 1), (-1, -1), 2)]))
    place = f"{order.city}, {letter_date(order.issued_at.date())}"
    # the supervisor issues it; the cashier who took the payment recorded it, on the left
    recorded = [Spacer(0, BODY.leading), *_signature("Dicatat oleh,", "Kasir,", order.recorded_by)] if order.recorded_by else None
    story += [KeepTogether(form), Spacer(0, 8 * mm),
              _signatures(recorded, [_p(place, CENTER),
                                     *_signature("Yang menerbitkan,", f"{order.issuer_title},", order.issued_by)])]
    return _render(story, title=f"SPK buka segel {order.order_no}", author=order.utility_name,
                   footer=f"SPK buka segel {order.order_no}")
