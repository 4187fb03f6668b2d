"""Consolidating an office's business day from a store (central's, normally):
every counter's receipts, broken down every way the branch head and finance
need, the shifts and their counts, voids, reprints, conflicts, what has not
arrived yet, and, once the day is signed off, what arrived after it. People
are named by their full names, tariff groups by theirs, and the bills paid
are split between this year's and older arrears."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from counter.models import (
    Conflict, Counter, Customer, DayClosing, Deposit as DepositRow, InboxEvent, InstalmentPlan, Office, Payment,
    PaymentLine, Refund, Shift, TariffGroup, User,
)
from counter.errors import NotFound
from counter.models.sync import EVENT_OUTCOMES
from counter.rules.payment_methods import CREDIT
from counter.rules.period import span_label
from counter.printing.day_figures import (
    Closing, Components, ConflictRow, CounterSync, DayFigures, Deposit, ReceiptRow, Tally, VoidRow,
)
from counter.services.shifts import shift_figures

FIXED = ("standing_charge", "meter_fee", "admin_fee")


def receipt_seq(receipt_no: str) -> int:
    """The counter's running number of the day: the last part of `KPG-L01-20251120-0042`."""
    tail = receipt_no.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _tallies(pairs: Iterable[tuple[str, int]]) -> tuple[Tally, ...]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for label, amount in pairs:
        counts[label][0] += 1
        counts[label][1] += amount
    return tuple(Tally(label, c, a) for label, (c, a) in sorted(counts.items()))


def _receipts(session: Session, office_id: int, day: dt.date, zone: ZoneInfo) -> list[tuple[ReceiptRow, dict]]:
    """The day's receipts in time order, each with its row as read (and its down
    payment and terms apart, which the receipt row adds up)."""
    p, c, cu, u, t = Payment.__table__, Counter.__table__, Customer.__table__, User.__table__, TariffGroup.__table__
    approver = aliased(User)
    rows = session.execute(
        select(p.c.id, p.c.receipt_no, p.c.paid_at, c.c.code.label("counter"), u.c.username, cu.c.number, cu.c.name,
               t.c.code.label("tariff"), p.c.method, p.c.stamp_duty, p.c.total, p.c.status, p.c.reprint_count,
               p.c.void_reason, p.c.voided_at, approver.username.label("approver"), p.c.paper_no, p.c.rounding,
               p.c.credit_used, p.c.reference)
        .join(c, c.c.id == p.c.counter_id).join(u, u.c.id == p.c.cashier_id)
        .join(cu, cu.c.id == p.c.customer_id).join(t, t.c.id == cu.c.tariff_group_id)
        .outerjoin(approver, approver.id == p.c.voided_by)
        .where(p.c.office_id == office_id, p.c.business_date == day)).mappings().all()
    l = PaymentLine.__table__
    parts: dict = defaultdict(lambda: {"water": 0, "fixed": 0, "fines": 0, "terms": 0, "down": 0, "charges": 0,
                                       "standing": 0, "meter": 0, "admin": 0, "periods": [], "codes": [],
                                       "bills": []})
    for line in session.execute(
            select(l.c.payment_id, l.c.kind, l.c.period, l.c.term_seq, l.c.water_charge, l.c.standing_charge,
                   l.c.meter_fee, l.c.admin_fee, l.c.fine, l.c.amount, l.c.charge_code)
            .join(p, p.c.id == l.c.payment_id).where(p.c.office_id == office_id, p.c.business_date == day)):
        part = parts[line.payment_id]
        if line.kind == "bill":
            part["water"] += line.water_charge
            part["fixed"] += line.standing_charge + line.meter_fee + line.admin_fee
            part["standing"] += line.standing_charge
            part["meter"] += line.meter_fee
            part["admin"] += line.admin_fee
            part["fines"] += line.fine
            part["periods"].append(line.period)
            part["bills"].append((line.period, line.water_charge + line.standing_charge + line.meter_fee
                                  + line.admin_fee + line.fine))
        elif line.kind == "down_payment":
            part["down"] += line.amount
        elif line.kind == "charge":
            part["charges"] += line.amount
            part["codes"].append(line.charge_code)
        else:
            part["terms"] += line.amount
    receipts = []
    for r in sorted(rows, key=lambda r: (r["paid_at"], r["receipt_no"])):
        part = parts[r["id"]]
        named = [span_label(sorted(part["periods"]))] if part["periods"] else []
        named += ["uang muka"] if part["down"] else []
        named += ["angsuran"] if part["terms"] else []
        named += part["codes"]  # other charges by code
        receipts.append((ReceiptRow(
            receipt_no=r["receipt_no"], paid_at=r["paid_at"].astimezone(zone), counter_code=r["counter"],
            cashier=r["username"], customer_number=r["number"], customer_name=r["name"], method=r["method"],
            months=", ".join(named), water=part["water"], fixed=part["fixed"], fines=part["fines"],
            terms=part["terms"] + part["down"], stamp_duty=r["stamp_duty"], total=r["total"], status=r["status"],
            paper_no=r["paper_no"] or "", rounding=r["rounding"], credit_used=r["credit_used"],
            charges=part["charges"], reference=r["reference"] or ""),
            dict(r, down=part["down"], terms=part["terms"], bills=part["bills"], standing=part["standing"],
                 meter=part["meter"], admin=part["admin"])))
    return receipts


def by_method(receipts: Iterable[ReceiptRow]) -> tuple[Tally, ...]:
    """What each method brought in (the receipts' totals less the credit they
    used), then the customer credit used, as a line of its own that is no money."""
    receipts = list(receipts)
    credit = [(CREDIT, r.credit_used) for r in receipts if r.credit_used]
    return _tallies((r.method, r.total - r.credit_used) for r in receipts) + _tallies(credit)


def _waived(session: Session, office_id: int, day: dt.date) -> int:
    """Fines and arrears waived by the plans made that day, whatever became of them since."""
    return int(session.scalar(select(func.coalesce(func.sum(InstalmentPlan.waived), 0))
                              .where(InstalmentPlan.office_id == office_id, InstalmentPlan.made_on == day)))


def _waiting(session: Session, office: Office, day: dt.date, zone: ZoneInfo) -> tuple[CounterSync, ...]:
    """Per counter of the office: events central holds unapplied, the last it
    received since the day began, shifts still open on or before the day."""
    start = dt.datetime.combine(day, dt.time(), zone)
    i = InboxEvent.__table__
    pending = dict(session.execute(select(i.c.counter, func.count()).where(
        i.c.status == "pending", i.c.office == office.code).group_by(i.c.counter)).all())
    last = dict(session.execute(select(i.c.counter, func.max(i.c.received_at)).where(  # today's rows, by index
        i.c.status.in_(("pending", *EVENT_OUTCOMES)), i.c.received_at >= start, i.c.office == office.code)
        .group_by(i.c.counter)).all())
    s = Shift.__table__
    open_shifts = dict(session.execute(select(s.c.counter_id, func.count()).where(
        s.c.office_id == office.id, s.c.status == "open", s.c.business_date <= day).group_by(s.c.counter_id)).all())
    counters = session.execute(select(Counter.id, Counter.code).where(Counter.office_id == office.id)
                               .order_by(Counter.code)).all()
    return tuple(CounterSync(code, pending.get(code, 0), last.get(code), open_shifts.get(cid, 0))
                 for cid, code in counters)


def _closing(session: Session, row: DayClosing | None, zone: ZoneInfo) -> Closing | None:
    if row is None:
        return None
    closer = session.get(User, row.closed_by)
    return Closing(closed_at=row.closed_at.astimezone(zone), closed_by=closer.username,
                   override_reason=row.override_reason, included=dict(row.covered.get("receipts", {})),
                   closed_by_role=closer.role)


def bill_years(bills: Iterable[tuple[int, int]], day: dt.date) -> tuple[Tally, ...]:
    """(period yyyymm, amount) of the bills paid, as this year's ("current") and
    older arrears ("arrears"), each line there even when nothing was paid."""
    bills = list(bills)
    current = [amount for period, amount in bills if period // 100 >= day.year]
    arrears = [amount for period, amount in bills if period // 100 < day.year]
    return (Tally("current", len(current), sum(current)), Tally("arrears", len(arrears), sum(arrears)))


def _people(session: Session, usernames: set[str]) -> dict[str, str]:
    if not usernames:
        return {}
    return dict(session.execute(select(User.username, User.full_name).where(User.username.in_(usernames))).all())


def _shifts(session: Session, office_id: int, day: dt.date, closing: DayClosing | None,
            zone: ZoneInfo) -> tuple[list, list]:
    """(the shifts the sign-off covers, those it does not): the ones it recorded
    (a sign-off made before that record: those opened before it); all of them
    before a sign-off."""
    rows = session.scalars(select(Shift).where(Shift.office_id == office_id, Shift.business_date == day)
                           .order_by(Shift.opened_at)).all()
    shifts = [shift_figures(session, s, zone) for s in rows]
    if closing is None:
        return shifts, []
    recorded = closing.covered.get("shifts")
    if recorded is not None:
        signed = [s for s in shifts if s.shift_id in set(recorded)]
    else:
        signed = [s for s, row in zip(shifts, rows, strict=True) if row.opened_at <= closing.closed_at]
    return signed, [s for s in shifts if s not in signed]


def deposits_of(session: Session, office_id: int, day: dt.date, zone: ZoneInfo) -> list[Deposit]:
    """The day's deposits in order: its own (seq 1), then supplementary ones."""
    rows = session.scalars(select(DepositRow).where(DepositRow.office_id == office_id,
                                                    DepositRow.business_date == day).order_by(DepositRow.seq))
    return [Deposit(row.amount, row.bank, row.reference, row.recorded_at.astimezone(zone),
                    session.get(User, row.recorded_by).username, row.seq) for row in rows]


def split_deposits(deposits: list[Deposit]) -> tuple[Deposit | None, tuple[Deposit, ...]]:
    """(the day's own deposit, the supplementary ones after it)."""
    return next((d for d in deposits if d.seq == 1), None), tuple(d for d in deposits if d.seq > 1)


def refunds_of(session: Session, office_id: int, day: dt.date) -> int:
    """Cash paid back from the office's drawers that day."""
    return int(session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(
        Refund.office_id == office_id, Refund.business_date == day)))


def _void(r: dict, zone: ZoneInfo) -> VoidRow:
    return VoidRow(r["receipt_no"], r["counter"], r["username"], r["total"], r["void_reason"], r["approver"] or "",
                   r["voided_at"].astimezone(zone) if r["voided_at"] else None)


def consolidate(session: Session, office_code: str, day: dt.date, zone: ZoneInfo,
                made_at: dt.datetime | None = None, closing: DayClosing | None = None) -> DayFigures:
    """The office day as `session`'s store knows it. With a closing (the store's
    own, or `closing` when it is not there yet), what it does not cover goes to
    the late section."""
    office = session.scalars(select(Office).where(Office.code == office_code)).first()
    if office is None:
        raise NotFound(f"Kantor {office_code!r} tidak dikenal.")
    closing = closing or session.scalars(select(DayClosing).where(
        DayClosing.office_id == office.id, DayClosing.business_date == day)).first()
    receipts = _receipts(session, office.id, day, zone)
    highest = closing.covered["receipts"] if closing else {}
    voided_before = set(closing.covered.get("voids", [])) if closing else set()

    def arrived_late(row: ReceiptRow) -> bool:
        return closing is not None and receipt_seq(row.receipt_no) > highest.get(row.counter_code, 0)

    late = [(row, r) for row, r in receipts if arrived_late(row)]
    signed = [(row, r) for row, r in receipts if not arrived_late(row)]
    # as signed: a receipt voided after the sign-off still counts as taken, its void is reported late
    late_voids = {row.receipt_no for row, r in signed
                  if closing and row.status == "void" and row.receipt_no not in voided_before}
    signed = [(replace(row, status="completed"), r) if row.receipt_no in late_voids else (row, r)
              for row, r in signed]
    taken = [(row, r) for row, r in signed if row.status == "completed"]
    voided = [r for row, r in signed if row.status == "void"]

    def component(name: str) -> int:
        return sum(getattr(row, name) for row, _ in taken)

    components = Components(
        water=component("water"), fixed=component("fixed"), fines=component("fines"),
        stamp_duty=component("stamp_duty"), terms=sum(r["terms"] for _, r in taken),
        down_payments=sum(r["down"] for _, r in taken), waived=_waived(session, office.id, day),
        standing=sum(r["standing"] for _, r in taken), meter_fee=sum(r["meter"] for _, r in taken),
        admin_fee=sum(r["admin"] for _, r in taken),
        rounding=component("rounding"), charges=component("charges"))
    shifts, late_shifts = _shifts(session, office.id, day, closing, zone)
    conflicts = session.execute(
        select(Conflict.kind, Customer.number, Conflict.amount, Conflict.status, Conflict.created_at)
        .join(Customer, Customer.id == Conflict.customer_id)
        .join(Payment, and_(Payment.id == Conflict.payment_id, Payment.office_id == office.id,
                            Payment.business_date == day))).all()
    deposits = deposits_of(session, office.id, day, zone)
    deposit, supplementary = split_deposits(deposits)
    named = ({row.cashier for row, _ in receipts} | {r["approver"] for _, r in receipts if r["approver"]}
             | {d.recorded_by for d in deposits} | {s.closed_by for s in shifts + late_shifts if s.closed_by}
             | {s.cashier for s in shifts + late_shifts})
    closed = _closing(session, closing, zone)
    if closed is not None:
        named.add(closed.closed_by)
    tariffs = {r["tariff"] for _, r in taken}
    return DayFigures(
        office_code=office.code, office_name=office.name, business_date=day,
        made_at=(made_at or dt.datetime.now(dt.timezone.utc)).astimezone(zone),
        count=len(taken), total=sum(row.total for row, _ in taken), components=components,
        by_counter=_tallies((row.counter_code, row.total) for row, _ in taken),
        by_cashier=_tallies((row.cashier, row.total) for row, _ in taken),
        by_method=by_method(row for row, _ in taken),
        by_tariff=_tallies((r["tariff"], row.total) for row, r in taken),
        by_hour=_tallies((f"{row.paid_at:%H}", row.total) for row, _ in taken),
        receipts=tuple(row for row, _ in signed),
        shifts=tuple(shifts), late_shifts=tuple(late_shifts),
        voids=tuple(_void(r, zone) for r in voided),
        reprints=tuple(Tally(row.receipt_no, r["reprint_count"], row.total)
                       for row, r in sorted(signed, key=lambda pair: pair[0].receipt_no) if r["reprint_count"]),
        conflicts=tuple(ConflictRow(kind, number, amount, status, at.astimezone(zone))
                        for kind, number, amount, status, at in conflicts),
        waiting=_waiting(session, office, day, zone),
        closing=closed, deposit=deposit, supplementary=supplementary,
        refunds=refunds_of(session, office.id, day),
        late=tuple(row for row, _ in late),
        late_voids=tuple(_void(r, zone) for row, r in receipts if row.receipt_no in late_voids),
        bill_years=bill_years((bill for _, r in taken for bill in r["bills"]), day),
        people=_people(session, named),
        tariff_names=dict(session.execute(select(TariffGroup.code, TariffGroup.name)
                                          .where(TariffGroup.code.in_(tariffs))).all()) if tariffs else {})


def covered(figures: DayFigures) -> dict:
    """What a sign-off of `figures` covers: per counter its highest receipt number, the voids, the shifts."""
    highest: dict[str, int] = {}
    for r in figures.receipts:
        highest[r.counter_code] = max(highest.get(r.counter_code, 0), receipt_seq(r.receipt_no))
    return {"receipts": highest, "voids": sorted(v.receipt_no for v in figures.voids),
            "shifts": sorted(s.shift_id for s in figures.shifts)}
