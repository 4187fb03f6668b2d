"""A cashier's shift: opened with the float in the drawer, closed by counting
the drawer by denomination. Works without central: the close goes out as an
event like every other act."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.errors import InvalidInput, PaymentRefused
from counter.models import Counter, DayClosing, Office, Payment, PaymentLine, Refund, Shift, User
from counter.rules.cash import checked_counts, counted_total
from counter.rules.money import MAX_FLOAT, format_rupiah
from counter.rules.payment_methods import CREDIT
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.printing.day_figures import ShiftFigures, Tally
from counter.services.outbox import queue_event
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


def open_shift_of(session: Session, desk: Desk) -> Shift | None:
    """The desk user's open shift at this counter, of whatever day."""
    return session.scalars(select(Shift).where(
        Shift.counter_id == desk.counter_id, Shift.user_id == desk.user_id, Shift.status == "open")
        .order_by(Shift.opened_at.desc())).first()


def current_shift(uow: UnitOfWork, desk: Desk) -> ShiftView | None:
    """The open shift of the desk's user at this counter today, if any."""
    with uow:
        shift = open_shift_of(uow.session, desk)
        return _view(shift, desk.username) if shift and shift.business_date == desk.today() else None


def day_closed(session: Session, office_id: int, day: dt.date) -> DayClosing | None:
    return session.scalars(select(DayClosing).where(DayClosing.office_id == office_id,
                                                    DayClosing.business_date == day)).first()


def refuse_closed_day(session: Session, office_id: int, day: dt.date, act: str) -> None:
    """A signed-off day takes no more payments or voids."""
    if day_closed(session, office_id, day) is not None:
        raise PaymentRefused(f"Hari {day:%d-%m-%Y} sudah ditutup kepala unit; {act} untuk tanggal itu tidak bisa lagi.")


class NoShift(PaymentRefused):
    """Money is taken only into an open shift's drawer: the cashier opens one first."""


def require_shift(session: Session, desk: Desk) -> Shift:
    """The desk user's open shift at this counter today, the drawer a payment's
    cash goes into; NoShift when there is none (no money in no drawer)."""
    shift = open_shift_of(session, desk)
    if shift is None and session.scalar(select(Shift.id).where(
            Shift.counter_id == desk.counter_id, Shift.user_id == desk.user_id,
            Shift.business_date == desk.today(), Shift.status == "closed").limit(1)) is not None:
        raise NoShift("Shift Anda di loket ini sudah ditutup; buka shift baru untuk menerima pembayaran.")
    if shift is None:
        raise NoShift(f"{desk.username} belum membuka shift di loket {desk.counter_code}: buka shift dengan "
                      "modal awal dulu, baru menerima pembayaran.")
    if shift.business_date != desk.today():
        raise NoShift(f"Shift {desk.username} di loket {desk.counter_code} masih shift tanggal "
                      f"{shift.business_date:%d-%m-%Y}: tutup shift itu dan buka shift baru untuk hari ini.")
    return shift


def open_shift(uow: UnitOfWork, desk: Desk, opening_float: int) -> ShiftView:
    authorise(desk, "pay")  # who opens a shift takes money
    if isinstance(opening_float, bool) or not isinstance(opening_float, int):
        raise InvalidInput("Modal awal harus angka bulat Rupiah.")
    if not 0 <= opening_float <= MAX_FLOAT:
        raise InvalidInput(f"Modal awal harus antara Rp 0 dan {format_rupiah(MAX_FLOAT)}.")
    with uow.writing():
        session = uow.session
        refuse_closed_day(session, desk.office_id, desk.today(), "membuka shift")
        other = session.scalars(select(Shift).where(Shift.counter_id == desk.counter_id,
                                                    Shift.status == "open")).first()
        if other is not None:
            raise PaymentRefused("Loket ini masih punya shift yang terbuka; tutup dulu shift itu.")
        now = desk.now()
        shift = Shift(id=uuid7(), office_id=desk.office_id, counter_id=desk.counter_id, user_id=desk.user_id,
                      business_date=desk.today(), opened_at=now, opening_float=opening_float, status="open")
        session.add(shift)
        queue_event(session, desk, "shift.opened", {
            "shift_id": str(shift.id), "cashier": desk.username, "business_date": shift.business_date.isoformat(),
            "opened_at": now.isoformat(), "opening_float": opening_float}, now)
        audit.append(session, "shift.opened", str(shift.id), {"opening_float": opening_float}, **audit.by(desk))
        uow.commit()
        return _view(shift, desk.username)


def _shift_to_close(session: Session, desk: Desk) -> Shift | None:
    """The desk user's open shift here, else the one another cashier left open at this counter."""
    return open_shift_of(session, desk) or session.scalars(select(Shift).where(
        Shift.counter_id == desk.counter_id, Shift.status == "open").order_by(Shift.opened_at)).first()


def close_shift(uow: UnitOfWork, desk: Desk, counts: dict[str, object], variance_reason: str = "",
                variance_limit: int = 10_000, approval: Approval | None = None) -> ShiftFigures:
    """Close the desk user's open shift with the drawer counted by denomination.
    A variance beyond `variance_limit` (either way) needs a reason. A shift
    another cashier left open at this counter is closed with a supervisor's
    `approval` (they count the drawer), so the counter can take money again."""
    authorise(desk, "pay")
    counts = checked_counts(counts)
    reason = one_line(variance_reason, 0, 200, "Alasan selisih paling panjang 200 huruf.")
    with uow:
        shift = _shift_to_close(uow.session, desk)
        someone_else = shift is not None and shift.user_id != desk.user_id
    closer = (check_credential(uow, approval, "Tutup shift kasir lain", SUPERVISORS, desk) if someone_else
              else None)
    with uow.writing():
        session = uow.session
        shift = _shift_to_close(session, desk)
        if shift is None:
            raise PaymentRefused("Tidak ada shift terbuka di loket ini untuk ditutup (sudah ditutup?).")
        if (shift.user_id != desk.user_id) != someone_else:
            raise PaymentRefused("Shift di loket ini baru saja berubah; coba lagi.")
        closed_by = closer or desk
        figures = shift_figures(session, shift, desk.zone)
        counted = counted_total(counts)
        variance = counted - figures.expected_cash
        if abs(variance) > variance_limit and len(reason) < 5:
            word = "kurang" if variance < 0 else "lebih"
            raise InvalidInput(f"Kas {word} {format_rupiah(abs(variance))}, melebihi batas "
                               f"{format_rupiah(variance_limit)}: tulis alasan selisihnya (minimal 5 huruf).")
        now = desk.now()
        shift.status, shift.closed_at = "closed", now
        shift.closed_by = closer.id if closer else desk.user_id
        shift.counts, shift.counted, shift.expected_cash, shift.variance_reason = counts, counted, figures.expected_cash, reason
        queue_event(session, desk, "shift.closed", {
            "shift_id": str(shift.id), "closed_at": now.isoformat(), "closed_by": closed_by.username,
            "counts": counts, "counted": counted, "expected_cash": figures.expected_cash,
            "variance_reason": reason}, now)
        audit.append(session, "shift.closed", str(shift.id), {
            "counted": counted, "expected": figures.expected_cash, "variance": variance,
            **({"reason": reason} if reason else {}), **({"approved_by": closer.username} if closer else {})},
            **audit.by(desk))
        session.flush()
        closed = shift_figures(session, shift, desk.zone)
        uow.commit()
        return closed


def shift_figures(session: Session, shift: Shift, zone: dt.tzinfo) -> ShiftFigures:
    """What the shift took: the cashier's payments at that counter on that day
    from its opening to its close (or now), and the paper receipts of an outage
    they entered there meanwhile (whatever day those were written: the cash came
    into this drawer). Read the same way at a counter and at central. Its times
    are in `zone`, the office's."""
    p = Payment.__table__
    during = [p.c.counter_id == shift.counter_id, p.c.paid_at >= shift.opened_at]
    if shift.closed_at is not None:
        during.append(p.c.paid_at <= shift.closed_at)
    taken = [*during, p.c.cashier_id == shift.user_id, p.c.business_date == shift.business_date,
             p.c.entered_by.is_(None)]
    # paper receipts of an outage entered in this shift: their cash is handed over into this drawer now,
    # whatever day they were written (services.paper_receipts)
    entered = [*during, p.c.entered_by == shift.user_id]
    rows: list[tuple] = []
    for window in (taken, entered):
        rows += [(status, method, *(int(n or 0) for n in figures)) for status, method, *figures in session.execute(
            select(p.c.status, p.c.method, func.count(), func.sum(p.c.total), func.sum(p.c.tendered),
                   func.sum(p.c.change), func.sum(p.c.reprint_count), func.sum(p.c.credit_used),
                   func.sum(p.c.rounding), func.sum(case((p.c.credit_used > 0, 1), else_=0)),
                   func.sum(p.c.stamp_duty))
            .where(*window).group_by(p.c.status, p.c.method))]  # int: PostgreSQL sums BIGINT as numeric
    paper_cash = int(session.scalar(select(func.coalesce(func.sum(p.c.tendered - p.c.change), 0)).where(
        *entered, p.c.status == "completed", p.c.method == "cash", p.c.business_date != shift.business_date)))
    rows = _merged(rows)
    done = [r for r in rows if r[0] == "completed"]
    cash = [r for r in done if r[1] == "cash"]
    f = Refund.__table__  # cash paid back from the same drawer in the same window
    refund_window = [f.c.counter_id == shift.counter_id, f.c.cashier_id == shift.user_id,
                     f.c.business_date == shift.business_date, f.c.paid_at >= shift.opened_at]
    if shift.closed_at is not None:
        refund_window.append(f.c.paid_at <= shift.closed_at)
    refunded = int(session.scalar(select(func.coalesce(func.sum(f.c.amount), 0)).where(*refund_window)))
    office = session.get(Office, shift.office_id)
    cashier = session.get(User, shift.user_id)
    closer = session.get(User, shift.closed_by) if shift.closed_by else None
    return ShiftFigures(
        shift_id=str(shift.id), office_code=office.code, office_name=office.name,
        counter_code=session.get(Counter, shift.counter_id).code, cashier=cashier.username,
        cashier_name=cashier.full_name, business_date=shift.business_date, opened_at=shift.opened_at.astimezone(zone),
        closed_at=shift.closed_at.astimezone(zone) if shift.closed_at else None, opening_float=shift.opening_float,
        payments=sum(r[2] for r in done), voids=sum(r[2] for r in rows if r[0] == "void"),
        reprints=sum(r[6] for r in rows),
        cash_taken=sum(r[4] for r in cash), change_given=sum(r[5] for r in cash), refunds_paid=refunded,
        by_method=by_method(done), rounding=sum(r[8] for r in cash), credit_used=sum(r[7] for r in done),
        counts=dict(shift.counts or {}), counted=shift.counted, variance_reason=shift.variance_reason or "",
        closed_by=closer.username if closer else "", closed_by_name=closer.full_name if closer else "",
        expected_at_close=shift.expected_cash, paper_cash=paper_cash,
        components=_components(session, (taken, entered), done))


def _components(session: Session, windows: tuple[list, list], done: list[tuple]) -> tuple[Tally, ...]:
    """What the shift's completed receipts paid for: bills, terms, other charges
    (their lines), stamp duty and rounding; they add up to the receipts' totals."""
    p, line = Payment.__table__, PaymentLine.__table__
    kind = case((line.c.kind == "bill", "bills"), (line.c.kind == "charge", "charges"), else_="terms")
    sums: dict[str, list[int]] = {}
    for window in windows:
        for label, count, amount in session.execute(
                select(kind, func.count(func.distinct(p.c.id)), func.sum(line.c.amount))
                .join(p, p.c.id == line.c.payment_id).where(*window, p.c.status == "completed").group_by(kind)):
            found = sums.setdefault(label, [0, 0])
            found[0], found[1] = found[0] + count, found[1] + int(amount or 0)
    tallies = [Tally(label, *sums[label]) for label in ("bills", "terms", "charges") if label in sums]
    # figures of the receipts themselves (no lines): no count
    stamp = [Tally("stamp_duty", 0, sum(r[10] for r in done))] if any(r[10] for r in done) else []
    rounding = [Tally("rounding", 0, sum(r[8] for r in done))] if any(r[8] for r in done) else []
    return tuple(tallies + stamp + rounding)


def by_method(done: list[tuple]) -> tuple[Tally, ...]:
    """What each method brought in (receipts' totals less the credit they used),
    then the customer credit used, as if a method of its own that is no money."""
    tallies = [Tally(r[1], r[2], r[3] - r[7]) for r in sorted(done, key=lambda r: r[1])]
    if any(r[7] for r in done):
        tallies.append(Tally(CREDIT, sum(r[9] for r in done), sum(r[7] for r in done)))
    return tuple(tallies)


def _merged(rows: list[tuple]) -> list[tuple]:
    """(status, method, count, total, tendered, change, reprints, credit used, rounding, receipts
    with credit, stamp duty) rows with the same
    status and method added up."""
    merged: dict[tuple[str, str], list[int]] = {}
    for status, method, *figures in rows:
        sums = merged.setdefault((status, method), [0] * len(figures))
        for n, value in enumerate(figures):
            sums[n] += value
    return [(status, method, *sums) for (status, method), sums in merged.items()]


def find_shift(session: Session, shift_id: str) -> Shift:
    try:
        shift = session.get(Shift, uuid.UUID(str(shift_id)))
    except ValueError:
        shift = None
    if shift is None:
        raise InvalidInput(f"Shift {str(shift_id)[:40]!r} tidak ditemukan.")
    return shift


def open_shift_now(uow: UnitOfWork, desk: Desk) -> ShiftFigures | None:
    """The shift `close_shift` would close, with what it has taken so far."""
    with uow:
        shift = _shift_to_close(uow.session, desk)
        return shift_figures(uow.session, shift, desk.zone) if shift is not None else None
