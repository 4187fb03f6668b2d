"""Where an instalment plan stands on a day, from its row alone: which terms are
open, whether it has defaulted, which bills it keeps out of arrears. The
counter and central both use it, so they agree on every plan."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter.models import Bill, InstalmentPlan
from counter.rules.instalments import covered_by, first_overdue


@dataclass(frozen=True)
class OpenTerm:
    plan_id: uuid.UUID
    plan_no: str
    seq: int  # 0: the down payment
    of: int  # how many monthly terms the plan has
    due_date: dt.date
    amount: int

    @property
    def label(self) -> str:
        if self.seq == 0:
            return f"Uang muka {self.plan_no}"
        return f"Angsuran {self.seq}/{self.of} {self.plan_no}"


@dataclass(frozen=True)
class PlanStanding:
    plan_id: uuid.UUID
    plan_no: str
    defaulted_on: dt.date | None  # the plan has defaulted (or does on this day)
    open_terms: tuple[OpenTerm, ...]  # in order; empty once defaulted
    held_bill_ids: frozenset[int]  # bills kept out of arrears while it runs
    settled_bill_ids: tuple[int, ...]  # on default: bills its money paid in full
    credit: int  # on default: money paid toward the next, unsettled bill

    @property
    def open_amount(self) -> int:
        return sum(t.amount for t in self.open_terms)


def bill_amount(bill: dict) -> int:
    """What the plan collects for one of its bills."""
    return bill["principal"] + bill["fine"] - bill["fine_waived"] - bill["discount"]


def paid_amount(terms: list[dict]) -> int:
    return sum(t["amount"] for t in terms if t.get("payment"))


def standing(plan: InstalmentPlan, on: dt.date) -> PlanStanding:
    """Where an active plan stands on `on`."""
    dues = [(dt.date.fromisoformat(t["due"]), bool(t.get("payment"))) for t in plan.terms]
    overdue = first_overdue(dues, on, plan.grace_days)
    bill_ids = [b["bill_id"] for b in plan.bills]
    if overdue is None:
        of = sum(1 for t in plan.terms if t["seq"] > 0)
        open_terms = tuple(
            OpenTerm(plan.id, plan.plan_no, t["seq"], of, dt.date.fromisoformat(t["due"]), t["amount"])
            for t in plan.terms if not t.get("payment")
        )
        return PlanStanding(plan.id, plan.plan_no, None, open_terms, frozenset(bill_ids), (), 0)
    settled, credit = covered_by([bill_amount(b) for b in plan.bills], paid_amount(plan.terms))
    return PlanStanding(plan.id, plan.plan_no, on, (), frozenset(), tuple(bill_ids[:settled]), credit)


def active_plan(session: Session, customer_id: int) -> InstalmentPlan | None:
    return session.scalars(
        select(InstalmentPlan).where(InstalmentPlan.customer_id == customer_id, InstalmentPlan.status == "active")
        .order_by(InstalmentPlan.made_at).limit(1)
    ).first()


def customer_standing(session: Session, customer_id: int, on: dt.date) -> PlanStanding | None:
    plan = active_plan(session, customer_id)
    return None if plan is None else standing(plan, on)


def _stamp(change: int | None) -> dict:
    """Central gives changed rows its change number, so counters pull them."""
    return {} if change is None else {"change_seq": change}


def settle_completed(session: Session, plan: InstalmentPlan, payment_id: uuid.UUID, on: dt.date,
                     change: int | None = None) -> None:
    """A plan whose last term is paid: its bills become paid by that payment."""
    plan.ended_on = on
    session.execute(update(Bill.__table__).where(Bill.id.in_([b["bill_id"] for b in plan.bills]))
                    .values(status="paid", payment_id=payment_id, **_stamp(change)))


def record_default(session: Session, plan: InstalmentPlan, state: PlanStanding, change: int | None = None) -> None:
    """Record a default: the bills the plan's money paid in full become paid (by
    its last payment), the rest return to arrears, a remainder is the plan's credit."""
    if state.settled_bill_ids:
        last_payment = next(t["payment"] for t in reversed(plan.terms) if t.get("payment"))
        session.execute(update(Bill.__table__).where(Bill.id.in_(state.settled_bill_ids))
                        .values(status="paid", payment_id=uuid.UUID(last_payment), **_stamp(change)))
    plan.status, plan.ended_on, plan.credit = "defaulted", state.defaulted_on, state.credit
    plan.revision += 1
    if change is not None:
        plan.change_seq = change


def unrecord_terms(plan: InstalmentPlan, payment_id: uuid.UUID) -> list[int]:
    """Undo what a voided payment paid of the plan; returns the seqs it had paid."""
    undone = []
    terms = [dict(t) for t in plan.terms]
    for term in terms:
        if term.get("payment") == str(payment_id):
            term["payment"], term["receipt"] = None, None
            undone.append(term["seq"])
    if undone:
        plan.terms, plan.revision = terms, plan.revision + 1
        if plan.status == "completed":
            plan.status, plan.ended_on = "active", None
    return undone


def record_terms(plan: InstalmentPlan, seqs: list[int], payment_id: uuid.UUID, receipt_no: str) -> list[int]:
    """Mark terms `seqs` paid by a payment; returns the seqs that were already paid."""
    already = []
    terms = [dict(t) for t in plan.terms]
    for term in terms:
        if term["seq"] in seqs:
            if term.get("payment"):
                already.append(term["seq"])
            else:
                term["payment"], term["receipt"] = str(payment_id), receipt_no
    plan.terms = terms  # a new list, so the JSON column is written
    plan.revision += 1
    if all(t.get("payment") for t in terms):
        plan.status = "completed"
    return already
