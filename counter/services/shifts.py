"""Opening a cashier's shift with the float in the drawer. (Closing it, with
the count by denomination, belongs to the day's cash closing.)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from uuid6 import uuid7

from counter.errors import InvalidInput, PaymentRefused
from counter.models import OutboxEvent, Shift
from counter.rules.money import MAX_FLOAT, format_rupiah
from counter.services import audit
from counter.services.approval import authorise
from counter.services.context import Desk
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class ShiftView:
    id: str
    username: str
    business_date: str
    opening_float: int
    status: str


def _view(shift: Shift, username: str) -> ShiftView:
    return ShiftView(str(shift.id), username, shift.business_date.isoformat(), shift.opening_float, shift.status)


def current_shift(uow: UnitOfWork, desk: Desk) -> ShiftView | None:
    """The open shift of the desk's user at this counter today, if any."""
    with uow:
        shift = uow.session.scalars(select(Shift).where(
            Shift.counter_id == desk.counter_id, Shift.user_id == desk.user_id, Shift.status == "open",
            Shift.business_date == desk.today())).first()
        return _view(shift, desk.username) if shift else None


def open_shift(uow: UnitOfWork, desk: Desk, opening_float: int) -> ShiftView:
    authorise(desk, "pay")  # who opens a shift takes money
    if isinstance(opening_float, bool) or not isinstance(opening_float, int):
        raise InvalidInput("Modal awal harus angka bulat Rupiah.")
    if not 0 <= opening_float <= MAX_FLOAT:
        raise InvalidInput(f"Modal awal harus antara Rp 0 dan {format_rupiah(MAX_FLOAT)}.")
    with uow.writing():
        session = uow.session
        other = session.scalars(select(Shift).where(Shift.counter_id == desk.counter_id,
                                                    Shift.status == "open")).first()
        if other is not None:
            raise PaymentRefused("Loket ini masih punya shift yang terbuka; tutup dulu shift itu.")
        now = desk.now()
        shift = Shift(id=uuid7(), office_id=desk.office_id, counter_id=desk.counter_id, user_id=desk.user_id,
                      business_date=desk.today(), opened_at=now, opening_float=opening_float, status="open")
        session.add(shift)
        session.execute(insert(OutboxEvent.__table__), dict(
            id=uuid7(), kind="shift.opened", created_at=now, sent_at=None,
            payload={"shift_id": str(shift.id), "office": desk.office_code, "counter": desk.counter_code,
                     "cashier": desk.username, "business_date": shift.business_date.isoformat(),
                     "opened_at": now.isoformat(), "opening_float": opening_float}))
        audit.append(session, "shift.opened", str(shift.id), {"opening_float": opening_float}, **audit.by(desk))
        uow.commit()
        return _view(shift, desk.username)
