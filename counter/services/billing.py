"""What a customer owes today: bill by bill, with fines and stamp duty."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.models import Bill, Customer, CustomerNote, FineSchemeRow, InstalmentPlan, StampDutyRow
from counter.rules.charges import ChargeDue
from counter.rules.fines import FineScheme, FineSchemes, fine_for
from counter.rules.stamp_duty import StampDutyRule, stamp_duty
from counter.rules.usage import UsagePerPerson, usage_per_person
from counter.services.lookup import STATUS_LABELS, customer_by_number
from counter.services.plan_state import OpenTerm, PlanStanding, customer_standing


@dataclass(frozen=True)
class BillDue:
    bill_id: int
    period: int
    meter_start: int
    meter_end: int
    usage_m3: int
    water_charge: int
    standing_charge: int
    meter_fee: int
    admin_fee: int
    fine: int
    due_date: dt.date

    @property
    def fixed_charges(self) -> int:
        return self.standing_charge + self.meter_fee

    @property
    def principal(self) -> int:
        """The bill without its fine."""
        return self.water_charge + self.standing_charge + self.meter_fee + self.admin_fee

    @property
    def amount(self) -> int:
        return self.principal + self.fine


@dataclass(frozen=True)
class LastUsage:
    period: int
    usage_m3: int
    per_person: UsagePerPerson


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    number: str
    meter_no: str
    name: str
    address: str
    village: str
    district: str
    tariff_code: str
    tariff_name: str
    status: str
    household_size: int
    phone: str = ""
    usage: LastUsage | None = None  # the latest bill's use per person (a household with its size known)
    credit: int = 0  # held for the customer (surplus of a payment, a defaulted plan's money)
    open_conflicts: int = 0  # at central, waiting for a supervisor

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Quote:
    """What is owed on `on` for `bills` (oldest first), instalment `terms` (in
    order) and other `charges`, stamp duty on their sum. `plan` is the
    customer's running plan: its bills are not among `bills`, its open terms may
    be chosen."""

    customer: CustomerDetail
    on: dt.date
    bills: tuple[BillDue, ...]
    stamp_duty: int
    stamp_rule: StampDutyRule
    plan: PlanStanding | None = None
    terms: tuple[OpenTerm, ...] = ()
    charges: tuple[ChargeDue, ...] = ()  # chosen to be paid with them (services/charges)

    @property
    def subtotal(self) -> int:
        return (sum(b.amount for b in self.bills) + sum(t.amount for t in self.terms)
                + sum(c.amount for c in self.charges))

    @property
    def total(self) -> int:
        return self.subtotal + self.stamp_duty

    def oldest(self, count: int, terms: int = 0) -> Quote:
        """The quote for the oldest `count` bills and the first `terms` open terms only (and its charges)."""
        chosen = self.plan.open_terms[:terms] if self.plan and terms else ()
        return dataclasses.replace(self, bills=self.bills[:count], terms=chosen).with_charges(self.charges)

    def with_charges(self, charges: Iterable[ChargeDue]) -> Quote:
        """The same bills and terms with `charges`, stamp duty on the new sum."""
        charges = tuple(charges)
        duty = stamp_duty(sum(b.amount for b in self.bills) + sum(t.amount for t in self.terms)
                          + sum(c.amount for c in charges), self.stamp_rule)
        return dataclasses.replace(self, charges=charges, stamp_duty=duty)


def _in_force(session: Session, table, on: dt.date):  # noqa: ANN001
    """The row of a rule table in force on `on` (plain row: read on every quote)."""
    t = table.__table__
    return session.execute(
        select(t).where(t.c.valid_from <= on).order_by(t.c.valid_from.desc(), t.c.id.desc()).limit(1)
    ).first()


def fine_schemes(session: Session, on: dt.date) -> FineSchemes:
    """The general fine scheme and every tariff group's own in force on `on`, in
    one query (the table holds one row per change of a rule: it stays small)."""
    t = FineSchemeRow.__table__
    latest = {}
    for row in session.execute(select(t).where(t.c.valid_from <= on).order_by(t.c.valid_from, t.c.id)):
        latest[row.tariff_group_id] = row  # the later row of a group wins
    schemes = {group: FineScheme(
        kind=row.kind, amount=row.amount, stages=tuple(tuple(s) for s in row.stages),
        percent_bp=row.percent_bp, minimum=row.minimum, maximum=row.maximum,
    ) for group, row in latest.items()}
    return FineSchemes(schemes.pop(None, FineScheme(kind="none")), schemes)


def fine_scheme(session: Session, on: dt.date, group_id: int | None = None) -> FineScheme:
    """The scheme for the customers of tariff group `group_id` (None: the general one)."""
    return fine_schemes(session, on).of(group_id)


def stamp_rule(session: Session, on: dt.date) -> StampDutyRule:
    row = _in_force(session, StampDutyRow, on)
    return StampDutyRule() if row is None else StampDutyRule(row.threshold, row.amount)


def customer_detail(customer: Customer, session: Session | None = None) -> CustomerDetail:
    """The customer's card; with `session`, what central last said of their
    credit and conflicts (else the credit of their plans, known here)."""
    group = customer.tariff_group
    credit, conflicts = 0, 0
    if session is not None:
        note = session.get(CustomerNote, customer.id)
        if note is not None:
            credit, conflicts = note.credit, note.open_conflicts
        else:
            credit = session.scalar(select(func.coalesce(func.sum(InstalmentPlan.credit), 0))
                                    .where(InstalmentPlan.customer_id == customer.id))
    return CustomerDetail(
        customer.id, customer.number, customer.meter_no, customer.name, customer.address,
        customer.village, customer.district, group.code, group.name, customer.status,
        customer.household_size, customer.phone, _last_usage(session, customer), int(credit), conflicts,
    )


def _last_usage(session: Session | None, customer: Customer) -> LastUsage | None:
    """The latest bill's use per person per day, flagged where the tariff group
    finds it implausible for the household (rules.usage)."""
    if session is None or customer.household_size <= 0:
        return None
    latest = session.execute(select(Bill.period, Bill.usage_m3).where(Bill.customer_id == customer.id)
                             .order_by(Bill.period.desc()).limit(1)).first()
    if latest is None:
        return None
    group = customer.tariff_group
    per_person = usage_per_person(latest.usage_m3, latest.period, customer.household_size, group.usage_low_lpd,
                                  group.usage_high_lpd)
    return None if per_person is None else LastUsage(latest.period, latest.usage_m3, per_person)


def quote_customer(session: Session, customer: Customer, on: dt.date) -> Quote:
    scheme = fine_scheme(session, on, customer.tariff_group_id)
    exempt = customer.fine_exempt or customer.tariff_group.fine_exempt
    plan = customer_standing(session, customer.id, on)
    outside = plan.held_bill_ids.union(plan.settled_bill_ids) if plan else frozenset()
    bills = [b for b in session.scalars(
        select(Bill).where(Bill.customer_id == customer.id, Bill.status == "unpaid").order_by(Bill.period)
    ) if b.id not in outside]
    dues = tuple(
        BillDue(
            b.id, b.period, b.meter_start, b.meter_end, b.usage_m3, b.water_charge,
            b.standing_charge, b.meter_fee, b.admin_fee,
            fine_for(b.principal, b.due_date, on, scheme, exempt=exempt), b.due_date,
        )
        for b in bills
    )
    rule = stamp_rule(session, on)
    duty = stamp_duty(sum(d.amount for d in dues), rule)
    return Quote(customer_detail(customer, session), on, dues, duty, rule, plan)


def quote(session: Session, customer: str, on: dt.date) -> Quote:
    """What `customer` (connection no., meter no. or barcode) owes on `on`."""
    return quote_customer(session, customer_by_number(session, customer), on)
