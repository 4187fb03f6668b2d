"""The papers of a plan, built from the store: where it stands (for the desk
and `counter plan status`), the agreement to sign, and the unseal work orders."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import NotFound, quoted
from counter.models import (
    Counter, Customer, InstalmentPlan, Office, Payment, ReliefProgramme, TariffGroup, User, WorkOrder,
)
from counter.printing import plan_documents as docs
from counter.rules.money import format_rupiah
from counter.rules.period import label
from counter.services.plan_state import bill_amount, paid_amount, standing
from counter.services.plans import find_plan
from counter.store.uow import UnitOfWork

FINE_CLAUSES = {
    "freeze": "Selama angsuran berjalan tidak dikenakan denda atas rekening dalam perjanjian ini.",
    "waive": "Denda atas rekening dalam perjanjian ini dihapuskan selama perjanjian dipenuhi.",
    "include": "Denda sampai tanggal perjanjian sudah termasuk dalam jumlah yang diangsur.",
}


@dataclass(frozen=True)
class TermView:
    seq: int
    due_date: dt.date
    amount: int
    receipt_no: str | None  # the receipt that paid it


@dataclass(frozen=True)
class PlanView:
    plan_id: uuid.UUID
    plan_no: str
    customer_number: str
    customer_name: str
    programme: str
    made_on: dt.date
    status: str  # active | completed | defaulted; "defaulted" too once a term is late past the grace
    total: int
    waived: int
    paid: int
    remaining: int
    credit: int
    terms: tuple[TermView, ...]
    bill_months: tuple[str, ...]


def _programme_name(session: Session, plan: InstalmentPlan) -> str:
    if plan.programme_id is None:
        return ""
    programme = session.get(ReliefProgramme, plan.programme_id)
    return f"{programme.name} (v{programme.version})"


def plan_view(uow: UnitOfWork, ref: str, on: dt.date) -> PlanView:
    """A plan (by number, or the customer's latest) as it stands on `on`."""
    with uow:
        session = uow.session
        plan = find_plan(session, ref)
        customer = session.get(Customer, plan.customer_id)
        status, credit = plan.status, plan.credit
        if status == "active":
            state = standing(plan, on)
            if state.defaulted_on:
                status, credit = "defaulted", state.credit
        paid = paid_amount(plan.terms)
        return PlanView(
            plan.id, plan.plan_no, customer.number, customer.name, _programme_name(session, plan), plan.made_on,
            status, plan.total, plan.waived, paid, plan.total - paid if status == "active" else 0, credit,
            tuple(TermView(t["seq"], dt.date.fromisoformat(t["due"]), t["amount"], t.get("receipt"))
                  for t in plan.terms),
            tuple(label(b["period"]) for b in plan.bills),
        )


def city_of(office: Office) -> str:
    """Where papers are signed: the last part of the office's address."""
    return (office.address.rsplit(",", 1)[-1].strip() or office.name) if office.address else office.name


def address_of(customer: Customer) -> str:
    return ", ".join(p for p in (customer.address, customer.village, customer.district) if p)


def _conditions(plan: InstalmentPlan, programme: str) -> tuple[str, ...]:
    down = next((t for t in plan.terms if t["seq"] == 0), None)
    monthly = [t for t in plan.terms if t["seq"] > 0]
    clauses = []
    if down:
        clauses.append(f"Pelanggan membayar uang muka {format_rupiah(down['amount'])} pada tanggal perjanjian.")
    if monthly:
        clauses.append(f"Sisanya dibayar dalam {len(monthly)} kali angsuran bulanan sesuai jadwal di atas, di loket "
                       "mana pun; membayar lebih awal atau beberapa angsuran sekaligus diperbolehkan.")
    clauses.append(FINE_CLAUSES[plan.fine_mode])
    if programme:
        clauses.append(f"Keringanan {format_rupiah(plan.waived)} diberikan berdasarkan {programme}.")
    if plan.unseal_on_down_payment:
        clauses.append("Segel meter air dibuka oleh petugas lapangan setelah uang muka dibayar lunas.")
    clauses.append(f"Bila angsuran terlambat lebih dari {plan.grace_days} hari dari jatuh temponya, perjanjian batal: "
                   "rekening yang belum terlunasi kembali menjadi tunggakan dengan dendanya"
                   + (" dan keringanan gugur." if plan.waived else "."))
    clauses.append("Rekening bulan berikutnya tetap dibayar setiap bulan seperti biasa.")
    return tuple(clauses)


def agreement(uow: UnitOfWork, ref: str) -> docs.PlanAgreement:
    with uow:
        session = uow.session
        plan = find_plan(session, ref)
        customer = session.get(Customer, plan.customer_id)
        office = session.get(Office, plan.office_id)
        group = session.get(TariffGroup, customer.tariff_group_id)
        approver = session.get(User, plan.approved_by) if plan.approved_by else None
        programme = _programme_name(session, plan)
        monthly = sum(1 for t in plan.terms if t["seq"] > 0)
        return docs.PlanAgreement(
            utility_name=office.utility_name or office.name, office_name=office.name, office_address=office.address,
            plan_no=plan.plan_no, made_on=plan.made_on, customer_number=customer.number, customer_name=customer.name,
            customer_address=address_of(customer), tariff=f"{group.code} {group.name}", programme=programme,
            bills=tuple(docs.PlanBillLine(docs.month_label(b["period"]), b["principal"], b["fine"],
                                          b["fine_waived"] + b["discount"], bill_amount(b)) for b in plan.bills),
            principal=plan.principal, fines=plan.fines, waived=plan.waived, total=plan.total,
            schedule=tuple(docs.ScheduleLine(t["seq"], "Uang muka" if t["seq"] == 0 else f"Angsuran {t['seq']}/{monthly}",
                                             dt.date.fromisoformat(t["due"]), t["amount"]) for t in plan.terms),
            conditions=_conditions(plan, programme), customer_signatory=customer.name,
            approver_name=approver.full_name if approver else "", approver_title="Kepala Unit", city=city_of(office),
        )


@dataclass(frozen=True)
class WorkOrderView:
    order_no: str
    status: str
    issued_at: dt.datetime
    customer_number: str
    customer_name: str
    address: str
    plan_no: str


def work_orders(uow: UnitOfWork, status: str | None = "open") -> list[WorkOrderView]:
    """Unseal work orders for the field team, oldest first."""
    with uow:
        query = (select(WorkOrder, Customer, InstalmentPlan.plan_no)
                 .join(Customer, Customer.id == WorkOrder.customer_id)
                 .outerjoin(InstalmentPlan, InstalmentPlan.id == WorkOrder.plan_id).order_by(WorkOrder.issued_at))
        if status:
            query = query.where(WorkOrder.status == status)
        return [WorkOrderView(o.order_no, o.status, o.issued_at, c.number, c.name, address_of(c), plan_no or "")
                for o, c, plan_no in uow.session.execute(query)]


def work_order(uow: UnitOfWork, order_no: str, zone: ZoneInfo) -> docs.WorkOrder:
    with uow:
        session = uow.session
        order = session.scalars(select(WorkOrder).where(WorkOrder.order_no == order_no.strip().upper())).first()
        if order is None:
            raise NotFound(f"SPK {quoted(order_no)} tidak ditemukan.")
        plan = session.get(InstalmentPlan, order.plan_id) if order.plan_id else None  # None: arrears paid in full
        customer = session.get(Customer, order.customer_id)
        office = session.get(Office, session.get(Counter, order.counter_id).office_id)
        if plan is not None:
            receipt = next((t.get("receipt") for t in plan.terms if t["seq"] == 0), "") or ""
        else:
            receipt = session.scalar(select(Payment.receipt_no).where(Payment.id == order.payment_id)) or ""
        return docs.WorkOrder(
            utility_name=office.utility_name or office.name, office_name=office.name, order_no=order.order_no,
            issued_at=order.issued_at.astimezone(zone), customer_number=customer.number, customer_name=customer.name,
            customer_address=address_of(customer), meter_no=customer.meter_no, plan_no=plan.plan_no if plan else "",
            programme=_programme_name(session, plan) if plan else "", receipt_no=receipt,
            city=city_of(office), **_issuer(session, plan, order),
        )


ISSUER_TITLES = {"supervisor": "Kepala Unit", "admin": "Administrator"}


def _issuer(session: Session, plan: InstalmentPlan | None, order: WorkOrder) -> dict[str, str]:
    """Who issues the order: the supervisor who approved its plan, the cashier recording it; with no
    approval (arrears paid in full, a programme that needs none) the cashier issues it, as Kasir."""
    cashier = session.get(User, order.issued_by).full_name
    approver = session.get(User, plan.approved_by) if plan is not None and plan.approved_by else None
    if approver is None:
        return {"issued_by": cashier, "issuer_title": "Kasir"}
    return {"issued_by": approver.full_name, "issuer_title": ISSUER_TITLES.get(approver.role, "Kepala Unit"),
            "recorded_by": cashier}
