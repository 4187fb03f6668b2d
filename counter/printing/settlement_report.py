"""A channel's day reconciled against its settlement file (docs/channels.md,
"Settlement / rekonsiliasi"): the figures, as plain data, and the two reports
made of them.

- `settlement_csv`: one row per transaction, matched ones too, for the finance
  office (RFC 4180 via the csv module, under an Indonesian snake_case header).
- `settlement_pdf`: A4 portrait, styled like the other reports: the channel,
  the day, the file and its SHA-256, counts and sums per category, then every
  transaction that is not simply matched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter.printing.day_report_csv import safe
from counter.printing.pdf_receipt import FONT
from counter.printing.plan_pdf import (BODY, CENTER, HEADING, TITLE, WIDTH, _fields, _grid, _header, _p,
                                       _register_fonts, _render, _signature, _signatures, format_date)
from counter.printing.receipt import format_moment
from counter.rules.money import format_rupiah
from counter.rules.period import span_label

# code: (the word in the CSV, the label in the report); in the order the report lists them
CATEGORIES = {
    "matched": ("cocok", "Cocok"),
    "applied": ("diterapkan", "Diterapkan dari berkas"),
    "differs": ("berbeda", "Berbeda"),
    "missing_at_central": ("tidak_ada_di_pusat", "Tidak ada di pusat"),
    "missing_in_file": ("tidak_ada_di_berkas", "Tidak ada di berkas"),
    "reversed_at_central": ("dibatalkan_di_pusat", "Dibatalkan di pusat"),
    "other_date": ("tanggal_lain", "Di pusat pada tanggal lain"),
}
ONE_SIDED = {"missing_at_central": "file", "missing_in_file": "central"}  # the only side with an amount
SETTLED = ("matched", "applied")  # nothing left to do about these
CENTRAL_DAY = ("matched", "applied", "differs", "missing_in_file")  # central's completed payments of the day

CSV_HEADER = ("kategori", "referensi", "baris_berkas", "pelanggan", "jumlah_berkas", "jumlah_pusat", "selisih",
              "bulan_berkas", "bulan_pusat", "waktu_bayar", "keterangan")

RED = colors.HexColor("#b00020")
SMALL = 8
CELL = ParagraphStyle("settlement-cell", BODY, fontSize=SMALL, leading=SMALL * 1.25)
NOTE = ParagraphStyle("settlement-note", BODY, fontSize=8.5, leading=11, textColor=colors.HexColor("#404040"))
SECTION = ParagraphStyle("settlement-section", HEADING, spaceBefore=5 * mm, keepWithNext=0)
HASH = ParagraphStyle("settlement-hash", BODY, fontSize=8.5)
LABEL = 38 * mm


@dataclass(frozen=True)
class SettlementLine:
    """One transaction of the file, or one of central's the file does not have."""

    category: str  # a key of CATEGORIES
    reference: str  # the channel's
    line: int | None  # the file's line; None: only at central
    customer: str  # connection number: the file's, else central's
    file_amount: int | None
    central_amount: int | None
    file_periods: tuple[int, ...]  # empty: the file named none
    central_periods: tuple[int, ...]
    paid_at: str  # as the file wrote it, else central's time (ISO 8601)
    note: str  # why it is in its category, or what became of it

    @property
    def difference(self) -> int | None:
        """File minus central, when both have an amount."""
        if self.file_amount is None or self.central_amount is None:
            return None
        return self.file_amount - self.central_amount


@dataclass(frozen=True)
class Tally:
    count: int
    file_amount: int
    central_amount: int


@dataclass(frozen=True)
class SettlementFigures:
    utility: str
    channel_code: str
    channel_name: str
    channel_revoked: bool
    business_date: dt.date
    file_name: str
    file_sha256: str
    made_at: dt.datetime  # in central's time zone
    lines: tuple[SettlementLine, ...]
    applied_now: int  # payments this reconciliation applied from the file
    recorded: bool  # the day is recorded as settled (no reversal after it)

    def tally(self, category: str) -> Tally:
        found = [line for line in self.lines if line.category == category]
        return Tally(len(found), sum(line.file_amount or 0 for line in found),
                     sum(line.central_amount or 0 for line in found))

    @property
    def file_count(self) -> int:
        return sum(1 for line in self.lines if line.line is not None)

    @property
    def file_total(self) -> int:
        return sum(line.file_amount or 0 for line in self.lines if line.line is not None)

    @property
    def central_count(self) -> int:
        return sum(1 for line in self.lines if line.category in CENTRAL_DAY)

    @property
    def central_total(self) -> int:
        return sum(line.central_amount or 0 for line in self.lines if line.category in CENTRAL_DAY)

    @property
    def open_lines(self) -> tuple[SettlementLine, ...]:
        """What still needs someone's attention."""
        return tuple(line for line in self.lines if line.category not in SETTLED)

    def summary(self) -> dict:
        """Counts and sums, as JSON (kept with the settlement, answered by --json)."""
        return {"file": self.file_name, "file_sha256": self.file_sha256, "file_count": self.file_count,
                "file_total": self.file_total, "central_count": self.central_count,
                "central_total": self.central_total, "applied_now": self.applied_now,
                "categories": {code: vars(self.tally(code)) for code in CATEGORIES}}


def periods_text(periods: tuple[int, ...]) -> str:
    """`202610;202611`, as the settlement file writes them."""
    return ";".join(str(p) for p in periods)


def _count(n: int) -> str:
    return format_rupiah(n, symbol=False)


# ---------------------------------------------------------------- CSV


def settlement_csv(figures: SettlementFigures) -> str:
    """Every transaction, file order first, then central's that the file lacks, as CSV text.
    Amounts are whole Rupiah as plain integers; an amount one side lacks is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the excel dialect: RFC 4180
    writer.writerow(CSV_HEADER)
    for x in figures.lines:
        difference = x.difference
        row = (CATEGORIES[x.category][0], x.reference, x.line if x.line is not None else "", x.customer,
               "" if x.file_amount is None else x.file_amount, "" if x.central_amount is None else x.central_amount,
               "" if difference is None else difference, periods_text(x.file_periods),
               periods_text(x.central_periods), x.paid_at, x.note)
        writer.writerow([safe(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()


# ---------------------------------------------------------------- PDF


def _cell(text: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(escape(text), style)


def _amount(value: int | None) -> str:
    return "" if value is None else format_rupiah(value, symbol=False)


def _sums(code: str, t: Tally) -> list[str]:
    """A category's file and central sums; blank where it has none or that side has no amount."""
    side = ONE_SIDED.get(code)
    return [_amount(t.file_amount) if t.count and side != "central" else "",
            _amount(t.central_amount) if t.count and side != "file" else ""]


def _months(periods: tuple[int, ...]) -> str:
    if not periods:
        return ""
    return f"bulan {span_label(periods)}" + (f" ({len(periods)} bln)" if len(periods) > 1 else "")


def _details(figures: SettlementFigures) -> list[Flowable]:
    state = "dicabut (permintaannya ditolak)" if figures.channel_revoked else "aktif"
    rows = [("Kanal", _p(f"{figures.channel_code} — {figures.channel_name} ({state})")),
            ("Tanggal transaksi", _p(format_date(figures.business_date))),
            ("Berkas settlement", _p(figures.file_name)),
            ("SHA-256 berkas", _p(figures.file_sha256, HASH)),  # on one line, as sha256sum prints it
            ("Dibuat", _p(format_moment(figures.made_at)))]
    if figures.recorded:
        rows.append(("Status", _p("Tercatat sudah direkonsiliasi: pembayaran kanal pada tanggal ini tidak dapat "
                                  "dibatalkan lagi.")))
    table = Table([[_p(label), ":", value] for label, value in rows],
                  colWidths=[LABEL, 3 * mm, WIDTH - LABEL - 3 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, BODY.fontSize), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [table]


def _summary(figures: SettlementFigures) -> list[Flowable]:
    rows: list[list] = [["Kategori", "Transaksi", "Jumlah berkas (Rp)", "Jumlah pusat (Rp)"]]
    for code, (_, label) in CATEGORIES.items():
        t = figures.tally(code)
        rows.append([label, _count(t.count), *_sums(code, t)])
    table = _grid(rows, [62 * mm, 24 * mm, 42 * mm, 42 * mm], right_from=1, total_row=False, size=8.5)
    marks = [("TEXTCOLOR", (0, n), (-1, n), RED) for n, code in enumerate(CATEGORIES, 1)
             if code not in SETTLED and figures.tally(code).count]
    table.setStyle(TableStyle(marks))
    difference = figures.file_total - figures.central_total
    totals = _fields([("Menurut berkas", f"{_count(figures.file_count)} transaksi, "
                                          f"{format_rupiah(figures.file_total)}"),
                      ("Menurut pusat", f"{_count(figures.central_count)} transaksi selesai, "
                                         f"{format_rupiah(figures.central_total)}"),
                      ("Selisih (berkas − pusat)", format_rupiah(difference))], label_width=45 * mm)
    story: list[Flowable] = [table, Spacer(0, 3 * mm), totals]
    missing = figures.tally("missing_at_central").count
    if figures.applied_now or missing:
        story.append(_p(f"Diterapkan dari berkas pada rekonsiliasi ini: {_count(figures.applied_now)} pembayaran; "
                        f"belum diterapkan: {_count(missing)}.", NOTE))
    return story


def _differences(figures: SettlementFigures, code: str) -> list[Flowable]:
    """One category's transactions as a table, or nothing when it has none."""
    found = [line for line in figures.lines if line.category == code]
    if not found:
        return []
    t = figures.tally(code)
    rows: list[list] = [["No.", "Referensi", "Pelanggan", "Berkas (Rp)", "Pusat (Rp)", "Keterangan"]]
    for n, x in enumerate(found, 1):
        where = f"baris {x.line}" if x.line is not None else "hanya di pusat"
        months = _months(x.file_periods or x.central_periods)
        rows.append([f"{n}.", Paragraph(f"{escape(x.reference)}<br/>{where}", CELL), _cell(x.customer),
                     _amount(x.file_amount), _amount(x.central_amount),
                     _cell(" · ".join(part for part in (x.note, months) if part))])
    rows.append(["", f"Jumlah ({_count(t.count)})", "", *_sums(code, t), ""])
    widths = [9 * mm, 38 * mm, 25 * mm, 22 * mm, 22 * mm]
    widths.append(WIDTH - sum(widths))
    table = _grid(rows, widths, right_from=3, total_row=True, size=SMALL)
    table.setStyle(TableStyle([("ALIGN", (5, 0), (5, -1), "LEFT"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("SPAN", (1, -1), (2, -1)),
                               ("NOSPLIT", (0, -2), (-1, -1))]))  # the sum never stands alone on a page
    label = CATEGORIES[code][1]
    return [CondPageBreak(30 * mm), Paragraph(escape(f"{label} ({_count(t.count)})"), SECTION), table]


def settlement_pdf(figures: SettlementFigures) -> bytes:
    """The reconciliation of a channel's day, A4 portrait, as PDF bytes."""
    _register_fonts()
    story = _header(figures.utility, "Kantor Pusat — kanal pembayaran")
    story += [_p("LAPORAN REKONSILIASI SETTLEMENT KANAL PEMBAYARAN", TITLE),
              _p(f"{figures.channel_code}, tanggal {format_date(figures.business_date)}", CENTER),
              Spacer(0, 5 * mm)]
    story += _details(figures)
    story += [CondPageBreak(30 * mm), Paragraph("Ringkasan", SECTION), *_summary(figures)]
    listed = [part for code in CATEGORIES if code != "matched" for part in _differences(figures, code)]
    if listed:
        story += listed
    else:
        story += [Spacer(0, 3 * mm), _p("Semua transaksi berkas cocok dengan pusat; tidak ada selisih.", NOTE)]
    dots = "(" + "." * 40 + ")"
    story += [Spacer(0, 8 * mm), KeepTogether([
        _p(f"{format_date(figures.made_at.date())}", BODY), Spacer(0, 3 * mm),
        _signatures(_signature("Dibuat oleh,", "Petugas pusat", dots),
                    _signature("Diperiksa,", "Bagian Keuangan", dots))])]
    stem = f"{figures.channel_code} {figures.business_date.isoformat()}"
    return _render(story, title=f"Rekonsiliasi {stem}", author=figures.utility, footer=f"Rekonsiliasi {stem}")

