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
    """`Rp 100.000 x 12 = Rp 1.200.000`, notes then coins, only what was counted: one table, its
    "=" in one column and the amounts right-aligned (on 58 mm the "Rp" of the pieces goes if need be)."""
    counted = [(d, n) for d in DENOMINATIONS if (n := shift.counts.get(d.key, 0))]
    if not counted:
        return ["(tidak ada uang di laci)"]
    pieces = [_count(n) for _, n in counted]
    amounts = [format_rupiah(d.value * n) for d, n in counted]
    amount_width, pieces_width = max(map(len, amounts)), max(map(len, pieces))
    for indent, symbol in (("  ", True), ("", True), ("  ", False), ("", False)):
        names = [format_rupiah(d.value, symbol=symbol) for d, _ in counted]
        name_width = max(map(len, names))
        left_width = width - amount_width - 3  # what stands before " = "
        if len(indent) + name_width + 3 + pieces_width <= left_width:
            break
    else:  # beyond any real drawer: each amount on its own line under its count
        left_width = -3
    lines: list[str] = []
    for (denomination, _), name, count, amount in zip(counted, names, pieces, amounts):
        heading = "Koin" if denomination.coin else "Uang kertas"
        if heading not in lines:
            lines.append(heading)
        left = f"{indent}{name:<{name_width}} x {count:>{pieces_width}}"
        if left_width < 0:
            lines += [left, f"= {amount}".rjust(width)]
        else:
            lines.append(f"{left:<{left_width}} = {amount:>{amount_width}}")
    return lines


# Shorter words for 58 mm paper, only where the full label and its amount would not fit on one line.
SHORT_LABELS = {"Kredit pelanggan": "Kredit", "Transfer bank": "Transfer", "Kartu debit": "Debit",
                "Rekening air": "Rekening", "Angsuran & uang muka": "Angsuran & DP",
                "dr kuitansi manual": "dr kuit. manual", "Seharusnya di laci": "Harus di laci",
                "Pengembalian uang": "Pengembalian"}


def _amount(words: str, amount: int, width: int, indent: str = "", count: int | None = None) -> list[str]:
    """`label   Rp 1.234` on one line: an amount never wraps away from its label."""
    value = format_rupiah(amount)
    suffix = "" if count is None else f" ({_count(count)})"
    for name in (words, SHORT_LABELS.get(words, words)):
        label = ascii_text(f"{indent}{name}{suffix}")
        if len(label) + 1 + len(value) <= width:
            return [label + value.rjust(width - len(label))]
    return money_row(f"{indent}{words}{suffix}", amount, width)  # beyond any real shift: wrap the label


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
            lines += field("Oleh", shift.closed_by_name or shift.closed_by, width)
    lines.append(rule)

    lines += row("Jumlah kuitansi", _count(shift.payments), width)
    lines += row("Dibatalkan", _count(shift.voids), width)
    lines += row("Cetak ulang", _count(shift.reprints), width)
    lines += [rule, "Per metode bayar:"]
    for tally in shift.by_method:
        lines += _amount(METHOD_LABELS.get(tally.label, tally.label), tally.amount, width, "  ", tally.count)
        if tally.label == "cash" and shift.rounding:  # of the cash: the rounding of its receipts
            lines += _amount("dr pembulatan", shift.rounding, width, "    ")
    if not shift.by_method:
        lines.append("  (belum ada penerimaan)")
    lines += _amount("Jumlah", sum(t.amount for t in shift.by_method), width, "  ",
                     sum(t.count for t in shift.by_method if t.label != CREDIT))
    if shift.credit_used:  # part of the receipts' totals, but no money: not in the drawer
        lines += wrap("  (kredit pelanggan bukan uang: tidak ada di laci)", width, hanging="   ")
    if shift.components:  # what the receipts paid for: the same total, split
        lines += [rule, "Per komponen:"]
        for tally in shift.components:
            lines += _amount(COMPONENT_LABELS.get(tally.label, tally.label), tally.amount, width, "  ")
        lines += _amount("Jumlah", sum(t.amount for t in shift.components), width, "  ")
    lines.append(rule)

    lines += _amount("Modal awal", shift.opening_float, width)
    lines += _amount("Tunai diterima", shift.cash_taken, width)
    if shift.paper_cash:  # of it: paper receipts of an outage, written on other days, entered in this shift
        lines += _amount("dr kuitansi manual", shift.paper_cash, width, "  ")
    lines += _amount("Kembalian", -shift.change_given, width)
    if shift.refunds_paid:  # cash paid back to customers: money out of this drawer
        lines += _amount("Pengembalian uang", -shift.refunds_paid, width)
    lines += bold(_amount("Seharusnya di laci", shift.expected_cash, width))
    lines.append(rule)
    if shift.is_open:
        return lines

    lines += ["Hitungan uang di laci:", *_counts(shift, width)]
    lines += bold(_amount("Dihitung", shift.counted, width))
    lines += bold(_amount(f"Selisih ({_variance_word(shift.variance)})", shift.variance, width))
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
