"""Money is an int of whole Rupiah; these helpers show and read it."""

from __future__ import annotations

import re

from counter.errors import InvalidInput, quoted

MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MAX_AMOUNT = 10**13  # ten trillion Rupiah: far above any real receipt, far below int64
MAX_FLOAT = 100_000_000  # a counter's opening float above this is a typing mistake
MAX_PAYMENT = 100_000_000  # default most one payment may take ([payment] max_amount): more is a typing mistake


def format_rupiah(amount: int, *, symbol: bool = True) -> str:
    """`1234567` -> `Rp 1.234.567` (dot thousands, no decimals)."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"money must be int Rupiah, got {type(amount).__name__}")
    digits = f"{abs(amount):,}".replace(",", ".")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {digits}" if symbol else f"{sign}{digits}"


# ASCII digits only: Arabic-Indic (٣) or full-width (３) digits are refused, as the import refuses them
_AMOUNT = re.compile(r"^(?:rp\.?)?\s*([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,-|,00)?$", re.IGNORECASE | re.ASCII)


def ascii_digits(text: str) -> bool:
    """True when `text` is one or more ASCII digits 0-9 (str.isdigit also takes ٣ and ３)."""
    return bool(text) and text.isascii() and text.isdigit()


def parse_rupiah(text: str) -> int:
    """Read an amount a cashier typed: `150000`, `150.000`, `Rp 150.000`, `150.000,-`.

    Raises InvalidInput with an Indonesian message for anything else (negative,
    decimals, letters, absurdly large).
    """
    if not isinstance(text, str):
        raise InvalidInput("Jumlah uang harus ditulis dengan angka.")
    cleaned = text.strip().replace(" ", "")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise InvalidInput(f"Jumlah uang tidak valid: {quoted(text)}. Tulis angka bulat, mis. 150000 atau 150.000.")
    value = int(match.group(1).replace(".", ""))
    if value > MAX_AMOUNT:
        raise InvalidInput(f"Jumlah uang terlalu besar: {quoted(text)}.")
    return value


def in_words(amount: int) -> str:
    """Terbilang: `123000` -> `seratus dua puluh tiga ribu rupiah`."""
    from num2words import num2words

    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise InvalidInput("Terbilang hanya untuk jumlah rupiah bulat yang tidak negatif.")
    return f"{num2words(amount, lang='id')} rupiah"
