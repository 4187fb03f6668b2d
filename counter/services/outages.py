"""Outages of the payment system (gangguan sistem): the days an office's
cashiers wrote paper receipts (kuitansi manual) with a book and a calculator.

A supervisor opens the outage once, for its date range, with a reason; it is
audited and goes to central as `outage.opened`, which keeps it and passes it
to every counter of the office. Paper receipts are then entered
(`services.paper_receipts`) only for dates inside an outage of the office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased
from uuid6 import uuid7

from counter.errors import InvalidInput, PaymentRefused
from counter.models import Counter, Outage, User
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.services.outbox import queue_event
from counter.store.uow import UnitOfWork

MAX_OUTAGE_DAYS = 31  # the longest outage one entry may cover
LOOKBACK_DAYS = 92  # how long ago an outage may have begun when it is opened


@dataclass(frozen=True)
class OutageView:
    id: str
    date_from: dt.date
    date_to: dt.date
    reason: str
    opened_by: str  # username of the user at the desk
    approved_by: str  # the supervisor's username
    opened_at: dt.datetime
    counter_code: str  # where it was opened ("" when not known)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def covers(self, day: dt.date) -> bool:
        return self.date_from <= day <= self.date_to


def span(date_from: dt.date, date_to: dt.date) -> str:
    """`10-04-2026 s.d. 16-04-2026`, or one date."""
    if date_from == date_to:
        return f"{date_from:%d-%m-%Y}"
    return f"{date_from:%d-%m-%Y} s.d. {date_to:%d-%m-%Y}"


def outages_of(session: Session, office_id: int, zone: dt.tzinfo | None = None) -> list[OutageView]:
    """The office's outages, latest first (times in `zone` when given)."""
    opener, approver = aliased(User), aliased(User)
    rows = session.execute(
        select(Outage, opener.username, approver.username, Counter.code)
        .join(opener, opener.id == Outage.opened_by).join(approver, approver.id == Outage.approved_by)
        .outerjoin(Counter, Counter.id == Outage.counter_id)
        .where(Outage.office_id == office_id).order_by(Outage.date_from.desc(), Outage.opened_at.desc())).all()
    return [OutageView(str(o.id), o.date_from, o.date_to, o.reason, by, approved,
                       o.opened_at.astimezone(zone) if zone else o.opened_at, code or "")
            for o, by, approved, code in rows]


def outage_on(session: Session, office_id: int, day: dt.date) -> Outage | None:
    """The office's outage that covers `day`, if any."""
    return session.scalars(select(Outage).where(Outage.office_id == office_id, Outage.date_from <= day,
                                                Outage.date_to >= day).order_by(Outage.opened_at)).first()


def list_outages(uow: UnitOfWork, desk: Desk) -> list[OutageView]:
    with uow:
        return outages_of(uow.session, desk.office_id, desk.zone)


def _check_range(desk: Desk, date_from: object, date_to: object) -> tuple[dt.date, dt.date]:
    for value in (date_from, date_to):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInput("Tanggal awal dan akhir gangguan harus tanggal, mis. 2026-04-10.")
    today = desk.today()
    if date_to < date_from:
        raise InvalidInput(f"Tanggal akhir gangguan ({date_to:%d-%m-%Y}) lebih awal dari tanggal awalnya "
                           f"({date_from:%d-%m-%Y}).")
    if date_from > today:
        raise InvalidInput(f"Gangguan yang belum mulai tidak bisa dicatat: tanggal awal {date_from:%d-%m-%Y} "
                           f"sesudah hari ini ({today:%d-%m-%Y}).")
    if (date_to - date_from).days + 1 > MAX_OUTAGE_DAYS:
        raise InvalidInput(f"Satu catatan gangguan paling lama {MAX_OUTAGE_DAYS} hari; catat gangguan yang lebih "
                           "lama sebagai beberapa catatan berurutan.")
    if date_from < today - dt.timedelta(days=LOOKBACK_DAYS):
        raise InvalidInput(f"Gangguan yang mulai lebih dari {LOOKBACK_DAYS} hari lalu tidak bisa dicatat lagi "
                           "di loket; hubungi kantor cabang.")
    return date_from, date_to


def _overlap(session: Session, office_id: int, date_from: dt.date, date_to: dt.date) -> Outage | None:
    return session.scalars(select(Outage).where(Outage.office_id == office_id, Outage.date_from <= date_to,
                                                Outage.date_to >= date_from).order_by(Outage.date_from)).first()


def open_outage(uow: UnitOfWork, desk: Desk, date_from: dt.date, date_to: dt.date, reason: str,
                approval: Approval | None) -> OutageView:
    """Record an outage of the office from `date_from` to `date_to` (inclusive)
    with a supervisor's `approval`; once per range: one that overlaps an
    outage already recorded for the office is refused."""
    authorise(desk, "outage.open")
    date_from, date_to = _check_range(desk, date_from, date_to)
    reason = one_line(reason, 5, 200, "Tulis alasan gangguan (5-200 huruf), mis. 'server SOPP mati'.")
    with uow:
        _refuse_overlap(uow.session, desk, date_from, date_to)
    supervisor = check_credential(uow, approval, "Catat gangguan sistem", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        _refuse_overlap(session, desk, date_from, date_to)
        now = desk.now()
        row = Outage(id=uuid7(), office_id=desk.office_id, date_from=date_from, date_to=date_to, reason=reason,
                     opened_at=now, opened_by=desk.user_id, approved_by=supervisor.id, counter_id=desk.counter_id,
                     change_seq=0)
        session.add(row)
        queue_event(session, desk, "outage.opened", {
            "outage_id": str(row.id), "date_from": date_from.isoformat(), "date_to": date_to.isoformat(),
            "reason": reason, "opened_at": now.isoformat(), "opened_by": desk.username,
            "approved_by": supervisor.username}, now)
        audit.append(session, "outage.opened", str(row.id), {
            "from": date_from.isoformat(), "to": date_to.isoformat(), "reason": reason,
            "approved_by": supervisor.username}, **audit.by(desk))
        uow.commit()
        return OutageView(str(row.id), date_from, date_to, reason, desk.username, supervisor.username,
                          now.astimezone(desk.zone), desk.counter_code)


def _refuse_overlap(session: Session, desk: Desk, date_from: dt.date, date_to: dt.date) -> None:
    found = _overlap(session, desk.office_id, date_from, date_to)
    if found is not None:
        raise PaymentRefused(f"Gangguan {span(found.date_from, found.date_to)} sudah dicatat ({found.reason}); "
                             "satu tanggal hanya masuk satu catatan gangguan.")
