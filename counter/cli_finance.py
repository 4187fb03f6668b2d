"""`counter central export payments` and `counter central report day`: what
finance takes from central. See counter.cli for the conventions.

    counter central export payments --date 2026-12-06 [--office KPG] [--out FILE|FOLDER|-]
    counter central report day --date 2026-12-06 [--office KPG] [--format pdf|csv|both] [--out FOLDER]

Both read central's database (`--url`, else COUNTER_CENTRAL_DATABASE, else the
demo's) as it stands; the export streams its rows to the file as it reads them.
A file is written whole or not at all (a `.part` beside it until complete).
`--office` limits either to one office, under file names of their own.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from counter.bootstrap import App
from counter.cli import _console
from counter.cli_central import business_date, central_zone, write_reports
from counter.errors import InvalidInput, quoted
from counter.rules.money import format_rupiah

USAGE = ("counter central export payments --date TANGGAL [--office KODE] [--out BERKAS] | "
         "counter central report day --date TANGGAL [--office KODE] [--format pdf|csv|both] [--out FOLDER]")


def _day(args: argparse.Namespace, zone: ZoneInfo) -> dt.date:
    from counter.central.finance import today

    day = business_date(args.date)
    if day > today(zone):
        raise InvalidInput(f"Tanggal {day.isoformat()} belum tiba (hari ini {today(zone).isoformat()} di zona "
                           f"{zone.key}); tidak ada pembayaran untuk tanggal itu.")
    return day


def _office(engine, args: argparse.Namespace) -> str | None:  # noqa: ANN001
    """--office as central's office code (any case), None for all offices."""
    from counter.central.finance import office_codes

    if args.office is None:
        return None
    typed = args.office.strip()
    if not typed:
        raise InvalidInput("Sebutkan kode kantor: --office KODE (mis. KPG), atau tanpa --office untuk semua kantor.")
    codes = office_codes(engine)
    found = {code.upper(): code for code in codes}.get(typed.upper())
    if found is None:
        raise InvalidInput(f"Kantor {quoted(typed)} tidak dikenal di pusat; yang ada: "
                           f"{', '.join(codes) or '(belum ada kantor)'}.")
    return found


def _stem(name: str, day: dt.date, office: str | None) -> str:
    """A file name's stem: the day, and the office when only one is in it."""
    return f"{name}-{day.isoformat()}" + (f"-{office}" if office else "")


def cmd_finance(app: App, engine, args: argparse.Namespace) -> object:  # noqa: ANN001 - central's Engine
    act = args.args[0] if args.args else ""
    if args.what == "export" and act == "payments" and len(args.args) == 1:
        return export_payments(engine, args)
    if args.what == "report" and act == "day" and len(args.args) == 1:
        return report_day(engine, args)
    wanted = {"export": "payments", "report": "day"}[args.what]
    raise InvalidInput(f"Tidak dikenal: central {args.what} {' '.join(args.args) or '(kosong)'}; yang ada: "
                       f"central {args.what} {wanted}. Pakai: {USAGE}")


# ---- export ----------------------------------------------------------------------------------


def _export_path(out: Path | None, day: dt.date, office: str | None) -> Path:
    """Where the export goes: `--out` (a file, or a folder for the usual name), else the current folder."""
    name = f"{_stem('pembayaran', day, office)}.csv"
    if out is None:
        return Path.cwd() / name
    if out.is_dir():
        return out / name
    return out


def export_payments(engine, args: argparse.Namespace) -> object:  # noqa: ANN001
    from counter.central.finance import payment_lines, write_payments_csv
    from counter.store.files import reason

    if args.format not in (None, "csv"):
        raise InvalidInput("Ekspor pembayaran hanya berformat CSV: --format csv (atau tanpa --format).")
    zone = central_zone(args)
    day = _day(args, zone)
    if str(args.out) == "-" and args.json:
        raise InvalidInput("--out - menulis CSV ke keluaran standar; tanpa --json.")
    office = _office(engine, args)
    if str(args.out) == "-":
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
        try:
            summary = write_payments_csv(payment_lines(engine, day, office), stream, zone)
            stream.flush()
        finally:
            stream.detach()
        print(_said(summary, day, "keluaran standar"), file=sys.stderr)
        return None
    path = _export_path(args.out, day, office)
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as f:
            summary = write_payments_csv(payment_lines(engine, day, office), f, zone)
        partial.replace(path)
    except OSError as error:
        _remove(partial)
        raise InvalidInput(f"Ekspor tidak dapat ditulis ke {path}: {reason(error)}. Pilih berkas atau folder "
                           "lain dengan --out.") from None
    except BaseException:  # the database went away, Ctrl+C: no half file is left behind
        _remove(partial)
        raise
    if args.json:
        return {"file": str(path), "date": day.isoformat(), "office": office, "rows": summary.rows,
                "payments": summary.payments, "not_counted": summary.not_counted, "total": summary.total,
                "rounding": summary.rounding, "credit_used": summary.credit_used, "received": summary.received,
                "by_source": {k: {"count": v[0], "total": v[1]} for k, v in sorted(summary.by_source.items())}}
    _console().print(_said(summary, day, str(path)))
    return None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _said(summary, day: dt.date, where: str) -> str:  # noqa: ANN001 - an ExportSummary
    if not summary.rows:
        return (f"Tidak ada pembayaran pada {day.isoformat()}: {where} hanya berisi baris judul kolom.")
    parts = {"counter": "loket", "channel": "kanal"}
    sources = ", ".join(f"{parts[k]} {v[0]} pembayaran {format_rupiah(v[1])}" for k, v in
                        sorted(summary.by_source.items()))
    voided = f"; {summary.not_counted} batal (dihitung=0)" if summary.not_counted else ""
    return (f"Ditulis: {where}\n{summary.rows} baris, {summary.payments} pembayaran, jumlah "
            f"{format_rupiah(summary.total)} ({sources or 'tidak ada yang dihitung'}){voided}"
            f"{_money(summary.received, summary.credit_used)}.")


def _money(received: int, credit_used: int) -> str:
    """The money taken, said when customer credit (no money) is part of the total."""
    if not credit_used:
        return ""
    return f"; uang diterima {format_rupiah(received)} (kredit pelanggan {format_rupiah(credit_used)}, bukan uang)"


# ---- report ----------------------------------------------------------------------------------


def report_day(engine, args: argparse.Namespace) -> object:  # noqa: ANN001
    from counter.central.finance import central_day
    from counter.printing.central_day import central_day_csv
    from counter.printing.central_day_pdf import central_day_pdf
    zone = central_zone(args)
    day = _day(args, zone)
    kind = args.format or "both"
    if str(args.out) == "-":
        raise InvalidInput("--out - hanya untuk ekspor pembayaran; laporan harian ditulis ke folder: --out FOLDER.")
    folder = args.out or Path.cwd()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"--out untuk laporan harus folder, bukan berkas: {folder}.")
    office = _office(engine, args)
    figures = central_day(engine, day, zone, office=office)
    stem = _stem("laporan-pusat", day, office)
    files: dict[Path, bytes] = {}
    if kind in ("pdf", "both"):
        files[folder / f"{stem}.pdf"] = central_day_pdf(figures)
    if kind in ("csv", "both"):
        files[folder / f"{stem}.csv"] = central_day_csv(figures).encode("utf-8")
    write_reports(folder, files)
    if args.json:
        return {"files": [str(p) for p in files], "date": day.isoformat(), "office": office, "count": figures.count,
                "total": figures.total, "rounding": figures.components.rounding,
                "credit_used": figures.credit_used, "received": figures.received,
                "counters": {"count": figures.counter_count, "total": figures.counter_total},
                "channels": {"count": figures.channel_count, "total": figures.channel_total},
                "bills": figures.bills}
    console = _console()
    for path in files:
        console.print(f"Ditulis: {path}")
    if figures.empty:
        console.print(f"Tidak ada pembayaran yang tercatat di pusat untuk {day.isoformat()}: laporan berisi nol.")
    else:
        console.print(f"{figures.count} pembayaran, {format_rupiah(figures.total)} (loket "
                      f"{format_rupiah(figures.counter_total)}, kanal {format_rupiah(figures.channel_total)})"
                      f"{_money(figures.received, figures.credit_used)}; {figures.bills} rekening dibayar.")
    return None
