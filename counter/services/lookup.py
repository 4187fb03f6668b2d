"""Finding a customer: exact by number, meter or bill barcode; type-ahead by text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, NotFound
from counter.models import Customer, TariffGroup
from counter.rules.text import fold, key

MAX_QUERY = 100
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


_COLUMNS = (
    Customer.id, Customer.number, Customer.name, Customer.address, Customer.village,
    Customer.district, TariffGroup.code, Customer.status,
)


def _summaries(session: Session, condition, matched_by: str, period: int | None = None):  # noqa: ANN001
    rows = session.execute(
        select(*_COLUMNS).join(TariffGroup, TariffGroup.id == Customer.tariff_group_id).where(condition)
    ).all()
    return [CustomerSummary(*row, matched_by=matched_by, period=period) for row in rows]


def find_exact(session: Session, query: str) -> list[CustomerSummary]:
    """Customers whose connection number, meter number or bill barcode is `query`."""
    k = key(query)
    if not k:
        return []
    found = _summaries(session, Customer.number_key == k, "number")
    if not found and len(k) > BARCODE_PERIOD_DIGITS and k[-BARCODE_PERIOD_DIGITS:].isdigit():
        period = int(k[-BARCODE_PERIOD_DIGITS:])
        if 1 <= period % 100 <= 12:
            found = _summaries(
                session, Customer.number_key == k[:-BARCODE_PERIOD_DIGITS], "barcode", period
            )
    found += [s for s in _summaries(session, Customer.meter_key == k, "meter") if s not in found]
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


# Text matches come in tiers, each in the order of the index, each stopping as
# soon as the page is full. No scoring: FTS5's bm25 reads every match of every
# word, which for a village of 100,000 customers costs more than a search may.
TIERS = (
    ("customer_names", word_match),  # every word begins a word of the name
    ("customer_words", word_match),  # ... of the name or the address
    ("customer_name_trigram", inside_match),  # when nothing else: inside the name
)


def _text_ids(session: Session, words: list[str], limit: int, skip: set[int]) -> list[int]:
    ids: list[int] = []
    for table, make_match in TIERS:
        match = make_match(words)
        if match is None or (make_match is inside_match and ids):
            continue
        rows = session.execute(
            text(f"SELECT rowid FROM {table} WHERE {table} MATCH :match LIMIT :limit"),
            {"match": match, "limit": limit + len(skip) + len(ids)},
        ).scalars()
        for rowid in rows:
            if rowid not in skip and rowid not in ids:
                ids.append(rowid)
        if len(ids) >= limit:
            break
    return ids[:limit]


def find_customers(session: Session, query: str, limit: int = 50) -> list[CustomerSummary]:
    """Exact number matches first, then text matches.

    Text: each word typed must begin a word of the name or the address, in any
    order, case and accents ignored; customers whose name has every word come
    first. Only when that finds nobody, each word is looked for inside the
    names (`anggi` finds `Fanggidae`).
    """
    query = (query or "").strip()
    if not query:
        raise InvalidInput("Ketik nomor sambungan, nomor meter, nama, atau alamat.")
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"Teks pencarian terlalu panjang (maksimal {MAX_QUERY} huruf).")
    # connection and meter numbers carry digits; a name needs no number look-up
    found = find_exact(session, query) if any(ch.isdigit() for ch in query) else []
    words = fold(query).split()
    if len("".join(words)) < MIN_TEXT and not found:
        raise InvalidInput("Ketik minimal 3 huruf atau angka untuk mencari.")
    ids = _text_ids(session, words, limit - len(found), {s.id for s in found})
    if ids:
        by_id = {s.id: s for s in _summaries(session, Customer.id.in_(ids), "text")}
        found += [by_id[i] for i in ids]
    return found[:limit]


def customer_by_number(session: Session, query: str) -> Customer:
    """The one customer a connection number, meter number or barcode names."""
    found = find_exact(session, query)
    if not found:
        raise NotFound(f"Pelanggan {query!r} tidak ditemukan.")
    if len({s.id for s in found}) > 1:
        raise InvalidInput(f"Nomor {query!r} cocok dengan lebih dari satu pelanggan; pakai nomor sambungan.")
    return session.get(Customer, found[0].id)
