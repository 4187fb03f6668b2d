"""Customer credit at the counter: what may be used toward the next bills.

Central keeps the credit (`customer_credit`, a ledger); a counter knows it only
from central's answer when it refreshes the customer (`customer_note`, written
by sync/refresh.py, less what this counter used since that central has not
recorded yet). Credit is used only while that answer is fresh (central answered
for this customer within CREDIT_FRESH): offline, or with an old answer, nothing
is offered. Each use is carried in the payment's event; central's applier takes
it from the ledger, and a use the ledger no longer covers (the credit was used
at another counter meanwhile) becomes a `credit_shortfall` conflict for the
branch head. So credit is never applied twice unnoticed, and never lost.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from counter.errors import PaymentRefused
from counter.models import CustomerNote
from counter.rules.money import format_rupiah

CREDIT_FRESH = dt.timedelta(minutes=5)  # central's answer for the customer must be this recent to use credit


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def usable_credit(session: Session, customer_id: int, now: dt.datetime | None = None) -> int:
    """The credit this counter may use for the customer now, or PaymentRefused
    (Indonesian) when central has not just answered for them."""
    note = session.get(CustomerNote, customer_id)
    now = now or utc_now()
    if note is None or not now - CREDIT_FRESH <= note.read_at <= now + dt.timedelta(minutes=1):
        raise PaymentRefused("Kredit pelanggan hanya bisa dipakai bila pusat baru saja menjawab untuk pelanggan "
                             "ini; buka ulang pelanggan saat pusat tersambung (tanpa kredit, bayar seperti biasa).")
    return max(int(note.credit), 0)


def take_credit(session: Session, customer_id: int, amount: int, now: dt.datetime | None = None) -> None:
    """Use `amount` of the customer's credit in the caller's transaction:
    refused (nothing written) when it is more than may be used."""
    available = usable_credit(session, customer_id, now)
    if amount > available:
        raise PaymentRefused(f"Kredit yang dipakai {format_rupiah(amount)} melebihi kredit pelanggan "
                             f"{format_rupiah(available)}; muat ulang pelanggan.")
    session.execute(update(CustomerNote).where(CustomerNote.customer_id == customer_id)
                    .values(credit=CustomerNote.credit - amount))


def give_back(session: Session, customer_id: int, amount: int) -> None:
    """A voided payment's credit is the customer's again (central adds it back
    when the void reaches it)."""
    if amount:
        session.execute(update(CustomerNote).where(CustomerNote.customer_id == customer_id)
                        .values(credit=CustomerNote.credit + amount))
