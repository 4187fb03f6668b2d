"""Collective payments (kolektif): many connections, one tender, one transaction.
Each connection is paid as an ordinary payment with its own receipt; a refusal
of any one of them writes nothing at all, and uses no receipt number."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from uuid6 import uuid7

from counter import application
from counter.errors import CounterError
from counter.models import (
    AuditRecord, Bill, CollectivePayment, Customer, DayClosing, DocumentSequence, OutboxEvent, Payment,
    ReceiptSequence,
)
from counter.services import audit
from counter.services.billing import quote
from counter.services.collective import Member, member_owed, pay_collective, quote_collective
from counter.services.payment import PaymentPolicy
from counter.services.shifts import open_shift_now
from tests.conftest import AS_OF
from tests.integration.shift_helpers import clock_agrees, on_shift
from tests.integration.test_fuzz import snapshot

ROUNDED = PaymentPolicy(cash_rounding=100)


def owing(app, many: int, skip: int = 0) -> list[str]:  # noqa: ANN001
    """Active connections with open bills (outside any plan), `many` of them."""
    found = []
    with app.uow() as uow:
        for number in uow.session.scalars(select(Customer.number).where(Customer.status == "active")
                                          .order_by(Customer.number)):
            if quote(uow.session, number, AS_OF).bills:
                found.append(number)
            if len(found) == skip + many:
                return found[skip:]
    raise AssertionError("not enough owing customers in the demo")


def ready(app, desk):  # noqa: ANN001, ANN201
    on_shift(app, desk)
    clock_agrees(app, desk)
    return desk


def shown(app, desk, numbers: list[str], method: str = "cash", policy: PaymentPolicy = ROUNDED):  # noqa: ANN001, ANN201
    """What the desk shows for `numbers`: each member with its total, and the collective total."""
    quoted = quote_collective(app.uow(), desk, numbers, method, policy)
    return [Member(m.number, m.total) for m in quoted.members], quoted.total


def odd_amounts(app, numbers: list[str], extra: int = 37) -> None:  # noqa: ANN001
    """Make each connection's oldest bill end in an odd amount, so cash is rounded."""
    with app.engine.begin() as connection:
        for number in numbers:
            bill = connection.scalar(select(Bill.id).join(Customer, Customer.id == Bill.customer_id).where(
                Customer.number == number, Bill.status == "unpaid").order_by(Bill.period).limit(1))
            connection.execute(update(Bill).where(Bill.id == bill).values(water_charge=Bill.water_charge + extra))


def sequences(app) -> tuple:  # noqa: ANN001
    with app.uow() as uow:
        return (tuple(uow.session.execute(select(ReceiptSequence.business_date, ReceiptSequence.last_no)).all()),
                tuple(uow.session.execute(select(DocumentSequence.kind, DocumentSequence.last_no)).all()))


def test_each_connection_is_its_own_payment_and_the_drawer_adds_up(app, desk):
    numbers = owing(app, 3)
    odd_amounts(app, numbers)
    members, total = shown(app, ready(app, desk), numbers)
    before = open_shift_now(app.uow(), desk)
    paid = pay_collective(app.uow(), desk, members, tendered=total + 50_000, expected_total=total, policy=ROUNDED,
                          label="Keluarga Ndun")

    assert paid.collective_no == "0001/KOL/KPG-L01/XI/2025" and paid.label == "Keluarga Ndun"
    assert [p.quote.customer.number for p in paid.payments] == numbers
    assert len({p.receipt_no for p in paid.payments}) == 3
    assert paid.total == total == sum(p.total for p in paid.payments)
    assert all(p.rounding and p.total % 100 == 0 for p in paid.payments)  # rounded per payment
    assert [(p.tendered, p.change) for p in paid.payments] == [(p.total, 0) for p in paid.payments[:2]] + [
        (paid.payments[2].total + 50_000, 50_000)]
    assert (paid.tendered, paid.change) == (total + 50_000, 50_000)
    after = open_shift_now(app.uow(), desk)
    assert after.cash_taken - before.cash_taken == total + 50_000
    assert after.change_given - before.change_given == 50_000
    assert after.expected_cash - before.expected_cash == total

    with app.uow() as uow:
        s = uow.session
        for number in numbers:  # every open bill paid
            assert not quote(s, number, AS_OF).bills
        record = s.scalars(select(CollectivePayment)).one()
        assert [m.payment_id for m in record.members] == [p.payment_id for p in paid.payments]
        assert (record.total, record.tendered, record.change, record.method) == (total, total + 50_000, 50_000, "cash")
        events = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "payment.created")).all()
        assert {e["receipt_no"] for e in events} == {p.receipt_no for p in paid.payments}
        trail = s.scalars(select(AuditRecord.details).where(AuditRecord.action == "collective.paid")).one()
        assert trail["receipts"] == [p.receipt_no for p in paid.payments] and trail["total"] == total
    assert audit.verify_local(app.engine)[1] == []


def test_transfer_pays_each_exactly_with_the_same_reference(app, desk):
    numbers = owing(app, 2)
    odd_amounts(app, numbers)
    members, total = shown(app, ready(app, desk), numbers, "transfer")
    paid = pay_collective(app.uow(), desk, members, method="transfer", reference="TRF-889", policy=ROUNDED)
    assert [(p.rounding, p.tendered, p.change, p.method) for p in paid.payments] == [
        (0, p.quote.total, 0, "transfer") for p in paid.payments]
    assert paid.total == total and (paid.tendered, paid.change) == (total, 0)
    with app.uow() as uow:
        assert set(uow.session.scalars(select(Payment.reference))) == {"TRF-889"}


def test_one_connections_bills_changed_meanwhile_writes_nothing_and_uses_no_number(app, desk):
    numbers = owing(app, 3)
    members, total = shown(app, ready(app, desk), numbers)
    odd_amounts(app, numbers[1:2], extra=1_000)  # an import corrected the second connection's bill
    before, numbering = snapshot(app), sequences(app)
    with pytest.raises(CounterError, match=f"Tagihan sambungan {numbers[1]} .* berubah menjadi .*tidak ada yang "
                                           "dibayar"):
        pay_collective(app.uow(), desk, members, tendered=total + 10_000, expected_total=total, policy=ROUNDED)
    assert snapshot(app) == before and sequences(app) == numbering
    members, total = shown(app, desk, numbers)  # reloaded: the new amount
    paid = pay_collective(app.uow(), desk, members, tendered=total, expected_total=total, policy=ROUNDED)
    assert [p.receipt_no[-4:] for p in paid.payments] == ["0001", "0002", "0003"]
    assert paid.collective_no.startswith("0001/KOL/")


def test_a_bill_paid_elsewhere_inside_the_collective_refuses_it_whole(app, desk):
    """Two members' bills changed under take() itself (the check of each payment)."""
    first, second = owing(app, 2)
    members, total = shown(app, ready(app, desk), [first, second])
    with app.engine.begin() as connection:  # the second's newest bill was paid at a bank meanwhile
        newest = connection.scalar(select(Bill.id).join(Customer, Customer.id == Bill.customer_id).where(
            Customer.number == second, Bill.status == "unpaid").order_by(Bill.period.desc()).limit(1))
        connection.execute(update(Bill).where(Bill.id == newest).values(status="paid"))
    before = snapshot(app)
    with pytest.raises(CounterError, match=second):
        pay_collective(app.uow(), desk, members, tendered=total, policy=ROUNDED)
    assert snapshot(app) == before


def close_today(app, desk) -> None:  # noqa: ANN001
    with app.uow() as uow:
        uow.session.add(DayClosing(id=uuid7(), office_id=desk.office_id, business_date=desk.today(),
                                   closed_at=desk.now(), closed_by=desk.user_id, covered={"receipts": {}},
                                   count=0, total=0, cash_total=0, change_seq=0))
        uow.commit()


def closed_connection(app, number: str) -> None:  # noqa: ANN001
    with app.engine.begin() as connection:
        connection.execute(update(Customer).where(Customer.number == number).values(status="closed"))


def test_bad_collective_payments_are_refused_in_indonesian_and_write_nothing(app, desk):
    first, second, third = owing(app, 3)
    _, total = shown(app, ready(app, desk), [first, second])
    with app.uow() as uow:
        paid_up = uow.session.scalar(select(Customer.number).where(
            Customer.status == "active", ~Customer.id.in_(select(Bill.customer_id).where(Bill.status == "unpaid")))
            .limit(1))
    cases = [
        ([], {}, "minimal satu sambungan"),
        ([first, "99-99-999999"], {}, "'99-99-999999' tidak ditemukan"),
        ([first, second, first], {}, f"Sambungan {first} disebut dua kali"),
        ([first, first.replace("-", "")], {}, "disebut dua kali"),
        ([first, paid_up], {}, f"Sambungan {paid_up} .*tidak punya rekening yang belum dibayar"),
        ([first, second], {"tendered": total - 100}, "kurang dari total kolektif"),
        ([first, second], {"tendered": None}, "Isi uang yang diterima"),
        ([first, second], {"tendered": 1.5}, "angka bulat"),
        ([first, second], {"tendered": 10**12}, "jauh melebihi total"),
        ([first, second], {"tendered": total, "expected_total": total + 100}, "Total kolektif menjadi"),
        ([first, second], {"method": "cek", "tendered": total}, "Cara bayar 'cek' tidak dikenal"),
        ([first, second], {"method": "qris", "reference": "x" * 65}, "referensi terlalu panjang"),
        ([first] * 301, {}, "paling banyak 300"),
    ]
    for members, options, message in cases:
        before, numbering = snapshot(app), sequences(app)
        with pytest.raises(CounterError, match=message):
            pay_collective(app.uow(), desk, members, **{"tendered": total, "policy": ROUNDED, **options})
        assert (snapshot(app), sequences(app)) == (before, numbering), message

    closed_connection(app, third)
    before = snapshot(app)
    with pytest.raises(CounterError, match=f"Sambungan {third} sudah ditutup"):
        pay_collective(app.uow(), desk, [first, third], tendered=10**7,
                       policy=dataclasses.replace(ROUNDED, closed_arrears=False))
    assert snapshot(app) == before
    close_today(app, desk)
    before = snapshot(app)
    with pytest.raises(CounterError, match="sudah ditutup kepala unit"):
        pay_collective(app.uow(), desk, [first, second], tendered=total, policy=ROUNDED)
    assert snapshot(app) == before


def test_no_shift_no_money(app, desk):
    first, second = owing(app, 2)
    clock_agrees(app, desk)
    before = snapshot(app)
    with pytest.raises(CounterError, match="belum membuka shift"):
        pay_collective(app.uow(), desk, [first, second], tendered=10**7)
    assert snapshot(app) == before


def test_an_admin_takes_no_money(app, desk):
    admin = dataclasses.replace(desk, role="admin", username="admin")
    with pytest.raises(CounterError, match="tidak boleh menerima pembayaran"):
        pay_collective(app.uow(), admin, owing(app, 2), tendered=10**7)


def test_the_member_row_the_desk_adds(app, desk):
    number = owing(app, 1)[0]
    with app.uow() as uow:
        row = member_owed(uow.session, number.replace("-", ""), AS_OF, "cash", ROUNDED)
        owed = quote(uow.session, number, AS_OF)
    assert (row.number, row.name, row.total) == (number, owed.customer.name, owed.total)
    assert row.periods == tuple(b.period for b in owed.bills)


def test_through_the_application_with_the_settings_rounding(app, desk):
    numbers = owing(app, 2)
    odd_amounts(app, numbers)
    ready(app, desk)
    members, total = shown(app, desk, numbers, policy=application.payment_policy(app.config))
    done = application.pay_collective_then_print(app, desk, members, tendered=total, expected_total=total)
    assert done.paid.total == total and done.summary is not None and done.summary.status == "pdf"
    assert done.receipts == ()  # each connection's own receipt only when asked
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Payment)) == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(many=st.integers(1, 4), extras=st.lists(st.integers(0, 999), min_size=4, max_size=4),
       over=st.integers(0, 300_000), unit=st.sampled_from([0, 50, 100, 500, 1000]))
def test_the_drawer_always_adds_up_to_the_summary_total(app, desk, many, extras, over, unit):
    """For any connections and tender: the member payments' tendered - change adds up to the total."""
    numbers = owing(app, many)
    for number, extra in zip(numbers, extras):
        odd_amounts(app, [number], extra)
    policy = PaymentPolicy(cash_rounding=unit)
    members, total = shown(app, ready(app, desk), numbers, policy=policy)
    paid = pay_collective(app.uow(), desk, members, tendered=total + over, expected_total=total, policy=policy)
    assert sum(p.tendered - p.change for p in paid.payments) == paid.total == total
    assert paid.change == over and all(p.change >= 0 for p in paid.payments)
    assert all(p.total % (unit or 1) == 0 for p in paid.payments)


def test_a_real_central_accepts_the_member_payments_as_ordinary_payments(app, desk, central, link):
    """Central (PostgreSQL, through its HTTP API) applies each member's payment.created
    like any other: no new event, no new kind."""
    from sqlalchemy.orm import Session

    from tests.integration.sync_helpers import check_exactly_once, drain, inbox

    numbers = owing(app, 3)
    members, total = shown(app, ready(app, desk), numbers)
    paid = pay_collective(app.uow(), desk, members, tendered=total + 5_000, expected_total=total, policy=ROUNDED)
    link.cycle()
    drain(central)
    link.cycle()
    assert {row["status"] for row in inbox(central)} == {"applied"}
    with Session(central) as session:
        for result in paid.payments:
            stored = session.get(Payment, result.payment_id)
            assert (stored.receipt_no, stored.total, stored.tendered, stored.change) == (
                result.receipt_no, result.total, result.tendered, result.change)
        assert session.scalar(select(func.sum(Payment.tendered - Payment.change))) == total
    check_exactly_once(app.engine, central)
