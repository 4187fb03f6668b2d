"""Conflicts at central and their resolution by a supervisor.

A payment that met a bill already paid elsewhere keeps its money as customer
credit; the supervisor either refunds it (the credit goes) or leaves it for the
customer's next bill. A mismatch between the counter's and central's figures is
acknowledged once checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, NotAllowed, NotFound, PaymentRefused
from counter.models import Conflict, Customer, CustomerCredit, Payment, User
from counter.services.approval import SUPERVISORS, Approval, check_credential
from counter.store.uow import UnitOfWork

RESOLUTIONS = {
    "refund": "refunded",  # the surplus is paid back; the credit is taken off
    "keep": "applied",  # the credit stays for the next bill
    "accept": "accepted",  # a figure mismatch checked and accepted
}


@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    status: str
    amount: int
    customer: str
    receipt_no: str
    created_at: dt.datetime
    detail: dict


def list_conflicts(central: Engine, status: str | None = "open", office_id: int | None = None) -> list[ConflictView]:
    """Conflicts by status, of one office's customers or (None) of all."""
    with Session(central) as session:
        query = (select(Conflict, Customer.number, Payment.receipt_no)
                 .join(Customer, Customer.id == Conflict.customer_id)
                 .outerjoin(Payment, Payment.id == Conflict.payment_id).order_by(Conflict.id))
        if status:
            query = query.where(Conflict.status == status)
        if office_id is not None:
            query = query.where(Customer.office_id == office_id)
        return [ConflictView(c.id, c.kind, c.status, c.amount, number, receipt or "", c.created_at, c.detail)
                for c, number, receipt in session.execute(query)]


def customer_credit(session: Session, customer_id: int) -> int:
    return session.scalar(select(func.coalesce(func.sum(CustomerCredit.amount), 0))
                          .where(CustomerCredit.customer_id == customer_id))


def resolve_conflict(central: Engine, conflict_id: int, resolution: str, approval: Approval | None,
                     note: str = "", office_id: int | None = None) -> None:
    """A supervisor (their credential, checked at central) settles a conflict;
    with `office_id`, only a conflict of that office, by a supervisor of it."""
    if resolution not in RESOLUTIONS:
        raise InvalidInput(f"Penyelesaian harus salah satu dari: {', '.join(RESOLUTIONS)}.")
    if not isinstance(note, str) or len(note) > 200:
        raise InvalidInput("Catatan paling panjang 200 huruf.")
    user = check_credential(UnitOfWork(central), approval, "Menyelesaikan konflik", SUPERVISORS)
    with Session(central) as session, session.begin():
        if office_id is not None and session.scalar(select(User.office_id).where(User.id == user.id)) != office_id:
            raise NotAllowed("Kepala unit kantor lain tidak bisa menyelesaikan konflik kantor ini.")
        conflict = session.get(Conflict, conflict_id, with_for_update=True)
        mine = conflict is not None and (office_id is None or session.scalar(
            select(Customer.office_id).where(Customer.id == conflict.customer_id)) == office_id)
        if not mine:
            raise NotFound(f"Konflik {conflict_id} tidak ada.")
        if conflict.status != "open":
            raise InvalidInput(f"Konflik {conflict_id} sudah diselesaikan ({conflict.status}).")
        credit = conflict.kind == "bill_already_paid"
        if credit == (resolution == "accept"):
            raise InvalidInput("Kelebihan bayar dikembalikan (refund) atau disimpan (keep); "
                               "selisih angka diterima (accept).")
        now = dt.datetime.now(dt.timezone.utc)
        if resolution == "refund":
            if customer_credit(session, conflict.customer_id) < conflict.amount:
                raise PaymentRefused("Kredit pelanggan kurang dari jumlah yang akan dikembalikan.")
            session.add(CustomerCredit(customer_id=conflict.customer_id, payment_id=conflict.payment_id,
                                       amount=-conflict.amount, reason=f"dikembalikan (konflik {conflict.id})",
                                       created_at=now))
        conflict.status, conflict.resolved_at, conflict.resolved_by = RESOLUTIONS[resolution], now, user.id
        conflict.detail = {**conflict.detail, "resolution": resolution, "note": note[:200]}
