"""Reading one cell of an import file: each parser returns the value or raises Bad
with the reason in Indonesian (`water_charge '1.5' bukan jumlah rupiah bulat ...`).

Where the counter has a rule of its own, the rule is used, not copied: billing
months by `rules.period.parse_period`, tariff blocks by `rules.tariff.validate_blocks`.
Amounts are stricter than `rules.money.parse_rupiah` on purpose: a billing system
exports plain integers, and `31.000` could mean thirty-one thousand or thirty-one.
"""

from __future__ import annotations

import datetime as dt
import re

from counter.errors import InvalidInput
from counter.models.customer import CUSTOMER_STATUSES
from counter.rules.money import MAX_AMOUNT
from counter.rules.period import parse_period
from counter.rules.tariff import Block, validate_blocks
from counter.services.importing.csv_table import column_name

MAX_COUNT = 10**9  # meter readings and m3: far above any real value
MAX_BLOCKS = 50

_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._/\-]{0,15}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LOCAL_DATE = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})")


class Bad(Exception):
    """One reason a cell or row is wrong (Indonesian)."""


def reject(reason: str) -> None:
    """Raise Bad: a check that is not a parser, e.g. a duplicate key."""
    raise Bad(reason)


def show(value: str) -> str:
    """A cell as a message quotes it: short and printable."""
    shown = value if len(value) <= 30 else value[:27] + "..."
    if _CONTROL.search(shown):
        shown = repr(shown)[1:-1]
    return f"'{shown}'"


def _digits(value: str, column: str, maximum: int, not_digits: str) -> int:
    if not value:
        raise Bad(f"{column} kosong")
    if not (len(value) <= 15 and value.isascii() and value.isdigit()):  # 1 to 15 of 0-9
        raise Bad(f"{column} {show(value)} {not_digits}")
    number = int(value)
    if number > maximum:
        raise Bad(f"{column} {show(value)} terlalu besar")
    return number


def whole(value: str, column: str, maximum: int = MAX_COUNT) -> int:
    """A count (m3, a meter reading, a household size): ASCII digits only."""
    return _digits(value, column, maximum, "bukan bilangan bulat (tulis angka saja, mis. 12)")


def rupiah(value: str, column: str) -> int:
    """Whole Rupiah, ASCII digits only, at most MAX_AMOUNT."""
    return _digits(value, column, MAX_AMOUNT,
                   "bukan jumlah rupiah bulat (tulis angka saja tanpa titik, koma atau minus, mis. 31000)")


def _word(words: dict[str, object], value: str, unknown: str) -> object:
    """The meaning of a word from a fixed list, any case, spaces or `-` as `_`;
    Bad(`unknown`) for any other word, where `{shown}` in `unknown` is the word
    as show() quotes it (made only then)."""
    found = words.get(value)
    if found is None:
        found = words.get(column_name(value))
    if found is None:
        raise Bad(unknown.format(shown=show(value)))
    return found


_FLAGS = {"1": True, "true": True, "ya": True, "y": True, "yes": True,
          "0": False, "false": False, "tidak": False, "n": False, "no": False, "": False}


def flag(value: str, column: str) -> bool:
    return _word(_FLAGS, value, column + " {shown} tidak dikenal (tulis ya/tidak atau 1/0)")


def text(value: str, column: str, limit: int) -> str:
    if not value.isprintable() and _CONTROL.search(value):  # printable text has no control character
        raise Bad(f"{column} berisi karakter kontrol (mis. ganti baris atau tab)")
    if len(value) > limit:
        raise Bad(f"{column} terlalu panjang ({len(value)} huruf, maksimal {limit})")
    return value


def required_text(value: str, column: str, limit: int) -> str:
    if not value:
        raise Bad(f"{column} kosong")
    return text(value, column, limit)


def code(value: str, column: str) -> str:
    """A tariff group code, upper case: `r1` -> `R1`."""
    if not value:
        raise Bad(f"{column} kosong")
    upper = value.upper()
    if not _CODE.fullmatch(upper):
        raise Bad(f"{column} {show(value)} tidak sah (huruf, angka, '.', '-', '_' atau '/'; maksimal 16)")
    return upper


def period(value: str) -> int:
    """A billing month, `2025-10` or `202510` -> 202510 (the rule of `rules.period.parse_period`)."""
    try:
        return parse_period(value)
    except InvalidInput:
        raise Bad(f"bulan rekening {show(value)} tidak sah (tulis 2025-10 atau 202510)") from None


def period_text(value: int) -> str:
    return f"{value // 100}-{value % 100:02d}"


def date(value: str, column: str) -> dt.date:
    """`2025-11-20` (ISO) or `20/11/2025`, `20-11-2025` (day first)."""
    iso, local = _ISO_DATE.fullmatch(value), _LOCAL_DATE.fullmatch(value)
    try:
        if iso:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        elif local:
            day = dt.date(int(local.group(3)), int(local.group(2)), int(local.group(1)))
        else:
            day = None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        raise Bad(f"{column} {show(value)} bukan tanggal (tulis 2025-11-20 atau 20/11/2025)")
    return day


_STATUSES = {
    **{s: s for s in CUSTOMER_STATUSES},
    "aktif": "active",
    "segel": "sealed", "disegel": "sealed",
    "tutup_sementara": "temporarily_closed",
    "tutup": "closed",
}


def status(value: str) -> str:
    """A customer's status, English or Indonesian: `segel` -> `sealed`."""
    if not value:
        raise Bad("status kosong (tulis aktif, segel, tutup_sementara atau tutup)")
    return _word(_STATUSES, value, "status {shown} tidak dikenal (tulis aktif, segel, tutup_sementara atau tutup)")


_BILL_STATUSES = {"": False, "unpaid": False, "belum_lunas": False, "belum": False,
                  "paid": True, "lunas": True}


def bill_paid(value: str) -> bool:
    """A bill's status: True for paid (elsewhere), False for unpaid or empty."""
    return _word(_BILL_STATUSES, value, "status {shown} tidak dikenal (tulis unpaid/belum_lunas atau paid/lunas)")


# validate_blocks' reasons, as the person fixing the file reads them
_BLOCK_REASONS = {
    "only the last block may be open-ended": "hanya blok terakhir yang boleh tanpa batas (mis. ...;30:5500;:6900)",
    "block limits must be positive and increasing":
        "batas blok tarif harus lebih dari 0 dan terus naik (mis. 10:..;20:..;30:..)",
}


def blocks(value: str) -> tuple[Block, ...]:
    """`10:3100;20:4300;30:5500;:6900` (or with `|`) -> blocks; the last may be open-ended."""
    if not value:
        raise Bad("blocks kosong (tulis mis. 10:3100;20:4300;:5500)")
    parts = [p.strip() for p in re.split(r"[;|]", value)]
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a trailing separator
    if len(parts) > MAX_BLOCKS:
        raise Bad(f"terlalu banyak blok tarif ({len(parts)}, maksimal {MAX_BLOCKS})")
    found = []
    for part in parts:
        limit, colon, price = part.partition(":")
        limit, price = limit.strip(), price.strip()
        if not colon:
            raise Bad(f"blok tarif {show(part)} tidak sah (tulis batas_m3:harga, mis. 10:3100)")
        try:
            up_to = whole(limit, "batas") if limit else None
            per_m3 = rupiah(price, "harga")
        except Bad as bad:
            raise Bad(f"blok tarif {show(part)}: {bad}") from None
        found.append(Block(up_to, per_m3))
    try:
        validate_blocks(found)
    except ValueError as exc:
        raise Bad(_BLOCK_REASONS.get(str(exc), f"blok tarif tidak sah ({exc})")) from None
    return tuple(found)
