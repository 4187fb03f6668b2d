"""The documents of an instalment plan as plain data: the agreement the customer
signs (surat perjanjian angsuran) and the unseal work order for the field team
(SPK buka segel). Built by the use cases, rendered by `plan_pdf`.

They are legal letters: months are written in full ("Oktober 2025"), never
abbreviated as on receipts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember")


def month_label(period: int) -> str:
    """`202510` -> `Oktober 2025`."""
    return f"{MONTH_NAMES[period % 100 - 1]} {period // 100}"


@dataclass(frozen=True)
class PlanBillLine:
    """One bill taken into the plan."""

    label: str  # "Oktober 2025"
    principal: int  # water + fixed charges + admin
    fine: int  # the fine on the day the plan was made
    waived: int  # fine waived + principal discount
    amount: int  # principal + fine - waived: what the plan collects for this bill


@dataclass(frozen=True)
class ScheduleLine:
    seq: int  # 0: the down payment; 1..N: the monthly terms
    label: str  # "Uang muka", "Angsuran 1"
    due_date: dt.date
    amount: int


@dataclass(frozen=True)
class PlanAgreement:
    utility_name: str
    office_name: str
    office_address: str
    plan_no: str  # "0001/ANGS/KPG/XI/2026"
    made_on: dt.date
    customer_number: str
    customer_name: str
    customer_address: str
    tariff: str  # "R2 Rumah Tangga 2"
    programme: str  # "" for an ordinary instalment plan, else the programme's name
    bills: tuple[PlanBillLine, ...]
    principal: int  # sum of the bills' principal
    fines: int  # fines included in the plan before waivers
    waived: int  # fine waivers + principal discounts
    total: int  # principal + fines - waived
    schedule: tuple[ScheduleLine, ...]  # the down payment first
    conditions: tuple[str, ...]  # the terms in plain words, one per numbered clause
    customer_signatory: str  # the customer's name, under their signature
    approver_name: str  # the supervisor who approved
    approver_title: str  # "Kepala Unit"
    city: str  # where it is signed: "Kupang"


@dataclass(frozen=True)
class WorkOrder:
    """Surat Perintah Kerja: unseal the meter of a customer who paid the down payment."""

    utility_name: str
    office_name: str
    order_no: str  # "0001/SPK-BS/KPG/XI/2026"
    issued_at: dt.datetime  # aware, office time zone
    customer_number: str
    customer_name: str
    customer_address: str
    meter_no: str
    plan_no: str
    programme: str
    receipt_no: str  # the down payment's receipt
    issued_by: str  # full name of who issues it: the supervisor who approved the plan, else the cashier
    city: str
    issuer_title: str = "Kasir"  # "Kepala Unit" when a supervisor approved
    recorded_by: str = ""  # the cashier who took the payment, when a supervisor issues the order
