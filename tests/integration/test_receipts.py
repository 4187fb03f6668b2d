import pytest
from sqlalchemy import func, select

from counter.errors import NotFound
from counter.models import Bill, Customer, Payment
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.receipts import build_receipt, check_value
from tests.conftest import AS_OF


def owing(app) -> str:
    with app.uow() as uow:
        return uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active")
            .group_by(Customer.id).having(func.count() >= 2).limit(1)).one()


def test_the_receipt_says_what_was_committed(app, desk):
    number = owing(app)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF).oldest(2)
    paid = pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total + 500,
               offline=True)
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone)
        assert receipt.qr_payload == f"KPG|{paid.payment_id}|{check_value(uow.session.get(Payment, paid.payment_id))}"
    assert (receipt.receipt_no, receipt.customer_number, receipt.total, receipt.change) == (
        paid.receipt_no, number, owed.total, 500)
    assert [l.amount for l in receipt.lines] == [b.amount for b in owed.bills]
    assert [l.usage_m3 for l in receipt.lines] == [b.usage_m3 for b in owed.bills]
    assert sum(l.amount for l in receipt.lines) + receipt.stamp_duty == receipt.total
    assert receipt.total_in_words.endswith("rupiah") and receipt.offline and receipt.method == "Tunai"
    assert receipt.paid_at.utcoffset().total_seconds() == 8 * 3600  # WITA
    assert receipt.utility_name == "Perumda Air Minum Demo Kupang" and receipt.cashier_name


def test_an_unknown_receipt(app):
    with app.uow() as uow, pytest.raises(NotFound, match="tidak ditemukan"):
        build_receipt(uow.session, "KPG-L01-20251124-9999", app.config.zone)
