"""Command-line commands for an outage of the payment system: the outage a
supervisor opens for a date range, and the book of paper receipts (kuitansi
manual) written during it, entered from a CSV file (see counter.cli for the
conventions; the CSV's format is in docs/import.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _approval, _approver_args, _console, _date, _pin_args, _table, acting_desk
from counter.errors import InvalidInput
from counter.rules.money import format_rupiah, parse_rupiah
from counter.rules.period import label


def cmd_outage(app: App, args: argparse.Namespace) -> object:
    from counter.services import outages

    if args.what == "open":
        if args.date_from is None or args.date_to is None:
            raise InvalidInput("Sebutkan tanggal gangguan: --from TANGGAL --to TANGGAL (mis. 2026-04-10).")
        desk = acting_desk(app, args, "Catat gangguan sistem")
        opened = outages.open_outage(app.uow(), desk, args.date_from, args.date_to, args.reason or "",
                                     _approval(args))
        _sync_now(app)
        if args.json:
            return opened
        _console().print(f"Gangguan {outages.span(opened.date_from, opened.date_to)} dicatat ({opened.reason}), "
                         f"disetujui {opened.approved_by}. Kuitansi manual tanggal itu dapat dicatat: "
                         "counter paper-receipts BERKAS.csv --book-total JUMLAH --approver NAMA.")
        return None
    found = outages.list_outages(app.uow(), app.desk())
    if args.json:
        return found
    rows = [(outages.span(o.date_from, o.date_to), o.days, o.reason, o.opened_by, o.approved_by,
             f"{o.opened_at:%d-%m-%Y %H:%M}", o.counter_code) for o in found]
    _console().print(_table(f"{len(found)} gangguan sistem", ["Tanggal", "Hari", "Alasan", "Dicatat", "Disetujui",
                                                              "Waktu", "Loket"], rows, right={1}))
    return None


def cmd_paper_receipts(app: App, args: argparse.Namespace) -> object:
    from counter.application import central_of, enter_paper_book
    from counter.services.paper_receipts import check_book, read_csv
    from counter.services.shifts import NoShift

    if args.book_total is None:
        raise InvalidInput("Sebutkan jumlah yang tertulis di buku kuitansi: --book-total 1.250.000.")
    book_total = parse_rupiah(args.book_total)
    rows = read_csv(args.file)
    planned = check_book(app.uow(), app.desk(), rows, book_total)  # a bad book is said before any PIN is asked
    if args.check:
        if args.json:
            return {"checked": len(planned), "total": sum(p.total for p in planned), "rows": planned}
        _print_entries(planned, f"{len(planned)} kuitansi manual benar, {format_rupiah(book_total)}; belum dicatat "
                                "(tanpa --check untuk mencatatnya)")
        return None
    desk = acting_desk(app, args, "Kuitansi manual")
    try:
        done = enter_paper_book(app, desk, rows, book_total, _approval(args), central_of(app), printing=args.print)
    except NoShift as error:
        raise NoShift(f"{error} Di baris perintah: counter shift open --float 200000.") from None
    _sync_now(app)
    entered = done.entered
    if args.json:
        return {"entered": entered, "printed": done.printed, "print_errors": done.print_errors}
    _print_entries(list(entered.entries), f"{len(entered.entries)} kuitansi manual dicatat, "
                                          f"{format_rupiah(entered.total)}, disetujui {entered.approved_by}; "
                                          f"uangnya masuk shift {entered.entered_by}")
    if entered.late:
        _console().print(f"[bold]{len(entered.late)} kuitansi bertanggal hari yang sudah ditutup[/bold]: masuk "
                         "bagian 'diterima setelah tutup hari' laporan hari itu; setor tunainya sebagai setoran "
                         "susulan hari itu.")
    for error in done.print_errors:
        _console().print(f"Struk GAGAL dicetak: {error}")
    return None


def _print_entries(entries: list, title: str) -> None:
    rows = [(e.line, e.paper_no, e.receipt_no or "-", e.customer, f"{e.written_on:%d-%m-%Y}", e.cashier,
             ", ".join(label(m) for m in e.months), format_rupiah(e.fines), format_rupiah(e.total),
             "TERLAMBAT" if e.late else "") for e in entries]
    _console().print(_table(title, ["Baris", "No. manual", "No. struk", "No. samb.", "Tanggal", "Kasir", "Bulan",
                                    "Denda", "Jumlah", ""], rows, right={0, 7, 8}))


def _sync_now(app: App) -> None:
    from counter.cli_cash import _sync_now as sync_now

    sync_now(app)


def add_outage_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("outage", cmd_outage, "outages of the payment system: open one (a supervisor approves), list them")
    p.add_argument("what", choices=["open", "list"])
    p.add_argument("--from", dest="date_from", type=_date, help="open: the outage's first day")
    p.add_argument("--to", dest="date_to", type=_date, help="open: its last day (inclusive)")
    p.add_argument("--reason", help="open: what happened, e.g. 'server SOPP mati'")
    _pin_args(p)  # open
    _approver_args(p)
    p = command("paper-receipts", cmd_paper_receipts,
                "enter a book of paper receipts written during an outage, from a CSV file (docs/import.md)")
    p.add_argument("file", type=Path, help="CSV: number,months,paper_no,amount,cashier,written_on")
    p.add_argument("--book-total", help="the total written in the book, e.g. 1.250.000")
    p.add_argument("--check", action="store_true", help="check the file only; nothing is recorded")
    p.add_argument("--print", action="store_true", help="print each payment's receipt after recording the book")
    _pin_args(p)
    _approver_args(p)
