"""Writing values into the settings file (TOML) for the settings dialog.

Python reads TOML (tomllib) but does not write it, and the file is meant to be
read by people: it carries comments. So a value is changed in place, line by
line: `kind = "none"   # none | usb ...` becomes `kind = "network"   # none |
usb ...`, a commented example (`# host = "192.168.1.50"`) is taken as the
place for that key, and every other line stays as it is. The result is read
back with tomllib and must give exactly the values asked for while every
other section keeps its values; when the file is too unusual for that (a value
over several lines, an inline table), the whole file is written anew from its
values (comments are then lost, values are not). The new file must load as
settings (`counter.config.load`) before it replaces the old one, atomically and
readable by its owner only, like the file `config.load` creates.

No Qt here: this runs on the worker.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path

from counter import config as config_module
from counter.errors import InvalidInput

KEY = re.compile(r"[A-Za-z0-9_-]+")
_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}

Changes = dict[str, dict[str, object]]  # section -> key -> value (None: remove the key, back to its default)


class _Unusual(Exception):
    """The file is beyond the line-by-line edit: write it anew."""


def toml_value(value: object) -> str:
    """A Python value as a TOML value (strings, whole numbers, booleans, lists of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _split_value(rest: str) -> tuple[str, str]:
    """`"a # b"   # note\\n` -> (`"a # b"`, `   # note\\n`): a one-line value and what follows it."""
    if rest.startswith(('"""', "'''", "[", "{")):
        raise _Unusual
    if rest.startswith('"'):
        i = 1
        while i < len(rest):
            if rest[i] == "\\":
                i += 2
                continue
            if rest[i] == '"':
                return rest[: i + 1], rest[i + 1:]
            i += 1
        raise _Unusual
    if rest.startswith("'"):
        end = rest.find("'", 1)
        if end < 0:
            raise _Unusual
        return rest[: end + 1], rest[end + 1:]
    end = rest.find("#")
    body = rest if end < 0 else rest[:end]
    value = body.rstrip()
    return value, rest[len(value):]


def _key_line(line: str, key: str, commented: bool) -> tuple[str, str, str, int] | None:
    """(indent, value, what follows it, where the value ends) when `line` sets `key`
    (or, `commented`, is an example `# key = ...`)."""
    prefix = r"^(\s*)#\s*" if commented else r"^(\s*)"
    match = re.match(prefix + r"(?:" + re.escape(key) + r'|"' + re.escape(key) + r'")\s*=\s*(.*)$', line, re.S)
    if match is None:
        return None
    try:
        value, tail = _split_value(match.group(2))
    except _Unusual:
        if commented:
            return None  # a commented line is only a hint of where the key goes
        raise
    return match.group(1), value, tail, len(line) - len(tail)


def _with_value(indent: str, key: str, value_end: int, tail: str, value: object, newline: str) -> str:
    """The line `key = value`, its comment kept at the column it had."""
    text = f"{indent}{key} = {toml_value(value)}"
    comment = tail.strip()
    if not comment:
        return text + newline
    if not comment.startswith("#"):
        raise _Unusual  # something after the value that is not a comment
    column = value_end + len(tail) - len(tail.lstrip(" \t"))
    return text + " " * max(column - len(text), 1) + comment + newline


def _section_bounds(lines: list[str], section: str) -> tuple[int, int] | None:
    """(header index, end index) of `[section]`; None when it is not there."""
    start = None
    for i, line in enumerate(lines):
        match = _HEADER.match(line.rstrip("\r\n"))
        if start is None:
            if match and match.group(1).strip("\"' ") == section and not line.lstrip().startswith("[["):
                start = i
        elif _ANY_HEADER.match(line):
            return start, i
    return (start, len(lines)) if start is not None else None


def edit_text(text: str, changes: Changes) -> str:
    """`text` with the changed values, comments and other lines kept. Raises _Unusual."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    for section, values in changes.items():
        bounds = _section_bounds(lines, section)
        if bounds is None:
            added = [f"{key} = {toml_value(v)}{newline}" for key, v in values.items() if v is not None]
            if added:
                if lines and lines[-1].strip():
                    lines.append(newline)
                lines += [f"[{section}]{newline}", *added]
            continue
        for key, value in values.items():
            if not KEY.fullmatch(key):
                raise ValueError(f"bad key {key!r}")
            start, end = _section_bounds(lines, section)
            found = None
            for i in range(start + 1, end):
                parsed = _key_line(lines[i], key, commented=False)
                if parsed is not None:
                    found = (i, parsed)
                    break
            if found is not None:
                i, (indent, _old, tail, value_end) = found
                if value is None:
                    del lines[i]
                else:
                    lines[i] = _with_value(indent, key, value_end, tail, value, newline)
                continue
            if value is None:
                continue
            for i in range(start + 1, end):  # a commented example shows where the key belongs
                parsed = _key_line(lines[i], key, commented=True)
                if parsed is not None:
                    indent, _old, tail, value_end = parsed
                    lines[i] = _with_value(indent, key, value_end, tail, value, newline)
                    break
            else:
                last = start
                for i in range(start + 1, end):
                    if lines[i].strip():
                        last = i
                lines.insert(last + 1, f"{key} = {toml_value(value)}{newline}")
    return "".join(lines)


def dump(values: dict[str, dict[str, object]]) -> str:
    """A whole settings file from its values (when the line edit cannot be trusted)."""
    out = ["# counter settings (written by the desk's Pengaturan)\n"]
    for key, value in values.items():  # keys before any [section] first, as TOML wants
        if not isinstance(value, dict):
            out.append(f"{key} = {toml_value(value)}\n")
    for section, table in values.items():
        if not isinstance(table, dict):
            continue
        out.append(f"\n[{section}]\n")
        for key, value in table.items():
            out.append(f"{key} = {toml_value(value)}\n")
    return "".join(out)


def _expected(before: dict, changes: Changes) -> dict:
    after = {section: dict(table) if isinstance(table, dict) else table for section, table in before.items()}
    for section, values in changes.items():
        table = after.setdefault(section, {})
        if not isinstance(table, dict):
            raise InvalidInput(f"Berkas pengaturan tidak bisa diubah: {section!r} bukan bagian [..].")
        for key, value in values.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = list(value) if isinstance(value, tuple) else value
        if not table and section not in before:
            del after[section]
    return after


def new_text(text: str, changes: Changes) -> str:
    """The file's new text: edited in place when that gives exactly the values wanted, else written anew."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"Berkas pengaturan rusak, perbaiki dulu dengan penyunting teks: {error}") from None
    wanted = _expected(before, changes)
    try:
        edited = edit_text(text, changes)
        if tomllib.loads(edited) == wanted:
            return edited
    except (_Unusual, tomllib.TOMLDecodeError):
        pass
    return dump(wanted)


def write_settings(path: Path | None, changes: Changes) -> config_module.Config:
    """Write `changes` into the settings file at `path`; returns the settings it now holds.
    InvalidInput (nothing written) when the result would not load."""
    if path is None:
        raise InvalidInput("Loket ini tidak dibuka dengan berkas pengaturan; tidak ada yang bisa disimpan.")
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as error:
        raise InvalidInput(f"Berkas pengaturan {path} tidak bisa dibaca: {error}") from None
    updated = new_text(text, changes)
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
        handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    except OSError as error:
        raise InvalidInput(f"Berkas pengaturan {path} tidak bisa ditulis: {error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(updated)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        loaded = config_module.load(config_file=Path(temporary), create=False)  # the desk must start with it
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"Berkas pengaturan {path} tidak bisa ditulis: {error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return loaded
