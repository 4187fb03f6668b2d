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


_TEXT_SEARCH = text(
    "SELECT c.id, c.number, c.name, c.address, c.village, c.district, t.code, c.status"
    " FROM customer_fts f JOIN customer c ON c.id = f.rowid"
    " JOIN tariff_group t ON t.id = c.tariff_group_id"
    " WHERE customer_fts MATCH :match ORDER BY bm25(customer_fts, 4.0, 1.0) LIMIT :limit"
)


def fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression for what was typed: every word of three or more
    characters must occur somewhere (as a substring) in the name or the place."""
    words = [w for w in fold(query).split() if len(w) >= MIN_TEXT]
    return " AND ".join(f'"{w}"' for w in dict.fromkeys(words)) or None


def find_customers(session: Session, query: str, limit: int = 50) -> list[CustomerSummary]:
    """Exact number matches first, then the best text matches (name counts more than
    address). Short words (under three letters) narrow the text results."""
    query = (query or "").strip()
    if not query:
        raise InvalidInput("Ketik nomor sambungan, nomor meter, nama, atau alamat.")
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"Teks pencarian terlalu panjang (maksimal {MAX_QUERY} huruf).")
    found = find_exact(session, query)
    match = fts_match(query)
    if match is None:
        if not found and len(key(query)) < MIN_TEXT:
            raise InvalidInput("Ketik minimal 3 huruf atau angka untuk mencari.")
        return found[:limit]
    short = [w for w in fold(query).split() if len(w) < MIN_TEXT]
    seen = {s.id for s in found}
    rows = session.execute(_TEXT_SEARCH, {"match": match, "limit": limit + len(seen) + (limit * 4 if short else 0)})
    for row in rows:
        if row[0] in seen:
            continue
        if short and not all(_has_word(w, row) for w in short):
            continue
        found.append(CustomerSummary(*row, matched_by="text"))
        if len(found) >= limit:
            break
    return found


def _has_word(word: str, row) -> bool:  # noqa: ANN001
    return word in fold(" ".join(str(v) for v in row[2:6])).split()


def customer_by_number(session: Session, query: str) -> Customer:
    """The one customer a connection number, meter number or barcode names."""
    found = find_exact(session, query)
    if not found:
        raise NotFound(f"Pelanggan {query!r} tidak ditemukan.")
    if len({s.id for s in found}) > 1:
        raise InvalidInput(f"Nomor {query!r} cocok dengan lebih dari satu pelanggan; pakai nomor sambungan.")
    return session.get(Customer, found[0].id)
