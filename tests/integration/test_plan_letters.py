"""The plan's legal letters as the store makes them: the unseal work order (SPK)
is issued by the supervisor who approved the plan, recorded by the cashier; the
agreement and the work order write every month in full."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from counter.application import write_agreement, write_work_order
from counter.models import Bill, Customer
from counter.rules.money import MONTHS_ID
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD
from counter.services.payment import pay
from counter.services.plans import make_plan
from tests.conftest import AS_OF

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift

SUPERVISOR = Approval("kepala", DEMO_PASSWORD)
CASHIER, HEAD = "Siti Nurhaliza Bessie", "Paulus Fanggidae"  # the demo's kasir1 and kepala
# "Nov 2025", "24 Nov 2025": an abbreviated month, as a word of its own
SHORT_MONTH = re.compile(r"\b(" + "|".join(m for m in MONTHS_ID if m != "Mei") + r")\b")


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def words(text: str) -> str:
    return " ".join(text.split())


def sealed_with_arrears(app, months: int = 3) -> str:
    with app.uow() as uow:
        unpaid = (select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
                  .having(func.count() >= months))
        return uow.session.scalars(select(Customer.number).where(
            Customer.id.in_(unpaid), Customer.status == "sealed", Customer.fine_exempt.is_(False))
            .order_by(Customer.id).limit(1)).one()


def buka_segel(app, desk) -> tuple[str, str]:
    """A Buka Segel plan the supervisor approved, its down payment paid: (plan number, work order number)."""
    number = sealed_with_arrears(app)
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    with app.uow() as uow:
        due = quote(uow.session, number, AS_OF).oldest(0, 1)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=due.total, terms=[0])
    return made.plan_no, paid.work_order_no


def test_the_work_order_is_issued_by_the_supervisor_who_approved(app, desk):
    _, order_no = buka_segel(app, desk)
    text = words(text_of(write_work_order(app, order_no)))
    issued = text[text.index("Yang menerbitkan"):]
    assert issued.startswith(f"Yang menerbitkan, Kepala Unit, {HEAD}"), issued
    assert f"Dicatat oleh, Kasir, {CASHIER}" in text  # the cashier who took the down payment
    assert "kepala " not in text.lower().replace("kepala unit", "") and "kasir1" not in text  # no login names


def test_an_unseal_with_no_plan_is_issued_by_the_cashier_and_says_so(app, desk):
    """Arrears paid in full with the unseal fee: nobody approved, so the cashier issues it, as Kasir."""
    with app.uow() as uow:
        number = uow.session.scalars(select(Customer.number).where(Customer.status == "sealed")
                                     .order_by(Customer.id).limit(1)).one()
        periods = [b.period for b in quote(uow.session, number, AS_OF).bills]
    result = pay(app.uow(), desk, number, periods, "cash", tendered=10**8, unseal=True)
    text = words(text_of(write_work_order(app, result.work_order_no)))
    assert text[text.index("Yang menerbitkan"):].startswith(f"Yang menerbitkan, Kasir, {CASHIER}")
    assert "Dicatat oleh" not in text and "Kepala Unit" not in text


def test_the_agreement_and_the_work_order_write_months_in_full(app, desk):
    plan_no, order_no = buka_segel(app, desk)
    agreement = words(text_of(write_agreement(app, plan_no)))
    order = words(text_of(write_work_order(app, order_no)))
    for text in (agreement, order):
        assert not SHORT_MONTH.search(text), SHORT_MONTH.search(text)
    assert "Pada tanggal 24 November 2025 di " in agreement and "Oesapa, 24 November 2025" in agreement
    assert re.search(r"(Juli|Agustus|September|Oktober) 2025 Rp", agreement)  # the bills' months
    assert re.search(r"Angsuran 1/3 24 Desember 2025 Rp", agreement), agreement
    assert "Diterbitkan : 24 November 2025 10:00:00 WITA" in order
    assert "Oesapa, 24 November 2025" in order
