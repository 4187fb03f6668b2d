"""Customer credit used at two counters at once, against a real PostgreSQL
central reached through its HTTP API: each counter refreshes the customer (the
credit), takes it in a payment while central's word is fresh, and central's
appliers, two at a time, take it off the ledger once; the second use becomes a
conflict, never a negative balance or lost money."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from counter.central.applier import apply_pending, pending_count
from counter.central.credit_ledger import credit_balance
from counter.central.store import central_engine
from counter.central.conflicts import resolve_conflict
from counter.models import Conflict, Customer, CustomerCredit, CustomerNote, InboxEvent, Payment
from counter.services.payment import PaymentPolicy, pay
from counter.sync.pull import pull_all
from counter.sync.push import push_all
from counter.sync.refresh import refresh_customer
from tests.conftest import AS_OF
from tests.integration.shift_helpers import clock_agrees, on_shift
from tests.integration.test_plans import SUPERVISOR
from tests.integration.sync_helpers import WITA, counter_copy, desk_at, owing_customers, unpaid_periods

CREDIT = 30_000


def held(central, number: str) -> int:
    with Session(central) as session:
        return credit_balance(session, session.scalar(select(Customer.id).where(Customer.number == number)))


def pay_with_credit(app, desk, number: str, bills: int = 1):  # noqa: ANN001, ANN201
    on_shift(app, desk)
    clock_agrees(app, desk)
    return pay(app.uow(), desk, number, unpaid_periods(app, number)[:bills], "cash", tendered=10_000_000,
               policy=PaymentPolicy(cash_rounding=100), use_credit=CREDIT)


def apply_with_two_appliers(pg_url: str) -> dict[str, int]:
    """Two appliers at once, one event each at a time, until nothing is pending."""
    engines = [central_engine(pg_url) for _ in range(2)]
    outcomes: dict[str, int] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def applier(engine) -> None:  # noqa: ANN001
        try:
            while pending_count(engine):
                try:
                    counts = apply_pending(engine, limit=1)
                except OperationalError:  # a deadlock victim: `central run` tries again
                    continue
                with lock:
                    for status, n in counts.items():
                        outcomes[status] = outcomes.get(status, 0) + n
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=applier, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for engine in engines:
        engine.dispose()
    assert not errors and not any(thread.is_alive() for thread in threads)
    return outcomes


def test_credit_used_at_two_counters_at_once(app, central, server, pg_url, tmp_path):
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    links = {}
    try:
        number = owing_customers(app, 1, min_bills=3)[0]
        with Session(central) as session, session.begin():  # a surplus kept for the customer's next bill
            customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
            session.add(CustomerCredit(customer_id=customer_id, payment_id=None, amount=CREDIT,
                                       reason="kelebihan bayar", created_at=dt.datetime.now(dt.timezone.utc)))
        counters = {"L01": app, "L02": second}
        links = {code: server.link("KPG", code) for code in counters}
        for code, counter in counters.items():  # both open the customer while central answers: the credit
            assert refresh_customer(counter.engine, links[code], number) is True
        desks = {"L01": desk_at(app), "L02": desk_at(second, dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 5,
                                                                          tzinfo=WITA))}

        # 1. the same oldest bill, each with the credit: both events reach central together
        first = pay_with_credit(app, desks["L01"], number)
        twice = pay_with_credit(second, desks["L02"], number)
        assert first.credit_used == twice.credit_used == CREDIT
        for code, counter in counters.items():
            push_all(counter.engine, links[code])
        outcomes = apply_with_two_appliers(pg_url)
        assert outcomes.get("conflict") == 1 and held(central, number) >= 0
        with Session(central) as session:
            statuses = dict(session.execute(select(InboxEvent.counter, InboxEvent.status)
                                            .where(InboxEvent.kind == "payment.created")).all())
            loser = twice if statuses["L02"] == "conflict" else first
            [double] = session.scalars(select(Conflict).where(Conflict.payment_id == loser.payment_id)).all()
            # the bill was paid twice: only what that customer really handed over is held for them
            assert (double.kind, double.amount) == ("bill_already_paid", loser.due)
            uses = session.scalars(select(CustomerCredit.amount).where(CustomerCredit.amount < 0)).all()
            assert sorted(uses) == [-CREDIT, -CREDIT]  # the credit, then the loser's own surplus
        assert held(central, number) == loser.due

        # 2. L02 opens the customer again: central holds the surplus for them. Then the branch head pays it
        #    back in cash at central, while L02, within central's fresh word, offers it toward the next bill
        for code, counter in counters.items():
            pull_all(counter.engine, links[code])
        assert refresh_customer(second.engine, links["L02"], number)
        with second.uow() as uow:
            assert uow.session.get(CustomerNote, customer_id).credit == loser.due >= CREDIT
        resolve_conflict(central, double.id, "refund", SUPERVISOR, note="dikembalikan tunai")
        assert held(central, number) == 0
        later = dataclasses.replace(desks["L02"], clock=lambda: dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 9,
                                                                              tzinfo=WITA))
        stale = pay_with_credit(second, later, number)  # ... L02, still within central's fresh word, offers it
        push_all(second.engine, links["L02"])
        assert apply_with_two_appliers(pg_url) == {"conflict": 1}
        assert held(central, number) == 0  # never below zero
        with Session(central) as session:
            [short] = session.scalars(select(Conflict).where(Conflict.payment_id == stale.payment_id)).all()
            assert (short.kind, short.amount, short.status) == ("credit_shortfall", CREDIT, "open")
            assert short.detail == {"credit_used": CREDIT, "balance": 0}
            paid = session.get(Payment, stale.payment_id)
            assert (paid.credit_used, paid.status) == (CREDIT, "completed")  # the payment and its bill stand
            assert session.scalar(select(func.count()).select_from(Payment)) == 3
        assert links["L02"].customer(number)["open_conflicts"] == 1  # the branch head sees it
    finally:
        for link in links.values():
            link.close()
        second.engine.dispose()
