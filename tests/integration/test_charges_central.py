"""Other charges reach a real PostgreSQL central through its HTTP API: the
applier recomputes each charge from central's own catalogue and records it as
it records bills; a charge central prices otherwise (or does not know) is an
amount_mismatch conflict, never refused money. An unseal order without a plan
arrives with its payment, and a void cancels it at central too."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter.central.applier import apply_pending
from counter.models import ChargeType, Conflict, OutboxEvent, Payment, PaymentLine, WorkOrder
from counter.services.payment import pay
from counter.services.voids import void_payment
from tests.integration.shift_helpers import clock_agrees
from tests.integration.test_charge_payments import SUPERVISOR, customer, sealed


def judged(app, kind: str) -> list[str]:
    with app.uow() as uow:
        return list(uow.session.scalars(select(OutboxEvent.outcome).where(OutboxEvent.kind == kind)
                                        .order_by(OutboxEvent.created_at)))


def test_central_records_charges_and_flags_one_it_prices_otherwise(app, desk, central, link, till):
    clock_agrees(app, desk)
    number = customer(app, unpaid=0)
    first = pay(app.uow(), desk, number, [], "transfer", charges=["BALIK-NAMA"])
    second = pay(app.uow(), desk, number, [], "transfer", charges=["GANTI-METER", "DENDA-SEGEL"])
    with central.begin() as connection:  # central's catalogue has another amount, and no DENDA-SEGEL
        connection.execute(update(ChargeType).where(ChargeType.code == "GANTI-METER").values(amount=400_000))
        connection.execute(ChargeType.__table__.delete().where(ChargeType.code == "DENDA-SEGEL"))
    link.cycle()
    assert apply_pending(central) == {"applied": 2, "conflict": 1}  # the shift and the first payment
    link.cycle()
    assert judged(app, "payment.created") == ["applied", "conflict"]
    with Session(central) as s:
        lines = s.execute(select(PaymentLine.payment_id, PaymentLine.kind, PaymentLine.charge_code, PaymentLine.amount)
                          .order_by(PaymentLine.payment_id, PaymentLine.seq)).all()
        assert [tuple(r)[1:] for r in lines] == [("charge", "BALIK-NAMA", 50_000), ("charge", "GANTI-METER", 350_000),
                                                 ("charge", "DENDA-SEGEL", 500_000)]
        assert s.get(Payment, second.payment_id).total == 850_000
        conflicts = s.execute(select(Conflict.kind, Conflict.amount, Conflict.detail)
                              .where(Conflict.payment_id == second.payment_id).order_by(Conflict.amount)).all()
    assert [(k, a) for k, a, _ in conflicts] == [("amount_mismatch", -50_000), ("amount_mismatch", 500_000)]
    assert conflicts[0][2] == {"charge": "GANTI-METER", "counter_amount": 350_000, "central_amount": 400_000}
    assert conflicts[1][2]["central_amount"] is None
    assert first.total == 50_000


def test_an_unseal_order_without_a_plan_reaches_central_and_a_void_cancels_it(app, desk, central, link, till):
    clock_agrees(app, desk)
    number, periods = sealed(app)
    paid = pay(app.uow(), desk, number, periods, "transfer", unseal=True)
    void_payment(app.uow(), desk, paid.receipt_no, "Pelanggan salah", SUPERVISOR)
    link.cycle()
    apply_pending(central)
    link.cycle()
    assert judged(app, "payment.created") == ["applied"] and judged(app, "work_order.created") == ["applied"]
    assert judged(app, "payment.voided") == ["applied"]
    with Session(central) as s:
        order = s.scalars(select(WorkOrder).where(WorkOrder.payment_id == paid.payment_id)).one()
        assert (order.order_no, order.plan_id, order.status) == (paid.work_order_no, None, "cancelled")
        assert s.scalar(select(PaymentLine.charge_code).where(PaymentLine.payment_id == paid.payment_id,
                                                              PaymentLine.kind == "charge")) == "BUKA-SEGEL"
