import pytest
from sqlalchemy import func, select

from counter.errors import NotFound
from counter.models import Bill, Customer, Office, Payment
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.receipts import build_receipt, check_value
from tests.conftest import AS_OF

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift


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
        payment = uow.session.get(Payment, paid.payment_id)
        assert receipt.qr_payload == f"KPG|{paid.payment_id}|{check_value(payment, uow.session.get(Office, 1))}"
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


def test_a_receipt_is_verified_by_its_qr_code_and_a_forgery_is_not(app, desk, capsys):
    import json
    import sqlite3

    from counter.services.receipts import verify_receipt
    from tests.integration.test_cli import run

    number = owing(app)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF).oldest(1)
    paid = pay(app.uow(), desk, number, [owed.bills[0].period], "cash", tendered=owed.total)
    with app.uow() as uow:
        code = build_receipt(uow.session, paid.receipt_no, app.config.zone).qr_payload
        verdict = verify_receipt(uow.session, code)
    assert verdict.genuine and (verdict.receipt_no, verdict.total, verdict.customer_number) == (
        paid.receipt_no, paid.total, number)
    office, payment_id, check = code.split("|")
    forged = f"{office}|{payment_id}|{'0' * len(check)}"
    with app.uow() as uow:
        assert "PALSU" in verify_receipt(uow.session, forged).reason
        assert not verify_receipt(uow.session, "KPG|bukan-uuid|0123456789abcdef").genuine
        assert not verify_receipt(uow.session, "'; DROP TABLE payment; --").genuine
    code_exit, out, _ = run(capsys, app, "receipt", "verify", code)
    assert code_exit == 0 and "ASLI" in out and paid.receipt_no in out
    code_exit, out, _ = run(capsys, app, "receipt", "verify", forged, "--json")
    assert code_exit == 1 and json.loads(out)["genuine"] is False

    app.engine.dispose()  # someone lowers the total in the store file: the printed code no longer matches
    with sqlite3.connect(app.config.store.data_dir / "counter.sqlite") as db:
        db.execute("UPDATE payment SET total = total - 1000 WHERE receipt_no = ?", (paid.receipt_no,))
    with app.uow() as uow:
        assert not verify_receipt(uow.session, code).genuine
