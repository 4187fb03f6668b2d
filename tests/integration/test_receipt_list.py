import pytest
"""Today's receipts of this counter, newest first, for the void dialog's list."""

import dataclasses
import datetime as dt

from sqlalchemy import select

from counter.models import Counter
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.receipt_list import receipts_today
from counter.services.voids import void_payment
from tests.conftest import AS_OF, clock_at
from tests.integration.shift_helpers import on_shift
from tests.integration.sync_helpers import owing_customers
from tests.integration.test_plans import SUPERVISOR

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift


def pay_oldest(app, desk, number: str, method: str = "cash"):
    with app.uow() as uow:
        owed = quote(uow.session, number, desk.today()).oldest(1)
    return pay(app.uow(), on_shift(app, desk), number, [b.period for b in owed.bills], method, tendered=owed.total)


def at(desk, day: dt.date, hour: int):
    return dataclasses.replace(desk, clock=clock_at(day, hour))


def other_counter(app, desk, code: str = "L02"):
    with app.uow() as uow:
        counter = uow.session.scalars(select(Counter).where(Counter.office_id == desk.office_id,
                                                            Counter.code == code)).one()
        return dataclasses.replace(desk, counter_id=counter.id, counter_code=counter.code)


def test_this_counters_receipts_of_today_newest_first(app, desk):
    first, second, elsewhere, earlier = owing_customers(app, limit=4, min_bills=2)
    yesterday = pay_oldest(app, at(desk, AS_OF - dt.timedelta(days=1), 15), earlier)
    morning = pay_oldest(app, at(desk, AS_OF, 9), first)
    noon = pay_oldest(app, at(desk, AS_OF, 12), second, method="qris")
    l02 = pay_oldest(app, at(other_counter(app, desk), AS_OF, 11), elsewhere)

    listed = receipts_today(app.uow(), at(desk, AS_OF, 16))

    assert [r.receipt_no for r in listed] == [noon.receipt_no, morning.receipt_no]
    assert yesterday.receipt_no not in {r.receipt_no for r in listed}
    assert l02.receipt_no not in {r.receipt_no for r in listed}
    top = listed[0]
    assert (top.customer_number, top.total, top.method, top.status, top.voided) == (
        second, noon.quote.total, "qris", "completed", False)
    with app.uow() as uow:
        assert top.customer_name == quote(uow.session, second, AS_OF).customer.name
    assert top.paid_at == dt.datetime(2025, 11, 24, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert top.paid_at.utcoffset() == dt.timedelta(hours=8)  # the office's time, as the receipt prints it

    # the other counter sees only its own
    assert [r.receipt_no for r in receipts_today(app.uow(), at(other_counter(app, desk), AS_OF, 16))] == [
        l02.receipt_no]


def test_a_voided_receipt_stays_listed_marked_void(app, desk):
    first, second = owing_customers(app, limit=2, min_bills=2)
    paid = pay_oldest(app, at(desk, AS_OF, 9), first)
    kept = pay_oldest(app, at(desk, AS_OF, 10), second)
    void_payment(app.uow(), at(desk, AS_OF, 11), paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    listed = receipts_today(app.uow(), at(desk, AS_OF, 12))
    assert [(r.receipt_no, r.status, r.voided) for r in listed] == [
        (kept.receipt_no, "completed", False), (paid.receipt_no, "void", True)]


def test_the_limit_and_an_empty_day(app, desk):
    assert receipts_today(app.uow(), desk) == []
    numbers = owing_customers(app, limit=3, min_bills=1)
    paid = [pay_oldest(app, at(desk, AS_OF, 8 + i), number) for i, number in enumerate(numbers)]
    assert [r.receipt_no for r in receipts_today(app.uow(), desk, limit=2)] == [p.receipt_no for p in paid[:0:-1]]
    assert receipts_today(app.uow(), desk, limit=0) == []
