import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from counter.errors import BillSelectionError, InvalidInput, NotFound, PaymentRefused
from counter.models import AuditRecord, Bill, Customer, OutboxEvent, Payment, PaymentLine
from counter.services.billing import quote
from counter.services.payment import PaymentPolicy, pay
from tests.conftest import AS_OF, clock_at
from tests.integration.shift_helpers import on_shift

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift


def customer_owing(app, months: int, status: str = "active") -> str:
    """The number of a customer with at least `months` unpaid bills."""
    with app.uow() as uow:
        unpaid = (select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
                  .having(func.count() >= months))
        return uow.session.scalars(
            select(Customer.number).where(Customer.id.in_(unpaid), Customer.status == status).limit(1)
        ).one()


def store_counts(app) -> tuple[int, ...]:
    with app.uow() as uow:
        s = uow.session
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Payment, PaymentLine, OutboxEvent, AuditRecord)) + (
            s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "paid")),)


def test_quote_lists_unpaid_bills_oldest_first_with_fines(app):
    number = customer_owing(app, 3)
    with app.uow() as uow:
        q = quote(uow.session, number, AS_OF)
    periods = [b.period for b in q.bills]
    assert periods == sorted(periods) and len(periods) >= 3
    for bill in q.bills:  # demo fine scheme: flat Rp 10.000 once overdue, S1 is exempt
        overdue = bill.due_date < AS_OF
        assert bill.fine == (10_000 if overdue and q.customer.tariff_code != "S1" else 0)
        assert bill.amount == bill.water_charge + bill.standing_charge + bill.meter_fee + bill.admin_fee + bill.fine
    assert q.total == sum(b.amount for b in q.bills) + q.stamp_duty


def test_quote_before_the_due_date_has_no_fine_for_that_month(app):
    number = customer_owing(app, 1)
    with app.uow() as uow:
        q = quote(uow.session, number, dt.date(2025, 11, 20))
    assert q.bills[-1].period == 202511 and q.bills[-1].fine == 0


def test_cash_payment_commits_payment_lines_bills_outbox_and_audit(app, desk):
    number = customer_owing(app, 3)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF)
    chosen = [b.period for b in owed.bills[:2]]
    due = owed.oldest(2).total
    result = pay(app.uow(), desk, number, chosen, "cash", tendered=due + 7_500)
    assert result.change == 7_500 and result.total == due
    assert result.receipt_no == "KPG-L01-20251124-0001"
    assert result.payment_id.version == 7
    with app.uow() as uow:
        s = uow.session
        payment = s.get(Payment, result.payment_id)
        assert payment.total == sum(l.amount for l in payment.lines) + payment.stamp_duty == due
        assert [l.period for l in payment.lines] == chosen
        bills = s.scalars(select(Bill).where(Bill.payment_id == result.payment_id)).all()
        assert sorted(b.period for b in bills) == chosen and {b.status for b in bills} == {"paid"}
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.kind != "shift.opened")).one()
        assert event.kind == "payment.created" and event.sent_at is None
        assert event.payload["payment_id"] == str(result.payment_id) and event.payload["total"] == due
        audit = s.scalars(select(AuditRecord).where(AuditRecord.action == "payment")).one()
        assert (audit.action, audit.subject, audit.user_id) == ("payment", result.receipt_no, desk.user_id)
        assert payment.business_date == AS_OF and payment.paid_at.tzinfo is not None
    with app.uow() as uow:  # what is left starts at the third bill
        assert [b.period for b in quote(uow.session, number, AS_OF).bills] == [b.period for b in owed.bills[2:]]


def test_receipt_numbers_count_up_per_counter_and_day(app, desk):
    numbers = [customer_owing(app, 1)]
    first = pay(app.uow(), desk, numbers[0], [quote_first(app, numbers[0])], "qris")
    second_customer = next_owing(app, exclude=numbers[0])
    second = pay(app.uow(), desk, second_customer, [quote_first(app, second_customer)], "transfer", reference="TRX-1")
    next_day = dataclasses.replace(desk, clock=clock_at(AS_OF + dt.timedelta(days=1)))
    third_customer = next_owing(app, exclude=second_customer)
    third = pay(app.uow(), on_shift(app, next_day), third_customer, [quote_first(app, third_customer)], "debit")
    assert [first.receipt_no[-4:], second.receipt_no[-4:], third.receipt_no] == [
        "0001", "0002", "KPG-L01-20251125-0001"]
    assert first.change == 0 and first.tendered == first.total


def quote_first(app, number: str) -> int:
    with app.uow() as uow:
        return quote(uow.session, number, AS_OF).bills[0].period


def next_owing(app, exclude: str) -> str:
    with app.uow() as uow:
        return uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.number != exclude, Customer.status != "closed").limit(1)
        ).one()


def test_stamp_duty_is_added_above_five_million(app, desk):
    number = customer_owing(app, 2)
    with app.uow() as uow:  # make the oldest bill large, as an industrial customer's can be
        cid = uow.session.scalar(select(Customer.id).where(Customer.number == number))
        oldest = uow.session.scalars(select(Bill).where(Bill.customer_id == cid, Bill.status == "unpaid")
                                     .order_by(Bill.period)).first()
        oldest.water_charge = 5_200_000
        uow.commit()
    with app.uow() as uow:
        q = quote(uow.session, number, AS_OF).oldest(1)
    assert q.stamp_duty == 10_000
    result = pay(app.uow(), desk, number, [q.bills[0].period], "cash", tendered=6_000_000)
    assert result.quote.stamp_duty == 10_000 and result.change == 6_000_000 - q.total


BAD_PAYMENTS = [
    (dict(customer="99-99-999999"), NotFound, "tidak ditemukan"),
    (dict(skip_oldest=True), BillSelectionError, "dari yang terlama"),
    (dict(periods=[]), BillSelectionError, "minimal satu"),
    (dict(periods=[201901]), BillSelectionError, "tidak ada atau sudah lunas"),
    (dict(periods=["2025-10"]), InvalidInput, "Bulan rekening"),
    (dict(tendered=1), PaymentRefused, "kurang dari tagihan"),
    (dict(tendered=-5), InvalidInput, "negatif"),
    (dict(tendered=12.5), InvalidInput, "angka bulat"),
    (dict(tendered="100000"), InvalidInput, "angka bulat"),
    (dict(tendered=True), InvalidInput, "angka bulat"),
    (dict(tendered=None), InvalidInput, "Isi uang"),
    (dict(tendered=10**15), InvalidInput, "melebihi batas"),
    (dict(method="cheque"), InvalidInput, "tidak dikenal"),
    (dict(reference="x" * 65), InvalidInput, "terlalu panjang"),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD_PAYMENTS)
def test_bad_payments_are_refused_and_write_nothing(app, desk, change, error, message):
    number = customer_owing(app, 2)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF)
    args = dict(customer=number, periods=[owed.bills[0].period], method="cash", tendered=owed.total * 2)
    if change.pop("skip_oldest", False):
        args["periods"] = [owed.bills[1].period]
    args.update(change)
    before = store_counts(app)
    with pytest.raises(error, match=message):
        pay(app.uow(), desk, args.pop("customer"), args.pop("periods"), **args)
    assert store_counts(app) == before


def test_a_bill_cannot_be_paid_twice(app, desk):
    number = customer_owing(app, 1)
    period = quote_first(app, number)
    pay(app.uow(), desk, number, [period], "qris")
    before = store_counts(app)
    with pytest.raises(BillSelectionError, match="sudah lunas|tidak punya tunggakan"):
        pay(app.uow(), desk, number, [period], "qris")
    assert store_counts(app) == before


def test_a_utility_may_refuse_a_closed_connections_arrears(app, desk):
    number = customer_owing(app, 1)
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.number == number).values(status="closed"))
        uow.commit()
    before = store_counts(app)
    with pytest.raises(PaymentRefused, match="ditutup"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "qris", policy=PaymentPolicy(closed_arrears=False))
    assert store_counts(app) == before
    assert pay(app.uow(), desk, number, [quote_first(app, number)], "qris").total > 0  # by default they may


def test_sealed_connection_can_pay_its_arrears(app, desk):
    number = customer_owing(app, 3, status="sealed")
    result = pay(app.uow(), desk, number, [quote_first(app, number)], "transfer")
    assert result.total > 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 6), extra=st.integers(0, 2_000_000))
def test_money_invariants(app, desk, count, extra):
    """Total == sum of lines + stamp duty; nothing beyond what is due; change = tendered - total >= 0."""
    number = customer_owing(app, 1)
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF)
    n = min(count, len(owed.bills))
    expected = owed.oldest(n)
    result = pay(app.uow(), desk, number, [b.period for b in owed.bills[:n]], "cash",
                 tendered=expected.total + extra)
    with app.uow() as uow:
        payment = uow.session.get(Payment, result.payment_id)
        lines = payment.lines
        assert payment.total == sum(l.amount for l in lines) + payment.stamp_duty
        for line, bill in zip(lines, owed.bills):
            assert line.amount == line.water_charge + line.standing_charge + line.meter_fee + line.admin_fee + line.fine
            assert line.amount == bill.amount
        assert payment.total == expected.total
        assert payment.change == payment.tendered - payment.total == extra >= 0


def test_a_store_locked_by_another_process_gives_a_clear_message(app, desk):
    import sqlite3

    from counter.errors import StoreBusy
    from counter.store.engine import sqlite_engine
    from counter.store.uow import UnitOfWork

    number = customer_owing(app, 1)
    period = quote_first(app, number)
    other = sqlite3.connect(app.config.store.local_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. a long import holding the write lock
    try:
        impatient = UnitOfWork(sqlite_engine(app.config.store.local_path, busy_timeout_ms=50))
        with pytest.raises(StoreBusy, match="coba lagi"):
            pay(impatient, desk, number, [period], "qris")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert pay(app.uow(), desk, number, [period], "qris").total > 0


def test_a_changed_total_is_refused_before_paying(app, desk):
    number = customer_owing(app, 1)
    with app.uow() as uow:
        shown = quote(uow.session, number, AS_OF).oldest(1)
    before = store_counts(app)
    with pytest.raises(PaymentRefused, match="Tagihan berubah"):
        pay(app.uow(), desk, number, [shown.bills[0].period], "qris", expected_total=shown.total + 1)
    assert store_counts(app) == before
    assert pay(app.uow(), desk, number, [shown.bills[0].period], "qris", expected_total=shown.total).total == shown.total
