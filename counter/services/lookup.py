"""Finding a customer: exact by number, meter or bill barcode; type-ahead by text."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy.orm import Session, joinedload

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import Customer
from counter.rules.text import fold, key

MAX_QUERY = 100
MAX_RESULTS = 500
MIN_TEXT = 3  # the trigram index needs three characters
BARCODE_PERIOD_DIGITS = 6  # a bill barcode is the connection number then yyyymm

STATUS_LABELS = {
    "active": "Aktif",
    "sealed": "Disegel",
    "temporarily_closed": "Tutup sementara",
    "closed": "Tutup",
}


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    number: str
    name: str
    address: str
    village: str
    district: str
    tariff_code: str
    status: str
    matched_by: str  # number | meter | barcode | text
    period: int | None = None  # the bill a scanned barcode named

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


# The look-up is the desk's hottest path and SQLite-only (FTS5), so it speaks to
# the driver directly: SQLAlchemy's statement handling would double its cost.
_SUMMARY = (
    "SELECT c.id, c.number, c.name, c.address, c.village, c.district, t.code, c.status,"
    " c.number_key, c.meter_key, c.search_name, c.search_place"
    " FROM customer c JOIN tariff_group t ON t.id = c.tariff_group_id WHERE "
)


def _db(session: Session) -> sqlite3.Connection:
    return session.connection().connection.driver_connection


def find_exact(session: Session, query: str) -> list[CustomerSummary]:
    """Customers whose connection number, meter number or bill barcode is `query`:
    by connection number first, then barcode, then meter number."""
    k = key(query)
    if not k:
        return []
    barcode, period = None, None
    if len(k) > BARCODE_PERIOD_DIGITS and k[-BARCODE_PERIOD_DIGITS:].isdigit():
        barcode, period = k[:-BARCODE_PERIOD_DIGITS], int(k[-BARCODE_PERIOD_DIGITS:])
        if not 1 <= period % 100 <= 12:
            barcode, period = None, None
    rows = _db(session).execute(
        _SUMMARY + "c.number_key IN (?, ?) OR c.meter_key = ?", (k, barcode or k, k)
    ).fetchall()
    ranked = []
    for row in rows:
        *summary, number_key, meter_key, _, _ = row
        if number_key == k:
            ranked.append((0, CustomerSummary(*summary, matched_by="number")))
        elif number_key == barcode:
            ranked.append((1, CustomerSummary(*summary, matched_by="barcode", period=period)))
        if meter_key == k:
            ranked.append((2, CustomerSummary(*summary, matched_by="meter")))
    found: list[CustomerSummary] = []
    for _, summary in sorted(ranked, key=lambda r: r[0]):
        if summary.id not in {s.id for s in found}:
            found.append(summary)
    if any(s.matched_by == "number" for s in found):  # a full number beats a barcode reading
        found = [s for s in found if s.matched_by != "barcode"]
    return found


# Words in nearly every address: left out of the match when other words were typed.
COMMON_WORDS = frozenset({"jl", "jln", "jalan", "no", "rt", "rw", "gg", "gang", "kel", "kec"})

def word_match(words: list[str]) -> str | None:
    """Every word (two letters or more) must begin a word of the indexed text."""
    useful = [w for w in dict.fromkeys(words) if len(w) >= 2]
    rare = [w for w in useful if w not in COMMON_WORDS] or useful
    return " AND ".join(f'"{w}"*' for w in rare) or None


def inside_match(words: list[str]) -> str | None:
    """Every word (three letters or more) must occur somewhere inside the text."""
    return " AND ".join(f'"{w}"' for w in dict.fromkeys(words) if len(w) >= MIN_TEXT) or None


# Text matches come in tiers, each read in the order of its index and stopping
# once it has enough candidates; the candidates are then ranked by whole-word
# hits. No FTS5 bm25: it reads every match of every word, which for a village of
# 100,000 customers costs more than a search may take.
TIERS = tuple(
    (f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", make_match)
    for table, make_match in (
        ("customer_names", word_match),  # every word begins a word of the name
        ("customer_words", word_match),  # ... of the name or the address
        ("customer_trigram", inside_match),  # when nothing else: inside name or address
    )
)


def _candidates(session: Session, words: list[str], wanted: int) -> dict[int, int]:
    """Customer id -> tier of the first tier that found it."""
    found: dict[int, int] = {}
    for tier, (statement, make_match) in enumerate(TIERS):
        match = make_match(words)
        if match is None or (make_match is inside_match and found):
            continue
        for (rowid,) in _db(session).execute(statement, (match, wanted + len(found))):
            found.setdefault(rowid, tier)
        if len(found) >= wanted:
            break
    return found


def _rank(words: list[str], tier: int, search_name: str, search_place: str) -> tuple[int, int, int]:
    """Earlier tier first; then more typed words that are whole words of the name,
    then of the address (`maria` puts Maria before Mariana)."""
    name, place = search_name.split(), search_place.split()
    return tier, -sum(w in name for w in words), -sum(w in place for w in words)


def find_customers(session: Session, query: str, limit: int = 50) -> list[CustomerSummary]:
    """Exact number matches (connection, barcode, meter) first, then text matches.

    Text: each word typed must begin a word of the name or the address, in any
    order, case and accents ignored; customers whose name has every word come
    first, whole words before beginnings. Only when that finds nobody, each
    word is looked for inside the name or address (`anggi` finds `Fanggidae`).
    """
    query = (query or "").strip()
    if not query:
        raise InvalidInput("Ketik nomor sambungan, nomor meter, nama, atau alamat.")
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"Teks pencarian terlalu panjang (maksimal {MAX_QUERY} huruf).")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_RESULTS:
        raise InvalidInput(f"Jumlah hasil harus 1 sampai {MAX_RESULTS}.")
    found = find_exact(session, query)
    words = fold(query).split()
    if len("".join(words)) < MIN_TEXT and not found:
        raise InvalidInput("Ketik minimal 3 huruf atau angka untuk mencari.")
    exact = {s.id for s in found}
    tiers = {i: t for i, t in _candidates(session, words, 2 * limit).items() if i not in exact}
    if tiers:
        marks = ", ".join("?" * len(tiers))
        rows = _db(session).execute(_SUMMARY + f"c.id IN ({marks})", list(tiers)).fetchall()
        position = {i: n for n, i in enumerate(tiers)}
        rows.sort(key=lambda r: (*_rank(words, tiers[r[0]], r[-2], r[-1]), position[r[0]]))
        found += [CustomerSummary(*row[:8], matched_by="text") for row in rows]
    return found[:limit]


def customer_by_number(session: Session, query: str) -> Customer:
    """The one customer a connection number, meter number or barcode names."""
    found = find_exact(session, query)
    if not found:
        raise NotFound(f"Pelanggan {quoted(query)} tidak ditemukan.")
    by_number = [s for s in found if s.matched_by == "number"]
    if len(by_number) == 1:  # a connection number beats someone else's meter number
        found = by_number
    if len({s.id for s in found}) > 1:
        raise InvalidInput(f"Nomor {quoted(query)} cocok dengan lebih dari satu pelanggan; pakai nomor sambungan.")
    return session.get(Customer, found[0].id, options=[joinedload(Customer.tariff_group)])
