"""Central's side of instalment plans: plans, their defaults, unseal work
orders and programme versions arrive as events; term payments arrive as lines
of a payment (see applier.apply_payment)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from counter.models import (
    Bill, Conflict, Customer, InboxEvent, InstalmentPlan, Payment, ReliefProgramme, User, WorkOrder,
)
from counter.rules.text import key
from counter.services.plan_state import record_default, record_terms, settle_completed, standing
from counter.rules.charges import checked_discounts
from counter.services.programmes import PROGRAMME_FIELDS
from counter.central.outcome import Outcome, Rejected


def _payload(event: InboxEvent) -> dict:
    if not isinstance(event.payload, dict):
        raise Rejected("isi peristiwa bukan objek")
    if (event.payload.get("office"), event.payload.get("counter")) not in (
            (event.office, event.counter), (None, None)):
        raise Rejected("kantor/loket dalam isi tidak sama dengan pengirim")
    return event.payload


def _uuid(value: object, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Rejected(f"{what} tidak sah: {value!r}") from None


def _counter(batch, event: InboxEvent) -> tuple[int, int]:  # noqa: ANN001
    """(counter id, office id) of the sending counter."""
    counter = batch.counters.get((event.office, event.counter))
    if counter is None:
        raise Rejected(f"loket {event.office}-{event.counter} tidak dikenal")
    return counter


def _user_id(session, username: object, office_id: int) -> int:  # noqa: ANN001
    """A user of the sending office (or of none, such as central's admin)."""
    found = session.execute(select(User.id, User.office_id).where(User.username == str(username))).first()
    if found is None or found.office_id not in (None, office_id):
        raise Rejected(f"pengguna {username!r} tidak dikenal")
    return found.id


def apply_plan_created(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    session = batch.session
    plan_id = _uuid(p.get("plan_id"), "plan_id")
    if session.get(InstalmentPlan, plan_id) is not None:
        return Outcome("duplicate", "rencana ini sudah tercatat")
    counter = _counter(batch, event)
    customer = session.scalars(select(Customer).where(Customer.number_key == key(str(p.get("customer", ""))))).first()
    if customer is None or customer.office_id != counter[1]:
        raise Rejected(f"pelanggan {p.get('customer')!r} tidak dikenal")
    programme_id = None
    if p.get("programme"):
        code, version = p["programme"]
        programme_id = session.scalar(select(ReliefProgramme.id).where(
            ReliefProgramme.code == code, ReliefProgramme.version == version))
        if programme_id is None:
            raise Rejected(f"program {code} versi {version} tidak dikenal di pusat")
    bills = p.get("bills") or []
    terms = p.get("terms") or []
    try:
        amounts = [b["principal"] + b["fine"] - b["fine_waived"] - b["discount"] for b in bills]
        if sum(amounts) != p["total"] or sum(t["amount"] for t in terms) != p["total"]:
            raise Rejected("jumlah rencana tidak sama dengan rekening dan angsurannya")
        made_at = dt.datetime.fromisoformat(p["made_at"])
        made_on = dt.date.fromisoformat(p["made_on"])
    except (KeyError, TypeError, ValueError) as error:
        raise Rejected(f"rencana tidak lengkap: {error}") from None
    known = dict(session.execute(select(Bill.id, Bill.status).where(
        Bill.customer_id == customer.id, Bill.id.in_([b["bill_id"] for b in bills]))).all())
    if len(known) != len(bills):
        raise Rejected("rekening rencana tidak ada di pusat")
    change = batch.change()
    session.add(InstalmentPlan(
        id=plan_id, plan_no=str(p["plan_no"]), customer_id=customer.id, office_id=counter[1], counter_id=counter[0],
        made_by=_user_id(session, p.get("made_by"), counter[1]),
        approved_by=_user_id(session, p["approved_by"], counter[1]) if p.get("approved_by") else None,
        made_at=made_at, made_on=made_on, programme_id=programme_id, fine_mode=str(p["fine_mode"]),
        grace_days=int(p["grace_days"]), unseal_on_down_payment=bool(p["unseal_on_down_payment"]),
        bills=bills, terms=terms, principal=p["principal"], fines=p["fines"], waived=p["waived"],
        total=p["total"], status="active", credit=0, revision=1, change_seq=change,
    ))
    paid = sorted(b for b, status in known.items() if status != "unpaid")
    if paid:  # paid through another channel meanwhile: the plan stands, a supervisor sorts it out
        conflict = Conflict(payment_id=plan_id, customer_id=customer.id, kind="plan_bill_already_paid", amount=0,
                            detail={"plan_no": p["plan_no"], "bills": paid}, status="open",
                            created_at=dt.datetime.now(dt.timezone.utc))
        session.add(conflict)
        return Outcome("conflict", "plan_bill_already_paid", [conflict])
    return Outcome("applied")


def apply_plan_defaulted(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    session = batch.session
    plan = session.get(InstalmentPlan, _uuid(p.get("plan_id"), "plan_id"), with_for_update=True)
    if plan is None or plan.office_id != _counter(batch, event)[1]:
        raise Rejected("rencana tidak dikenal di pusat")
    if plan.status != "active":
        return Outcome("duplicate", f"rencana sudah {plan.status}")
    try:
        on = dt.date.fromisoformat(p["on"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("tanggal batal tidak sah") from None
    state = standing(plan, on)
    if state.defaulted_on is None:
        raise Rejected(f"rencana {plan.plan_no} belum lewat tenggang pada {on.isoformat()}")
    record_default(session, plan, state, batch.change())
    return Outcome("applied")


def apply_work_order(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    session = batch.session
    order_id = _uuid(p.get("order_id"), "order_id")
    if session.get(WorkOrder, order_id) is not None:
        return Outcome("duplicate", "SPK ini sudah tercatat")
    counter = _counter(batch, event)
    if p.get("plan_id") is not None:  # a plan's down payment earned it
        plan = session.get(InstalmentPlan, _uuid(p.get("plan_id"), "plan_id"))
        if plan is None or plan.office_id != counter[1]:
            raise Rejected("rencana SPK tidak dikenal di pusat")
        plan_id, customer_id = plan.id, plan.customer_id
    else:  # a sealed customer's arrears paid in full with the unseal fee
        customer_id = session.scalar(select(Customer.id).where(
            Customer.number_key == key(str(p.get("customer", ""))), Customer.office_id == counter[1]))
        if customer_id is None:
            raise Rejected(f"pelanggan SPK {p.get('customer')!r} tidak dikenal")
        plan_id = None
    try:
        issued_at = dt.datetime.fromisoformat(p["issued_at"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("waktu SPK tidak sah") from None
    session.add(WorkOrder(
        id=order_id, order_no=str(p.get("order_no")), kind="unseal", customer_id=customer_id, plan_id=plan_id,
        payment_id=_uuid(p.get("payment_id"), "payment_id"), counter_id=counter[0],
        issued_by=_user_id(session, p.get("issued_by"), counter[1]), issued_at=issued_at, status="open",
        change_seq=batch.change()))
    return Outcome("applied")


def apply_programme_saved(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    session = batch.session
    exists = session.scalar(select(ReliefProgramme.id).where(
        ReliefProgramme.code == p.get("code"), ReliefProgramme.version == p.get("version")))
    if exists is not None:
        return Outcome("duplicate", "versi program ini sudah ada")
    try:
        values = {f: p[f] for f in PROGRAMME_FIELDS if f != "charge_discounts"}
        values["charge_discounts"] = checked_discounts(p.get("charge_discounts") or {})  # none before they existed
        for name in ("valid_from", "valid_to", "arrears_before", "discount_before"):
            values[name] = dt.date.fromisoformat(values[name]) if values[name] else None
        changed_at = dt.datetime.fromisoformat(p["changed_at"])
    except (KeyError, TypeError, ValueError) as error:
        raise Rejected(f"program tidak lengkap: {error}") from None
    session.add(ReliefProgramme(id=_uuid(p.get("id"), "id"), code=p["code"], version=p["version"], changed_by=str(p.get("changed_by", "")),
                                changed_at=changed_at, change_seq=batch.change(), **values))
    return Outcome("applied")


def apply_void(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    from counter.central.credit_ledger import give_back
    from counter.services.voids import undo_payment

    p = _payload(event)
    session = batch.session
    batch.write()  # a payment of this same batch is written first, so it can be voided
    office_id = _counter(batch, event)[1]
    payment = session.get(Payment, _uuid(p.get("payment_id"), "payment_id"), with_for_update=True)
    if payment is None or payment.office_id != office_id:
        raise Rejected("pembayaran yang dibatalkan tidak dikenal di pusat")
    if payment.status == "void":
        return Outcome("duplicate", "pembayaran ini sudah dibatalkan")
    try:
        voided_at = dt.datetime.fromisoformat(p["voided_at"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("waktu pembatalan tidak sah") from None
    undo_payment(session, payment.id, batch.change())
    give_back(session, payment.customer_id, payment.id, payment.receipt_no, dt.datetime.now(dt.timezone.utc))
    for bill in batch.bills.values():  # what the rest of the batch knows of these bills
        if bill.payment_id == payment.id:
            bill.status, bill.payment_id = "unpaid", None
    payment.status, payment.void_reason, payment.voided_at = "void", str(p.get("reason", ""))[:200], voided_at
    payment.voided_by = _user_id(session, p.get("approved_by"), office_id)
    return Outcome("applied")


def pay_terms(batch, payment_id: uuid.UUID, receipt_no: str, lines: list[dict], on: dt.date,  # noqa: ANN001
              customer_id: int) -> list[dict]:
    """Mark the terms a payment paid (plans of the paying customer only); a term
    already paid elsewhere, or for another amount, becomes a conflict (the money
    is kept as credit by the caller)."""
    session = batch.session
    conflicts = []
    by_plan: dict[uuid.UUID, list[dict]] = {}
    for line in lines:
        by_plan.setdefault(_uuid(line.get("plan_id"), "plan_id"), []).append(line)
    for plan_id, plan_lines in by_plan.items():
        plan = session.get(InstalmentPlan, plan_id, with_for_update=True)
        if plan is None or plan.customer_id != customer_id:
            raise Rejected("rencana angsuran pembayaran ini tidak dikenal di pusat")
        amounts = {t["seq"]: t["amount"] for t in plan.terms}
        for line in plan_lines:
            if line.get("term_seq") not in amounts:
                raise Rejected(f"angsuran ke-{line.get('term_seq')} tidak ada di {plan.plan_no}")
            if amounts[line["term_seq"]] != line["amount"]:
                conflicts.append(dict(kind="amount_mismatch", amount=line["amount"] - amounts[line["term_seq"]],
                                      detail={"plan_no": plan.plan_no, "term": line["term_seq"]}))
        already = record_terms(plan, [line["term_seq"] for line in plan_lines], payment_id, receipt_no)
        for seq in already:
            conflicts.append(dict(kind="term_already_paid", amount=amounts[seq],
                                  detail={"plan_no": plan.plan_no, "term": seq}))
        change = batch.change()
        plan.change_seq = change
        if plan.status == "completed":
            settle_completed(session, plan, payment_id, on, change)
    return conflicts
