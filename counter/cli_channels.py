"""`counter central channel ...`: the operator registers and revokes payment
channels (banks, marketplaces) and reconciles their settlement files
(docs/channels.md). See counter.cli for the conventions."""

from __future__ import annotations

import argparse

from counter.bootstrap import App
from counter.cli import _console, _table
from counter.errors import InvalidInput

USAGE = ("counter central channel add KODE --name NAMA [--offices KPG,OEB] | revoke KODE | list | "
         "reconcile KODE --date TANGGAL BERKAS.csv")


def cmd_channel(app: App, engine, args: argparse.Namespace) -> object:  # noqa: ANN001 - central's Engine
    from counter.central import channels

    act, rest = (args.args[0], args.args[1:]) if args.args else ("", [])
    if act == "list" and not rest:
        found = channels.list_channels(engine)
        if args.json:
            return found
        rows = [(c["code"], c["name"], ", ".join(c["offices"]) or "semua", c["state"],
                 f"{c['created_at']:%Y-%m-%d %H:%M}") for c in found]
        _console().print(_table(f"{len(found)} kanal", ["Kode", "Nama", "Kantor", "Status", "Didaftarkan"], rows))
        return None
    if act == "add" and len(rest) == 1:
        offices = [o for o in (args.offices or "").split(",") if o.strip()]
        made = channels.add_channel(engine, rest[0], args.name or "", offices)
        if args.json:
            return made
        _console().print(f"Kanal [bold]{made['code']}[/bold] ({made['name']}) terdaftar untuk kantor "
                         f"{', '.join(made['offices']) or 'semua'}.\nKunci tanda tangan (HMAC-SHA256), "
                         f"ditampilkan sekali ini saja; serahkan lewat jalur aman:\n{made['secret']}")
        return None
    if act == "revoke" and len(rest) == 1:
        code = channels.revoke_channel(engine, rest[0])
        _console().print(f"Kanal {code} dicabut: permintaannya ditolak mulai sekarang.")
        return {"revoked": code} if args.json else None
    raise InvalidInput(f"Perintah kanal tidak dikenal. Pakai: {USAGE}")
