"""Customer credit at central: the ledger's balance, credit a payment used, and
credit given back when such a payment is voided.

The balance of a customer is the sum of their `customer_credit` rows (+ surplus
of a payment, - refunded or used) and the credit of their defaulted plans: what
a counter is told when it refreshes the customer. A payment that used credit
(`credit_used` in its event) takes it off the ledger here, with the customer's
row locked (two appliers never read the same balance) and their open refundable
conflicts locked before the balance is read (a refund takes credit off only
with its conflict locked), so the same balance is never spent twice. What the
balance no longer covers (the credit was
used at another counter, or refunded, while this counter was offline) is
recorded as a `credit_shortfall` conflict for the branch head: the bills stay
paid and the ledger never goes below zero.

Open `bill_already_paid` conflicts are credit that may still be refunded in
cash; once credit is used, the open ones are reduced (oldest first) so that
what may be refunded never exceeds what is left, and one used up is settled
as `applied` (resolution `credit`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.models import Conflict, Customer, CustomerCredit, InstalmentPlan

USED = "dipakai untuk struk "  # the reason of a ledger row of credit used, followed by the receipt number


def lock_customers(session: Session, customer_ids: set[int]) -> None:
    """Lock the customers' rows (in id order) for the rest of the transaction:
    every change of a customer's credit balance at central takes this lock first."""
    if customer_ids:
        session.execute(select(Customer.id).where(Customer.id.in_(sorted(customer_ids)))
                        .order_by(Customer.id).with_for_update())


def credit_balance(session: Session, customer_id: int) -> int:
    """The customer's credit: the ledger's sum and their plans' credit."""
    ledger = session.scalar(select(func.coalesce(func.sum(CustomerCredit.amount), 0))
                            .where(CustomerCredit.customer_id == customer_id))
    plans = session.scalar(select(func.coalesce(func.sum(InstalmentPlan.credit), 0))
                           .where(InstalmentPlan.customer_id == customer_id))
    return int(ledger) + int(plans)


def credit_payments(session: Session, customer_id: int, limit: int = 1000) -> list[str]:
    """The payments (ids) whose use of the customer's credit central has recorded,
    newest first: a counter subtracts its own uses that are not among them yet."""
    return [str(pid) for pid in session.scalars(
        select(CustomerCredit.payment_id).where(CustomerCredit.customer_id == customer_id,
                                                CustomerCredit.reason.startswith(USED))
        .order_by(CustomerCredit.id.desc()).limit(limit))]


def use_credit(session: Session, customer_id: int, payment_id: uuid.UUID, receipt_no: str, wanted: int,
               pending: int, now: dt.datetime, new_conflicts: list[Conflict] = ()
               ) -> tuple[CustomerCredit | None, int, int]:
    """Take `wanted` of the customer's credit for a payment; `pending`: the sum of
    the caller's ledger rows not written yet, `new_conflicts`: its refundable
    conflicts not written yet (a bill of this same payment paid elsewhere).
    Returns (the ledger row to add or None, the shortfall the balance did not
    cover, the balance before)."""
    # A refund takes credit off only with its open conflict locked: lock them first, then read the balance
    # (a refund committed meanwhile is then in it, and its conflict no longer open).
    open_ones = session.scalars(select(Conflict).where(
        Conflict.customer_id == customer_id, Conflict.kind == "bill_already_paid", Conflict.status == "open")
        .order_by(Conflict.id).with_for_update()).all() + list(new_conflicts)
    balance = credit_balance(session, customer_id) + pending
    taken = min(wanted, max(balance, 0))
    row = None
    if taken:
        row = CustomerCredit(customer_id=customer_id, payment_id=payment_id, amount=-taken,
                             reason=f"{USED}{receipt_no}"[:200], created_at=now)
        _settle_open_conflicts(open_ones, balance - taken, receipt_no, now)
    return row, wanted - taken, balance


def _settle_open_conflicts(open_ones: list[Conflict], left: int, receipt_no: str, now: dt.datetime) -> None:
    """Reduce the customer's open refundable conflicts, oldest first, until they
    claim no more than the `left` balance."""
    excess = sum(c.amount for c in open_ones) - max(left, 0)
    for conflict in open_ones:
        if excess <= 0:
            break
        taken = min(conflict.amount, excess)
        excess -= taken
        applied = conflict.detail.get("credit_applied", []) if isinstance(conflict.detail, dict) else []
        detail = {**conflict.detail, "credit_applied": [*applied, {"receipt_no": receipt_no, "amount": taken}]}
        if taken == conflict.amount:
            conflict.status, conflict.resolved_at = "applied", now
            detail["resolution"] = "credit"
        else:
            conflict.amount -= taken
        conflict.detail = detail


def give_back(session: Session, customer_id: int, payment_id: uuid.UUID, receipt_no: str,
              now: dt.datetime) -> int:
    """A voided payment's credit use, back on the ledger; returns the amount."""
    used = -int(session.scalar(select(func.coalesce(func.sum(CustomerCredit.amount), 0)).where(
        CustomerCredit.payment_id == payment_id, CustomerCredit.reason.startswith(USED))))
    if used > 0:
        lock_customers(session, {customer_id})
        session.add(CustomerCredit(customer_id=customer_id, payment_id=payment_id, amount=used,
                                   reason=f"kembali: struk {receipt_no} dibatalkan"[:200], created_at=now))
    return used
