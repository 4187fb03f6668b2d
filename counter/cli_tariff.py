"""`counter tariff price CODE M3`: a usage priced by a tariff group's tariff in
force, block by block, with the fixed charges (see counter.cli for the conventions)."""

from __future__ import annotations

import argparse

from counter.bootstrap import App
from counter.cli import _console, _date, _table
from counter.errors import InvalidInput, quoted
from counter.rules.money import format_rupiah


def _m3(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise InvalidInput(f"Pemakaian tidak valid: {quoted(text)}; tulis m3 bulat, mis. 25.")
    return int(text)


def cmd_tariff(app: App, args: argparse.Namespace) -> object:
    from counter.services.tariffs import price_usage

    usage = _m3(args.usage)
    on = args.on or app.desk().today()
    with app.uow() as uow:
        priced = price_usage(uow.session, args.code, usage, on)
    tariff = priced.tariff
    if args.json:
        return {
            "code": tariff.code, "on": on, "valid_from": tariff.valid_from, "usage_m3": priced.usage_m3,
            "billed_m3": priced.billed_m3, "minimum_m3": tariff.minimum_m3,
            "blocks": [{"from_m3": line.lower + 1, "to_m3": line.upper, "m3": line.m3,
                        "price_per_m3": line.price_per_m3, "amount": line.amount} for line in priced.lines],
            "water_charge": priced.water_charge, "standing_charge": tariff.standing_charge,
            "meter_fee": tariff.meter_fee, "admin_fee": tariff.admin_fee, "total": priced.total,
        }
    since = f"berlaku sejak {tariff.valid_from:%d-%m-%Y}" if tariff.valid_from else "tarif dasar golongan"
    rows = [(f"{line.lower + 1} s/d {line.upper}" if line.upper is not None else f"> {line.lower}",
             line.m3, format_rupiah(line.price_per_m3), format_rupiah(line.amount)) for line in priced.lines]
    rows.append(("Harga air", priced.billed_m3, "", format_rupiah(priced.water_charge)))
    for label, amount in (("Biaya beban", tariff.standing_charge), ("Pemeliharaan meter", tariff.meter_fee),
                          ("Administrasi", tariff.admin_fee)):
        rows.append((label, "", "", format_rupiah(amount)))
    rows.append(("Jumlah", "", "", format_rupiah(priced.total)))
    console = _console()
    console.print(_table(f"Tarif {tariff.code} untuk {priced.usage_m3} m3 pada {on:%d-%m-%Y} ({since})",
                         ["Blok (m3)", "m3", "Tarif/m3", "Jumlah"], rows, right={1, 2, 3}))
    if priced.billed_m3 > priced.usage_m3:
        console.print(f"Pemakaian minimum {tariff.minimum_m3} m3: ditagih {priced.billed_m3} m3.")
    return None


def add_tariff_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("tariff", cmd_tariff, "price a usage by a tariff group's tariff in force (per block)")
    p.add_argument("what", choices=["price"])
    p.add_argument("code", help="tariff group code, e.g. R2")
    p.add_argument("usage", help="usage in m3, e.g. 25")
    p.add_argument("--on", type=_date, help="the tariff in force on this date (default: today)")
