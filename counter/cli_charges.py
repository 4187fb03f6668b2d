"""`counter charges list [--group R2] [--on DATE]`: the catalogue of other
charges in force (see counter.cli for the conventions). The catalogue is
loaded with `counter import --charges` (or at central, `counter central import
--charges`) and paid with `counter pay ... --charge CODE`."""

from __future__ import annotations

import argparse

from counter.bootstrap import App
from counter.cli import _console, _date, _table
from counter.rules.money import format_rupiah


def cmd_charges(app: App, args: argparse.Namespace) -> object:
    from counter.services.charges import catalogue

    on = args.on or app.today()
    with app.uow() as uow:
        found = catalogue(uow.session, args.group, on)
    if args.json:
        return [{"code": r.code, "name": r.name, "amount": r.amount, "tariff_group": r.group,
                 "valid_from": r.valid_from} for r in found]
    who = f"golongan {args.group.strip().upper()}" if args.group else "semua golongan"
    rows = [(r.code, r.name, r.group or "semua", format_rupiah(r.amount), f"{r.valid_from:%d-%m-%Y}")
            for r in found]
    _console().print(_table(f"Biaya lain untuk {who} per {on:%d-%m-%Y}: {len(found)}",
                            ["Kode", "Nama", "Golongan", "Jumlah", "Berlaku sejak"], rows, right={3}))
    return None


def add_charges_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("charges", cmd_charges, "list the catalogue of other charges in force")
    p.add_argument("what", choices=["list"])
    p.add_argument("--group", help="the charges of this tariff group, as a customer of it pays them")
    p.add_argument("--on", type=_date, help="in force on this date (default: today)")
