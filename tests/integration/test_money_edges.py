"""Money stays right at every edge: no payment without the cashier's open shift,
no act with money in someone's name without their PIN, no business date from a
clock set back, no absurd or non-ASCII amounts, a closed connection's arrears
paid, and the command line refreshing a customer from central before it takes
their money, as the desk does."""

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select, update

from counter import application
from counter.errors import InvalidInput, PaymentRefused
from counter.models import AuditRecord, Bill, Customer, LoginState, OutboxEvent, Payment, Shift, SyncState
from counter.rules.money import parse_rupiah
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.payment import PaymentPolicy, pay
from counter.services.plans import make_plan
from counter.services.shifts import NoShift, open_shift
from tests.conftest import make_app
from tests.integration.test_cli import run
from tests.integration.test_payment import customer_owing, quote_first, store_counts

SUPERVISOR = Approval("kepala", DEMO_PASSWORD)


def counts(app) -> tuple[int, ...]:
    """Payments, their lines, outbox events, bills paid and shifts (audit records
    count wrong PINs too)."""
    payments, lines, events, _audit, paid = store_counts(app)
    return payments, lines, events, paid, _count(app, Shift)


def _count(app, table) -> int:
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


# ---- 1. no payment without the cashier's open shift at this counter ------------------------


def test_no_payment_without_an_open_shift(app, desk):
    number = customer_owing(app, 1)
    before = counts(app)
    with pytest.raises(NoShift, match="belum membuka shift"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "cash", 5_000_000)
    assert counts(app) == before
    open_shift(app.uow(), desk, 100_000)
    assert pay(app.uow(), desk, number, [quote_first(app, number)], "cash", 5_000_000).total > 0


def test_another_cashiers_shift_is_not_this_cashiers_drawer(app, desk):
    open_shift(app.uow(), desk, 0)  # kasir1's
    with app.uow() as uow:
        from counter.models import User

        kasir2 = uow.session.scalar(select(User.id).where(User.username == "kasir2"))
    other = dataclasses.replace(desk, user_id=kasir2, username="kasir2")
    number = customer_owing(app, 1)
    with pytest.raises(NoShift):
        pay(app.uow(), other, number, [quote_first(app, number)], "qris")


def test_a_plans_down_payment_needs_the_shift_too(app, desk):
    number = customer_owing(app, 3)
    make_plan(app.uow(), desk, number, 3, 50_000, approval=SUPERVISOR)
    before = counts(app)
    with pytest.raises(NoShift):
        pay(app.uow(), desk, number, [], "qris", terms=[0])
    assert counts(app) == before
    open_shift(app.uow(), desk, 0)
    assert pay(app.uow(), desk, number, [], "qris", terms=[0]).total == 50_000


def test_the_command_line_says_to_open_a_shift_first(app, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    number = customer_owing(app, 1)
    before = counts(app)
    code, _, err = run(capsys, app, "-o", "desk.user=kasir4", "pay", number, "--tendered", "5000000", "--no-print")
    assert code == 2 and "shift open --float" in err and counts(app) == before


# ---- 2. the command line acts as a user only with their PIN -------------------------------------


def failures(app, username: str) -> int:
    with app.uow() as uow:
        state = uow.session.get(LoginState, username)
        return state.failures if state else 0


def test_the_command_line_takes_money_only_with_the_desk_users_pin(app, capsys, monkeypatch):
    monkeypatch.delenv("COUNTER_SECRET", raising=False)
    number = customer_owing(app, 1)
    before = counts(app)
    # no PIN and no terminal to ask on: refused before anything is written
    code, _, err = run(capsys, app, "-o", "desk.user=kasir4", "shift", "open", "--float", "0")
    assert code == 2 and "PIN kasir4" in err and counts(app) == before
    code, _, err = run(capsys, app, "-o", "desk.user=kasir4", "shift", "open", "--float", "0", "--pin", "999999")
    assert code == 2 and "salah" in err and counts(app) == before and failures(app, "kasir4") == 1
    code, _, _ = run(capsys, app, "-o", "desk.user=kasir4", "shift", "open", "--float", "0", "--pin", DEMO_PIN)
    assert code == 0 and failures(app, "kasir4") == 0
    before = counts(app)
    code, _, err = run(capsys, app, "-o", "desk.user=kasir4", "pay", number, "--tendered", "5000000", "--no-print")
    assert code == 2 and "PIN kasir4" in err and counts(app) == before
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    code, out, _ = run(capsys, app, "-o", "desk.user=kasir4", "pay", number, "--tendered", "5000000",
                       "--no-print", "--json")
    assert code == 0 and json.loads(out)["receipt_no"]
    receipt = json.loads(out)["receipt_no"]
    monkeypatch.delenv("COUNTER_SECRET")
    for act in (["receipt", "print", receipt], ["receipt", "void", receipt, "--reason", "Salah pelanggan",
                                                 "--approver", "kepala", "--approver-pin", DEMO_PASSWORD],
                ["shift", "close", "--count", "100000=0"], ["day", "close", "--approver", "kepala",
                                                           "--approver-pin", DEMO_PASSWORD],
                ["deposit", "--amount", "1000", "--bank", "BNI", "--reference", "S1"],
                ["plan", "make", customer_owing(app, 3), "--instalments", "3", "--approver", "kepala",
                 "--approver-pin", DEMO_PASSWORD]):
        before = counts(app)
        code, _, err = run(capsys, app, "-o", "desk.user=kasir4", *act)
        assert code == 2 and "PIN kasir4" in err and counts(app) == before, act


def test_wrong_pins_on_the_command_line_lock_the_user(app, capsys):
    for _ in range(5):
        assert run(capsys, app, "-o", "desk.user=kasir3", "shift", "open", "--float", "0", "--pin", "000000")[0] == 2
    code, _, err = run(capsys, app, "-o", "desk.user=kasir3", "shift", "open", "--float", "0", "--pin", DEMO_PIN)
    assert code == 2 and "terkunci" in err and _count(app, Shift) == 0


# ---- 3. a clock set back is not trusted ---------------------------------------------------


def contacted(app, moment: dt.datetime) -> None:
    with app.uow() as uow:
        uow.session.merge(SyncState(key="last_contact", value=moment.isoformat()))
        uow.commit()


def test_a_date_before_centrals_last_answer_is_refused_unless_a_supervisor_approves(app, desk, till):
    contacted(app, dt.datetime(2025, 11, 27, 2, tzinfo=dt.timezone.utc))  # three days after the desk's today
    number = customer_owing(app, 2)
    period = quote_first(app, number)
    before = store_counts(app)
    with pytest.raises(PaymentRefused, match="kontak terakhir dengan pusat"):
        pay(app.uow(), desk, number, [period], "cash", 5_000_000)
    assert store_counts(app) == before
    with pytest.raises(Exception, match="salah"):
        pay(app.uow(), desk, number, [period], "cash", 5_000_000, approval=Approval("kepala", "000000"))
    done = pay(app.uow(), desk, number, [period], "cash", 5_000_000, approval=SUPERVISOR)
    with app.uow() as uow:
        details = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.action == "payment")).one()
    assert done.total > 0 and details["approved_by"] == "kepala"


def test_a_date_before_the_bills_month_is_refused(app, desk):
    number = customer_owing(app, 1)
    with app.uow() as uow:
        newest = uow.session.scalar(select(func.max(Bill.period)).join(Customer, Customer.id == Bill.customer_id)
                                    .where(Customer.number == number, Bill.status == "unpaid"))
    first = dt.date(newest // 100, newest % 100, 1)
    early = dataclasses.replace(desk, clock=lambda: dt.datetime(first.year, first.month, 1, 2,
                                                                tzinfo=dt.timezone.utc) - dt.timedelta(days=3))
    open_shift(app.uow(), early, 0)
    with app.uow() as uow:
        periods = [b.period for b in __import__("counter.services.billing", fromlist=["quote"]).quote(
            uow.session, number, early.today()).bills]
    before = store_counts(app)
    with pytest.raises(PaymentRefused, match="lebih awal dari bulan rekening"):
        pay(app.uow(), early, number, periods, "qris")
    assert store_counts(app) == before


def test_taken_offline_follows_the_sync_status_not_the_callers_word(app, desk, till):
    number = customer_owing(app, 2)
    first = pay(app.uow(), desk, number, [quote_first(app, number)], "qris")  # central never answered
    contacted(app, desk.now() - dt.timedelta(seconds=20))
    second = pay(app.uow(), desk, number, [quote_first(app, number)], "qris")
    with app.uow() as uow:
        offline = {no: taken for no, taken in uow.session.execute(select(Payment.receipt_no, Payment.taken_offline))}
    assert offline == {first.receipt_no: True, second.receipt_no: False}


# ---- 4. amounts ------------------------------------------------------------------------------


def test_an_absurd_tendered_amount_is_refused(app, desk, till):
    number = customer_owing(app, 1)
    before = store_counts(app)
    with pytest.raises(InvalidInput, match="melebihi batas"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "cash", 10_000_000_000_000)
    with pytest.raises(InvalidInput, match="melebihi batas"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "cash", 100_000_001)
    assert store_counts(app) == before
    small = PaymentPolicy(max_amount=1_000)
    with pytest.raises(InvalidInput, match="melebihi batas"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "qris", policy=small)
    assert store_counts(app) == before


@pytest.mark.parametrize("text", ["١٥٠٠٠٠", "۱۵۰۰۰۰", "１５００００", "150.０００", "Rp ١٥٠.٠٠٠"])
def test_only_ascii_digits_are_read_as_money(text):
    with pytest.raises(InvalidInput, match="tidak valid"):
        parse_rupiah(text)


def test_the_command_line_refuses_non_ascii_and_absurd_amounts(app, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    number = customer_owing(app, 1)
    before = counts(app)
    for tendered, said in (("٥٠٠٠٠٠٠", "tidak valid"), ("５０００００", "tidak valid"),
                           ("10.000.000.000.000", "melebihi batas")):
        code, _, err = run(capsys, app, "pay", number, "--tendered", tendered, "--no-print")
        assert code == 2 and said in err, (tendered, err)
    code, _, err = run(capsys, app, "shift", "close", "--count", "100000=٣")
    assert code == 2 and counts(app) == before
    code, _, err = run(capsys, app, "-o", "payment.max_amount=1000", "pay", number, "--method", "qris", "--no-print")
    assert code == 2 and "melebihi batas" in err and counts(app) == before


def test_the_payment_limit_is_a_setting(tmp_path):
    app = make_app(tmp_path / "c", "payment.max_amount=5000000")
    assert application.payment_policy(app.config) == PaymentPolicy(max_amount=5_000_000, closed_arrears=True,
                                                                   cash_rounding=100)
    with pytest.raises(InvalidInput, match="payment.max_amount"):
        make_app(tmp_path / "d", "payment.max_amount=0")


# ---- 5. a closed connection's arrears ---------------------------------------------------------


def close_connection(app, number: str) -> None:
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.number == number).values(status="closed"))
        uow.commit()


def test_a_closed_connections_arrears_can_be_paid(app, desk, till):
    number = customer_owing(app, 2)
    close_connection(app, number)
    done = pay(app.uow(), desk, number, [quote_first(app, number)], "qris")
    assert done.total > 0 and done.quote.customer.status == "closed"


def test_a_utility_may_refuse_a_closed_connections_arrears(app, desk, till):
    number = customer_owing(app, 2)
    close_connection(app, number)
    before = store_counts(app)
    with pytest.raises(PaymentRefused, match="ditutup"):
        pay(app.uow(), desk, number, [quote_first(app, number)], "qris",
            policy=PaymentPolicy(closed_arrears=False))
    assert store_counts(app) == before


# ---- 6. one path for both front ends -----------------------------------------------------------


def test_the_command_line_refreshes_the_customer_from_central_before_paying(app, capsys, monkeypatch):
    """A bill paid at another counter (central knows, this counter's replica does
    not): the command line, as the desk, reads central first and does not take it twice."""
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    number = customer_owing(app, 3)
    with app.uow() as uow:
        customer_id = uow.session.scalar(select(Customer.id).where(Customer.number == number))
        unpaid = sorted(uow.session.scalars(select(Bill.period).where(Bill.customer_id == customer_id,
                                                                       Bill.status == "unpaid")))
    with app.embedded_engine.begin() as connection:  # paid at the other counter
        connection.execute(update(Bill).where(Bill.customer_id == customer_id, Bill.period == unpaid[0])
                           .values(status="paid"))
    code, out, err = run(capsys, app, "pay", number, "--oldest", "1", "--method", "qris", "--no-print", "--json")
    assert code == 0, err
    paid = json.loads(out)
    assert [b["period"] for b in paid["quote"]["bills"]] == [unpaid[1]]
    with app.uow() as uow:
        assert uow.session.scalar(select(Bill.status).where(Bill.customer_id == customer_id,
                                                            Bill.period == unpaid[0])) == "paid"


def test_pay_then_print_pays_and_prints_as_both_front_ends_do(app, desk, till):
    number = customer_owing(app, 2)
    paid = application.pay_then_print(app, desk, number, oldest=1, method="qris")
    assert paid.printed is not None and paid.printed.status == "pdf"
    assert (app.config.store.data_dir / "receipts" / f"{paid.result.receipt_no}.pdf").exists()
    assert [b.period for b in paid.result.quote.bills] == [quote_first_of(paid)]


def quote_first_of(paid) -> int:
    return paid.result.quote.bills[0].period


def test_a_plan_and_its_agreement_in_one_act(app, desk):
    number = customer_owing(app, 3)
    papers = application.make_plan_then_papers(app, desk, number, 3, approval=SUPERVISOR)
    assert papers.agreement is not None and papers.agreement.read_bytes().startswith(b"%PDF")
    assert papers.agreement.parent == app.config.store.data_dir / "plans"
    assert _count(app, OutboxEvent) >= 1
