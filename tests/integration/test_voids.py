"""Voiding a payment: a supervisor's act with a reason, the same day only."""

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from counter.errors import ApprovalRefused, InvalidInput, NotFound, PaymentRefused
from counter.models import AuditRecord, Bill, InstalmentPlan, OutboxEvent, Payment, WorkOrder
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.voids import void_payment
from tests.conftest import AS_OF, clock_at
from tests.integration.test_cli import run
from tests.integration.sync_helpers import desk_at
from tests.integration.test_plans import SUPERVISOR, owing

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift


def pay_two(app, desk):
    number = owing(app, 3)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF).oldest(2)
    return number, pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total)


def state(app) -> tuple:
    with app.uow() as uow:
        s = uow.session
        return (s.scalar(select(func.count()).where(Payment.status == "void")),
                s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "paid")),
                s.scalar(select(func.count()).select_from(OutboxEvent)))


def test_a_voided_payment_puts_its_bills_back_into_arrears(app, desk):
    number, paid = pay_two(app, desk)
    before = [b.period for b in paid.quote.bills]
    voided = void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    assert (voided.bills_reopened, voided.total, voided.customer_number) == (2, paid.total, number)
    with app.uow() as uow:
        payment = uow.session.get(Payment, paid.payment_id)
        assert (payment.status, payment.void_reason) == ("void", "Salah pelanggan") and payment.voided_by
        assert [b.period for b in quote(uow.session, number, AS_OF).bills][:2] == before
        event = uow.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "payment.voided")).one()
        assert event.payload["approved_by"] == "kepala"
        trail = uow.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()
    assert trail[-2:] == ["credential.ok", "void"]


@pytest.mark.parametrize("change, error, message", [
    (dict(reason=""), InvalidInput, "alasan"),
    (dict(approval=None), ApprovalRefused, "perlu persetujuan"),
    (dict(approval=Approval("kepala", "0000")), ApprovalRefused, "PIN salah"),
    (dict(approval=Approval("kasir2", DEMO_PIN)), ApprovalRefused, "bukan kepala unit"),
    (dict(receipt="KPG-L01-20251124-9999"), NotFound, "tidak ditemukan"),
    (dict(next_day=True), PaymentRefused, "hari yang sama"),
])
def test_a_void_that_may_not_be_done_changes_nothing(app, desk, change, error, message):
    _, paid = pay_two(app, desk)
    before = state(app)
    actor = dataclasses.replace(desk, clock=clock_at(AS_OF + dt.timedelta(days=1))) if change.get("next_day") else desk
    with pytest.raises(error, match=message):
        void_payment(app.uow(), actor, change.get("receipt", paid.receipt_no), change.get("reason", "Salah ketik"),
                     change.get("approval", SUPERVISOR))
    assert state(app) == before


def test_voiding_twice_is_refused(app, desk):
    _, paid = pay_two(app, desk)
    void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    with pytest.raises(PaymentRefused, match="sudah dibatalkan"):
        void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)


def test_voiding_a_down_payment_reopens_the_term_and_cancels_the_work_order(app, desk):
    number = owing(app, 3, status="sealed")
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0])
    voided = void_payment(app.uow(), desk, paid.receipt_no, "Uang muka palsu", SUPERVISOR)
    assert (voided.terms_reopened, voided.work_orders_cancelled) == (1, 1)
    with app.uow() as uow:
        plan = uow.session.get(InstalmentPlan, made.plan_id)
        assert plan.status == "active" and plan.terms[0]["payment"] is None
        assert uow.session.scalars(select(WorkOrder.status)).one() == "cancelled"
        assert [t.seq for t in quote(uow.session, number, AS_OF).plan.open_terms] == [0, 1, 2, 3]


def test_void_from_the_command_line(app, desk, capsys):
    _, paid = pay_two(app, desk)
    # the command line acts on today's date: the demo payment was taken on AS_OF
    with app.engine.begin() as connection:
        connection.execute(Payment.__table__.update().values(business_date=app.today()))
    code, out, _ = run(capsys, app, "receipt", "void", paid.receipt_no, "--reason", "Salah pelanggan", "--json",
                       "--pin", DEMO_PIN, "--approver", "kepala", "--approver-pin", DEMO_PASSWORD)
    assert code == 0 and json.loads(out)["bills_reopened"] == 2


def test_a_void_reaches_central_in_the_same_batch_as_its_payment(app, central, link):
    from sqlalchemy.orm import Session

    from tests.integration.sync_helpers import drain

    desk = desk_at(app)
    _, paid = pay_two(app, desk)
    void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    assert link.cycle()[0].sent == 3  # the shift's opening, the payment and its void
    assert drain(central) == {"applied": 3}
    link.cycle()
    with Session(central) as session:
        payment = session.get(Payment, paid.payment_id)
        assert (payment.status, payment.void_reason) == ("void", "Salah pelanggan")
        assert session.scalar(select(func.count()).select_from(Bill).where(Bill.payment_id == paid.payment_id)) == 0
    with app.uow() as uow:  # and the pull leaves the bills unpaid here too
        assert uow.session.scalar(select(func.count()).select_from(Bill)
                                  .where(Bill.payment_id == paid.payment_id)) == 0


def test_a_copy_of_a_voided_receipt_says_it_is_void(app, desk):
    from counter.printing.escpos_receipt import receipt_text
    from counter.printing.pdf_receipt import receipt_pdf
    from counter.services.receipts import build_receipt
    from tests.printing.test_pdf import text_of

    _, paid = pay_two(app, desk)
    void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone)
    assert "DIBATALKAN" in receipt_text(receipt, paper="58mm") and "Salah pelanggan" in receipt_text(receipt)
    assert "DIBATALKAN" in text_of(receipt_pdf(receipt))
