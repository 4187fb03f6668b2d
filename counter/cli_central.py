"""Command-line commands of central's operator (`counter central ...`) and of a
counter's link to central (`counter sync enrol`). See counter.cli for the
conventions.

The operator's commands open central's database: `--url postgresql://...`, or
the COUNTER_CENTRAL_DATABASE environment variable, or else the embedded demo
central in the data folder. A counter never does: it reaches central's API.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _approval, _console, _table, water_charge_args
from counter.errors import InvalidInput, quoted
from counter.rules.money import format_rupiah

DATABASE_ENV = "COUNTER_CENTRAL_DATABASE"


def central_database(app: App, url: str | None):  # noqa: ANN201 - Engine
    """Central's database for the operator's commands."""
    from counter.central.store import central_engine

    url = url or os.environ.get(DATABASE_ENV, "")
    if not url:
        return app.embedded_engine
    return central_engine(url, timeout_s=5)


def _database_url(app: App, url: str | None) -> str:
    url = url or os.environ.get(DATABASE_ENV, "")
    return url or f"sqlite:///{app.embedded_central_path}"


def central_zone(args: argparse.Namespace):  # noqa: ANN201 - ZoneInfo
    """Central's time zone: --zone, else $COUNTER_CENTRAL_ZONE, else Asia/Makassar
    (channels' business dates, and the times central's papers write)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from counter.central.api import DEFAULT_ZONE, ZONE_ENV

    name = getattr(args, "zone", None) or os.environ.get(ZONE_ENV) or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Zona waktu tidak dikenal: {quoted(name)} (mis. Asia/Makassar).") from None


def business_date(text: str | None, example: str = "2026-12-06") -> dt.date:
    """--date as a date, or a message saying how to write it."""
    if not text:
        raise InvalidInput(f"Sebutkan tanggal bisnisnya: --date TAHUN-BULAN-HARI (mis. {example}).")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Tanggal tidak valid: {quoted(text)} (tulis {example}).") from None


def write_reports(folder: Path, files: dict[Path, bytes], advice: str = "Pilih folder lain dengan --out.") -> None:
    """Every file whole in `folder`, or a message naming why not and what to do."""
    from counter.store.files import reason, write_whole

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, content in files.items():
            write_whole(path, content)
    except OSError as error:
        raise InvalidInput(f"Laporan tidak dapat ditulis ke {folder}: {reason(error)}. {advice}") from None


def _listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidInput(f"--listen harus ALAMAT:PORT, mis. 127.0.0.1:8080 (bukan {text!r}).")
    return host.strip("[]"), int(port)


def serve(app: App, args: argparse.Namespace) -> int:
    """The API and the applier in one process (uvicorn); `--workers N` for more."""
    import uvicorn

    from counter.central.api import ZONE_ENV
    from counter.central.store import central_engine, init_central
    from counter.sync.link import is_loopback

    host, port = _listen(args.listen)
    tls = bool(args.tls_cert and args.tls_key)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise InvalidInput("Sebutkan --tls-cert dan --tls-key bersama-sama.")
    if not tls and not is_loopback(host) and not args.allow_plain_http:
        raise InvalidInput(f"Pusat tanpa TLS hanya mendengar di loopback: pakai --listen 127.0.0.1:{port} di balik "
                           "reverse proxy TLS, atau --tls-cert/--tls-key, atau --allow-plain-http (jaringan tertutup).")
    url = _database_url(app, args.url)
    zone = central_zone(args).key
    init_central(central_engine(url, timeout_s=10))  # migrated before the first request
    os.environ[DATABASE_ENV], os.environ[ZONE_ENV] = url, zone
    uvicorn.run("counter.central.api:from_environment", factory=True, host=host, port=port,
                workers=args.workers, log_level="warning" if args.quiet else "info",
                ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, proxy_headers=True)
    return 0


def apply_loop(engine, interval: float, as_json: bool) -> int:  # noqa: ANN001
    """Apply events until told to stop (Ctrl+C, SIGTERM), finishing the batch at hand."""
    import signal
    import threading

    from counter.central.applier import apply_pending

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    totals: dict[str, int] = {}
    while not stop.is_set():
        try:
            counts = apply_pending(engine)
        except Exception as error:  # noqa: BLE001 - a lost connection: wait and try again
            print(f"Pusat tidak terjangkau: {str(error).strip()[:200]}", file=sys.stderr)
            stop.wait(interval)
            continue
        for status, n in counts.items():
            totals[status] = totals.get(status, 0) + n
        if not counts:
            stop.wait(interval)
    print(json.dumps(totals) if as_json else f"Berhenti. Diproses: {totals}")
    return 0


def cmd_central(app: App, args: argparse.Namespace) -> object:
    if args.what == "serve":
        return serve(app, args)
    if args.what in ("conflicts", "resolve") and not (args.url or os.environ.get(DATABASE_ENV)):
        return _conflicts_through_link(app, args)
    from counter.central import devices
    from counter.central.store import init_central

    engine = central_database(app, args.url)
    if args.what == "init":
        init_central(engine)
        where = engine.url.render_as_string(hide_password=True)
        _console().print(f"Pusat siap: {where}")
        return {"initialised": where} if args.json else None
    init_central(engine, create=False)
    if args.what == "enrol":
        if not (args.office and args.counter):
            raise InvalidInput("Sebutkan --office KODE dan --counter KODE loket yang didaftarkan.")
        enrolment = devices.make_enrolment(engine, args.office, args.counter)
        if args.json:
            return enrolment
        _console().print(f"Kode pendaftaran loket {enrolment.office}-{enrolment.counter}: [bold]{enrolment.code}[/bold]\n"
                         f"Berlaku sekali, sampai {enrolment.expires_at:%H:%M} UTC. Di loket: "
                         f"counter sync enrol URL-PUSAT {enrolment.code}")
        return None
    if args.what == "revoke":
        if not (args.office and args.counter):
            raise InvalidInput("Sebutkan --office KODE dan --counter KODE loket yang dicabut.")
        done = devices.revoke(engine, args.office, args.counter)
        _console().print(f"Kunci loket {args.office.upper()}-{args.counter.upper()} dicabut ({done}).")
        return {"revoked": done} if args.json else None
    if args.what == "devices":
        found = devices.devices(engine)
        if args.json:
            return found
        rows = [(d["office"], d["counter"], d["state"], f"{d['created_at']:%Y-%m-%d %H:%M}") for d in found]
        _console().print(_table(f"{len(found)} perangkat", ["Kantor", "Loket", "Status", "Dibuat"], rows))
        return None
    if args.what == "load":
        from counter.central.loading import load_reference_data
        from counter.store.engine import sqlite_engine

        if args.from_store is None or not args.from_store.is_file():
            raise InvalidInput("Sebutkan berkas data loket yang ada: --from-store PATH/counter.sqlite.")
        counts = load_reference_data(sqlite_engine(args.from_store), engine, args.open_bills_only)
        _console().print(f"Dimuat ke pusat: {counts}")
        return counts if args.json else None
    if args.what == "import":
        return _import(engine, args)
    if args.what == "channel":
        from counter.cli_channels import cmd_channel

        return cmd_channel(app, engine, args)
    if args.what in ("export", "report"):
        from counter.cli_finance import cmd_finance

        return cmd_finance(app, engine, args)
    if args.what == "conflicts":
        from counter.central.service import conflicts

        return _show_conflicts(conflicts(engine, None, "all" if args.all else "open"), args.json)
    if args.what == "resolve":
        from counter.central.conflicts import resolve_conflict

        _need_resolution(args)
        resolve_conflict(engine, args.id, args.resolution, _approval(args), args.note)
        _console().print(f"Konflik {args.id} diselesaikan: {args.resolution}")
        return {"resolved": args.id, "resolution": args.resolution} if args.json else None
    return apply_loop(engine, args.interval, args.json)  # run


def _import(engine, args: argparse.Namespace) -> object:  # noqa: ANN001
    """`counter central import`: the billing system's CSV files into central (docs/import.md)."""
    from rich.progress import Progress

    from counter.central.importing import import_into_central
    from counter.cli import water_charges

    steps = {"membaca": "Membaca berkas", "memeriksa": "Memeriksa terhadap pusat", "menulis": "Menulis ke pusat"}
    with Progress(transient=True, disable=args.json) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(steps[step], total=total)
            bar.update(tasks[step], completed=done, total=total)

        summary = import_into_central(engine, tariffs=args.tariffs, customers=args.customers, bills=args.bills,
                                      office_code=args.office or "", due_day=args.due_day, progress=progress,
                                      water_charges=water_charges(args), charges=args.charges)
    if args.json:
        return summary
    changed = (summary.tariffs_new + summary.tariffs_updated + summary.customers_new + summary.customers_updated
               + summary.bills_new + summary.bills_updated + summary.bills_marked_paid + summary.charges_new
               + summary.charges_updated)
    if not changed:
        _console().print(f"Tidak ada perubahan: pusat sudah sama dengan berkas ({summary}).")
    else:
        _console().print(f"Impor ke pusat selesai: {summary}")
    return None


def _need_resolution(args: argparse.Namespace) -> None:
    if args.id is None or args.resolution is None:
        raise InvalidInput("Sebutkan --id KONFLIK dan --resolution refund|keep|accept.")


def _show_conflicts(found: list[dict], as_json: bool) -> object:
    if as_json:
        return found
    rows = [(c["id"], c["kind"], c["status"], c["customer"], c["receipt_no"], format_rupiah(c["amount"]))
            for c in found]
    _console().print(_table(f"{len(found)} konflik", ["ID", "Jenis", "Status", "Pelanggan", "Struk", "Jumlah"],
                            rows, right={5}))
    return None


def _conflicts_through_link(app: App, args: argparse.Namespace) -> object:
    """A supervisor at a counter: the office's conflicts through central's API."""
    if args.what == "conflicts":
        return _show_conflicts(app.central.conflicts("all" if args.all else "open"), args.json)
    _need_resolution(args)
    if args.resolution == "refund":
        raise InvalidInput(f"Uang yang dikembalikan tunai keluar dari laci: counter refund --conflict {args.id} "
                           "--approver NAMA (dicatat di shift kasir ini).")
    approval = _approval(args)
    if approval is None:
        raise InvalidInput("Penyelesaian konflik perlu persetujuan kepala unit: --approver NAMA.")
    done = app.central.resolve(args.id, args.resolution, approval.username, approval.secret, args.note)
    _console().print(f"Konflik {args.id} diselesaikan: {args.resolution}")
    return done if args.json else None


def enrol_counter(app: App, url: str, code: str) -> dict:
    """`counter sync enrol URL CODE`: the device key from central, kept here; the
    settings then name central's URL and the counter central enrolled."""
    from counter.settings_file import write_settings
    from counter.sync.link import check_url, enrol, store_key

    url = check_url(url, app.config.central.allow_plain_http)
    if app.config.source is None:
        raise InvalidInput("Loket ini tidak punya berkas pengaturan untuk menyimpan alamat pusat.")
    answer = enrol(url, code, app.config.central.allow_plain_http)
    app.config.store.data_dir.mkdir(parents=True, exist_ok=True)
    where = store_key(app.config.store.data_dir, url, answer["key"])
    write_settings(app.config.source, {"central": {"url": url},
                                       "desk": {"office": answer["office"], "counter": answer["counter"]}})
    app.engine  # the counter's store, empty until the first sync fills it from central
    return {"office": answer["office"], "counter": answer["counter"], "url": url, "key_kept_in": where}


def add_central_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    from counter.cli import _approver_args

    p = command("central", cmd_central, "central: serve its API, enrol counters, apply events, conflicts")
    p.add_argument("what", choices=["serve", "init", "enrol", "revoke", "devices", "load", "run", "conflicts",
                                    "resolve", "import", "channel", "export", "report"])
    p.add_argument("args", nargs="*", help="channel: add|revoke|list|reconcile and their arguments; "
                   "export: payments; report: day")
    p.add_argument("--url", help=f"central's database, postgresql://... (default: ${DATABASE_ENV}, else the demo's)")
    p.add_argument("--listen", default="127.0.0.1:8080", help="serve: address and port")
    p.add_argument("--workers", type=int, default=1, help="serve: API processes (each applies events too)")
    p.add_argument("--tls-cert", help="serve: TLS certificate file (else put a TLS proxy in front)")
    p.add_argument("--tls-key", help="serve: TLS key file")
    p.add_argument("--allow-plain-http", action="store_true", help="serve: plain HTTP beyond loopback")
    p.add_argument("--quiet", action="store_true", help="serve: log warnings only")
    p.add_argument("--zone", help="serve, channel reconcile, export, report: central's time zone for channels' business dates "
                   "and the times written (default: $COUNTER_CENTRAL_ZONE, else Asia/Makassar)")
    p.add_argument("--name", help="channel add: the channel's name")
    p.add_argument("--date", help="channel reconcile, export, report: the business date (YYYY-MM-DD)")
    p.add_argument("--format", choices=["csv", "pdf", "both"], help="export: csv; report: pdf, csv or both (default)")
    p.add_argument("--out", type=Path, help="reconcile, export, report: where to write (a file or a folder)")
    p.add_argument("--yes", action="store_true", help="channel reconcile: apply what is missing at central "
                   "without asking")
    p.add_argument("--offices", help="channel add: office codes it collects for, comma separated (default: all)")
    p.add_argument("--office", help="enrol/revoke: the office code; import: the office of the customers; "
                   "export, report: that office only")
    p.add_argument("--counter", help="enrol/revoke: the counter code")
    p.add_argument("--from-store", type=Path, help="load: a counter store file to start central from")
    p.add_argument("--open-bills-only", action="store_true", help="load: leave paid bills out")
    p.add_argument("--tariffs", type=Path, help="import: tariffs.csv")
    p.add_argument("--customers", type=Path, help="import: customers.csv")
    p.add_argument("--bills", type=Path, help="import: bills.csv")
    p.add_argument("--charges", type=Path, help="import: the catalogue of other charges, charges.csv")
    p.add_argument("--due-day", type=int, default=20, help="import: due day of bills without due_date (1-28)")
    water_charge_args(p)
    p.add_argument("--all", action="store_true", help="conflicts: resolved ones too")
    p.add_argument("--id", type=int, help="resolve: the conflict's ID")
    p.add_argument("--resolution", choices=["refund", "keep", "accept"], help="resolve: what to do")
    p.add_argument("--note", default="", help="resolve: a note kept with the resolution")
    p.add_argument("--interval", type=float, default=1.0, help="run: seconds to wait when idle")
    _approver_args(p)

