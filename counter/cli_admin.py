"""Command-line commands for the audit trail and for checking receipts (see
counter.cli for the conventions)."""

from __future__ import annotations

import argparse
import json

from counter.bootstrap import App
from counter.cli import _console, _table, _to_json


def cmd_audit(app: App, args: argparse.Namespace) -> object:
    from counter.services.audit import BrokenLink, verify_local

    if args.central:  # central's copy of this counter's chain, checked by central
        answer = app.central.verify_audit()
        checked, broken = answer["checked"], [BrokenLink(**b) for b in answer["broken"]]
    else:
        checked, broken = verify_local(app.engine)  # the chains, central's anchors and the payments' amounts
    if args.json:  # the exit code says it too: 1 when a chain is broken
        print(json.dumps(_to_json({"checked": checked, "broken": broken}), ensure_ascii=False, indent=2))
        return 1 if broken else 0
    where = "pusat" if args.central else "data lokal"
    if not broken:
        _console().print(f"Jejak audit {where} utuh: {checked} catatan diperiksa.")
        return None
    rows = [(b.chain, b.seq, b.reason) for b in broken]
    _console().print(_table(f"Jejak audit {where} RUSAK ({checked} catatan diperiksa)",
                            ["Rantai (loket)", "Catatan ke", "Masalah"], rows))
    return 1


def cmd_store(app: App, args: argparse.Namespace) -> object:
    """The full check of the local store (every page and index): run it with the
    nightly backup, or on a backup copy (`--data-dir` of the copy)."""
    app.check_store(always=True)
    _console().print(f"Data lokal {app.config.store.local_path} utuh.")
    return {"store": str(app.config.store.local_path), "intact": True} if args.json else None


def add_admin_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("audit", cmd_audit, "verify the hash chains of the audit trail")
    p.add_argument("what", choices=["verify"])
    p.add_argument("--central", action="store_true", help="verify central's copy of this counter's chain")
    p = command("store", cmd_store, "check the local store fully (every page and index)")
    p.add_argument("what", choices=["check"])
    from counter.cli_tariff import add_tariff_commands

    add_tariff_commands(command)
    from counter.cli_charges import add_charges_commands

    add_charges_commands(command)
