"""Central's day report as a PDF (A4 portrait, ReportLab, DejaVu Sans embedded):
every office's counter payments by method, voids, refunds and deposits, every
channel's payments and reversals, the components and the grand total. It
stands beside each office's cash closing (`day_report_pdf.closing_pdf`), in
the same header, fonts and tables."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter.printing.central_day import CentralDay, ChannelDay, OfficeDay
from counter.printing.day_report_pdf import ALERT, NOTE, RED, VOID_GREY, _count, _section, method_label
from counter.printing.pdf_receipt import FONT, FONT_BOLD
from counter.printing.plan_pdf import (BODY, CENTER, GRID, SHADE, TITLE, WIDTH, _grid, _header, _p, _register_fonts,
                                       _render, format_date)
from counter.printing.receipt import format_moment
from counter.rules.money import format_rupiah

SIZE = 8.5  # tables
CELL = ParagraphStyle("central-cell", BODY, fontSize=SIZE, leading=SIZE * 1.25)
TITLE_TEXT = "LAPORAN PENERIMAAN HARIAN PUSAT"


def _rp(amount: int) -> str:
    """An amount in a table whose heading says Rupiah."""
    return format_rupiah(amount, symbol=False)


def _summary(day: CentralDay) -> list[Flowable]:
    offices, channels = len(day.offices), len(day.channels)
    rows = [["Sumber", "Pembayaran", "Rekening", "Jumlah (Rp)"],
            [f"Loket ({_count(offices)} kantor)", _count(day.counter_count), _count(sum(o.bills for o in day.offices)),
             _rp(day.counter_total)],
            [f"Kanal pembayaran ({_count(channels)} kanal)", _count(day.channel_count),
             _count(sum(c.bills for c in day.channels)), _rp(day.channel_total)],
            ["Jumlah keseluruhan", _count(day.count), _count(day.bills), _rp(day.total)]]
    widths = [70 * mm, 28 * mm, 28 * mm, WIDTH - 126 * mm]
    table = _grid(rows, widths, right_from=1, total_row=True, size=SIZE)
    voids = [o.voids for o in day.offices]
    reversals = [c.reversed for c in day.channels]
    aside = [("Dibatalkan di loket", sum(t.count for t in voids), sum(t.amount for t in voids)),
             ("Dibatalkan oleh kanal", sum(t.count for t in reversals), sum(t.amount for t in reversals)),
             ("Pengembalian uang dari laci", sum(o.refunds.count for o in day.offices),
              sum(o.refunds.amount for o in day.offices)),
             ("Setoran ke bank tercatat", sum(o.deposits.count for o in day.offices),
              sum(o.deposits.amount for o in day.offices))]
    # under the table's own columns, outside its sums
    more = Table([[label, f"{_count(n)} kali", "", _rp(amount)] for label, n, amount in aside], colWidths=widths,
                 hAlign="LEFT")
    more.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                              ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    note = _p("Pembatalan tidak termasuk dalam jumlah. Pengembalian uang dan setoran dicatat di tutup kas kantor "
              "masing-masing.", NOTE)
    return [table, Spacer(0, 2 * mm), more, Spacer(0, 1 * mm), note]


def _components(day: CentralDay) -> list[Flowable]:
    k = day.components
    rows = [["Komponen", "Jumlah"], ["Harga air", format_rupiah(k.water)], ["Biaya beban", format_rupiah(k.standing)],
            ["Pemeliharaan meter", format_rupiah(k.meter)], ["Administrasi", format_rupiah(k.admin)],
            ["Denda", format_rupiah(k.fines)], ["Angsuran", format_rupiah(k.terms)],
            ["Uang muka", format_rupiah(k.down_payments)], ["Meterai", format_rupiah(k.stamp_duty)],
            ["Jumlah diterima", format_rupiah(k.collected)]]
    table = _grid(rows, [60 * mm, 40 * mm], right_from=1, total_row=True, size=SIZE)
    table.hAlign = "LEFT"
    waived = Table([["Keringanan (dihapus, tidak diterima)", format_rupiah(k.waived)]], colWidths=[60 * mm, 40 * mm],
                   hAlign="LEFT")
    waived.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("TEXTCOLOR", (0, 0), (-1, -1), VOID_GREY),
                                ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story: list[Flowable] = [table, waived]
    if k.collected != day.total:
        story.append(_p(f"Perhatian: jumlah komponen {format_rupiah(k.collected)} tidak sama dengan jumlah "
                        f"penerimaan {format_rupiah(day.total)}.", ALERT))
    return story


def _office_rows(office: OfficeDay, start: int) -> tuple[list[list], list[tuple]]:
    """An office's block of rows (`start`: the table row it begins at) and its style."""
    state = "sudah ditutup" if office.closed else f'<font color="#{RED.hexval()[2:]}">BELUM ditutup</font>'
    name = Paragraph(f"<b>{escape(office.code)}</b> {escape(office.name)} (tutup kas: {state})", CELL)
    rows: list[list] = [[name, "", ""]]
    rows += [[f"    {method_label(t.label)}", _count(t.count), _rp(t.amount)] for t in office.by_method]
    if not office.by_method:
        rows.append(["    Tidak ada pembayaran di loket", "", ""])
    rows += [["    Jumlah diterima", _count(office.count), _rp(office.total)],
             ["    Dibatalkan (tidak dijumlahkan)", _count(office.voids.count), _rp(office.voids.amount)],
             ["    Pengembalian uang dari laci", _count(office.refunds.count), _rp(office.refunds.amount)],
             ["    Setoran ke bank", _count(office.deposits.count) if office.deposits.count else "belum ada",
              _rp(office.deposits.amount) if office.deposits.count else ""],
             ["    Rekening dibayar", _count(office.bills), ""]]
    end = start + len(rows) - 1
    total = end - 4
    style = [("SPAN", (0, start), (-1, start)), ("LINEABOVE", (0, start), (-1, start), 0.5, GRID),
             ("FONT", (0, total), (-1, total), FONT_BOLD, SIZE), ("LINEABOVE", (1, total), (-1, total), 0.25, GRID),
             ("TEXTCOLOR", (0, total + 1), (-1, total + 1), VOID_GREY),
             ("NOSPLIT", (0, start), (-1, end))]
    return rows, style


def _offices(day: CentralDay) -> Flowable:
    if not day.offices:
        return _p("Belum ada kantor di pusat.", NOTE)
    rows: list[list] = [["Kantor / metode", "Pembayaran", "Jumlah (Rp)"]]
    style: list[tuple] = [("FONT", (0, 0), (-1, -1), FONT, SIZE), ("FONT", (0, 0), (-1, 0), FONT_BOLD, SIZE),
                          ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                          ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    for office in day.offices:
        more, extra = _office_rows(office, len(rows))
        rows += more
        style += extra
    rows.append(["Semua kantor: jumlah diterima", _count(day.counter_count), _rp(day.counter_total)])
    style += [("FONT", (0, -1), (-1, -1), FONT_BOLD, SIZE), ("BACKGROUND", (0, -1), (-1, -1), SHADE),
              ("LINEABOVE", (0, -1), (-1, -1), 0.5, GRID)]
    table = Table(rows, colWidths=[WIDTH - 72 * mm, 28 * mm, 44 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _channel_cell(channel: ChannelDay) -> Paragraph:
    return Paragraph(f"<b>{escape(channel.code)}</b><br/>{escape(channel.name)}", CELL)


def _channels(day: CentralDay) -> Flowable:
    if not day.channels:
        return _p("Tidak ada kanal pembayaran terdaftar.", NOTE)
    rows: list[list] = [["Kanal", "Pembayaran", "Rekening", "Jumlah (Rp)", "Dibatalkan", "Jumlah\nbatal (Rp)",
                         "Rekon-\nsiliasi"]]
    rows += [[_channel_cell(c), _count(c.count), _count(c.bills), _rp(c.total), _count(c.reversed.count),
              _rp(c.reversed.amount), "sudah" if c.settled else "belum"] for c in day.channels]
    rows.append(["Semua kanal", _count(day.channel_count), _count(sum(c.bills for c in day.channels)),
                 _rp(day.channel_total), _count(sum(c.reversed.count for c in day.channels)),
                 _rp(sum(c.reversed.amount for c in day.channels)), ""])
    # DejaVu is wide: each column as wide as its bold heading (or 13 digits of Rupiah), with narrow padding
    widths = [0, 23.5 * mm, 18 * mm, 31 * mm, 20.5 * mm, 24 * mm, 14 * mm]
    widths[0] = WIDTH - sum(widths)
    table = _grid(rows, widths, right_from=1, total_row=True, size=SIZE)
    table.setStyle(TableStyle([("TEXTCOLOR", (4, 1), (5, -2), VOID_GREY), ("ALIGN", (6, 0), (6, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return table


def central_day_pdf(day: CentralDay) -> bytes:
    """The day report across offices and channels, A4 portrait, as PDF bytes."""
    _register_fonts()
    story = _header(day.utility, "Pusat: semua kantor dan kanal pembayaran")
    story += [_p(TITLE_TEXT, TITLE),
              _p(f"Tanggal {format_date(day.business_date)}. Dibuat {format_moment(day.made_at)}", CENTER),
              Spacer(0, 3 * mm),
              _p("Semua pembayaran yang tercatat di pusat untuk tanggal ini: di loket setiap kantor dan lewat kanal "
                 "pembayaran (bank, marketplace, kantor pos). Laporan tutup kas tiap kantor tetap tentang uang "
                 "tunai loketnya dan tidak diubah oleh laporan ini. Angka kantor yang belum tutup kas masih "
                 "sementara.", NOTE)]
    if day.empty:
        story += [Spacer(0, 2 * mm), _p("Tidak ada pembayaran yang tercatat di pusat untuk tanggal ini.", ALERT)]
    story += [*_section("Ringkasan"), *_summary(day)]
    story += [KeepTogether([*_section("Komponen penerimaan (loket dan kanal)"), *_components(day)])]
    story += [*_section("Per kantor (loket)"), _offices(day)]
    story += [*_section("Per kanal pembayaran"), _channels(day)]
    return _render(story, title=f"Laporan harian pusat {day.business_date.isoformat()}", author=day.utility,
                   footer=f"Laporan penerimaan harian pusat {format_date(day.business_date)}")
