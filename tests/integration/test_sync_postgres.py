"""Sync against a real PostgreSQL central, reached as a counter reaches it:
central's HTTP API under uvicorn (a thread of the test, or `counter central
serve` as its own process), with a device key. The faults of issue 3.

Every test starts from a counter store (the demo, 400 customers) and a central
PostgreSQL store made from it, and ends by looking at both stores: no event
lost, none applied twice, and the counter still taking payments.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import pytest
from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.central import devices
from counter.central.applier import apply_pending, pending_count
from counter.central.store import central_engine, next_change
from counter.cli import main
from counter.models import AuditRecord, Bill, Conflict, Customer, CustomerCredit, InboxEvent, OutboxEvent, Payment
from counter.models.replication import REPLICATED
from counter.services.audit import verify as verify_audit
from counter.services.billing import quote
from counter.store import migrate
from counter.sync.audit_push import push_audit
from counter.sync.link import HttpCentral, enrol
from counter.sync.pull import pull_all
from counter.sync.push import push_all
from counter.sync.refresh import refresh_customer
from counter.sync.state import CentralUnreachable, sync_status
from counter.sync.worker import SyncLink, SyncWorker
from tests.central_server import ProcessServer, ThreadServer
from tests.conftest import AS_OF
from tests.integration.sync_helpers import (
    WITA, Relay, backend_pid, check_exactly_once, count, counter_copy, desk_at, drain, forget_sent, inbox, outbox,
    owing_customers, pay_many, pay_oldest, settle, unpaid_periods, unsent,
)

DOWN = "http://127.0.0.1:1"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def open_till(app):
    """The cashier's shift at L01 open (money is taken only into an open shift).
    Its own event is left out of the outbox: these tests count the events of the
    payments they make, and central needs no shift to apply a payment."""
    from tests.integration.shift_helpers import on_shift

    on_shift(app, desk_at(app))
    with app.engine.begin() as connection:
        connection.execute(OutboxEvent.__table__.delete().where(OutboxEvent.kind == "shift.opened"))


def enrolled(central, url: str, office: str = "KPG", counter: str = "L01", **options: object) -> HttpCentral:
    """A counter's link to central's API at `url`, with a device key enrolled over HTTP."""
    key = enrol(url, devices.make_enrolment(central, office, counter).code)["key"]
    return HttpCentral(url, key, **options)


def push_through(local, link: HttpCentral, batch: int = 500, within_s: float = 30) -> None:  # noqa: ANN001
    """Push until the outbox is empty, riding out central being away meanwhile."""
    deadline = time.monotonic() + within_s
    while unsent(local):
        assert time.monotonic() < deadline, f"{unsent(local)} events still unsent after {within_s} s"
        try:
            push_all(local, link, batch=batch)
        except CentralUnreachable:
            time.sleep(0.1)


def cycle_through(link: SyncLink, within_s: float = 15) -> None:
    """One whole sync cycle, tried again while central is away."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            link.cycle()
            return
        except CentralUnreachable:
            assert time.monotonic() < deadline, "central did not come back"
            time.sleep(0.1)


def same_audit_chain(local, central, link: SyncLink) -> None:  # noqa: ANN001
    """Central's copy of the counter's audit chain is the counter's, each record once."""
    chain = link.chain()
    mine = count(local, "audit_log", "chain = :c", c=chain)
    assert mine and count(central, "audit_log", "chain = :c", c=chain) == mine
    assert verify_audit(central, chain) == (mine, [])


# ---- 1. the central store, and what a counter needs of it ---------------------------------------


def test_central_init_makes_the_schema_and_an_enrolled_counter_syncs_through_the_api(app, pg_url, admin):
    data = ["--data-dir", str(app.config.store.data_dir)]
    assert main([*data, "central", "init", "--url", pg_url]) == 0
    tables = set(admin.scalar("SELECT array_agg(tablename::text) FROM pg_tables WHERE schemaname = 'public'"))
    assert {"inbox", "payment", "payment_line", "bill", "customer", "conflict", "customer_credit", "device",
            "change_sequence", "audit_log", "alembic_version"} <= tables
    assert "desk_office" not in tables
    assert admin.scalar("SELECT version_num FROM alembic_version") == migrate.head_revision()
    assert not admin.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND rowsecurity")
    assert main([*data, "central", "init", "--url", pg_url]) == 0  # again: an upgrade is a no-op
    assert main([*data, "central", "load", "--url", pg_url, "--from-store", str(app.config.store.local_path)]) == 0

    owner = central_engine(pg_url)
    server = ThreadServer(owner, apply=False)
    http = server.link("KPG", "L01")
    link = SyncLink(app.engine, http, "KPG", "L01")
    try:
        paid = [pay_oldest(app, desk_at(app), n) for n in owing_customers(app, 3)]
        pushed = push_all(app.engine, http)
        assert (pushed.sent, pushed.refused) == (3, {})
        assert push_all(app.engine, http).sent == 0
        chain = link.chain()
        with app.engine.connect() as connection:
            records = connection.scalar(select(func.count()).select_from(AuditRecord).where(AuditRecord.chain == chain))
        assert records == 4  # the shift's opening and the three payments
        assert push_audit(app.engine, http, chain) == records  # central keeps the chain
        assert push_audit(app.engine, http, chain) == 0
        assert verify_audit(owner) == (records, [])
        assert drain(owner) == {"applied": 3}
        pulled = pull_all(app.engine, http)
        assert pulled.outcomes == 3 and pulled.rows["customer"] == 400
        assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}
        assert refresh_customer(app.engine, http, owing_customers(app, 1)[0]) is True
        assert {str(p) for p in admin.scalar("SELECT array_agg(id) FROM payment")} == {str(p.payment_id) for p in paid}
        assert sync_status(app.engine).state == "online"
        assert {m.__tablename__ for m in REPLICATED} <= tables
    finally:
        http.close()
        server.stop()
        owner.dispose()


# ---- 2. and 3. the round trip, and the same batch twice ---------------------------------


def test_round_trip_payment_push_apply_pull(app, central, link):
    desk = desk_at(app)
    singles = [pay_oldest(app, desk, n) for n in owing_customers(app, 3)]
    double = pay_oldest(app, desk, owing_customers(app, 1, min_bills=2)[0], bills=2)
    paid = [*singles, double]

    pushed, pulled = link.cycle()
    assert pushed.sent == 4 and pulled.outcomes == 0  # nothing judged yet: the applier has not run
    assert [r["status"] for r in inbox(central)] == ["pending"] * 4
    assert drain(central) == {"applied": 4}
    _, pulled = link.cycle()
    assert pulled.outcomes == 4

    with Session(central) as session:
        for result in paid:
            payment = session.get(Payment, result.payment_id)
            assert payment is not None
            assert (payment.receipt_no, payment.total, payment.subtotal, payment.stamp_duty, payment.method) == (
                result.receipt_no, result.total, result.quote.subtotal, result.quote.stamp_duty, "transfer")
            assert [(line.period, line.amount, line.fine) for line in payment.lines] == [
                (b.period, b.amount, b.fine) for b in result.quote.bills]
            bills = session.execute(select(Bill.period, Bill.status).where(Bill.payment_id == result.payment_id)).all()
            assert sorted(bills) == [(b.period, "paid") for b in result.quote.bills]
    assert count(central, "payment_line") == 5
    assert {r["status"] for r in inbox(central)} == {"applied"}
    events = outbox(app.engine)
    assert len(events) == 4 and all(e["sent_at"] is not None and e["outcome"] == "applied" for e in events)
    assert {e["payload"]["payment_id"] for e in events} == {str(p.payment_id) for p in paid}
    # the pull brought central's bills back: still paid, by the same payments
    with app.engine.connect() as connection:
        local = dict(connection.execute(select(Bill.id, Bill.payment_id).where(Bill.payment_id.is_not(None))).all())
    with central.connect() as connection:
        assert local == dict(connection.execute(select(Bill.id, Bill.payment_id).where(Bill.payment_id.is_not(None))).all())
    status = sync_status(app.engine)
    assert (status.state, status.queued, status.held_back) == ("online", 0, 0)
    check_exactly_once(app.engine, central)


def test_the_same_batch_sent_twice_is_received_once(app, central, link):
    paid = pay_many(app, desk_at(app), 12)
    assert push_all(app.engine, link.central, batch=5).sent == 12
    forget_sent(app.engine)  # central committed, the counter never heard: it sends again
    assert push_all(app.engine, link.central, batch=5).sent == 12
    assert count(central, "inbox") == 12
    assert drain(central) == {"applied": 12}
    forget_sent(app.engine)  # and once more after central applied them
    assert push_all(app.engine, link.central).sent == 12
    assert drain(central) == {}  # nothing new to apply
    assert {r["status"] for r in inbox(central)} == {"applied"}
    assert count(central, "payment") == 12 and count(central, "payment_line") == 12
    link.cycle()
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}
    assert {str(p.payment_id) for p in paid} == {e["payload"]["payment_id"] for e in outbox(app.engine)}
    check_exactly_once(app.engine, central)


# ---- 4. central's database connection killed in the middle of a push ----------------------


@pytest.mark.parametrize("moment", ["before_cursor_execute", "after_cursor_execute"])
def test_centrals_database_connection_killed_in_the_middle_of_a_push(app, central, admin, link, moment):
    """The API's transaction for the second batch loses its PostgreSQL backend:
    before its INSERT reaches the server, or after it (rows inserted, not
    committed). Central answers 503; the counter keeps the batch."""
    pay_many(app, desk_at(app), 25)
    inserts = []

    def kill_own_backend(connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO INBOX"):
            inserts.append(statement)
            if len(inserts) == 2:
                admin.terminate(backend_pid(connection))

    event.listen(central, moment, kill_own_backend)  # the engine the API serves from
    try:
        with pytest.raises(CentralUnreachable, match="503"):
            push_all(app.engine, link.central, batch=10)
    finally:
        event.remove(central, moment, kill_own_backend)
    assert len(inserts) == 2
    assert unsent(app.engine) == 15  # the first batch was committed and marked; the second not
    assert count(central, "inbox") == 10
    assert sync_status(app.engine).last_error
    pay_oldest(app, desk_at(app), owing_customers(app, 1)[0])  # the counter keeps taking payments

    pushed = push_all(app.engine, link.central, batch=10)
    assert pushed.sent == 16 and unsent(app.engine) == 0
    assert drain(central) == {"applied": 26}
    link.cycle()
    check_exactly_once(app.engine, central)
    assert sync_status(app.engine).state == "online"


# ---- 5. the server down at start --------------------------------------------------------------


def test_server_down_at_start_the_counter_queues_and_then_drains(app, central, link):
    down = HttpCentral(DOWN, "ctr_" + "x" * 43, timeout_s=1)
    offline = SyncLink(app.engine, down, "KPG", "L01")
    customers = owing_customers(app, 4)
    day = dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=WITA)
    for hour, number in zip((8, 9, 10), customers):
        pay_oldest(app, desk_at(app, day.replace(hour=hour, minute=15)), number)
    with pytest.raises(CentralUnreachable):
        offline.cycle()
    noon = day.replace(hour=12)
    status = sync_status(app.engine, now=noon)
    assert (status.state, status.queued, status.held_back, status.label) == ("offline", 3, 0, "OFFLINE")
    assert status.oldest_queued_at == day.replace(hour=8, minute=15)
    assert status.oldest_age(noon) == dt.timedelta(hours=3, minutes=45)
    assert "refused" in status.last_error or "127.0.0.1" in status.last_error
    assert sync_status(app.engine).state == "offline"

    later = pay_oldest(app, desk_at(app, day.replace(hour=11)), customers[3])  # still taking payments
    assert later.receipt_no.endswith("-0004") and sync_status(app.engine, now=noon).queued == 4
    assert [e["sent_at"] for e in outbox(app.engine)] == [None] * 4

    # the background worker keeps trying, then drains by itself once central answers
    worker = SyncWorker(offline, interval_s=0.2)
    worker.start()
    try:
        time.sleep(0.3)
        assert unsent(app.engine) == 4
        offline.central = link.central
        worker.wake()
        deadline = time.monotonic() + 15
        while unsent(app.engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    assert unsent(app.engine) == 0
    assert drain(central) == {"applied": 4}
    link.cycle()
    status = sync_status(app.engine)
    assert (status.state, status.queued, status.oldest_queued_at, status.last_error) == ("online", 0, None, "")
    check_exactly_once(app.engine, central)
    down.close()


# ---- 6. the counter process killed ------------------------------------------------------------

PUSHER = """
import os, signal, sys
from counter.store.engine import sqlite_engine
from counter.sync.link import HttpCentral
from counter.sync.push import push_all

local_path, url, mode, batch = sys.argv[1:5]
local, central = sqlite_engine(local_path), HttpCentral(url, os.environ["COUNTER_DEVICE_KEY"])
if mode == "after-commit":
    # central has answered that it holds the first batch: die before marking it sent
    push = central.push

    def push_then_die(events):
        push(events)
        os.kill(os.getpid(), signal.SIGKILL)

    central.push = push_then_die
print("ready", flush=True)
push_all(local, central, batch=int(batch))
print("done", flush=True)
"""


def pusher(app, server, mode: str, batch: int) -> subprocess.Popen:
    """This counter's push as a process of its own, through central's API."""
    process = subprocess.Popen(
        [sys.executable, "-c", PUSHER, str(app.config.store.local_path), server.url, mode, str(batch)],
        env={**os.environ, "COUNTER_DEVICE_KEY": server.key_for("KPG", "L01")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def test_counter_killed_between_central_answering_and_mark_sent(app, central, server, link):
    pay_many(app, desk_at(app), 25)
    process = pusher(app, server, "after-commit", 10)
    assert process.wait(30) == -signal.SIGKILL
    assert unsent(app.engine) == 25  # central has the first batch, the counter does not know it
    assert count(central, "inbox") == 10
    pay_oldest(app, desk_at(app), owing_customers(app, 1)[0])  # the store opens and takes payments
    assert push_all(app.engine, link.central).sent == 26  # the resend is a no-op for those 10
    assert count(central, "inbox") == 26
    assert drain(central) == {"applied": 26}
    link.cycle()
    check_exactly_once(app.engine, central)


def test_counter_killed_at_random_points_while_pushing(app, central, server, link):
    rng = random.Random(20251124)
    desk = desk_at(app)
    pay_many(app, desk, 200)
    outcomes = []
    for round_no in range(5):
        if round_no:
            pay_many(app, desk, 10)  # new payments meanwhile
            forget_sent(app.engine)  # and all marks lost: everything goes again
        process = pusher(app, server, "plain", 5)
        time.sleep(rng.uniform(0.0, 0.4))  # a push of ~200 events in batches of 5 takes about that
        process.send_signal(signal.SIGKILL)
        outcomes.append((process.wait(30), unsent(app.engine)))
        assert outcomes[-1][0] in (0, -signal.SIGKILL), process.stderr.read()
        if round_no % 2:
            drain(central)  # the applier runs between some of the kills
    assert any(code == -signal.SIGKILL and left for code, left in outcomes), outcomes  # killed mid-push
    with app.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    push_all(app.engine, link.central)
    drain(central)
    link.cycle()
    assert len(outbox(app.engine)) == 240
    check_exactly_once(app.engine, central)
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}


# ---- 6b. central's process killed, and the network between -----------------------------------


def test_central_killed_at_random_points_while_a_counter_pushes(app, central, pg_url, tmp_path):
    """`counter central serve` (the API and its applier) killed with kill -9 at
    random moments of a push, and started again; the counter's marks lost once too."""
    rng = random.Random(4)
    server = ProcessServer(pg_url, tmp_path / "central").start()
    http = enrolled(central, server.url, timeout_s=5)
    link = SyncLink(app.engine, http, "KPG", "L01")
    desk = desk_at(app)
    rounds = []
    try:  # the server process is stopped whatever happens, from here on
        pay_many(app, desk, 150)
        for round_no in range(3):
            if round_no:
                pay_many(app, desk, 10)
            if round_no == 2:
                forget_sent(app.engine)  # the counter lost its marks as well: everything goes again
            killed = threading.Event()

            def kill() -> None:
                server.kill()
                killed.set()

            killer = threading.Timer(rng.uniform(0.05, 0.5), kill)
            killer.start()
            try:
                push_all(app.engine, http, batch=5)
                finished = not killed.is_set()
            except CentralUnreachable:
                finished = False
            killer.join()
            rounds.append((finished, unsent(app.engine)))
            server.start()
        assert any(not finished and left for finished, left in rounds), rounds  # killed mid-push
        push_through(app.engine, http, batch=50)
        settle(central)
        cycle_through(link)
        same_audit_chain(app.engine, central, link)
    finally:
        http.close()
        server.stop()
    assert len(outbox(app.engine)) == 170
    check_exactly_once(app.engine, central)
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}


def test_a_network_that_drops_freezes_or_loses_answers_loses_nothing(app, central):
    """A relay between the counter and central's API now and then resets every
    connection, passes no byte for a while, or holds central's answers (the
    request reaches central, which commits, and the counter hears nothing within
    its timeout), while the counter takes payments and syncs; central applies as
    the events come."""
    server = ThreadServer(central)  # its applier runs by itself
    relay = Relay(int(server.url.rsplit(":", 1)[1]))
    http = HttpCentral(relay.http_url, server.key_for("KPG", "L01"), timeout_s=1)
    link = SyncLink(app.engine, http, "KPG", "L01")
    rng = random.Random(11)
    faults = {"drop": 0, "freeze": 0, "hold": 0}
    stop = threading.Event()

    def trouble() -> None:
        while not stop.wait(rng.uniform(0.05, 0.3)):
            fault = rng.choice(list(faults))
            faults[fault] += 1
            if fault == "drop":
                relay.drop()
                continue
            pause = relay.frozen if fault == "freeze" else relay.replies_held
            pause.set()
            stop.wait(rng.uniform(0.3, 1.5))  # longer than the client waits, now and then
            pause.clear()

    chaos = threading.Thread(target=trouble, daemon=True)
    desk = desk_at(app)
    failures = 0
    try:
        link.cycle()  # the first pull, while the network is fine
        chaos.start()
        deadline = time.monotonic() + 7
        while time.monotonic() < deadline:
            pay_many(app, desk, 5)
            try:
                link.cycle()  # push, the audit chain, pull
            except CentralUnreachable:
                failures += 1
        stop.set()
        chaos.join(5)
        relay.frozen.clear()
        relay.replies_held.clear()
        link.cycle()  # the network is fine again: what the last faulty cycle left is sent
        assert unsent(app.engine) == 0

        # and once for certain: central commits a batch whose answer never comes
        pay_many(app, desk, 5)
        relay.replies_held.set()
        with pytest.raises(CentralUnreachable):
            push_all(app.engine, http)
        waiting = [e["id"] for e in outbox(app.engine) if e["sent_at"] is None]
        deadline = time.monotonic() + 5
        while count(central, "inbox", "id = ANY(:ids)", ids=waiting) < 5:  # central committed them
            assert time.monotonic() < deadline, "central never received the batch"
            time.sleep(0.02)
        relay.replies_held.clear()
        assert len(waiting) == 5 and unsent(app.engine) == 5

        push_through(app.engine, http)
        settle(central)
        cycle_through(link)
        same_audit_chain(app.engine, central, link)
    finally:
        stop.set()
        http.close()
        relay.close()
        server.stop()
    assert failures and all(faults.values()), (failures, faults)
    check_exactly_once(app.engine, central)
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}
    assert sync_status(app.engine).state == "online"


# ---- 7. two counters paying the same bill while offline -------------------------------------


def test_two_counters_paying_the_same_bill_offline(app, central, server, tmp_path):
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    try:
        number = owing_customers(app, 1, min_bills=2)[0]
        first = pay_oldest(app, desk_at(app), number)  # L01: the oldest bill
        later = dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 30, tzinfo=WITA)
        both = pay_oldest(second, desk_at(second, later), number, bills=2)  # L02: the oldest two
        down = HttpCentral(DOWN, "ctr_" + "x" * 43, timeout_s=1)
        for counter in (app, second):
            with pytest.raises(CentralUnreachable):
                SyncLink(counter.engine, down, "KPG", counter.config.desk.counter).cycle()
        down.close()

        links = [SyncLink(a.engine, server.link("KPG", a.config.desk.counter), "KPG", a.config.desk.counter)
                 for a in (app, second)]
        for each in links:
            assert each.cycle()[0].sent == 1
        assert drain(central) == {"applied": 1, "conflict": 1}
        for each in links:
            each.cycle()

        surplus = both.quote.bills[0].amount
        with Session(central) as session:
            assert {p.id: p.total for p in session.scalars(select(Payment))} == {
                first.payment_id: first.total, both.payment_id: both.total}
            outcomes = dict(session.execute(select(InboxEvent.counter, InboxEvent.status)).all())
            assert outcomes == {"L01": "applied", "L02": "conflict"}
            [conflict] = session.scalars(select(Conflict)).all()
            assert (conflict.kind, conflict.amount, conflict.payment_id, conflict.status) == (
                "bill_already_paid", surplus, both.payment_id, "open")
            assert conflict.detail["period"] == first.quote.bills[0].period
            [credit] = session.scalars(select(CustomerCredit)).all()
            assert (credit.amount, credit.payment_id) == (surplus, both.payment_id)
            assert credit.customer_id == session.scalar(select(Customer.id).where(Customer.number == number))
            bills = dict(session.execute(select(Bill.period, Bill.payment_id).where(
                Bill.period.in_([b.period for b in both.quote.bills]), Bill.customer_id == credit.customer_id)).all())
        assert bills == {both.quote.bills[0].period: first.payment_id, both.quote.bills[1].period: both.payment_id}
        [mine] = outbox(app.engine)
        [theirs] = outbox(second.engine)
        assert (mine["outcome"], theirs["outcome"]) == ("applied", "conflict")
        assert "bill_already_paid" in theirs["outcome_reason"]
        with second.engine.connect() as connection:  # L02 now shows who paid the first bill at central
            assert dict(connection.execute(select(Bill.period, Bill.payment_id).where(
                Bill.period.in_(list(bills)), Bill.customer_id == credit.customer_id)).all()) == bills
            assert connection.scalar(select(func.count()).select_from(Payment)) == 1  # its money stays recorded
        check_exactly_once(app.engine, central, counter="L01")
        check_exactly_once(second.engine, central, judged=("conflict",), counter="L02")
        # the next counter to open the customer says so on the customer panel
        with app.uow() as uow:
            assert quote(uow.session, number, AS_OF).customer.open_conflicts == 0  # not yet read from central
        assert refresh_customer(app.engine, links[0].central, number) is True
        with app.uow() as uow:
            seen = quote(uow.session, number, AS_OF).customer
        assert (seen.credit, seen.open_conflicts) == (surplus, 1)
    finally:
        second.engine.dispose()


# ---- 8. the counter's clock hours off ---------------------------------------------------------


def test_a_counter_clock_hours_off(app, central, link):
    now = dt.datetime.now(dt.timezone.utc)
    customers = owing_customers(app, 3)
    ahead = pay_oldest(app, desk_at(app, now + dt.timedelta(hours=5)), customers[0])
    status = sync_status(app.engine, now=now)
    assert status.queued == 1 and status.oldest_age(now) == dt.timedelta(0)  # never a negative age on screen
    behind = pay_oldest(app, desk_at(app, now - dt.timedelta(hours=7)), customers[1])
    status = sync_status(app.engine, now=now)
    assert status.queued == 2 and status.oldest_age(now) == dt.timedelta(hours=7)
    days_ahead = pay_oldest(app, desk_at(app, now + dt.timedelta(days=3)), customers[2])

    link.cycle()
    assert drain(central) == {"applied": 2, "conflict": 1}
    link.cycle()
    with Session(central) as session:
        for result in (ahead, behind, days_ahead):  # all the money is there, the bills paid
            payment = session.get(Payment, result.payment_id)
            assert payment.total == result.total and payment.business_date == result.paid_at.astimezone(WITA).date()
            assert session.scalar(select(Bill.status).where(Bill.payment_id == result.payment_id)) == "paid"
        [conflict] = session.scalars(select(Conflict)).all()
        assert (conflict.kind, conflict.payment_id, conflict.amount) == ("clock", days_ahead.payment_id, 0)
        assert session.scalar(select(func.count()).select_from(CustomerCredit)) == 0
    outcomes = {e["payload"]["payment_id"]: (e["outcome"], e["outcome_reason"]) for e in outbox(app.engine)}
    assert outcomes[str(ahead.payment_id)] == ("applied", "")
    assert outcomes[str(behind.payment_id)] == ("applied", "")
    assert outcomes[str(days_ahead.payment_id)] == ("conflict", "clock")
    check_exactly_once(app.engine, central, judged=("applied", "conflict"))


# ---- 9. corrupt and unknown events in the inbox -----------------------------------------------


def test_corrupt_or_unknown_events_are_rejected_and_do_not_block(app, central, admin, link):
    desk = desk_at(app)
    model = pay_oldest(app, desk, owing_customers(app, 1)[0])
    template = outbox(app.engine)[0]["payload"]
    forget = OutboxEvent.__table__.delete()
    with app.engine.begin() as connection:  # the model payment's event is only a template here
        connection.execute(forget)

    def variant(**changes):
        payload = json.loads(json.dumps(template))
        payload.update(payment_id=str(uuid7()), receipt_no=f"KPG-L01-X-{uuid.uuid4().hex[:8]}")
        for name, value in changes.items():
            if name.startswith("line_"):
                payload["lines"][0][name[5:]] = value
            else:
                payload[name] = value
        return payload

    bad = {
        "bogus.kind": ("bogus.kind", template, "tidak dikenal"),
        "total": ("payment.created", variant(total=template["total"] + 1000), "total tidak sama"),
        "line": ("payment.created", variant(line_fine=template["lines"][0]["fine"] + 1), "komponennya"),
        "array": ("payment.created", [1, 2, 3], "bukan objek"),
        "string": ("payment.created", "bayar", "bukan objek"),
        "null": ("payment.created", None, "bukan objek"),
        "uuid": ("payment.created", variant(payment_id="not-a-uuid"), "format"),
        "bool": ("payment.created", variant(stamp_duty=False), "stamp_duty"),
        "naive": ("payment.created", variant(paid_at="2025-11-24T10:00:00"), "zona waktu"),
        "counter": ("payment.created", variant(counter="L99"), "loket"),
        "customer": ("payment.created", variant(customer="99-99-999999"), "pelanggan"),
        "cashier": ("payment.created", variant(cashier="nobody"), "kasir"),
        "method": ("payment.created", variant(method="barter"), "method"),
        "receipt": ("payment.created", variant(receipt_no="K" * 200), "terlalu panjang"),
        "reference": ("payment.created", variant(reference={"bank": "x"}), "reference"),
        "huge": ("payment.created", variant(tendered=2**70, change=2**70 - template["total"]), "out of range"),
    }
    # a receipt number central has already (a restored counter store): the money is kept, as a conflict
    reused = variant(receipt_no=template["receipt_no"])
    early = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    ids = {}
    with central.begin() as connection:
        # the model payment first, as if it had come in before (so its receipt number is taken)
        connection.execute(insert(InboxEvent.__table__), dict(
            id=uuid7(), office="KPG", counter="L01", kind="payment.created", payload=template, created_at=early,
            received_at=early - dt.timedelta(seconds=1), status="pending", reason="", processed_at=None))
        for n, (name, (kind, payload, _)) in enumerate(bad.items()):
            ids[name] = uuid7()
            connection.execute(text(
                "INSERT INTO inbox (id, office, counter, kind, payload, created_at, received_at, status, reason)"
                " VALUES (:id, 'KPG', 'L01', :kind, CAST(:payload AS json), :at, :at, 'pending', '')"),
                dict(id=ids[name], kind=kind, payload=json.dumps(payload), at=(early + dt.timedelta(seconds=n)
                                                                                ).replace(tzinfo=None)))
        ids["reused"] = uuid7()
        connection.execute(insert(InboxEvent.__table__), dict(
            id=ids["reused"], office="KPG", counter="L01", kind="payment.created", payload=reused,
            created_at=early, received_at=early + dt.timedelta(seconds=len(bad)), status="pending", reason="",
            processed_at=None))
    good = pay_many(app, desk, 5)  # behind the bad ones
    assert link.cycle()[0].sent == 5
    counts = apply_pending(central)  # one run
    assert counts == {"rejected": len(bad), "applied": 6, "conflict": 1}, {
        r["kind"]: (r["status"], r["reason"]) for r in inbox(central) if r["status"] != "applied"}
    verdicts = {r["id"]: (r["status"], r["reason"]) for r in inbox(central)}
    for name, (_, _, reason) in bad.items():
        status, why = verdicts[ids[name]]
        assert status == "rejected" and reason in why, (name, why)
    assert verdicts[ids["reused"]][0] == "conflict" and "receipt_number_reused" in verdicts[ids["reused"]][1]
    assert count(central, "payment") == 7
    assert count(central, "conflict", "kind = 'receipt_number_reused'") == 1
    assert {str(p.payment_id) for p in good} | {str(model.payment_id), reused["payment_id"]} == {
        str(i) for i in admin.scalar("SELECT array_agg(id) FROM payment")}
    link.cycle()
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}


# ---- 10. a batch central refuses for its content ----------------------------------------------


def test_an_event_central_refuses_is_held_back_and_does_not_block_the_rest(app, central, link):
    desk = desk_at(app)
    first = pay_many(app, desk, 3)
    bad_id = uuid7()
    at = dt.datetime.now(dt.timezone.utc)
    with app.engine.begin() as connection:  # SQLite keeps a kind longer than central takes (40)
        connection.execute(insert(OutboxEvent.__table__), dict(
            id=bad_id, kind="payment.created." + "x" * 40, payload={"a": 1}, created_at=desk.now(), sent_at=None))
    more = pay_many(app, desk, 3)
    pushed = push_all(app.engine, link.central)
    assert pushed.sent == 6 and list(pushed.refused) == [str(bad_id)]
    assert "jenis peristiwa tidak sah" in pushed.refused[str(bad_id)]
    [held] = [e for e in outbox(app.engine) if e["id"] == bad_id]
    assert held["sent_at"] is None and held["attempts"] == 1 and "jenis peristiwa" in held["last_error"]
    assert held["next_attempt_at"] > at
    status = sync_status(app.engine)
    assert (status.state, status.queued, status.held_back, status.label) == ("degraded", 1, 1, "TERGANGGU")
    assert push_all(app.engine, link.central).sent == 0  # held back: not tried again at once
    assert [e["attempts"] for e in outbox(app.engine) if e["id"] == bad_id] == [1]
    assert drain(central) == {"applied": 6}
    link.cycle()
    with central.connect() as connection:
        assert {p.payment_id for p in (*first, *more)} == set(connection.scalars(select(Payment.id)))
    assert count(central, "inbox") == 6
    # later, still refused: held back longer
    with app.engine.begin() as connection:
        connection.execute(update(OutboxEvent.__table__).where(OutboxEvent.id == bad_id).values(next_attempt_at=at))
    again = push_all(app.engine, link.central)
    assert again.sent == 0 and list(again.refused) == [str(bad_id)]
    [held] = [e for e in outbox(app.engine) if e["id"] == bad_id]
    assert held["attempts"] == 2 and held["next_attempt_at"] - dt.datetime.now(dt.timezone.utc) > dt.timedelta(
        minutes=1, seconds=30)


# ---- 11. several appliers at once -------------------------------------------------------------


def test_several_appliers_apply_each_event_once(app, central, server, link, pg_url, tmp_path):
    """300 payments from L01, and 30 of the same bills paid at L02 as well (sent
    first, so the pairs fall into batches that different appliers hold at once)."""
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    try:
        pay_many(second, desk_at(second), 30)
        assert push_all(second.engine, server.link("KPG", "L02")).sent == 30
    finally:
        second.engine.dispose()
    pay_many(app, desk_at(app), 300)
    assert push_all(app.engine, link.central).sent == 300
    engines = [central_engine(pg_url) for _ in range(3)]
    done: list[list[dict[str, int]]] = [[] for _ in engines]
    retries, errors = [0], []

    def applier(n: int) -> None:
        try:
            while True:
                try:
                    counts = apply_pending(engines[n], limit=50)
                except OperationalError:  # a deadlock victim: `central run` tries again
                    retries[0] += 1
                    assert retries[0] < 30
                    continue
                if counts:
                    done[n].append(counts)
                elif not pending_count(engines[n]):
                    return
                else:
                    time.sleep(0.01)  # the rest is locked by the others
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=applier, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for engine in engines:
        engine.dispose()
    assert not errors and not any(thread.is_alive() for thread in threads)
    totals = [sum(sum(c.values()) for c in batches) for batches in done]
    assert sum(totals) == 330 and sum(1 for t in totals if t) >= 2, totals
    outcomes: dict[str, int] = {}
    for batches in done:
        for counts in batches:
            for status, n in counts.items():
                outcomes[status] = outcomes.get(status, 0) + n
    assert outcomes == {"applied": 300, "conflict": 30}, (outcomes, retries)
    assert count(central, "payment") == 330 and count(central, "inbox", "status = 'pending'") == 0
    assert count(central, "inbox", "status = 'duplicate'") == 0
    assert count(central, "bill", "payment_id IS NOT NULL") == 300  # each bill paid once
    assert count(central, "conflict", "kind = 'bill_already_paid'") == 30 == count(central, "customer_credit")
    assert pull_all(app.engine, link.central).outcomes == 300
    check_exactly_once(app.engine, central, judged=("applied", "conflict"), counter="L01")


def test_two_counters_and_two_server_workers_at_once(app, central, pg_url, tmp_path):
    """Counters L01 and L02 push at the same time to `central serve --workers 2`
    (two API processes, each with its own applier), 20 of their bills the same;
    the whole server is killed with kill -9 once in the middle and started again."""
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    customers = owing_customers(app)
    assert len(customers) >= 140
    for counter, chosen in ((app, customers[:80]), (second, customers[60:140])):  # 60..79 paid at both
        desk = desk_at(counter)
        for number in chosen:
            pay_oldest(counter, desk, number)
    server = ProcessServer(pg_url, tmp_path / "central", workers=2).start()
    links = [SyncLink(c.engine, enrolled(central, server.url, "KPG", c.config.desk.counter, timeout_s=5), "KPG",
                      c.config.desk.counter) for c in (app, second)]
    errors = []

    def push(link: SyncLink) -> None:
        try:
            push_through(link.local, link.central, batch=2, within_s=40)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    try:
        pushers = [threading.Thread(target=push, args=(each,)) for each in links]
        for thread in pushers:
            thread.start()
        deadline = time.monotonic() + 10
        while count(central, "inbox") < 30:  # a quarter in: kill -9 the server, both workers
            assert time.monotonic() < deadline
            time.sleep(0.005)
        server.kill()
        left = [unsent(c.engine) for c in (app, second)]
        server.start()
        for thread in pushers:
            thread.join(60)
        assert not errors and not any(thread.is_alive() for thread in pushers), errors
        assert any(left), left  # killed while they pushed
        settle(central, 30)
        for each in links:
            cycle_through(each)
            same_audit_chain(each.local, central, each)
    finally:
        for each in links:
            each.central.close()
        server.stop()
        second.engine.dispose()
    assert count(central, "inbox", "status = 'applied'") == 140 and count(central, "inbox", "status = 'conflict'") == 20
    assert count(central, "payment") == 160 and count(central, "bill", "payment_id IS NOT NULL") == 140
    assert count(central, "conflict", "kind = 'bill_already_paid'") == 20 == count(central, "customer_credit")
    check_exactly_once(app.engine, central, judged=("applied", "conflict"), counter="L01")
    check_exactly_once(second.engine, central, judged=("applied", "conflict"), counter="L02")


def test_applier_connection_killed_before_its_commit(app, central, admin, link):
    """Everything of the batch written at central, then its backend gone: none of
    it counts, and the next run applies every event once."""
    pay_many(app, desk_at(app), 20)
    assert push_all(app.engine, link.central).sent == 20

    def kill_before_commit(connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("UPDATE INBOX"):  # the batch's last write
            admin.terminate(backend_pid(connection))

    event.listen(central, "after_cursor_execute", kill_before_commit)
    try:
        with pytest.raises(OperationalError):
            apply_pending(central)
    finally:
        event.remove(central, "after_cursor_execute", kill_before_commit)
    assert count(central, "payment") == 0 and count(central, "inbox", "status = 'pending'") == 20
    assert count(central, "bill", "payment_id IS NOT NULL") == 0
    assert drain(central) == {"applied": 20}
    link.cycle()
    check_exactly_once(app.engine, central)


# ---- 12. pull and refresh ---------------------------------------------------------------------


def test_incremental_pull_and_customer_refresh(app, central, link):
    link.cycle()  # the first pull
    number = owing_customers(app, 1, min_bills=2)[0]
    ours = pay_oldest(app, desk_at(app), number)  # paid here; central does not know yet
    our_bill = ours.quote.bills[0].bill_id
    with Session(central) as session, session.begin():
        chosen = session.scalars(select(Bill.id).where(Bill.customer_id != ours.quote.customer.id)
                                 .order_by(Bill.id.desc()).limit(1000)).all()
        seq = next_change(session)
        session.execute(update(Bill).where(Bill.id.in_(chosen)).values(status="paid", payment_id=None, change_seq=seq))
    started = time.perf_counter()
    pulled = pull_all(app.engine, link.central, page=300)  # pages cut through one change number
    elapsed = time.perf_counter() - started
    assert pulled.rows["bill"] == 1000 and sum(pulled.rows.values()) == 1000, pulled.rows
    assert elapsed < 5, elapsed
    with app.engine.connect() as connection:
        local = dict(connection.execute(select(Bill.id, Bill.status).where(Bill.id.in_(chosen))).all())
        assert set(local.values()) == {"paid"} and len(local) == 1000
        assert connection.scalar(select(func.count()).select_from(Bill).where(
            Bill.id.in_(chosen), Bill.payment_id.is_not(None))) == 0
    assert link.cycle()[1].rows["bill"] == 0  # nothing more

    # a change at central to a bill paid here but not yet applied there: it stays paid here
    with Session(central) as session, session.begin():
        seq = next_change(session)
        session.execute(update(Bill).where(Bill.id == our_bill).values(change_seq=seq, admin_fee=Bill.admin_fee))
    assert pull_all(app.engine, link.central).rows["bill"] == 1
    with app.engine.connect() as connection:
        assert connection.execute(select(Bill.status, Bill.payment_id).where(Bill.id == our_bill)).one() == (
            "paid", ours.payment_id)
    assert refresh_customer(app.engine, link.central, number) is True  # nor does a refresh undo it
    with app.engine.connect() as connection:
        assert connection.execute(select(Bill.status, Bill.payment_id).where(Bill.id == our_bill)).one() == (
            "paid", ours.payment_id)

    # a bill paid at a bank: the refresh brings it within the timeout
    other = next(n for n in owing_customers(app) if n != number)
    with Session(central) as session, session.begin():
        customer_id = session.scalar(select(Customer.id).where(Customer.number == other))
        period = min(unpaid_periods(app, other))
        seq = next_change(session)
        session.execute(update(Bill).where(Bill.customer_id == customer_id, Bill.period == period)
                        .values(status="paid", payment_id=None, change_seq=seq))
    started = time.perf_counter()
    assert refresh_customer(app.engine, link.central, other) is True
    assert time.perf_counter() - started < 1.0
    assert period not in unpaid_periods(app, other)

    # and gives up quickly when central is away: the replica serves
    down = HttpCentral(DOWN, "ctr_" + "x" * 43, timeout_s=1)
    started = time.perf_counter()
    assert refresh_customer(app.engine, down, other) is False
    assert time.perf_counter() - started < 3
    assert sync_status(app.engine).last_error
    down.close()


def test_refresh_gives_up_when_the_network_goes_dark(app, server):
    """Central answered before, then the network stops passing packets with the
    connection open; or a server takes connections and never answers: the
    refresh still gives up within about a second."""
    silent = socket.create_server(("127.0.0.1", 0))  # the kernel accepts; nobody answers
    mute = HttpCentral(f"http://127.0.0.1:{silent.getsockname()[1]}", server.key_for("KPG", "L01"))
    started = time.perf_counter()
    try:
        assert refresh_customer(app.engine, mute, owing_customers(app, 1)[0], timeout_ms=800) is False
        assert time.perf_counter() - started < 1.5
    finally:
        silent.close()
        mute.close()

    relay = Relay(int(server.url.rsplit(":", 1)[1]))  # between the counter and central's API
    engine = HttpCentral(relay.http_url, server.key_for("KPG", "L01"))
    number = owing_customers(app, 1)[0]
    try:
        # a pooled connection now (its own time, however loaded the machine: what is timed comes after)
        assert refresh_customer(app.engine, engine, number, timeout_ms=10_000) is True
        relay.frozen.set()
        answer = []
        started = time.perf_counter()
        waiting = threading.Thread(target=lambda: answer.append(refresh_customer(app.engine, engine, number)),
                                   daemon=True)
        waiting.start()
        waiting.join(5)  # the test itself must not hang if the refresh does
        assert not waiting.is_alive(), "the refresh still waits for a dark network after 5 s"
        assert answer == [False] and time.perf_counter() - started < 1.5
        assert sync_status(app.engine).last_error
    finally:
        relay.close()
        engine.close()
