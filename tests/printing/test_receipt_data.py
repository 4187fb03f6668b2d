"""The receipt built from a committed payment on a real store: what it says of a
bill's parts, of a down payment's plan, of the customer's meter and of the
utility (the [receipt] settings), and that its thermal print adds up."""

from __future__ import annotations

import pytest

from counter.config import ReceiptSettings
from counter.models import Customer
from counter.printing.escpos_receipt import receipt_bytes
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.receipts import build_receipt
from tests.conftest import AS_OF
from tests.integration.test_plans import SUPERVISOR, owing
from tests.printing.test_escpos import decode
from tests.printing.test_receipt_layout import check_adds_up


@pytest.fixture(autouse=True)
def till(app, desk):
    """Money is taken only into an open shift."""
    from counter.services.shifts import open_shift

    return open_shift(app.uow(), desk, 0)


def test_a_bill_receipt_splits_the_fixed_charges_and_carries_the_meter_and_the_utility(app, desk):
    number = owing(app, 2)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF).oldest(2)
        meter_no = uow.session.query(Customer).filter_by(number=number).one().meter_no
    paid = pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total)
    settings = ReceiptSettings(head_office=" Jl. Soekarno No. 1, Kupang ", call_centre="(0380) 821234")
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone, settings)
        plain = build_receipt(uow.session, paid.receipt_no, app.config.zone)
    for line, bill in zip(receipt.lines, owed.bills):
        assert (line.standing_charge, line.meter_fee) == (bill.standing_charge, bill.meter_fee)
        assert line.water_charge + line.fixed_charges + line.admin_fee + line.fine == line.amount
    assert receipt.meter_number == meter_no
    assert (receipt.head_office, receipt.call_centre) == ("Jl. Soekarno No. 1, Kupang", "(0380) 821234")
    assert (plain.head_office, plain.call_centre) == ("", "")
    assert receipt.paid_in_full
    for paper in ("58mm", "80mm"):
        check_adds_up(decode(receipt_bytes(receipt, paper)).splitlines())


def test_a_down_payment_under_buka_segel_adds_up_and_names_its_months(app, desk):
    number = owing(app, 3, status="sealed")
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0])
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone)
    (down,) = receipt.lines
    figures = made.offer.figures
    assert down.plan_no == made.plan_no and down.waived == figures.waived > 0
    assert down.before_relief == figures.principal + figures.fines
    assert down.before_relief - down.waived - down.deferred == down.amount == receipt.total
    assert len(down.covers) == len(figures.bills) >= 3 and not receipt.paid_in_full
    for paper in ("58mm", "80mm"):
        lines = decode(receipt_bytes(receipt, paper)).splitlines()
        check_adds_up(lines)
        assert f"Rekening: {down.covers[0]} - {down.covers[-1]}" in lines[lines.index("Uang muka angsuran") + 2]

