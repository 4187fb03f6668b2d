"""The Z-report of a cashier's shift on the thermal printer (58 or 80 mm): what
was taken, what was paid back (refunds), what the drawer should hold, the count per denomination, the
difference and its reason, and room for two signatures.

`z_report_lines` is the plain text (pure ASCII, never wider than the paper);
`z_report_bytes` prints the same lines as ESC/POS through python-escpos's
`Dummy` printer, with the title and the key amounts in bold.
"""

from __future__ import annotations

import datetime as dt

from counter.errors import InvalidInput
from counter.printing.escpos_receipt import PAPER_COLUMNS, ascii_text, columns, field, money_row, row, wrap
from counter.printing.plan_pdf import format_date
from counter.printing.receipt import format_moment, zone_abbreviation
from counter.rules.cash import DENOMINATIONS
from counter.rules.money import format_rupiah
from counter.printing.day_figures import COMPONENT_LABELS, ShiftFigures
from counter.rules.payment_methods import CREDIT, METHOD_LABELS

BOLD = "\x00"  # marks a line to print in bold; never reaches the paper (ascii_text drops control characters)


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _centre(text: str, width: int) -> list[str]:
    return [line.center(width).rstrip() for line in wrap(text, width)]


def _time(moment: dt.datetime, day: dt.date) -> str:
    """`15:45:00 WITA` on the shift's own day (it is printed above), else the date too."""
    if moment.date() != day:
        return format_moment(moment)
    return f"{moment:%H:%M:%S} {zone_abbreviation(moment)}".rstrip()


def _variance_word(variance: int) -> str:
    return "KURANG" if variance < 0 else "LEBIH" if variance > 0 else "PAS"


def _counts(shift: ShiftFigures, width: int) -> list[str]:
    """`Rp 100.000 x 12   = Rp 1.200.000`, notes then coins, only what was counted."""
    lines: list[str] = []
    for coin, heading in ((False, "Uang kertas"), (True, "Koin")):
        counted = [(d, shift.counts.get(d.key, 0)) for d in DENOMINATIONS if d.coin == coin]
        counted = [(d, n) for d, n in counted if n]
        if counted:
            lines.append(heading)
        for denomination, pieces in counted:
            lines += row(f"  {format_rupiah(denomination.value)} x {_count(pieces)}",
                         f"= {format_rupiah(denomination.value * pieces)}", width)
    return lines or ["(tidak ada uang di laci)"]


def bold(lines: list[str]) -> list[str]:
    return [BOLD + line for line in lines]


def _marked(shift: ShiftFigures, width: int) -> list[str]:
    """The report's lines; a line starting with BOLD prints in bold."""
    if width not in PAPER_COLUMNS.values():
        raise InvalidInput(f"Lebar struk tidak dikenal: {width} kolom (pakai 32 untuk 58 mm atau 48 untuk 80 mm).")
    rule, double = "-" * width, "=" * width
    lines = [double, *bold(_centre("LAPORAN Z - TUTUP SHIFT", width)), double]
    lines += field("Kantor", f"{shift.office_name} ({shift.office_code})", width)
    lines += field("Loket", shift.counter_code, width)
    lines += field("Kasir", f"{shift.cashier_name} ({shift.cashier})", width)
    lines += field("Tanggal", format_date(shift.business_date), width)
    lines += field("Buka", _time(shift.opened_at, shift.business_date), width)
    if shift.is_open:
        lines += [rule, *bold(_centre("*** SHIFT MASIH BUKA ***", width)),
                  *_centre("belum dihitung, angka sementara", width)]
    else:
        lines += field("Tutup", _time(shift.closed_at, shift.business_date), width)
        if shift.closed_by and shift.closed_by != shift.cashier:
            lines += field("Oleh", shift.closed_by, width)
    lines.append(rule)

    lines += row("Jumlah kuitansi", _count(shift.payments), width)
    lines += row("Dibatalkan", _count(shift.voids), width)
    lines += row("Cetak ulang", _count(shift.reprints), width)
    lines += [rule, "Per metode bayar:"]
    for tally in shift.by_method:
        lines += money_row(f"  {METHOD_LABELS.get(tally.label, tally.label)} ({_count(tally.count)})", tally.amount,
                           width)
        if tally.label == "cash" and shift.rounding:  # of the cash: the rounding of its receipts
            lines += money_row("    dr pembulatan", shift.rounding, width)
    if not shift.by_method:
        lines.append("  (belum ada penerimaan)")
    lines += money_row(f"  Jumlah ({_count(sum(t.count for t in shift.by_method if t.label != CREDIT))})",
                       sum(t.amount for t in shift.by_method), width)
    if shift.credit_used:  # part of the receipts' totals, but no money: not in the drawer
        lines += wrap("  (kredit pelanggan bukan uang: tidak ada di laci)", width, hanging="   ")
    if shift.components:  # what the receipts paid for: the same total, split
        lines += [rule, "Per komponen:"]
        for tally in shift.components:
            lines += money_row(f"  {COMPONENT_LABELS.get(tally.label, tally.label)}", tally.amount, width)
        lines += money_row("  Jumlah", sum(t.amount for t in shift.components), width)
    lines.append(rule)

    lines += money_row("Modal awal", shift.opening_float, width)
    lines += money_row("Tunai diterima", shift.cash_taken, width)
    if shift.paper_cash:  # of it: paper receipts of an outage, written on other days, entered in this shift
        lines += money_row("  dr kuitansi manual", shift.paper_cash, width)
    lines += money_row("Kembalian", -shift.change_given, width)
    if shift.refunds_paid:  # cash paid back to customers: money out of this drawer
        lines += money_row("Pengembalian uang", -shift.refunds_paid, width)
    lines += bold(money_row("Seharusnya di laci", shift.expected_cash, width))
    lines.append(rule)
    if shift.is_open:
        return lines

    lines += ["Hitungan uang di laci:", *_counts(shift, width)]
    lines += bold(money_row("Dihitung", shift.counted, width))
    lines += bold(money_row(f"Selisih ({_variance_word(shift.variance)})", shift.variance, width))
    if shift.variance_reason:
        lines += wrap(f"Alasan: {shift.variance_reason}", width, hanging="  ")
    elif shift.variance:
        lines.append("Alasan: (tidak diisi)")
    lines += [rule, ""]
    half = width // 2
    lines += [f"{'Kasir':<{half}}{'Kepala Unit'}", "", "", ""]
    sign = "(" + "." * (half - 4) + ")"
    lines += [f"{sign:<{half}}{sign}", ""]
    return lines


def z_report_lines(shift: ShiftFigures, width: int) -> list[str]:
    """The Z-report as plain text lines of at most `width` columns (32: 58 mm, 48: 80 mm)."""
    return [line.removeprefix(BOLD) for line in _marked(shift, width)]


def z_report_text(shift: ShiftFigures, paper: str = "80mm") -> str:
    """The Z-report as it prints on `paper`, as plain text (a screen, a file)."""
    return "\n".join(z_report_lines(shift, columns(paper)))


def z_report_bytes(shift: ShiftFigures, paper: str = "80mm") -> bytes:
    """The Z-report as ESC/POS bytes for 58 mm or 80 mm paper, ending in a cut."""
    from escpos.printer import Dummy

    width = columns(paper)
    printer = Dummy()
    printer.hw("INIT")
    printer.set(align="left")
    bold = False
    for line in _marked(shift, width):
        wanted = line.startswith(BOLD)
        if wanted != bold:
            printer.set(bold=wanted)
            bold = wanted
        text = ascii_text(line.removeprefix(BOLD))
        assert len(text) <= width, text
        printer.textln(text)
    printer.cut()
    return printer.output
