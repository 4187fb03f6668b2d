"""`counter central channel ...`: the operator registers and revokes payment
channels (banks, marketplaces) and reconciles their settlement files
(docs/channels.md). See counter.cli for the conventions."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _console, _table, _to_json
from counter.cli_central import business_date, central_zone, write_reports
from counter.errors import InvalidInput
from counter.rules.money import format_rupiah

USAGE = ("counter central channel add KODE --name NAMA [--offices KPG,OEB] | revoke KODE | list | "
         "reconcile KODE BERKAS.csv --date TANGGAL [--out FOLDER] [--yes]")


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
    if act == "reconcile" and len(rest) == 2:
        return reconcile(engine, rest[0], Path(rest[1]), args)
    raise InvalidInput(f"Perintah kanal tidak dikenal. Pakai: {USAGE}")


# ---- reconcile ----------------------------------------------------------------------------

SHOWN = 30  # transactions listed on the terminal; the CSV and the PDF hold them all


def _read(path: Path) -> bytes:
    from counter.store.files import reason

    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Berkas settlement {path} tidak dapat dibaca: {reason(error)}.") from None


def _out_folder(folder: Path) -> Path:
    """The reports' folder, checked before anything is applied or recorded (made when
    the reports are written)."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"--out harus folder, bukan berkas: {folder}.")
    existing = next((p for p in (folder, *folder.absolute().parents) if p.exists()), None)
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InvalidInput(f"Laporan tidak dapat ditulis ke {folder}: tidak ada izin. Pilih folder lain dengan "
                           "--out.")
    return folder


def _summary_table(figures) -> object:  # noqa: ANN001 - SettlementFigures
    from counter.printing.settlement_report import CATEGORIES, ONE_SIDED

    rows = []
    for code, (_, label) in CATEGORIES.items():
        t, side = figures.tally(code), ONE_SIDED.get(code)
        rows.append((label, t.count, format_rupiah(t.file_amount) if t.count and side != "central" else "",
                     format_rupiah(t.central_amount) if t.count and side != "file" else ""))
    rows.append(("Menurut berkas", figures.file_count, format_rupiah(figures.file_total), ""))
    rows.append(("Menurut pusat (selesai)", figures.central_count, "", format_rupiah(figures.central_total)))
    title = f"Rekonsiliasi {figures.channel_code} {figures.business_date.isoformat()} ({figures.file_name})"
    return _table(title, ["Kategori", "Transaksi", "Jumlah berkas", "Jumlah pusat"], rows, right={1, 2, 3})


def _open_table(figures) -> object:  # noqa: ANN001 - SettlementFigures
    from counter.printing.settlement_report import CATEGORIES

    found = figures.open_lines
    rows = [(CATEGORIES[x.category][1], x.reference, "" if x.line is None else x.line, x.customer,
             "" if x.file_amount is None else format_rupiah(x.file_amount),
             "" if x.central_amount is None else format_rupiah(x.central_amount), x.note) for x in found[:SHOWN]]
    more = f", {len(found) - SHOWN} lagi di laporan" if len(found) > SHOWN else ""
    return _table(f"{len(found)} transaksi perlu perhatian{more}",
                  ["Kategori", "Referensi", "Baris", "Pelanggan", "Berkas", "Pusat", "Keterangan"], rows,
                  right={2, 4, 5})


def reconcile(engine, code: str, path: Path, args: argparse.Namespace) -> object:  # noqa: ANN001 - Engine
    """`counter central channel reconcile KODE BERKAS.csv --date D`: the channel's settlement
    file against central; what central lacks is paid from it once agreed (--yes, or
    asked on a terminal); the reports go to --out (default: this folder)."""
    from counter.central.settlement import reconcile as reconcile_day
    from counter.printing.settlement_report import settlement_csv, settlement_pdf
    day = business_date(args.date, example="2026-10-05")
    zone = central_zone(args)
    folder = _out_folder(args.out or Path.cwd())
    data = _read(path)
    console = _console()
    asked = {"n": 0, "terminal": sys.stdin.isatty() and not args.json}

    def confirm(preview) -> bool:  # noqa: ANN001 - SettlementFigures
        asked["n"] = preview.tally("missing_at_central").count
        if args.yes:
            return True
        if not asked["terminal"]:
            return False
        console.print(_summary_table(preview))
        console.print(_open_table(preview))
        try:
            answer = input(f"Terapkan {asked['n']} pembayaran dari berkas? [y/N] ")
        except EOFError:
            answer = ""
        return answer.strip().lower() in ("y", "ya")

    figures = reconcile_day(engine, code, day, data, path.name, zone, confirm)
    stem = f"rekonsiliasi-{figures.channel_code}-{day.isoformat()}"
    files = {folder / f"{stem}.csv": settlement_csv(figures).encode("utf-8"),
             folder / f"{stem}.pdf": settlement_pdf(figures)}
    write_reports(folder, files, "Hari ini sudah tercatat direkonsiliasi; jalankan lagi dengan --out FOLDER lain "
                  "untuk laporannya (tidak ada yang diterapkan dua kali).")
    left = figures.tally("missing_at_central").count
    unsettled = 1 if figures.open_lines else 0  # the exit code says it too: something is left to look into
    if args.json:
        print(json.dumps(_to_json({"channel": figures.channel_code, "date": day.isoformat(), **figures.summary(),
                                   "not_applied": left, "open": list(figures.open_lines),
                                   "reports": [str(target) for target in files]}), ensure_ascii=False, indent=2))
        return unsettled
    console.print(_summary_table(figures))
    if figures.open_lines:
        console.print(_open_table(figures))
    if asked["n"] and not args.yes and not asked["terminal"]:
        console.print(f"{asked['n']} pembayaran tidak ada di pusat dan [bold]tidak diterapkan[/bold]: bukan di "
                      "terminal. Jalankan lagi dengan --yes untuk menerapkannya.")
    elif asked["n"]:
        console.print(f"Diterapkan dari berkas: {figures.applied_now} dari {asked['n']} pembayaran"
                      + (f"; {left} tidak dapat diterapkan (lihat keterangannya)." if left else "."))
    if figures.channel_revoked:
        console.print(f"Catatan: kanal {figures.channel_code} sudah dicabut.")
    console.print(f"Hari {day.isoformat()} kanal {figures.channel_code} tercatat sudah direkonsiliasi: pembatalan "
                  "pembayaran hari itu ditolak mulai sekarang.")
    for target in files:  # whole, never wrapped: a path to copy
        console.print(f"Laporan: {target}", soft_wrap=True, markup=False, highlight=False)
    return unsettled
