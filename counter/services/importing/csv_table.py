"""Reading one CSV file of an import: encoding, delimiter, header row, and the
problems found in every file, reported together at the end."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from counter.errors import ImportRejected
from counter.services.importing.summary import count_text

MAX_SHOWN = 20  # bad rows named in the message
MAX_KEPT = 10_000  # bad rows remembered for sorting (the rest are only counted)


class Problems:
    """Bad rows of every file, reported together at the end."""

    def __init__(self) -> None:
        self.kept: list[tuple[int, int, str]] = []  # (file order, line, message)
        self.total = 0

    def add(self, order: int, label: str, line: int | None, reason: str) -> None:
        self.total += 1
        if len(self.kept) < MAX_KEPT:
            where = f"{label} baris {line}" if line else label
            self.kept.append((order, line or 0, f"{where}: {reason}"))

    def __bool__(self) -> bool:
        return self.total > 0

    def rejection(self) -> ImportRejected:
        shown = [message for *_, message in sorted(self.kept)[:MAX_SHOWN]]
        if self.total == 1:
            lines = ["Impor dibatalkan, tidak ada data yang disimpan:"]
        else:
            lines = [f"Impor dibatalkan, tidak ada data yang disimpan. {count_text(self.total)} kesalahan:"]
        lines += shown
        if self.total > len(shown):
            lines.append(f"... dan {count_text(self.total - len(shown))} kesalahan lain.")
        error = ImportRejected("\n".join(lines))
        error.problems = tuple(shown)  # for a screen that lists them
        return error


def column_name(text: str) -> str:
    """`  Tariff Group ` -> `tariff_group`."""
    return re.sub(r"[\s\-]+", "_", text.strip().lstrip("\ufeff").strip().lower())


Row = tuple[int, dict[str, str]]  # (line where the row starts, stripped cells by column)


@dataclass
class Table:
    label: str  # the file name, as messages name it
    order: int  # 0 tariffs, 1 customers, 2 bills: the order of messages
    rows: Iterator[Row]  # read as they are iterated


def _decode(path: Path, fail: Callable[[str], None]) -> tuple[bytes, str] | None:
    """The file's bytes, known to be UTF-8 text, and its first line that is not
    blank; or None after `fail(reason)`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return fail(f"berkas tidak ditemukan ({path})")
    except OSError as exc:
        return fail(f"berkas tidak dapat dibaca ({exc.strerror or exc})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("berkas berformat UTF-16; simpan ulang sebagai 'CSV UTF-8'")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return fail(f"bukan teks UTF-8 (byte tidak sah di baris {line}); simpan ulang sebagai 'CSV UTF-8'")
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        if text[start:end].strip():
            return data, text[start:end]
        start = end
    return fail("berkas kosong")


def read_table(path: Path, order: int, required: Sequence[str], optional: Sequence[str],
               problems: Problems, warnings: list[str]) -> Table | None:
    """The rows of a CSV file, read as they are iterated; None (and a problem) when the
    file as a whole is unusable. A row with the wrong number of cells is a problem."""
    label = path.name

    def fail(reason: str, line: int | None = None) -> None:
        problems.add(order, label, line, reason)

    decoded = _decode(path, fail)
    if decoded is None:
        return None
    data, first_line = decoded
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # decoded as it is read: the text of a large file is never all in memory
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), delimiter=delimiter)
    del data, decoded
    last = 0

    def records() -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of every row that is not blank."""
        nonlocal last
        try:
            for cells in reader:
                start, last = last + 1, reader.line_num
                if "".join(cells).strip():
                    yield start, cells
        except csv.Error as exc:
            fail(f"bentuk CSV rusak ({exc})", reader.line_num)

    lines = records()
    _, header = next(lines, (0, None))
    if header is None:
        return None  # the CSV error is reported
    header = [column_name(c) for c in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in columns:
            fail(f"kolom '{name}' muncul dua kali di baris judul")
            return None
        if name:
            columns[name] = index
    missing = [c for c in required if c not in columns]
    if missing:
        fail(f"kolom wajib tidak ada: {', '.join(missing)} (kolom yang terbaca dengan pemisah "
             f"'{delimiter}': {', '.join(columns) or '-'})")
        return None
    unknown = [c for c in columns if c not in required and c not in optional]
    if unknown:
        warnings.append(f"{label}: kolom tidak dikenal diabaikan: {', '.join(unknown)}.")
    width = len(header)
    used = [(name, index) for name, index in columns.items() if name not in unknown]

    def rows() -> Iterator[Row]:
        count = 0
        for line, cells in lines:
            count += 1
            if len(cells) != width:
                fail(f"berisi {len(cells)} kolom, baris judul {width} kolom (nilai yang memuat "
                     f"'{delimiter}' harus diapit tanda kutip \")", line)
                continue
            yield line, {name: cells[index].strip() for name, index in used}
        if not count:
            fail("tidak ada baris data (hanya baris judul)")

    return Table(label, order, rows())
