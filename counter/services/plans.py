"""Instalment plans and relief at the counter: which programmes a customer
qualifies for, an exact preview, making the plan (with a supervisor's
approval), and defaults. Terms are paid through `services.payment.pay`."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.errors import BillSelectionError, InvalidInput, NotFound, PaymentRefused, quoted
from counter.models import DocumentSequence, InstalmentPlan, ReliefProgramme
from counter.rules.allocation import check_oldest_first
from counter.rules.instalments import document_number
from counter.rules.money import format_rupiah
from counter.rules.period import check_periods
from counter.rules.relief import BillIn, PlanFigures, ReliefTerms, ineligibility, plan_figures
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.billing import CustomerDetail, Quote, quote_customer
from counter.services.context import Desk
from counter.services.lookup import customer_by_number
from counter.services.outbox import queue_event
from counter.services.plan_state import active_plan, paid_amount, record_default, standing
from counter.services.programmes import (
    applicant, current_programme, current_programmes, eligibility, instalment_rule, relief_terms,
)
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class ProgrammeOffer:
    code: str
    version: int
    name: str
    valid_to: dt.date
    max_terms: int
    reasons: tuple[str, ...]  # why the customer does not qualify; empty: they do
    charge_discounts: tuple[tuple[str, int], ...] = ()  # percent off other charges paid under it, by code

    @property
    def eligible(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class PlanOffer:
    """The exact figures of a plan before anything is written."""

    customer: CustomerDetail
    on: dt.date
    programme: ProgrammeOffer | None
    figures: PlanFigures
    instalments: int
    needs_approval: bool
    unseal_on_down_payment: bool
    fine_mode: str
    grace_days: int


@dataclass(frozen=True)
class PlanMade:
    plan_id: uuid.UUID
    plan_no: str
    offer: PlanOffer


def _arrears(owed: Quote) -> list:
    """The customer's overdue bills outside any plan, oldest first."""
    return [b for b in owed.bills if b.due_date < owed.on]


def _offer(programme: ReliefProgramme, reasons: list[str]) -> ProgrammeOffer:
    return ProgrammeOffer(programme.code, programme.version, programme.name, programme.valid_to,
                          programme.max_terms, tuple(reasons), tuple(sorted((programme.charge_discounts or {}).items())))


def _programme_offers(session: Session, customer, owed: Quote) -> list[ProgrammeOffer]:  # noqa: ANN001
    who = applicant(session, customer, tuple(b.due_date for b in _arrears(owed)))
    offers = []
    for programme in current_programmes(session):
        reasons = ineligibility(eligibility(programme), who, programme.valid_from, programme.valid_to, owed.on)
        if owed.plan is not None:
            reasons.insert(0, f"masih ada rencana angsuran {owed.plan.plan_no}")
        offers.append(_offer(programme, reasons))
    return offers


def programme_offers(uow: UnitOfWork, desk: Desk, customer: str) -> list[ProgrammeOffer]:
    """Every current programme, with why `customer` does not qualify today (if so)."""
    with uow:
        found = customer_by_number(uow.session, customer)
        return _programme_offers(uow.session, found, quote_customer(uow.session, found, desk.today()))


def _figures(session: Session, owed: Quote, customer, instalments: int, down_payment: int | None,  # noqa: ANN001
             programme_code: str | None, periods: list[int] | None) -> PlanOffer:
    rule = instalment_rule(session, owed.on)
    if owed.plan is not None:
        raise PaymentRefused(f"Pelanggan masih punya rencana angsuran {owed.plan.plan_no} yang berjalan.")
    if periods:
        chosen = check_oldest_first([b.period for b in owed.bills], check_periods(list(periods)))
        bills = list(owed.bills[:len(chosen)])
    else:
        bills = _arrears(owed)
    if not bills:
        raise BillSelectionError(f"Pelanggan {owed.customer.number} tidak punya tunggakan untuk diangsur.")
    offer = None
    terms: ReliefTerms = rule.terms()
    needs_approval, unseal = True, False
    if programme_code:
        programme = current_programme(session, programme_code)
        offer = next(o for o in _programme_offers(session, customer, owed) if o.code == programme.code)
        if not offer.eligible:
            raise PaymentRefused(f"Pelanggan tidak memenuhi syarat {programme.name}: {'; '.join(offer.reasons)}.")
        terms, needs_approval, unseal = relief_terms(programme), programme.needs_approval, programme.unseal_on_down_payment
    elif instalments < 1:
        raise InvalidInput("Rencana angsuran perlu minimal 1 kali angsuran.")
    figures = plan_figures(
        [BillIn(b.bill_id, b.period, b.due_date, b.principal, b.fine) for b in bills],
        terms, owed.on, instalments, down_payment)
    if figures.total <= 0:
        raise InvalidInput("Keringanan menghapus seluruh tagihan; tidak ada yang perlu diangsur.")
    return PlanOffer(owed.customer, owed.on, offer, figures, instalments, needs_approval, unseal,
                     terms.fine_mode, rule.grace_days)


def preview_plan(uow: UnitOfWork, desk: Desk, customer: str, instalments: int, down_payment: int | None = None,
                 programme: str | None = None, periods: list[int] | None = None) -> PlanOffer:
    """The exact figures of a plan (under `programme`, or the ordinary instalment rule)."""
    with uow:
        found = customer_by_number(uow.session, customer)
        owed = quote_customer(uow.session, found, desk.today())
        return _figures(uow.session, owed, found, instalments, down_payment, programme, periods)


def next_document_no(session: Session, desk: Desk, kind: str, on: dt.date) -> str:
    statement = (
        sqlite_insert(DocumentSequence).values(counter_id=desk.counter_id, kind=kind, year=on.year, last_no=1)
        .on_conflict_do_update(index_elements=["counter_id", "kind", "year"],
                               set_={"last_no": DocumentSequence.last_no + 1})
        .returning(DocumentSequence.last_no)
    )
    return document_number(session.execute(statement).scalar_one(), kind, f"{desk.office_code}-{desk.counter_code}", on)


def plan_payload(plan: InstalmentPlan, desk: Desk, customer_number: str, programme: tuple[str, int] | None,
                 approver: str) -> dict:
    """The plan as central receives it (queue_event adds who sent it)."""
    return {
        "plan_id": str(plan.id), "plan_no": plan.plan_no, "customer": customer_number, "made_by": desk.username, "approved_by": approver,
        "made_at": plan.made_at.isoformat(), "made_on": plan.made_on.isoformat(),
        "programme": list(programme) if programme else None, "fine_mode": plan.fine_mode,
        "grace_days": plan.grace_days, "unseal_on_down_payment": plan.unseal_on_down_payment,
        "bills": plan.bills, "terms": plan.terms,
        **{k: getattr(plan, k) for k in ("principal", "fines", "waived", "total")},
    }


def make_plan(uow: UnitOfWork, desk: Desk, customer: str, instalments: int, down_payment: int | None = None,
              programme: str | None = None, periods: list[int] | None = None, approval: Approval | None = None,
              expected_total: int | None = None) -> PlanMade:
    """Make the plan shown by `preview_plan`, in one transaction: the plan, an
    outbox event and an audit record. The down payment and terms are then paid
    like bills. `expected_total` is the total the customer was shown."""
    authorise(desk, "plan.make")
    shown = preview_plan(uow, desk, customer, instalments, down_payment, programme, periods)
    expected_total = shown.figures.total if expected_total is None else expected_total
    if expected_total != shown.figures.total:
        raise _changed(shown.figures.total)
    approver = None
    if shown.needs_approval:  # its own transaction: a wrong PIN is counted even though no plan is made
        approver = check_credential(uow, approval, "Rencana angsuran", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        now, today = desk.now(), desk.today()
        found = customer_by_number(session, customer)
        settle_default(session, desk, found.id, today)
        owed = quote_customer(session, found, today)
        offer = _figures(session, owed, found, instalments, down_payment, programme, periods)
        if expected_total != offer.figures.total:  # changed while the supervisor approved
            raise _changed(offer.figures.total)
        figures = offer.figures
        programme_row = None
        if offer.programme:
            programme_row = session.scalars(select(ReliefProgramme).where(
                ReliefProgramme.code == offer.programme.code,
                ReliefProgramme.version == offer.programme.version)).one()
        plan = InstalmentPlan(
            id=uuid7(), plan_no=next_document_no(session, desk, "ANGS", today), customer_id=found.id,
            office_id=desk.office_id, counter_id=desk.counter_id, made_by=desk.user_id,
            approved_by=approver.id if approver else None, made_at=now, made_on=today,
            programme_id=programme_row.id if programme_row else None, fine_mode=offer.fine_mode,
            grace_days=offer.grace_days, unseal_on_down_payment=offer.unseal_on_down_payment,
            bills=[dict(bill_id=b.bill_id, period=b.period, principal=b.principal, fine=b.fine,
                        fine_waived=b.fine_waived, discount=b.discount) for b in figures.bills],
            terms=[dict(seq=t.seq, due=t.due_date.isoformat(), amount=t.amount, payment=None, receipt=None)
                   for t in figures.schedule],
            principal=figures.principal, fines=figures.fines, waived=figures.waived, total=figures.total,
            status="active", credit=0, revision=1, change_seq=0,
        )
        session.add(plan)
        session.flush()
        programme_ref = (programme_row.code, programme_row.version) if programme_row else None
        payload = plan_payload(plan, desk, found.number, programme_ref, approver.username if approver else "")
        queue_event(session, desk, "plan.created", payload, now)
        audit.append(session, "plan.created", plan.plan_no, {"customer": found.number, "total": plan.total, "waived": plan.waived,
                     "programme": list(programme_ref) if programme_ref else None,
                     "approved_by": approver.username if approver else None}, **audit.by(desk))
        uow.commit()
        return PlanMade(plan.id, plan.plan_no, offer)


def _changed(total: int) -> PaymentRefused:
    return PaymentRefused(f"Jumlah rencana berubah menjadi {format_rupiah(total)}; lihat pratinjau lagi.")


def settle_default(session: Session, desk: Desk, customer_id: int, on: dt.date) -> str | None:
    """Record the default of the customer's plan if a term is overdue past the
    grace: bills its money paid in full become paid, the rest return to arrears
    (fines resume), and any remainder is kept as the plan's credit."""
    plan = active_plan(session, customer_id)
    if plan is None:
        return None
    state = standing(plan, on)
    if state.defaulted_on is None:
        return None
    record_default(session, plan, state)
    now = desk.now()
    queue_event(session, desk, "plan.defaulted", {
        "plan_id": str(plan.id), "plan_no": plan.plan_no, "on": on.isoformat(), "paid": paid_amount(plan.terms)}, now)
    audit.append(session, "plan.defaulted", plan.plan_no,
                 {"settled_bills": len(state.settled_bill_ids), "credit": state.credit}, **audit.by(desk))
    session.flush()
    return plan.plan_no


def sweep_defaults(uow: UnitOfWork, desk: Desk) -> list[str]:
    """Record the default of every running plan overdue past its grace today."""
    with uow:
        customers = uow.session.scalars(
            select(InstalmentPlan.customer_id).where(InstalmentPlan.status == "active")).all()
    done = []
    for customer_id in customers:
        with uow.writing():
            plan_no = settle_default(uow.session, desk, customer_id, desk.today())
            uow.commit()
        if plan_no:
            done.append(plan_no)
    return done


def find_plan(session: Session, ref: str) -> InstalmentPlan:
    """A plan by its number, or the latest plan of a customer."""
    plan = session.scalars(select(InstalmentPlan).where(InstalmentPlan.plan_no == ref.strip().upper())).first()
    if plan is None:
        try:
            customer = customer_by_number(session, ref)
        except NotFound:
            raise NotFound(f"Rencana angsuran {quoted(ref)} tidak ditemukan.") from None
        plan = session.scalars(select(InstalmentPlan).where(InstalmentPlan.customer_id == customer.id)
                               .order_by(InstalmentPlan.made_at.desc())).first()
        if plan is None:
            raise NotFound(f"Pelanggan {customer.number} belum punya rencana angsuran.")
    return plan
