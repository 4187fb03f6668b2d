"""Is the local store the one this counter had, and is it whole?

Beside the store lies a marker, `counter.store`, written once the store exists.
A store gone or emptied while its marker is there was lost (a failing disk, a
hand, a sync tool); making an empty store in its place would hide that the
payments it held are missing, so the program stops instead and says how to
restore. The marker also keeps the day of the last full check: every opening
reads the file's header and schema (milliseconds); the full check of every page
(`PRAGMA quick_check`, about a minute for a million customers) runs once a day
in the background of the desk, and on demand (`counter store check`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from counter.errors import CounterError
from counter.store.files import owner_only, private_folder, write_private

MARKER = "counter.store"
_HEADER = b"SQLite format 3\x00"
_MARKER_TEXT = ("# Data lokal loket ini (counter.sqlite) dibuat di folder ini. Jangan dihapus: tanpa berkas ini,\n"
                "# data lokal yang hilang bisa dikira loket baru. Pemeriksaan penuh terakhir:\n"
                "checked = {day}\n")


class StoreDamaged(CounterError):
    """The local store is damaged, emptied or gone: nothing may be written to it."""


def damaged(store: Path, what: str) -> StoreDamaged:
    """The message for whoever supports this counter: what is wrong, and how to recover."""
    return StoreDamaged(
        f"Data lokal {store} {what}. Program berhenti agar tidak ada pembayaran yang tercatat di data yang salah. "
        f"Langkah pemulihan: (1) tutup program loket di PC ini; (2) salin folder {store.parent} apa adanya ke "
        f"tempat lain untuk diperiksa; (3) kembalikan cadangan terakhir sebagai {store}, tanpa berkas -wal dan "
        "-shm di sampingnya; (4) jalankan 'counter sync' agar data dari pusat masuk kembali; (5) bila tidak ada "
        "cadangan, hubungi dukungan. Lihat docs/operations.md, bagian Pemulihan.")


def is_damage(error: BaseException) -> bool:
    """SQLite's "file is not a database" and "database disk image is malformed"
    (a lock or a permission is an OperationalError, not damage)."""
    return type(getattr(error, "orig", error)) is sqlite3.DatabaseError


def before_open(store: Path) -> bool:
    """Refuse a store that vanished, was emptied or is not SQLite; make a new one
    owner-only (SQLite gives its -wal and -shm the store's mode). True when new."""
    private_folder(store.parent)
    marker = store.parent / MARKER
    size = store.stat().st_size if store.exists() else None
    if not size:
        if marker.exists():
            error = damaged(store, "hilang" if size is None else "kosong (0 byte)")
            raise StoreDamaged(f"{error} Bila folder ini memang untuk loket baru, hapus dulu berkas {marker}.")
        write_private(store, b"")
        return True
    with store.open("rb") as f:
        if f.read(len(_HEADER)) != _HEADER:
            raise damaged(store, "rusak: bukan berkas data SQLite")
    for suffix in ("", "-wal", "-shm"):
        owner_only(store.with_name(store.name + suffix))
    return False


@contextlib.contextmanager
def damage_said(store: Path) -> Iterator[None]:
    """SQLite's damage errors inside become StoreDamaged with the recovery steps."""
    try:
        yield
    except DatabaseError as error:
        if is_damage(error):
            raise damaged(store, f"rusak ({error.orig})") from error
        raise


def check(engine: Engine, store: Path, full: bool) -> None:
    """Read the schema; with `full`, every page and index too."""
    with damage_said(store), engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        problems = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check(3)")] if full else ["ok"]
    if problems != ["ok"]:
        raise damaged(store, f"rusak ({'; '.join(problems)[:300]})")


def checked_on(folder: Path) -> dt.date | None:
    """The day of the last full check, from the marker (None: never, or no marker)."""
    try:
        for line in (folder / MARKER).read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "checked":
                return dt.date.fromisoformat(value.strip())
    except (OSError, ValueError):
        pass
    return None


def mark(folder: Path, day: dt.date | None) -> None:
    """The store exists (and was whole on `day`; None: not fully checked yet)."""
    if not (folder / MARKER).exists() or (day is not None and checked_on(folder) != day):
        text = _MARKER_TEXT.format(day=day.isoformat() if day else "-")
        write_private(folder / MARKER, text.encode("utf-8"))
