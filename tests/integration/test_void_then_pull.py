"""A void made at a counter while central still has the payment: the voided
months are owed again at once at this counter, and stay owed through every
refresh and pull until central has the void too."""

from __future__ import annotations

from sqlalchemy import select

from counter.models import Bill, Customer
from counter.services.shifts import open_shift
from counter.services.voids import void_payment
from counter.sync.refresh import refresh_customer
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_sync import owing, pay_oldest


def states(engine, number: str) -> dict[int, str]:  # noqa: ANN001
    with engine.connect() as connection:
        return dict(connection.execute(select(Bill.period, Bill.status).join(Customer).where(
            Customer.number == number)).all())


def test_voided_months_are_owed_again_through_refresh_and_pull(app):
    desk = app.desk()
    open_shift(app.uow(), desk, 0)
    number = owing(app)
    paid = pay_oldest(app, desk, number)
    link = app.sync_link()
    link.cycle()  # central has the payment
    period = paid.quote.bills[0].period
    assert states(app.embedded_engine, number)[period] == "paid"

    void_payment(app.uow(), desk, paid.receipt_no, "salah pelanggan", SUPERVISOR)
    assert states(app.engine, number)[period] == "unpaid"
    assert refresh_customer(app.engine, app.central, number)  # central still says paid: the void is not there yet
    assert states(app.engine, number)[period] == "unpaid"
    from counter.sync.pull import pull_all

    pull_all(app.engine, app.central)  # a pull before the void is pushed
    assert states(app.engine, number)[period] == "unpaid"
    link.cycle()  # the void reaches central
    assert states(app.embedded_engine, number)[period] == "unpaid"
    assert states(app.engine, number)[period] == "unpaid"
