"""Command-line commands for the cash: a cashier's shift (open, close with the
count, Z-report), the office day (status, sign-off), the deposit and the daily
reports (see counter.cli for the conventions)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _approval, _approver_args, _console, _date, _pin_args, _table, _to_json, acting_desk
from counter.errors import CounterError, InvalidInput
from counter.rules.cash import DENOMINATIONS
from counter.rules.money import ascii_digits, format_rupiah, parse_rupiah
from counter.printing.day_figures import DayFigures, ShiftFigures


def _counts(items: list[str]) -> dict[str, object]:
    """`100000=3 c500=4` -> {"100000": 3, "c500": 4}; a count that is not a whole number is left to the use case."""
    counts: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise InvalidInput(f"Hitungan {item!r} harus berbentuk PECAHAN=JUMLAH, mis. 100000=3 atau c500=4.")
        value = value.strip()
        counts[name.strip()] = int(value) if ascii_digits(value.removeprefix("-")) else value
    return counts


def _print_shift(shift: ShiftFigures) -> None:
    console = _console()
    state = "MASIH BUKA" if shift.is_open else f"ditutup {shift.closed_at:%d-%m-%Y %H:%M}"
    console.print(f"[bold]Shift {shift.cashier} di loket {shift.counter_code}, {shift.business_date:%d-%m-%Y}[/bold] "
                  f"({state})")
    rows = [(t.label, t.count, format_rupiah(t.amount)) for t in shift.by_method]
    console.print(_table(f"{shift.payments} struk, {shift.voids} batal, {shift.reprints} cetak ulang",
                         ["Cara bayar", "Struk", "Jumlah"], rows, right={1, 2}))
    refunds = f" - pengembalian uang {format_rupiah(shift.refunds_paid)}" if shift.refunds_paid else ""
    console.print(f"Modal awal {format_rupiah(shift.opening_float)} + tunai diterima {format_rupiah(shift.cash_taken)}"
                  f" - kembalian {format_rupiah(shift.change_given)}{refunds} = [bold]seharusnya "
                  f"{format_rupiah(shift.expected_cash)}[/bold]")
    if shift.paper_cash:
        console.print(f"(Tunai diterima termasuk {format_rupiah(shift.paper_cash)} dari kuitansi manual masa gangguan "
                      "bertanggal hari lain.)")
    if shift.counted is not None:
        console.print(f"Dihitung {format_rupiah(shift.counted)}, selisih [bold]{format_rupiah(shift.variance)}[/bold]"
                      + (f" ({shift.variance_reason})" if shift.variance_reason else ""))


def cmd_shift(app: App, args: argparse.Namespace) -> object:
    from counter.services import shifts

    if args.what == "open":
        if args.float is None:
            raise InvalidInput("Sebutkan modal awal: --float 200000.")
        opening_float = parse_rupiah(args.float)
        desk = acting_desk(app, args, "Buka shift")
        opened = shifts.open_shift(app.uow(), desk, opening_float)
        if args.json:
            return opened
        _console().print(f"Shift dibuka dengan modal awal {format_rupiah(opened.opening_float)}.")
        return None
    if args.what == "close":
        if not args.count:
            raise InvalidInput("Sebutkan hitungan kas per pecahan, mis. --count 100000=3 --count c500=4 "
                               f"(pecahan: {', '.join(d.key for d in DENOMINATIONS)}).")
        desk = acting_desk(app, args, "Tutup shift")
        shift = shifts.close_shift(app.uow(), desk, _counts(args.count), args.reason or "",
                                   app.config.closing.variance_limit, _approval(args))
    else:
        desk = app.desk()
        with app.uow() as uow:
            found = shifts.find_shift(uow.session, args.id) if args.id else shifts.open_shift_of(uow.session, desk)
            if found is None:
                raise InvalidInput("Tidak ada shift terbuka di loket ini; sebutkan --id SHIFT.")
            shift = shifts.shift_figures(uow.session, found, desk.zone)
    if args.what == "z" and args.text:
        from counter.printing.z_report import z_report_text

        print(z_report_text(shift, app.config.printer.paper))
        return None
    if args.what in ("z", "close"):  # closing prints the Z-report as the desk does
        from counter.services.shift_report import deliver_z_report

        try:
            said = deliver_z_report(shift, dataclasses.asdict(app.config.printer),
                                    app.config.store.data_dir / "reports")
        except CounterError as error:
            if args.what == "z":
                raise
            said = f"Shift ditutup, tetapi laporan Z gagal: {error} (lagi: counter shift z --id {shift.shift_id})"
        if args.what == "z" or not args.json:
            _console().print(said)
        if args.what == "z":
            return None
    if args.json:
        return shift
    _print_shift(shift)
    return None


def _read_day(app: App, args: argparse.Namespace) -> DayFigures:
    from counter.services.day_closing import read_day

    if args.local:
        return read_day(app.uow(), None, app.desk(), args.date or app.desk().today())
    _sync_now(app)  # this counter's own acts first
    return read_day(app.uow(), app.central, app.desk(), args.date or app.desk().today())


def _print_day(figures: DayFigures) -> None:
    console = _console()
    status = (f"DITUTUP {figures.closing.closed_at:%d-%m-%Y %H:%M} oleh {figures.closing.closed_by}"
              if figures.closing else "BELUM DITUTUP")
    console.print(f"[bold]{figures.office_name}, {figures.business_date:%d-%m-%Y}[/bold]: {status}")
    console.print(f"{figures.count} struk, [bold]{format_rupiah(figures.total)}[/bold] "
                  f"(tunai {format_rupiah(figures.cash_total)})")
    for title, tallies in (("Per loket", figures.by_counter), ("Per kasir", figures.by_cashier),
                           ("Per cara bayar", figures.by_method)):
        console.print(_table(title, ["", "Struk", "Jumlah"],
                             [(t.label, t.count, format_rupiah(t.amount)) for t in tallies], right={1, 2}))
    rows = [(s.counter_code, s.cashier, "BUKA" if s.is_open else "tutup", format_rupiah(s.expected_cash),
             "" if s.counted is None else format_rupiah(s.counted),
             "" if s.variance is None else format_rupiah(s.variance)) for s in figures.shifts]
    console.print(_table("Shift", ["Loket", "Kasir", "", "Seharusnya", "Dihitung", "Selisih"], rows, right={3, 4, 5}))
    waiting = [w for w in figures.waiting if w.pending or w.open_shifts]
    for w in waiting:
        console.print(f"Loket {w.counter_code}: {w.pending} belum diproses pusat, {w.open_shifts} shift masih buka")
    if figures.silent_counters:
        console.print(f"[bold]Belum ada kabar hari ini dari loket {', '.join(figures.silent_counters)}[/bold]: "
                      "uang yang diterima secara offline belum terhitung.")
    if figures.late:
        console.print(f"[bold]{len(figures.late)} struk diterima setelah tutup hari[/bold] "
                      f"({format_rupiah(sum(r.total for r in figures.late if r.status == 'completed'))})")
    if figures.deposit:
        d = figures.deposit
        console.print(f"Setoran {format_rupiah(d.amount)} ke {d.bank}, bukti {d.reference}")


def cmd_day(app: App, args: argparse.Namespace) -> object:
    if args.what == "close":
        from counter.services.day_closing import close_day

        desk = acting_desk(app, args, "Tutup hari")
        _sync_now(app)
        figures = close_day(app.uow(), app.central, desk, args.date or desk.today(), _approval(args),
                            args.override_reason or "")
        _sync_now(app)
    else:
        figures = _read_day(app, args)
    if args.json:
        return figures
    _print_day(figures)
    return None


def _sync_now(app: App) -> None:
    """Send what is queued to central now if it answers (it stays queued otherwise)."""
    from counter.sync.state import CentralUnreachable

    try:
        app.sync_link().cycle()
    except CentralUnreachable:
        pass


def cmd_deposit(app: App, args: argparse.Namespace) -> object:
    from counter.services.day_closing import record_deposit

    if not args.amount:
        raise InvalidInput("Sebutkan jumlah setoran: --amount 12500000.")
    amount = parse_rupiah(args.amount)
    desk = acting_desk(app, args, "Setoran")
    deposit = record_deposit(app.uow(), desk, args.date or desk.today(), amount,
                             args.bank or "", args.reference or "", _approval(args), supplementary=args.supplementary)
    _sync_now(app)
    if args.json:
        return deposit
    what = f"Setoran susulan ke-{deposit.seq - 1}" if deposit.seq > 1 else "Setoran"
    _console().print(f"{what} {format_rupiah(deposit.amount)} ke {deposit.bank} ({deposit.reference}) dicatat.")
    return None


def cmd_refund(app: App, args: argparse.Namespace) -> object:
    """Pay back a conflict's credit in cash from this desk's drawer (a supervisor
    approves) and print its slip; show, print again or make a PDF of a slip."""
    from counter.application import print_refund_slip, refund_then_print
    from counter.services.refund_slips import said

    if args.what == "show":
        from counter.printing.refund_slip import slip_text
        from counter.services.refund_slips import build_slip

        with app.uow() as uow:
            slip = build_slip(uow.session, _slip_ref(args), app.config.zone)
        if args.json:
            return slip
        print(slip_text(slip, paper=app.config.printer.paper))
        return None
    if args.what in ("print", "pdf"):
        ref = _slip_ref(args)
        desk = acting_desk(app, args, "Cetak bukti pengembalian uang")
        done = print_refund_slip(app, desk, ref, to_pdf=args.what == "pdf", out=args.out)
        if args.json:
            print(json.dumps(_to_json(done), ensure_ascii=False, indent=2))
        else:
            _console().print(said(done))
        return 2 if done.status == "failed" else 0
    if args.conflict is None:
        raise InvalidInput("Sebutkan konfliknya: --conflict ID (lihat 'counter central conflicts').")
    desk = acting_desk(app, args, "Mengembalikan uang")
    refunded = refund_then_print(app, desk, args.conflict, _approval(args), app.central, printing=not args.no_print)
    _sync_now(app)
    refund, printed = refunded.refund, refunded.printed
    if args.json:
        return {**_to_json(refund), "slip": _to_json(printed), "print_error": refunded.print_error}
    _console().print(f"Dikembalikan {format_rupiah(refund.amount)} tunai kepada pelanggan {refund.customer} "
                     f"(konflik {refund.conflict_id}), disetujui {refund.approved_by}. "
                     f"No. bukti {refund.slip_no}.")
    if printed is not None:
        _console().print(said(printed))
    elif refunded.print_error:
        _console().print(f"Bukti pengembalian GAGAL dicetak: {refunded.print_error} "
                         f"(cetak lagi: counter refund print {refund.slip_no})")
    return None


def _slip_ref(args: argparse.Namespace) -> str:
    """The slip named on the command line: its number, or --conflict N."""
    if args.slip.strip():
        return args.slip.strip()
    if args.conflict is not None:
        return str(args.conflict)
    raise InvalidInput("Sebutkan nomor bukti pengembalian (mis. 0001/BPU/KPG-L01/XI/2025) atau --conflict ID.")


def cmd_report(app: App, args: argparse.Namespace) -> object:
    from counter.services.day_closing import write_reports

    figures = _read_day(app, args)
    files = write_reports(app.uow(), figures, args.out or app.config.store.data_dir / "reports", args.format)
    if args.json:
        return {"files": [str(p) for p in files], "count": figures.count, "total": figures.total}
    for path in files:
        _console().print(f"Ditulis: {path}")
    return None


def add_cash_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("shift", cmd_shift, "a cashier's shift: open with the float, close with the count, status, Z-report")
    p.add_argument("what", choices=["open", "close", "status", "z"])
    p.add_argument("--float", help="open: the opening float in the drawer")
    p.add_argument("--count", action="append", default=[], metavar="DENOMINATION=PIECES",
                   help="close: pieces counted of one denomination (100000 ... 1000 notes, c1000 ... c100 coins)")
    p.add_argument("--reason", help="close: why the cash is over or short")
    p.add_argument("--id", help="status/z: a shift other than the open one")
    p.add_argument("--text", action="store_true", help="z: print the Z-report here instead of on the printer")
    _pin_args(p)  # open, close
    _approver_args(p)  # close: a shift another cashier left open at this counter
    p = command("day", cmd_day, "the office day: status (from central), close (supervisor sign-off)")
    p.add_argument("what", choices=["status", "close"])
    p.add_argument("--date", type=_date, help="the business date (default: today)")
    p.add_argument("--override-reason", help="close: why it is closed with shifts open or events pending")
    p.add_argument("--local", action="store_true", help="status: this counter's store only (central unreachable)")
    _pin_args(p)  # close
    _approver_args(p)
    p = command("deposit", cmd_deposit, "record the day's bank deposit (setoran), after the day is closed")
    p.add_argument("--date", type=_date, help="the business date (default: today)")
    p.add_argument("--amount")
    p.add_argument("--bank")
    p.add_argument("--reference", help="the bank's deposit slip number")
    p.add_argument("--supplementary", action="store_true",
                   help="a supplementary deposit, for cash that arrived after the day's deposit")
    _pin_args(p)
    _approver_args(p)
    p = command("refund", cmd_refund, "pay back a conflict's credit in cash from this drawer (supervisor approves) "
                "and print its slip; show, print again (a copy) or make a PDF of a slip")
    p.add_argument("what", nargs="?", choices=["pay", "show", "print", "pdf"], default="pay",
                   help="pay (the default): pay back --conflict N; show/print/pdf: a refund's slip")
    p.add_argument("slip", nargs="?", default="", help="show/print/pdf: the slip number (or give --conflict N)")
    p.add_argument("--conflict", type=int, help="central's conflict ID (see 'central conflicts')")
    p.add_argument("--no-print", action="store_true", help="pay: do not print the slip")
    p.add_argument("--out", type=Path, help="pdf: folder to write to (default DATA_DIR/receipts)")
    _pin_args(p)
    _approver_args(p)
    p = command("report", cmd_report, "reports: daily (LPP and cash closing as PDF, or CSV for finance)")
    p.add_argument("what", choices=["daily"])
    p.add_argument("--date", type=_date, help="the business date (default: today)")
    p.add_argument("--format", choices=["pdf", "csv"], default="pdf")
    p.add_argument("--out", type=Path, help="folder to write to (default DATA_DIR/reports)")
    p.add_argument("--local", action="store_true", help="this counter's store only (central unreachable)")
