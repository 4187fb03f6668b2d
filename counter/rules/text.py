"""Normalising what people type and what the store indexes."""

from __future__ import annotations

import re
import unicodedata

from counter.errors import InvalidInput

_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_KEY = re.compile(r"[^0-9A-Z]+")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to single spaces: `José  Araújo-Soares` ->
    `jose araujo soares`. The search index and the search query both pass through this."""
    text = text or ""
    if text.isascii():  # nothing to decompose (most names and addresses)
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain.casefold()).strip()


def key(text: str) -> str:
    """A connection, meter or barcode number without spaces or dashes, upper case:
    `01-02-003456` -> `0102003456`."""
    return _NON_KEY.sub("", (text or "").upper())


def one_line(text: str | None, low: int, high: int, refusal: str) -> str:
    """`text` on one line with its spaces collapsed; InvalidInput(`refusal`)
    unless it is `low`..`high` characters long and free of control characters."""
    text = " ".join((text or "").split())
    if not low <= len(text) <= high or any(ord(ch) < 32 for ch in text):
        raise InvalidInput(refusal)
    return text
