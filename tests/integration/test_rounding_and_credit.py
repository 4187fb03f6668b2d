"""Cash rounding (once per receipt, recorded, checked at central) and customer
credit applied to the next bills (only right after central answered, carried in
the payment's event, taken off central's ledger once; a use the ledger no longer
covers is a conflict), through the embedded central."""

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter import application
from counter.central.conflicts import list_conflicts, resolve_conflict
from counter.central.credit_ledger import credit_balance
from counter.cli import main
from counter.errors import InvalidInput, PaymentRefused
from counter.models import (
    AuditRecord, Bill, Conflict, Customer, CustomerCredit, CustomerNote, InboxEvent, OutboxEvent, Payment,
)
from counter.services import audit
from counter.services.billing import quote
from counter.services.demo import DEMO_PIN
from counter.services.receipts import build_receipt
from counter.services.voids import void_payment
from tests.conftest import AS_OF, clock_at, make_app
from tests.integration.shift_helpers import clock_agrees, on_shift
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_sync import Counter_, count, two_counters  # noqa: F401 - a fixture

CREDIT = 30_000


def owed_oldest(app, number: str, day: dt.date = AS_OF):
    with app.uow() as uow:
        return quote(uow.session, number, day).oldest(1)


def owing_customers(app, many: int = 1, bills: int = 1) -> list[str]:  # noqa: ANN001
    """Active customers with at least `bills` unpaid bills, `many` of them."""
    found = []
    with app.uow() as uow:
        for number in uow.session.scalars(select(Customer.number).where(Customer.status == "active")
                                          .order_by(Customer.number)):
            if len(quote(uow.session, number, AS_OF).bills) >= bills:
                found.append(number)
            if len(found) == many:
                break
    assert found, "no such customer in the demo"
    return found


def oldest_ending_in(app, number: str, rest: int, unit: int = 1000) -> int:  # noqa: ANN001
    """Make the customer's oldest bill (in this store) total `rest` modulo `unit`
    (the demo's are whole hundreds), before central copies it; returns the total."""
    owed = owed_oldest(app, number)
    extra = (rest - owed.total) % unit
    with app.engine.begin() as connection:
        connection.execute(update(Bill).where(Bill.id == owed.bills[0].bill_id)
                           .values(water_charge=Bill.water_charge + extra))
    total = owed_oldest(app, number).total
    assert total % unit == rest
    return total


def customer_whose_oldest(app, wanted, rest: int, skip: int = 0, bills: int = 1) -> str:  # noqa: ANN001
    """A customer (with at least `bills` unpaid) whose oldest bill is made to end
    in `rest` (of 1000) and to satisfy `wanted`."""
    for number in owing_customers(app, 60, bills)[skip:]:
        total = owed_oldest(app, number).total
        if wanted(total - total % 1000 + rest):
            oldest_ending_in(app, number, rest)
            return number
    raise AssertionError("no such customer in the demo")


def ready(app, desk):  # noqa: ANN001, ANN201
    on_shift(app, desk)
    clock_agrees(app, desk)
    return desk


def cash(app, desk, number: str, tendered: int | None = None, **options):  # noqa: ANN001, ANN201
    """The oldest bill paid in cash as the desk does it (the settings' rounding)."""
    owed = owed_oldest(app, number)
    return application.take_payment(app, ready(app, desk), number, [owed.bills[0].period], "cash",
                                    tendered if tendered is not None else owed.total + 1_000,
                                    expected_total=owed.total, **options)


def payment_event(app, payment_id) -> dict:  # noqa: ANN001
    with app.uow() as uow:
        payloads = uow.session.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "payment.created"))
        return next(p for p in payloads if p["payment_id"] == str(payment_id))


# ---- cash rounding ----------------------------------------------------------------------


@pytest.mark.parametrize(("rest", "direction"), [(870, 1), (851, 1), (850, -1), (820, -1)])
def test_cash_is_rounded_to_100_once_per_receipt_and_recorded(app, desk, rest, direction):
    number = customer_whose_oldest(app, lambda t: True, rest)
    owed = owed_oldest(app, number)
    result = cash(app, desk, number)
    assert result.rounding * direction > 0 and abs(result.rounding) < 100
    assert result.total == owed.total + result.rounding and result.total % 100 == 0
    assert result.change == owed.total + 1_000 - result.total
    with app.uow() as uow:
        row = uow.session.get(Payment, result.payment_id)
        assert (row.total, row.rounding, row.subtotal + row.stamp_duty) == (result.total, result.rounding, owed.total)
        receipt = build_receipt(uow.session, result.receipt_no, desk.zone)
        assert (receipt.rounding, receipt.total, receipt.credit_used) == (result.rounding, result.total, 0)
        record = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.subject == result.receipt_no)).one()
        assert (record["total"], record["rounding"]) == (result.total, result.rounding)
    event = payment_event(app, result.payment_id)
    assert (event["rounding"], event["rounding_unit"], event["total"], event["credit_used"]) == (
        result.rounding, 100, result.total, 0)
    assert audit.verify_local(app.engine)[1] == []


def test_a_customer_pays_the_rounded_amount_exactly_and_not_a_rupiah_less(app, desk):
    number = customer_whose_oldest(app, lambda t: True, 870)
    owed = owed_oldest(app, number)
    rounded = owed.total + 100 - owed.total % 100
    with pytest.raises(PaymentRefused, match="kurang dari tagihan"):
        cash(app, desk, number, tendered=rounded - 1)
    assert count(app.engine, Payment) == 0
    result = cash(app, desk, number, tendered=rounded)
    assert (result.total, result.change) == (rounded, 0)


@pytest.mark.parametrize("method", ["transfer", "qris", "debit"])
def test_other_methods_pay_the_exact_amount(app, desk, method):
    number = customer_whose_oldest(app, lambda t: True, 430)
    owed = owed_oldest(app, number)
    result = application.take_payment(app, ready(app, desk), number, [owed.bills[0].period], method)
    assert (result.rounding, result.total, result.tendered, result.change) == (0, owed.total, owed.total, 0)


@pytest.mark.parametrize(("unit", "rest"), [("0", 430), ("500", 780), ("50", 425), ("1000", 500)])
def test_the_unit_comes_from_the_settings(app, desk, unit, rest):
    number = customer_whose_oldest(app, lambda t: True, rest)
    owed = owed_oldest(app, number)
    rounder = make_app(app.config.store.data_dir, f"payment.cash_rounding={unit}")
    result = cash(rounder, dataclasses.replace(rounder.desk(), clock=clock_at(AS_OF)), number)
    step = int(unit)
    assert result.total % (step or 1) == 0 and abs(result.rounding) < (step or 1)
    assert result.total == owed.total + result.rounding
    assert result.rounding == {"0": 0, "500": 220, "50": -25, "1000": -500}[unit]  # a half goes down
    assert payment_event(rounder, result.payment_id)["rounding_unit"] == step
    rounder.engine.dispose()


def test_central_records_the_rounding_and_rejects_one_the_rule_does_not_give(app, desk):
    number = customer_whose_oldest(app, lambda t: True, 870)
    right = cash(app, desk, number)
    other = customer_whose_oldest(app, lambda t: True, 960, skip=1)
    wrong = cash(app, desk, other)
    with app.engine.begin() as connection:  # the second event tampered with: rounded down 100 more
        event = payment_event(app, wrong.payment_id)
        event.update(rounding=event["rounding"] - 100, total=event["total"] - 100, change=event["change"] + 100)
        connection.execute(update(OutboxEvent).where(OutboxEvent.kind == "payment.created",
                                                     func.json_extract(OutboxEvent.payload, "$.payment_id")
                                                     == str(wrong.payment_id)).values(payload=event))
    app.sync_link().cycle()
    central = app.embedded_engine
    with Session(central) as session:
        kept = session.get(Payment, right.payment_id)
        assert (kept.rounding, kept.total) == (right.rounding, right.total)
        assert session.get(Payment, wrong.payment_id) is None
        reasons = session.scalars(select(InboxEvent.reason).where(InboxEvent.status == "rejected")).all()
    assert len(reasons) == 1 and "pembulatan" in reasons[0] and "tidak sesuai aturan" in reasons[0]


# ---- customer credit ----------------------------------------------------------------------


def give_credit(app, number: str, amount: int = CREDIT) -> None:  # noqa: ANN001
    """Credit held for the customer at central (as a double payment leaves it)."""
    with Session(app.embedded_engine) as session, session.begin():
        customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
        session.add(CustomerCredit(customer_id=customer_id, payment_id=None, amount=amount, reason="kelebihan bayar",
                                   created_at=dt.datetime.now(dt.timezone.utc)))


def central_balance(app, number: str) -> int:  # noqa: ANN001
    with Session(app.embedded_engine) as session:
        return credit_balance(session, session.scalar(select(Customer.id).where(Customer.number == number)))


def opened(app, desk, number: str):  # noqa: ANN001, ANN201
    """The customer as the desk opens them: refreshed from central, then quoted."""
    quoted = application.refresh_then_quote(app, number, AS_OF, app.central, timeout_ms=20_000)
    clock_agrees(app, desk)  # central's answer is on the machine's clock; the desk's is the demo's
    return quoted


def note_credit(app, number: str) -> int:  # noqa: ANN001
    with app.uow() as uow:
        cid = uow.session.scalar(select(Customer.id).where(Customer.number == number))
        return uow.session.get(CustomerNote, cid).credit


def pay_with_credit(app, desk, number: str, credit: int, method: str = "cash",  # noqa: ANN001, ANN201
                    tendered: int | None = None):
    owed = owed_oldest(app, number)
    return application.take_payment(app, ready(app, desk), number, [owed.bills[0].period], method,
                                    tendered if method == "cash" else None, expected_total=owed.total,
                                    use_credit=credit)


def test_credit_is_taken_off_what_is_paid_recorded_and_taken_off_the_ledger_once(app, desk):
    number = customer_whose_oldest(app, lambda t: t > CREDIT, 870)
    give_credit(app, number)
    quoted = opened(app, desk, number)
    assert quoted.from_central and quoted.quote.customer.credit == CREDIT
    owed = owed_oldest(app, number)
    result = pay_with_credit(app, desk, number, CREDIT, tendered=owed.total)
    assert result.credit_used == CREDIT and result.due == result.total - CREDIT and result.due % 100 == 0
    assert result.total - result.rounding == owed.total and 0 < result.rounding < 100
    assert result.change == owed.total - result.due
    assert note_credit(app, number) == 0  # used here: not offered again before central has it
    with app.uow() as uow:
        receipt = build_receipt(uow.session, result.receipt_no, desk.zone)
    assert (receipt.credit_used, receipt.due) == (CREDIT, result.due)
    event = payment_event(app, result.payment_id)
    assert (event["credit_used"], event["total"], event["tendered"] - event["change"]) == (
        CREDIT, result.total, result.due)
    assert audit.verify_local(app.engine)[1] == []

    opened(app, desk, number)  # central has not had the payment yet: its credit is this counter's to subtract
    assert note_credit(app, number) == 0
    app.sync_link().cycle()
    assert central_balance(app, number) == 0
    with Session(app.embedded_engine) as session:
        assert session.get(Payment, result.payment_id).credit_used == CREDIT
        rows = session.scalars(select(CustomerCredit.amount).where(CustomerCredit.payment_id == result.payment_id))
        assert list(rows) == [-CREDIT]
    assert opened(app, desk, number).quote.customer.credit == 0
    app.sync_link().cycle()  # the event again (as after a lost answer) changes nothing
    assert central_balance(app, number) == 0


def test_credit_may_pay_everything_and_transfer_is_not_rounded(app, desk):
    number = customer_whose_oldest(app, lambda t: True, 500)
    owed = owed_oldest(app, number)
    give_credit(app, number, owed.total + 7_000)
    opened(app, desk, number)
    result = pay_with_credit(app, desk, number, owed.total)  # cash with nothing left to pay: no cash typed
    assert (result.credit_used, result.due, result.tendered, result.change, result.rounding) == (
        owed.total, 0, 0, 0, 0)
    assert note_credit(app, number) == 7_000
    other = customer_whose_oldest(app, lambda t: t > CREDIT, 430, skip=1)
    assert other != number
    give_credit(app, other)
    opened(app, desk, other)
    paid = pay_with_credit(app, desk, other, CREDIT, method="qris")
    assert (paid.rounding, paid.due, paid.tendered) == (0, owed_total := paid.total - CREDIT, owed_total)


def test_bad_credit_is_refused_and_changes_nothing(app, desk):
    number = customer_whose_oldest(app, lambda t: t > 2 * CREDIT, 0)
    give_credit(app, number)
    owed = owed_oldest(app, number)
    with pytest.raises(PaymentRefused, match="pusat baru saja menjawab"):  # never refreshed: central never said
        pay_with_credit(app, desk, number, CREDIT, tendered=owed.total)
    opened(app, desk, number)
    with pytest.raises(PaymentRefused, match="melebihi kredit pelanggan Rp 30.000"):
        pay_with_credit(app, desk, number, CREDIT + 1, tendered=owed.total)
    with pytest.raises(InvalidInput, match="tidak boleh negatif"):
        pay_with_credit(app, desk, number, -1, tendered=owed.total)
    with pytest.raises(InvalidInput, match="melebihi tagihan"):
        pay_with_credit(app, desk, number, owed.total + 1, tendered=owed.total)
    with pytest.raises(InvalidInput, match="angka bulat"):
        pay_with_credit(app, desk, number, 1.5, tendered=owed.total)
    with app.engine.begin() as connection:  # central answered, but too long ago
        connection.execute(update(CustomerNote).values(
            read_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=6)))
    with pytest.raises(PaymentRefused, match="pusat baru saja menjawab"):
        pay_with_credit(app, desk, number, CREDIT, tendered=owed.total)
    assert count(app.engine, Payment) == 0 and note_credit(app, number) == CREDIT
    assert count(app.engine, OutboxEvent, OutboxEvent.kind == "payment.created") == 0


def test_the_command_line_uses_credit_only_when_central_answers(app, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    number = customer_whose_oldest(app, lambda t: t > CREDIT, 0, bills=2)
    give_credit(app, number)
    data = ["--data-dir", str(app.config.store.data_dir)]
    assert main([*data, "shift", "open", "--float", "0"]) == 0
    pay = ["pay", number, "--oldest", "1", "--tendered", "5.000.000", "--no-print", "--use-credit", "--json"]
    away = ["-o", "central.url=http://127.0.0.1:1", "-o", "central.timeout_ms=200"]
    capsys.readouterr()
    assert main([*data, *away, *pay]) == 2
    assert "Pusat tidak menjawab untuk pelanggan ini" in json.loads(capsys.readouterr().out)["error"]
    assert count(app.engine, Payment) == 0
    patient = ["-o", "central.timeout_ms=20000"]  # a loaded machine: central's answer may take more than 1 s
    assert main([*data, *patient, *pay]) == 0  # the embedded central answers
    paid = json.loads(capsys.readouterr().out)
    assert paid["credit_used"] == CREDIT and paid["due"] == paid["total"] - CREDIT
    assert paid["total"] == paid["quote"]["total"] + paid["rounding"] and paid["due"] % 100 == 0
    assert paid["change"] == 5_000_000 - paid["due"]
    assert main([*data, *patient, *pay]) == 2  # nothing left to use
    assert "tidak punya kredit yang bisa dipakai" in json.loads(capsys.readouterr().out)["error"]
    assert main([*data, "pay", number, "--oldest", "1", "--tendered", "5.000.000", "--no-print"]) == 0
    out = capsys.readouterr().out
    assert "Kredit dipakai" not in out


def test_credit_used_at_two_counters_at_once_is_a_conflict_not_a_loss(two_counters):
    one, two = two_counters
    desks = [dataclasses.replace(a.desk(), clock=clock_at(AS_OF)) for a in (one, two)]
    number = customer_whose_oldest(one.app, lambda t: t > CREDIT, 0, bills=2)
    give_credit(one.app, number)
    for counter in (one, two):  # both have the office's data from central
        counter.sync_link().cycle()
    for counter, desk in zip((one, two), desks):  # both open the customer while central answers ...
        quoted = application.refresh_then_quote(counter.app, number, AS_OF, counter.central, timeout_ms=20_000)
        assert quoted.quote.customer.credit == CREDIT
        clock_agrees(counter.app, desk)
    owed = owed_oldest(one.app, number)
    first = pay_with_credit(one.app, desks[0], number, CREDIT, tendered=owed.total)
    one.sync_link().cycle()
    two.sync_link().cycle()  # ... L02 pulls the bill L01 paid, but still holds central's word on the credit
    assert note_credit(two.app, number) == CREDIT
    after = owed_oldest(two.app, number)
    assert after.bills[0].period != owed.bills[0].period
    second = pay_with_credit(two.app, desks[1], number, CREDIT, tendered=after.total)
    two.sync_link().cycle()
    central = one.app.embedded_engine
    assert central_balance(one.app, number) == 0  # never below zero: the credit was spent once
    with Session(central) as session:
        outcomes = dict(session.execute(select(InboxEvent.counter, InboxEvent.status)
                                        .where(InboxEvent.kind == "payment.created")).all())
        assert outcomes == {"L01": "applied", "L02": "conflict"}
        [shortfall] = session.scalars(select(Conflict).where(Conflict.payment_id == second.payment_id)).all()
        assert (shortfall.kind, shortfall.amount, shortfall.status) == ("credit_shortfall", CREDIT, "open")
        assert shortfall.detail == {"credit_used": CREDIT, "balance": 0}
        assert session.get(Payment, second.payment_id).credit_used == CREDIT  # the payment stands
        assert session.get(Payment, first.payment_id).credit_used == CREDIT
    [view] = [c for c in list_conflicts(central) if c.kind == "credit_shortfall"]
    assert view.receipt_no == second.receipt_no and view.customer == number
    resolve_conflict(central, view.id, "accept", SUPERVISOR, note="pelanggan membayar kekurangan")
    assert two.app.central.customer(number)["open_conflicts"] == 0


def test_the_same_bill_and_credit_taken_twice_offline_keep_what_was_paid(two_counters):
    one, two = two_counters
    desks = [dataclasses.replace(a.desk(), clock=clock_at(AS_OF)) for a in (one, two)]
    number = customer_whose_oldest(one.app, lambda t: t > CREDIT, 0)
    give_credit(one.app, number)
    for counter, desk in zip((one, two), desks):
        application.refresh_then_quote(counter.app, number, AS_OF, counter.central, timeout_ms=20_000)
        clock_agrees(counter.app, desk)
    owed = owed_oldest(one.app, number)
    pay_with_credit(one.app, desks[0], number, CREDIT, tendered=owed.total)
    second = pay_with_credit(two.app, desks[1], number, CREDIT, tendered=owed.total)
    one.sync_link().cycle()
    two.sync_link().cycle()
    # L02's bill was paid already: what its customer handed over (the bill less the credit it could not
    # have) is held for them, and that is what may be paid back
    assert central_balance(one.app, number) == owed.total - CREDIT
    with Session(one.app.embedded_engine) as session:
        [double] = session.scalars(select(Conflict).where(Conflict.payment_id == second.payment_id)).all()
        assert (double.kind, double.amount, double.status) == ("bill_already_paid", owed.total - CREDIT, "open")
        assert double.detail["credit_applied"] == [{"receipt_no": second.receipt_no, "amount": CREDIT}]


def test_a_void_gives_the_credit_back_here_and_at_central(app, desk):
    number = customer_whose_oldest(app, lambda t: t > CREDIT, 0)
    give_credit(app, number)
    opened(app, desk, number)
    owed = owed_oldest(app, number)
    result = pay_with_credit(app, desk, number, CREDIT, tendered=owed.total)
    app.sync_link().cycle()
    assert central_balance(app, number) == 0
    void_payment(app.uow(), desk, result.receipt_no, "salah pelanggan", SUPERVISOR)
    assert note_credit(app, number) == CREDIT
    app.sync_link().cycle()
    assert central_balance(app, number) == CREDIT
    assert opened(app, desk, number).quote.customer.credit == CREDIT


def test_credit_used_settles_the_open_double_payment_it_came_from(two_counters):
    from tests.integration.test_sync import pay_oldest as pay_cash_exactly

    one, two = two_counters
    desks = [dataclasses.replace(a.desk(), clock=clock_at(AS_OF)) for a in (one, two)]
    number = customer_whose_oldest(one.app, lambda t: True, 0, bills=2)
    for counter, desk in zip((one, two), desks):  # the same bill paid at both counters: credit at central
        pay_cash_exactly(counter.app, desk, number)
        counter.sync_link().cycle()
    [double] = [c for c in list_conflicts(one.app.embedded_engine) if c.kind == "bill_already_paid"]
    held = central_balance(one.app, number)
    assert held == double.amount
    opened(one.app, desks[0], number)
    owed = owed_oldest(one.app, number)
    use = min(held, owed.total)
    pay_with_credit(one.app, desks[0], number, use, tendered=owed.total)
    one.sync_link().cycle()
    after = {c.id: c for c in list_conflicts(one.app.embedded_engine, None)}[double.id]
    if use == held:  # all of it used: nothing is left to pay back in cash
        assert after.status == "applied" and after.detail["resolution"] == "credit"
    else:
        assert after.status == "open" and after.amount == held - use
    assert after.detail["credit_applied"][0]["amount"] == use
