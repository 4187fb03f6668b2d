"""Central's day report as a PDF (A4 portrait, ReportLab, DejaVu Sans embedded):
every office's counter payments by method, voids, refunds and deposits, every
channel's payments and reversals, the components and the grand total. It
stands beside each office's cash closing (`day_report_pdf.closing_pdf`), in
the same header, fonts and tables, and says cash rounding and customer credit
as the closing does: each method's line is what it brought in, *Kredit
pelanggan* a line of its own (no money), *Pembulatan tunai* a component."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counter.printing.central_day import CentralDay, ChannelDay, OfficeDay
from counter.printing.day_report_pdf import ALERT, NOTE, RED, VOID_GREY, _count, _section, method_label
from counter.printing.pdf_receipt import FONT, FONT_BOLD
from counter.printing.plan_pdf import (BODY, CENTER, GRID, SHADE, TITLE, WIDTH, _grid, _header, _p, _register_fonts,
                                       _render, format_date)
from counter.printing.receipt import COMPONENT_LABELS as BILL_PARTS, format_moment
from counter.rules.money import format_rupiah

SIZE = 8.5  # tables
CELL = ParagraphStyle("central-cell", BODY, fontSize=SIZE, leading=SIZE * 1.25)
TITLE_TEXT = "LAPORAN PENERIMAAN HARIAN PUSAT"
TITLE_OFFICES = "Per kantor (loket)"
WHOSE = ("Semua pembayaran yang tercatat di pusat untuk tanggal ini: di loket setiap kantor dan lewat kanal "
         "pembayaran (bank, marketplace, kantor pos).",
         "Pembayaran kantor {office} yang tercatat di pusat untuk tanggal ini: di loketnya dan lewat kanal "
         "pembayaran (bank, marketplace, kantor pos) untuk pelanggannya.")  # all offices; one (--office)


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
    aside = [*([("Kredit pelanggan dipakai (bukan uang)", day.credit_count, day.credit_used)] if day.credit_used
               else []),
             ("Dibatalkan di loket", sum(t.count for t in voids), sum(t.amount for t in voids)),
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
    rows = [["Komponen", "Jumlah"], *([BILL_PARTS[key], format_rupiah(amount)] for key, amount in (
                ("water_charge", k.water), ("standing_charge", k.standing), ("meter_fee", k.meter),
                ("admin_fee", k.admin), ("fine", k.fines))), ["Angsuran", format_rupiah(k.terms)],
            ["Uang muka", format_rupiah(k.down_payments)],
            *([["Biaya lain", format_rupiah(k.charges)]] if k.charges else []),
            ["Meterai", format_rupiah(k.stamp_duty)],
            *([["Pembulatan tunai", format_rupiah(k.rounding)]] if k.rounding else []),
            ["Jumlah diterima", format_rupiah(k.collected)]]
    widths = [60 * mm, 40 * mm]
    table = _grid(rows, widths, right_from=1, total_row=True, size=SIZE)
    table.hAlign = "LEFT"
    # under the table's columns, outside its sum: the credit (part of it, no money) and the money; what relief waived
    beside = [*([("Kredit pelanggan dipakai (bukan uang)", k.collected - day.received),
                 ("Uang diterima", day.received)] if day.credit_used else []),
              ("Keringanan (dihapus, tidak diterima)", k.waived)]
    more = Table([[label, format_rupiah(amount)] for label, amount in beside], colWidths=widths, hAlign="LEFT")
    more.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                              ("TEXTCOLOR", (0, -1), (-1, -1), VOID_GREY)]))
    story: list[Flowable] = [table, more]
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
    total = start + len(rows)
    rows.append(["    Jumlah diterima", _count(office.count), _rp(office.total)])
    if office.rounding:
        rows.append(["    termasuk pembulatan tunai", "", _rp(office.rounding)])
    rows += [["    Dibatalkan (tidak dijumlahkan)", _count(office.voids.count), _rp(office.voids.amount)],
             ["    Pengembalian uang dari laci", _count(office.refunds.count), _rp(office.refunds.amount)],
             ["    Setoran ke bank", _count(office.deposits.count) if office.deposits.count else "belum ada",
              _rp(office.deposits.amount) if office.deposits.count else ""],
             ["    Rekening dibayar", _count(office.bills), ""]]
    end = start + len(rows) - 1
    voids = end - 3
    style = [("SPAN", (0, start), (-1, start)), ("LINEABOVE", (0, start), (-1, start), 0.5, GRID),
             ("FONT", (0, total), (-1, total), FONT_BOLD, SIZE), ("LINEABOVE", (1, total), (-1, total), 0.25, GRID),
             ("TEXTCOLOR", (0, voids), (-1, voids), VOID_GREY),
             ("NOSPLIT", (0, start), (-1, end))]
    return rows, style


def _offices(day: CentralDay) -> list[Flowable]:
    """The section: its title, then the table of every office's block."""
    if not day.offices:
        return [*_section(TITLE_OFFICES), _p("Belum ada kantor di pusat.", NOTE)]
    rows: list[list] = [["Kantor / metode", "Pembayaran", "Jumlah (Rp)"]]
    style: list[tuple] = [("FONT", (0, 0), (-1, -1), FONT, SIZE), ("FONT", (0, 0), (-1, 0), FONT_BOLD, SIZE),
                          ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                          ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    first = 0  # the rows up to the end of the first office's block, which the table never splits
    for office in day.offices:
        more, extra = _office_rows(office, len(rows))
        rows += more
        style += extra
        first = first or len(rows)
    rows.append(["Semua kantor: jumlah diterima", _count(day.counter_count), _rp(day.counter_total)])
    style += [("FONT", (0, -1), (-1, -1), FONT_BOLD, SIZE), ("BACKGROUND", (0, -1), (-1, -1), SHADE),
              ("LINEABOVE", (0, -1), (-1, -1), 0.5, GRID)]
    table = Table(rows, colWidths=[WIDTH - 72 * mm, 28 * mm, 44 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    # the title goes to the next page with the table unless the first block fits under it: never alone at the foot
    table.wrap(WIDTH, 1_000 * mm)
    _, title = _section(TITLE_OFFICES)
    return [CondPageBreak(sum(table._rowHeights[:first]) + 12 * mm), title, table]


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
    scope = (f"Kantor {day.office}: loketnya dan kanal pembayaran untuk pelanggannya" if day.office
             else "Pusat: semua kantor dan kanal pembayaran")
    story = _header(day.utility, scope)
    story += [_p(TITLE_TEXT, TITLE),
              _p(f"Tanggal {format_date(day.business_date)}. Dibuat {format_moment(day.made_at)}", CENTER),
              Spacer(0, 3 * mm),
              _p(f"{WHOSE[bool(day.office)].format(office=day.office)} Laporan tutup kas tiap kantor "
                 "tetap tentang uang tunai loketnya dan tidak diubah oleh laporan ini. Angka kantor yang belum "
                 "tutup kas masih sementara.", NOTE)]
    if day.empty:
        story += [Spacer(0, 2 * mm), _p("Tidak ada pembayaran yang tercatat di pusat untuk tanggal ini.", ALERT)]
    story += [*_section("Ringkasan"), *_summary(day)]
    story += [KeepTogether([*_section("Komponen penerimaan (loket dan kanal)"), *_components(day)])]
    story += _offices(day)
    story += [*_section("Per kanal pembayaran"), _channels(day)]
    return _render(story, title=f"Laporan harian pusat {day.business_date.isoformat()}", author=day.utility,
                   footer=f"Laporan penerimaan harian pusat {format_date(day.business_date)}")
