"""Instalment plans and relief programmes on a real store with the demo utility."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.errors import ApprovalRefused, BillSelectionError, InvalidInput, PaymentRefused
from counter.models import AuditRecord, Bill, Customer, InstalmentPlan, OutboxEvent, WorkOrder
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.plans import make_plan, preview_plan, programme_offers, sweep_defaults
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from tests.conftest import AS_OF, clock_at
from tests.integration.shift_helpers import on_shift

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift

SUPERVISOR = Approval("kepala", DEMO_PASSWORD)


def owing(app, months: int, status: str = "active") -> str:
    with app.uow() as uow:
        unpaid = (select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
                  .having(func.count() >= months))
        return uow.session.scalars(select(Customer.number).join(Customer.tariff_group).where(
            Customer.id.in_(unpaid), Customer.status == status, Customer.fine_exempt.is_(False))
            .order_by(Customer.id).limit(1)).one()


def counts(app) -> tuple[int, ...]:
    with app.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(t))
                     for t in (InstalmentPlan, OutboxEvent, AuditRecord, WorkOrder))


def owed(app, number, on=AS_OF):
    with app.uow() as uow:
        return quote(uow.session, number, on)


def test_an_ordinary_plan_takes_the_arrears_out_and_its_terms_are_paid_like_bills(app, desk):
    number = owing(app, 4)
    before = owed(app, number)
    arrears = [b for b in before.bills if b.due_date < AS_OF]
    offer = preview_plan(app.uow(), desk, number, instalments=3, down_payment=50_000)
    # the demo's instalment rule freezes fines while a plan runs
    assert offer.figures.principal == sum(b.principal for b in arrears) and offer.figures.fines == 0
    assert [t.seq for t in offer.figures.schedule] == [0, 1, 2, 3]
    assert sum(t.amount for t in offer.figures.schedule) == offer.figures.total
    assert [t.due_date for t in offer.figures.schedule][1:] == [dt.date(2025, 12, 24), dt.date(2026, 1, 24),
                                                                dt.date(2026, 2, 24)]
    made = make_plan(app.uow(), desk, number, 3, 50_000, approval=SUPERVISOR, expected_total=offer.figures.total)
    assert made.plan_no == "0001/ANGS/KPG-L01/XI/2025"

    after = owed(app, number)
    assert not {b.bill_id for b in arrears} & {b.bill_id for b in after.bills}  # out of ordinary arrears
    assert [t.seq for t in after.plan.open_terms] == [0, 1, 2, 3]

    with pytest.raises(BillSelectionError, match="berurutan"):
        pay(app.uow(), desk, number, [], "cash", tendered=10**7, terms=[1])
    down = pay(app.uow(), desk, number, [], "cash", tendered=50_000, terms=[0])
    assert down.total == 50_000 and down.work_order_no is None  # no stamp duty below the threshold
    rest = owed(app, number).plan.open_amount
    paid = pay(app.uow(), desk, number, [], "transfer", terms=[1, 2, 3], reference="TRF-1")  # early, all at once
    assert paid.quote.subtotal == rest
    with app.uow() as uow:
        plan = uow.session.get(InstalmentPlan, made.plan_id)
        assert plan.status == "completed" and plan.ended_on == AS_OF
        bills = uow.session.scalars(select(Bill).where(Bill.id.in_([b.bill_id for b in arrears]))).all()
        assert {b.status for b in bills} == {"paid"} and {b.payment_id for b in bills} == {paid.payment_id}
        kinds = uow.session.scalars(select(OutboxEvent.kind).where(OutboxEvent.kind != "shift.opened")
                                    .order_by(OutboxEvent.created_at)).all()
    assert kinds == ["plan.created", "payment.created", "payment.created"]


def test_buka_segel_waives_fines_takes_half_and_orders_the_meter_unsealed(app, desk):
    number = owing(app, 3, status="sealed")
    offers = {o.code: o for o in programme_offers(app.uow(), desk, number)}
    assert offers["BUKA-SEGEL-2025"].eligible
    assert "belum berlaku" in " ".join(offers["ANGSURAN-KAB-KUPANG"].reasons)
    arrears = [b for b in owed(app, number).bills if b.due_date < AS_OF]
    offer = preview_plan(app.uow(), desk, number, instalments=3, programme="BUKA-SEGEL-2025")
    figures = offer.figures
    assert figures.fines == sum(b.fine for b in arrears) > 0
    assert figures.waived == figures.fines and figures.total == sum(b.principal for b in arrears)
    assert figures.down_payment == figures.minimum_down_payment == -(-figures.total // 2)
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    due = owed(app, number).oldest(0, 1)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=due.total, terms=[0])
    assert paid.work_order_no == "0001/SPK-BS/KPG-L01/XI/2025"
    with app.uow() as uow:
        order = uow.session.scalars(select(WorkOrder)).one()
        plan = uow.session.get(InstalmentPlan, made.plan_id)
        assert order.plan_id == plan.id and order.payment_id == paid.payment_id and order.status == "open"
        assert plan.programme_id is not None and plan.waived == figures.waived and plan.approved_by is not None


def test_an_active_customer_does_not_qualify_for_buka_segel(app, desk):
    number = owing(app, 3)
    before = counts(app)
    with pytest.raises(PaymentRefused, match="disegel"):
        make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    assert counts(app) == before


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(approval=Approval("kepala", "salah")), ApprovalRefused, "PIN salah"),
    (dict(approval=Approval("kasir2", DEMO_PIN)), ApprovalRefused, "bukan kepala unit"),
    (dict(approval=None), ApprovalRefused, "perlu persetujuan"),
    (dict(instalments=5), InvalidInput, "Paling banyak 4"),
    (dict(instalments=0), InvalidInput, "minimal 1"),
    (dict(down_payment=-1), InvalidInput, "minimal"),
    (dict(down_payment=10**9), InvalidInput, "melebihi"),
    (dict(periods=[202001]), BillSelectionError, "tidak ada atau sudah lunas"),
    (dict(expected_total=1), PaymentRefused, "berubah"),
])
def test_bad_plan_input_is_refused_and_writes_nothing(app, desk, kwargs, error, message):
    number = owing(app, 3)
    args = dict(instalments=3, approval=SUPERVISOR) | kwargs
    before = counts(app)
    with pytest.raises(error, match=message):
        make_plan(app.uow(), desk, number, **args)
    after = counts(app)
    assert after[:2] + after[3:] == before[:2] + before[3:]
    with app.uow() as uow:  # only the credential check itself is on record
        trail = uow.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()[before[2]:]
    tried = args["approval"] is not None and error is ApprovalRefused
    assert trail == (["credential.failed" if "salah" in message else "credential.ok"] if tried else [])


def test_an_expired_programme_and_a_second_plan_are_refused(app, desk):
    number = owing(app, 3, status="sealed")
    later = dataclasses.replace(desk, clock=clock_at(dt.date(2026, 1, 5)))
    with pytest.raises(PaymentRefused, match="sudah berakhir"):
        make_plan(app.uow(), later, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    make_plan(app.uow(), desk, number, 2, approval=SUPERVISOR)
    before = counts(app)
    with pytest.raises(PaymentRefused, match="masih punya rencana"):
        make_plan(app.uow(), desk, number, 2, approval=SUPERVISOR)
    assert counts(app) == before


def test_a_term_late_past_the_grace_defaults_the_plan_and_fines_resume(app, desk):
    number = owing(app, 4)
    arrears = [b for b in owed(app, number).bills if b.due_date < AS_OF]
    made = make_plan(app.uow(), desk, number, 2, down_payment=arrears[0].principal + 1_000, approval=SUPERVISOR)
    pay(app.uow(), desk, number, [], "cash", tendered=10**7, terms=[0])
    # term 1 falls due 24 Dec 2025; the rule's grace is 30 days
    in_grace = owed(app, number, dt.date(2026, 1, 23))
    assert in_grace.plan is not None and in_grace.plan.defaulted_on is None
    late_day = dt.date(2026, 1, 24)
    late = owed(app, number, late_day)
    assert late.plan.defaulted_on == late_day and not late.plan.open_terms
    assert late.plan.settled_bill_ids == (arrears[0].bill_id,) and late.plan.credit == 1_000
    back = {b.bill_id: b for b in late.bills}
    assert all(back[b.bill_id].fine > 0 for b in arrears[1:])  # fines resume on the old due dates

    late_desk = dataclasses.replace(desk, clock=clock_at(late_day))
    assert sweep_defaults(app.uow(), late_desk) == [made.plan_no]
    with app.uow() as uow:
        plan = uow.session.get(InstalmentPlan, made.plan_id)
        assert (plan.status, plan.ended_on, plan.credit) == ("defaulted", late_day, 1_000)
        assert uow.session.get(Bill, arrears[0].bill_id).status == "paid"
        assert uow.session.scalars(select(OutboxEvent.kind).where(OutboxEvent.kind == "plan.defaulted")).one()
    with pytest.raises(BillSelectionError, match="tidak punya rencana"):
        pay(app.uow(), on_shift(app, late_desk), number, [], "cash", tendered=10**7, terms=[1])


def test_the_down_payment_receipt_names_the_plan_and_what_was_waived(app, desk):
    from counter.printing.escpos_receipt import receipt_text
    from counter.services.receipts import build_receipt

    number = owing(app, 3, status="sealed")
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0, 1])
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone)
    assert [(line.kind, line.label) for line in receipt.lines] == [
        ("down_payment", f"Uang muka {made.plan_no}"), ("term", f"Angsuran 1/3 {made.plan_no}")]
    assert receipt.waived == made.offer.figures.waived > 0 and receipt.total == paid.total
    text = receipt_text(receipt, paper="58mm")
    assert "Uang muka" in text and "Angsuran 1/3" in text and "Keringanan" in text
