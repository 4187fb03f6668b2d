"""Instalment plans, relief programmes and the unseal work orders they lead to."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base, Replicated


class InstalmentRuleRow(Replicated, Base):
    """The utility's instalment rule in force from `valid_from`."""

    __tablename__ = "instalment_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[dt.date]
    max_terms: Mapped[int] = mapped_column(default=4)
    fine_mode: Mapped[str] = mapped_column(String(8), default="freeze")  # include | waive | freeze
    grace_days: Mapped[int] = mapped_column(default=30)  # a term later than this defaults the plan
    min_down_payment_pct: Mapped[int] = mapped_column(default=0)


class ReliefProgramme(Replicated, Base):
    """One version of a relief programme (keringanan). Editing or ending a
    programme adds a version; a plan keeps the version it was made under."""

    __tablename__ = "relief_programme"
    __table_args__ = (UniqueConstraint("code", "version"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # made where it is written, the same everywhere
    code: Mapped[str] = mapped_column(String(24))
    version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(120))
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date]
    # who is eligible
    sealed_only: Mapped[bool] = mapped_column(default=False)
    min_arrears_months: Mapped[int] = mapped_column(default=0)
    arrears_before: Mapped[dt.date | None]
    tariff_groups: Mapped[list] = mapped_column(JSON, default=list)
    offices: Mapped[list] = mapped_column(JSON, default=list)
    # its terms
    fine_waiver_pct: Mapped[int] = mapped_column(default=0)
    discount_pct: Mapped[int] = mapped_column(default=0)
    discount_before: Mapped[dt.date | None]
    min_down_payment_pct: Mapped[int] = mapped_column(default=0)
    max_terms: Mapped[int] = mapped_column(default=0)
    unseal_on_down_payment: Mapped[bool] = mapped_column(default=False)
    needs_approval: Mapped[bool] = mapped_column(default=True)
    # percent off other charges paid under the programme, by charge code: {"BUKA-SEGEL": 50}
    charge_discounts: Mapped[dict] = mapped_column(JSON, default=dict)
    changed_by: Mapped[str] = mapped_column(String(40), default="")
    changed_at: Mapped[dt.datetime | None]


class InstalmentPlan(Replicated, Base):
    """An instalment plan (angsuran), possibly under a relief programme (then it
    is also the grant: who, when, which programme version, what was waived).

    `bills` and `terms` are JSON lists (see services.plans): a plan is read and
    written whole, and travels to central and other counters as one row.
    `revision` counts this plan's changes, so a pull never takes back a term a
    counter has just collected.
    """

    __tablename__ = "instalment_plan"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    plan_no: Mapped[str] = mapped_column(String(48), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    made_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    made_at: Mapped[dt.datetime]
    made_on: Mapped[dt.date]  # business date
    programme_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("relief_programme.id"))
    fine_mode: Mapped[str] = mapped_column(String(8))
    grace_days: Mapped[int]
    unseal_on_down_payment: Mapped[bool] = mapped_column(default=False)
    bills: Mapped[list] = mapped_column(JSON)  # [{bill_id, period, principal, fine, fine_waived, discount}]
    terms: Mapped[list] = mapped_column(JSON)  # [{seq, due, amount, payment, receipt}]
    principal: Mapped[int]
    fines: Mapped[int]
    waived: Mapped[int]
    total: Mapped[int]  # principal + fines - waived
    status: Mapped[str] = mapped_column(String(12), default="active")  # active | completed | defaulted
    ended_on: Mapped[dt.date | None]
    credit: Mapped[int] = mapped_column(default=0)  # paid toward a bill the plan did not settle (default)
    revision: Mapped[int] = mapped_column(default=1)


class WorkOrder(Replicated, Base):
    """An unseal work order (SPK buka segel) for the field team."""

    __tablename__ = "work_order"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(48), unique=True)
    kind: Mapped[str] = mapped_column(String(12), default="unseal")
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    # the plan whose down payment earned it; None: a sealed customer's arrears paid in full with the fee
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("instalment_plan.id"))
    payment_id: Mapped[uuid.UUID]  # the payment that earned it
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    issued_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    issued_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | done | cancelled (payment voided)
    done_at: Mapped[dt.datetime | None]


class DocumentSequence(Base):
    """The last number a counter gave a kind of document in a year."""

    __tablename__ = "document_sequence"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_no: Mapped[int] = mapped_column(default=0)
