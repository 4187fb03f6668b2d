"""Command-line commands for collective payments (kolektif): many connections
paid with one tender (`pay-collective`), the saved groups they are paid for
(`group`), and the collective's summary receipt (`collective`). See counter.cli
for the conventions."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _console, _pin_args, _table, acting_desk
from counter.errors import InvalidInput
from counter.rules.money import format_rupiah, parse_rupiah
from counter.rules.payment_methods import METHOD_LABELS
from counter.rules.period import span_label


def _members(app: App, args: argparse.Namespace) -> tuple[list[str], str]:
    """The connection numbers to pay, and who pays (a group's name)."""
    from counter.services.payment_groups import show_group

    if args.numbers and args.group:
        raise InvalidInput("Sebutkan nomor sambungan atau --group NAMA, tidak keduanya.")
    if args.group:
        group = show_group(app.uow(), args.group)
        return list(group.numbers), args.name or group.label
    if not args.numbers:
        raise InvalidInput("Sebutkan nomor sambungan yang dibayar (mis. 04-02-000041 04-02-000042) atau --group NAMA.")
    return list(args.numbers), args.name or ""


def cmd_pay_collective(app: App, args: argparse.Namespace) -> object:
    from counter.application import central_of, pay_collective_then_print, payment_policy
    from counter.services.collective import quote_collective
    from counter.services.shifts import NoShift

    if args.cash is not None and args.method != "cash":
        raise InvalidInput("--cash hanya untuk tunai; transfer, QRIS dan debit membayar tepat (--reference).")
    tendered = parse_rupiah(args.cash) if args.cash is not None else None
    expected = parse_rupiah(args.expect) if args.expect is not None else None
    numbers, label = _members(app, args)
    if args.check:  # what would be paid; nothing is written, no PIN asked
        quoted = quote_collective(app.uow(), app.desk(), numbers, args.method, payment_policy(app.config))
        if args.json:
            return {"members": quoted.members, "total": quoted.total, "method": quoted.method}
        _print_members([(m.number, m.name, m.periods, m.due, "") for m in quoted.members], quoted.total,
                       f"{len(quoted.members)} sambungan; belum dibayar (tanpa --check untuk membayar)")
        return None
    desk = acting_desk(app, args, "Pembayaran kolektif")
    try:
        done = pay_collective_then_print(app, desk, numbers, method=args.method, tendered=tendered,
                                         reference=args.reference, expected_total=expected, label=label,
                                         central=central_of(app), printing=not args.no_print,
                                         print_each=args.print_each)
    except NoShift as error:
        raise NoShift(f"{error} Di baris perintah: counter shift open --float 200000.") from None
    _sync_now(app)
    if args.json:
        return done
    paid = done.paid
    _print_members([(p.quote.customer.number, p.quote.customer.name, [b.period for b in p.quote.bills], p.total,
                     p.receipt_no) for p in paid.payments], paid.total,
                   f"Pembayaran kolektif {paid.collective_no}" + (f" - {paid.label}" if paid.label else ""))
    _console().print(f"Dibayar {METHOD_LABELS.get(paid.method, paid.method)}: diterima {format_rupiah(paid.tendered)}, "
                     f"kembali [bold]{format_rupiah(paid.change)}[/bold]")
    if done.summary is not None:
        from counter.services.collective_receipts import said

        _console().print(said(done.summary))
    for job in done.receipts:
        _console().print(f"Struk {job.receipt_no}: " + {"printed": "tercetak", "pdf": f"PDF {job.pdf_path}"}.get(
            job.status, f"GAGAL: {job.last_error}"))
    for error in done.print_errors:
        _console().print(f"GAGAL dicetak: {error}")
    return None


def _print_members(rows: list[tuple], total: int, title: str) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    paid = any(row[4] for row in rows)  # receipt numbers once paid; none in a --check
    for name, options in (("No.", {"justify": "right"}), ("No. samb.", {"no_wrap": True}), ("Nama", {}),
                          ("Bulan", {}), ("Jumlah", {"justify": "right", "no_wrap": True}),
                          ("No. struk", {"no_wrap": True, "min_width": 21}))[:6 if paid else 5]:
        table.add_column(name, **options)
    for n, (number, name, periods, amount, receipt) in enumerate(rows, 1):
        table.add_row(str(n), number, name, f"{len(periods)} bln: {span_label(periods)}", format_rupiah(amount),
                      *([receipt] if paid else []))
    _console().print(table)
    _console().print(f"[bold]TOTAL: {format_rupiah(total)}[/bold]")


def _sync_now(app: App) -> None:
    from counter.cli_cash import _sync_now as sync_now

    sync_now(app)


def cmd_group(app: App, args: argparse.Namespace) -> object:
    from counter.services import payment_groups

    if args.what == "list":
        found = payment_groups.list_groups(app.uow())
        if args.json:
            return found
        rows = [(g.code, g.name, len(g.numbers), f"{g.saved_at:%d-%m-%Y %H:%M}", g.saved_by) for g in found]
        _console().print(_table(f"{len(found)} grup", ["Kode", "Nama", "Sambungan", "Disimpan", "Oleh"], rows,
                                right={2}))
        return None
    if not args.code:
        raise InvalidInput("Sebutkan kode grup, mis. counter group show griya-asri.")
    if args.what == "show":
        group = payment_groups.show_group(app.uow(), args.code)
        if args.json:
            return group
        rows = [(n, m.number, m.name, m.status) for n, m in enumerate(group.members, 1)]
        _console().print(_table(f"Grup {group.code}: {group.name or '-'}", ["No.", "No. samb.", "Nama", "Status"],
                                rows, right={0}))
        return None
    if args.what == "save":
        payment_groups.clean_code(args.code)  # a bad code is said before the PIN is asked
        desk = acting_desk(app, args, "Simpan grup")
        group = payment_groups.save_group(app.uow(), desk, args.code, args.name or "", args.numbers)
        if args.json:
            return group
        _console().print(f"Grup {group.code} ({group.name or '-'}) disimpan: {len(group.numbers)} sambungan.")
        return None
    desk = acting_desk(app, args, "Hapus grup")
    gone = payment_groups.delete_group(app.uow(), desk, args.code)
    if args.json:
        return gone
    _console().print(f"Grup {gone.code} dihapus.")
    return None


def cmd_collective(app: App, args: argparse.Namespace) -> object:
    from counter.application import print_collective_summary
    from counter.services.collective_receipts import build_summary, said

    if args.what == "show":
        with app.uow() as uow:
            summary = build_summary(uow.session, args.number, app.config.zone)
        if args.json:
            return summary
        from counter.printing.collective_receipt import summary_text

        print(summary_text(summary, paper=app.config.printer.paper))
        return None
    desk = acting_desk(app, args, "Cetak bukti kolektif")
    done = print_collective_summary(app, desk, args.number, to_pdf=args.what == "pdf", out=args.out, page=args.page)
    if args.json:
        print_json(done)
        return 2 if done.status == "failed" else 0
    _console().print(said(done))
    return 2 if done.status == "failed" else None


def print_json(value: object) -> None:
    import json

    from counter.cli import _to_json

    print(json.dumps(_to_json(value), ensure_ascii=False, indent=2))


def _intermixed(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Numbers before and after options (`group save NAME --name X N1 N2`):
    argparse takes positionals split by an option only when parsing intermixed."""
    plain = p.parse_known_args

    def parse(args=None, namespace=None):  # noqa: ANN001, ANN202 - argparse's own signature
        p.parse_known_args = plain  # parse_known_intermixed_args calls it, twice
        try:
            return p.parse_known_intermixed_args(args, namespace)
        finally:
            p.parse_known_args = parse

    p.parse_known_args = parse
    return p


def add_collective_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = _intermixed(command("pay-collective", cmd_pay_collective, "pay every open bill of many connections with one "
                                                                  "tender (kolektif), one receipt each and a summary"))
    p.add_argument("numbers", nargs="*", help="connection numbers, in paying order")
    p.add_argument("--group", help="a saved group's code instead of numbers (counter group list)")
    p.add_argument("--name", help="who pays, printed on the summary (default: the group's name)")
    p.add_argument("--method", default="cash", choices=["cash", "transfer", "qris", "debit"])
    p.add_argument("--cash", help="cash received for all of them, e.g. 500000 or 500.000")
    p.add_argument("--reference", default="", help="transfer / QRIS / card reference")
    p.add_argument("--expect", help="the total shown to the payer: refused when the bills add up to another")
    p.add_argument("--check", action="store_true", help="show what would be paid; nothing is paid")
    p.add_argument("--no-print", action="store_true", help="do not print the summary")
    p.add_argument("--print-each", action="store_true", help="print each connection's own receipt too")
    _pin_args(p)
    p = _intermixed(command("group", cmd_group, "saved groups of connections paid together: save, list, show, delete"))
    p.add_argument("what", choices=["save", "list", "show", "delete"])
    p.add_argument("code", nargs="?", default="", help="the group's code, e.g. griya-asri")
    p.add_argument("numbers", nargs="*", help="save: its connection numbers, in paying order")
    p.add_argument("--name", help="save: the group's name, e.g. 'Perumahan Griya Asri'")
    _pin_args(p)  # save, delete
    p = command("collective", cmd_collective, "a collective payment's summary receipt: show, print (a copy), pdf")
    p.add_argument("what", choices=["show", "print", "pdf"])
    p.add_argument("number", help="its number (0001/KOL/...) or the receipt number of one of its payments")
    p.add_argument("--out", type=Path, help="pdf: folder to write to (default DATA_DIR/receipts)")
    p.add_argument("--page", default="80mm", choices=["80mm", "A6"], help="pdf: page size")
    _pin_args(p)
