"""Sync against a real PostgreSQL server: the faults of issue 3.

Every test starts from a counter store (the demo, 400 customers) and a central
PostgreSQL store made from it, and ends by looking at both stores: no event
lost, none applied twice, and the counter still taking payments.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import subprocess
import sys
import threading
import time
import uuid

import pytest
from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.cli import main
from counter.models import Bill, Conflict, Customer, CustomerCredit, InboxEvent, OutboxEvent, Payment
from counter.store import migrate
from counter.services.audit import verify as verify_audit
from counter.sync.applier import apply_pending, pending_count
from counter.sync.audit_push import push_audit
from counter.sync.central import DESK_ROLE, REFERENCE_TABLES, central_engine, init_central, next_change
from counter.sync.pull import REPLICATED, pull_all
from counter.sync.loading import load_reference_data
from counter.sync.push import push_all
from counter.services.billing import quote
from counter.sync.refresh import refresh_customer
from counter.sync.state import CentralUnreachable, sync_status
from counter.sync.worker import SyncLink, SyncWorker
from tests.conftest import AS_OF
from tests.integration.sync_helpers import (
    WITA, Relay, backend_pid, check_exactly_once, count, counter_copy, desk_at, drain, forget_sent, inbox, outbox,
    owing_customers, pay_many, pay_oldest, role_lock, unpaid_periods, unsent,
)

DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/counter"  # nothing listens on port 1


# ---- 1. the central store and the desk role ---------------------------------------------


def test_central_init_makes_the_schema_and_a_desk_role_that_can_only_insert_and_read(app, pg_url, admin):
    password = f"desk-{uuid.uuid4().hex[:16]}"
    data = ["--data-dir", str(app.config.store.data_dir)]
    with role_lock():  # a desk role the tests did not make gets its login and password back at the end
        saved = admin.role_state() if admin.role_exists() and not admin.role_is_ours() else None
        existed = admin.role_exists()
        assert main([*data, "central", "init", "--url", pg_url, "--desk-password", password]) == 0
        if not existed:
            admin.mark_role()
    try:
        check_the_desk_role(app, pg_url, admin, data, password)
    finally:
        if saved is not None:
            with role_lock():
                admin.restore_role(saved)


def check_the_desk_role(app, pg_url, admin, data, password) -> None:
    tables = set(admin.scalar("SELECT array_agg(tablename::text) FROM pg_tables WHERE schemaname = 'public'"))
    assert {"inbox", "payment", "payment_line", "bill", "customer", "conflict", "customer_credit",
            "change_sequence", "alembic_version"} <= tables
    assert admin.scalar("SELECT version_num FROM alembic_version") == migrate.head_revision()
    assert admin.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r", r=DESK_ROLE) is True
    assert not admin.scalar("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = :r",
                            r=DESK_ROLE)
    # init again (an upgrade, or `central load`) without the password keeps the counters' login
    owner = central_engine(pg_url)
    with role_lock():
        assert main([*data, "central", "init", "--url", pg_url]) == 0
        init_central(owner)
    assert admin.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r", r=DESK_ROLE) is True
    assert set(REFERENCE_TABLES) == {model.__tablename__ for model in REPLICATED}  # what a counter pulls it may read

    load_reference_data(app.engine, owner)
    desk_url = make_url(pg_url).set(username=DESK_ROLE, password=password).render_as_string(hide_password=False)
    desk = central_engine(desk_url)
    try:
        probe = uuid7()
        row = dict(id=probe, office="KPG", counter="L01", kind="probe", payload={"x": 1},
                   created_at=dt.datetime.now(dt.timezone.utc), received_at=dt.datetime.now(dt.timezone.utc),
                   status="pending", reason="", processed_at=None)
        with desk.begin() as connection:
            assert connection.scalar(text("SELECT current_user")) == DESK_ROLE
            connection.execute(insert(InboxEvent.__table__), row)
        from sqlalchemy.dialects import postgresql

        with desk.begin() as connection:  # as push sends: a resend is a no-op
            statement = postgresql.insert(InboxEvent.__table__).on_conflict_do_nothing(index_elements=["id"])
            connection.execute(statement, row)
            connection.execute(statement, [row, {**row, "id": uuid7()}])  # and in a batch
        with desk.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Customer)) == 400
            assert connection.scalar(select(func.count()).select_from(Bill)) == count(app.engine, "bill")
            assert connection.execute(select(InboxEvent.status).where(InboxEvent.id == probe)).scalar() == "pending"
        refused = [
            "UPDATE payment SET total = 0",
            "DELETE FROM bill",
            "UPDATE bill SET status = 'paid'",
            "UPDATE inbox SET status = 'applied'",
            "DELETE FROM inbox",
            "SELECT payload FROM inbox",  # other counters' events are not for reading
            "UPDATE shift SET status = 'closed'",
            "DELETE FROM day_closing",
            "UPDATE deposit SET amount = 0",
            "INSERT INTO customer_credit (customer_id, amount, reason, created_at) VALUES (1, 5, '', now())",
            "INSERT INTO payment_line (payment_id, seq, kind, period, water_charge, standing_charge, meter_fee,"
            " admin_fee, fine, amount) VALUES (gen_random_uuid(), 1, 'bill', 202501, 0, 0, 0, 0, 0, 0)",
            "UPDATE change_sequence SET value = 0",
            "UPDATE audit_log SET action = 'nothing'",  # the audit chains only grow
            "DELETE FROM audit_log",
            "SELECT hash FROM audit_log",
            "TRUNCATE inbox",
            "CREATE TABLE mine (x int)",
        ]
        for statement in refused:
            with desk.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text(statement))
        assert admin.scalar("SELECT count(*) FROM inbox") == 2

        # push, and the pull of outcomes and reference data, need nothing more
        admin.execute("DELETE FROM inbox")
        paid = [pay_oldest(app, desk_at(app), n) for n in owing_customers(app, 3)]
        pushed = push_all(app.engine, desk, "KPG", "L01")
        assert (pushed.sent, pushed.refused) == (3, {})
        assert push_audit(app.engine, desk) == 3 and push_audit(app.engine, desk) == 0  # central keeps the chain
        assert verify_audit(owner) == (3, [])
        assert drain(owner) == {"applied": 3}
        pulled = pull_all(app.engine, desk)
        assert pulled.outcomes == 3 and pulled.rows["customer"] == 400
        assert refresh_customer(app.engine, desk, owing_customers(app, 1)[0]) is True
        assert {str(p) for p in admin.scalar("SELECT array_agg(id) FROM payment")} == {str(p.payment_id) for p in paid}
        assert sync_status(app.engine).state == "online"
    finally:
        desk.dispose()
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
    assert push_all(app.engine, central, "KPG", "L01", batch=5).sent == 12
    forget_sent(app.engine)  # central committed, the counter never heard: it sends again
    assert push_all(app.engine, central, "KPG", "L01", batch=5).sent == 12
    assert count(central, "inbox") == 12
    assert drain(central) == {"applied": 12}
    forget_sent(app.engine)  # and once more after central applied them
    assert push_all(app.engine, central, "KPG", "L01").sent == 12
    assert drain(central) == {}  # nothing new to apply
    assert {r["status"] for r in inbox(central)} == {"applied"}
    assert count(central, "payment") == 12 and count(central, "payment_line") == 12
    link.cycle()
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}
    assert {str(p.payment_id) for p in paid} == {e["payload"]["payment_id"] for e in outbox(app.engine)}
    check_exactly_once(app.engine, central)


# ---- 4. the connection killed in the middle of a batch ------------------------------------


@pytest.mark.parametrize("moment", ["before_cursor_execute", "after_cursor_execute"])
def test_connection_killed_in_the_middle_of_a_batch(app, central, admin, link, moment):
    """The second batch's central transaction loses its backend: before its INSERT
    reaches the server, or after it (rows inserted, not committed)."""
    pay_many(app, desk_at(app), 25)
    inserts = []

    def kill_own_backend(connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO INBOX"):
            inserts.append(statement)
            if len(inserts) == 2:
                admin.terminate(backend_pid(connection))

    event.listen(central, moment, kill_own_backend)
    try:
        with pytest.raises(CentralUnreachable):
            push_all(app.engine, central, "KPG", "L01", batch=10)
    finally:
        event.remove(central, moment, kill_own_backend)
    assert len(inserts) == 2
    assert unsent(app.engine) == 15  # the first batch was committed and marked; the second not
    assert count(central, "inbox") == 10
    assert sync_status(app.engine).last_error
    pay_oldest(app, desk_at(app), owing_customers(app, 1)[0])  # the counter keeps taking payments

    pushed = push_all(app.engine, central, "KPG", "L01", batch=10)
    assert pushed.sent == 16 and unsent(app.engine) == 0
    assert drain(central) == {"applied": 26}
    link.cycle()
    check_exactly_once(app.engine, central)
    assert sync_status(app.engine).state == "online"


# ---- 5. the server down at start --------------------------------------------------------------


def test_server_down_at_start_the_counter_queues_and_then_drains(app, central, link):
    down = central_engine(DOWN, timeout_s=1)
    offline = SyncLink(app.engine, down, "KPG", "L01", apply_here=False)
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
        offline.central = central
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
    down.dispose()


# ---- 6. the counter process killed ------------------------------------------------------------

PUSHER = """
import os, signal, sys
from counter.store.engine import sqlite_engine
from counter.sync.central import central_engine
from counter.sync.push import push_all

local_path, url, mode, batch = sys.argv[1:5]
local, central = sqlite_engine(local_path), central_engine(url)
if mode == "after-commit":
    # SQLAlchemy's `commit` event comes before the DBAPI commit: wrap the commit itself
    commit = central.dialect.do_commit

    def commit_then_die(dbapi_connection):
        commit(dbapi_connection)
        os.kill(os.getpid(), signal.SIGKILL)

    central.dialect.do_commit = commit_then_die
print("ready", flush=True)
push_all(local, central, "KPG", "L01", batch=int(batch))
print("done", flush=True)
"""


def pusher(app, pg_url, mode: str, batch: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", PUSHER, str(app.config.store.local_path), pg_url, mode, str(batch)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def test_counter_killed_between_central_commit_and_mark_sent(app, central, link, pg_url):
    pay_many(app, desk_at(app), 25)
    process = pusher(app, pg_url, "after-commit", 10)
    assert process.wait(30) == -signal.SIGKILL
    assert unsent(app.engine) == 25  # central has the first batch, the counter does not know it
    assert count(central, "inbox") == 10
    pay_oldest(app, desk_at(app), owing_customers(app, 1)[0])  # the store opens and takes payments
    assert push_all(app.engine, central, "KPG", "L01").sent == 26  # the resend is a no-op for those 10
    assert count(central, "inbox") == 26
    assert drain(central) == {"applied": 26}
    link.cycle()
    check_exactly_once(app.engine, central)


def test_counter_killed_at_random_points_while_pushing(app, central, link, pg_url):
    rng = random.Random(20251124)
    desk = desk_at(app)
    pay_many(app, desk, 200)
    outcomes = []
    for round_no in range(5):
        if round_no:
            pay_many(app, desk, 10)  # new payments meanwhile
            forget_sent(app.engine)  # and all marks lost: everything goes again
        process = pusher(app, pg_url, "plain", 5)
        time.sleep(rng.uniform(0.0, 0.15))  # a push of ~200 events in batches of 5 takes about that
        process.send_signal(signal.SIGKILL)
        outcomes.append((process.wait(30), unsent(app.engine)))
        assert outcomes[-1][0] in (0, -signal.SIGKILL), process.stderr.read()
        if round_no % 2:
            drain(central)  # the applier runs between some of the kills
    assert any(code == -signal.SIGKILL and left for code, left in outcomes), outcomes  # killed mid-push
    with app.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    push_all(app.engine, central, "KPG", "L01")
    drain(central)
    link.cycle()
    assert len(outbox(app.engine)) == 240
    check_exactly_once(app.engine, central)
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}


# ---- 7. two counters paying the same bill while offline -------------------------------------


def test_two_counters_paying_the_same_bill_offline(app, central, tmp_path):
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    try:
        number = owing_customers(app, 1, min_bills=2)[0]
        first = pay_oldest(app, desk_at(app), number)  # L01: the oldest bill
        later = dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 30, tzinfo=WITA)
        both = pay_oldest(second, desk_at(second, later), number, bills=2)  # L02: the oldest two
        down = central_engine(DOWN, timeout_s=1)
        for counter in (app, second):
            with pytest.raises(CentralUnreachable):
                SyncLink(counter.engine, down, "KPG", counter.config.desk.counter, False).cycle()
        down.dispose()

        links = [SyncLink(a.engine, central, "KPG", a.config.desk.counter, False) for a in (app, second)]
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
        assert refresh_customer(app.engine, central, number) is True
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
        "receipt": ("payment.created", variant(receipt_no="K" * 200), "too long"),
        "reference": ("payment.created", variant(reference={"bank": "x"}), "reference"),
        "huge": ("payment.created", variant(tendered=2**70, change=2**70 - template["total"]), "out of range"),
        "receipt taken": ("payment.created", variant(receipt_no=template["receipt_no"]), "receipt_no"),
    }
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
    good = pay_many(app, desk, 5)  # behind the bad ones
    assert link.cycle()[0].sent == 5
    counts = apply_pending(central)  # one run
    assert counts == {"rejected": len(bad), "applied": 6}, {
        r["kind"]: (r["status"], r["reason"]) for r in inbox(central) if r["status"] != "applied"}
    verdicts = {r["id"]: (r["status"], r["reason"]) for r in inbox(central)}
    for name, (_, _, reason) in bad.items():
        status, why = verdicts[ids[name]]
        assert status == "rejected" and reason in why, (name, why)
    assert count(central, "payment") == 6 and count(central, "conflict") == 0
    assert {str(p.payment_id) for p in good} | {str(model.payment_id)} == {
        str(i) for i in admin.scalar("SELECT array_agg(id) FROM payment")}
    link.cycle()
    assert {e["outcome"] for e in outbox(app.engine)} == {"applied"}


# ---- 10. a batch central refuses for its content ----------------------------------------------


def test_an_event_central_refuses_is_held_back_and_does_not_block_the_rest(app, central, link):
    desk = desk_at(app)
    first = pay_many(app, desk, 3)
    bad_id = uuid7()
    at = dt.datetime.now(dt.timezone.utc)
    with app.engine.begin() as connection:  # SQLite keeps a kind longer than central's VARCHAR(40)
        connection.execute(insert(OutboxEvent.__table__), dict(
            id=bad_id, kind="payment.created." + "x" * 40, payload={"a": 1}, created_at=desk.now(), sent_at=None))
    more = pay_many(app, desk, 3)
    pushed = push_all(app.engine, central, "KPG", "L01")
    assert pushed.sent == 6 and list(pushed.refused) == [str(bad_id)]
    assert "too long" in pushed.refused[str(bad_id)]
    [held] = [e for e in outbox(app.engine) if e["id"] == bad_id]
    assert held["sent_at"] is None and held["attempts"] == 1 and "too long" in held["last_error"]
    assert held["next_attempt_at"] > at
    status = sync_status(app.engine)
    assert (status.state, status.queued, status.held_back, status.label) == ("degraded", 1, 1, "TERGANGGU")
    assert push_all(app.engine, central, "KPG", "L01").sent == 0  # held back: not tried again at once
    assert [e["attempts"] for e in outbox(app.engine) if e["id"] == bad_id] == [1]
    assert drain(central) == {"applied": 6}
    link.cycle()
    with central.connect() as connection:
        assert {p.payment_id for p in (*first, *more)} == set(connection.scalars(select(Payment.id)))
    assert count(central, "inbox") == 6
    # later, still refused: held back longer
    with app.engine.begin() as connection:
        connection.execute(update(OutboxEvent.__table__).where(OutboxEvent.id == bad_id).values(next_attempt_at=at))
    again = push_all(app.engine, central, "KPG", "L01")
    assert again.sent == 0 and list(again.refused) == [str(bad_id)]
    [held] = [e for e in outbox(app.engine) if e["id"] == bad_id]
    assert held["attempts"] == 2 and held["next_attempt_at"] - dt.datetime.now(dt.timezone.utc) > dt.timedelta(
        minutes=1, seconds=30)


# ---- 11. several appliers at once -------------------------------------------------------------


def test_several_appliers_apply_each_event_once(app, central, pg_url, tmp_path):
    """300 payments from L01, and 30 of the same bills paid at L02 as well (sent
    first, so the pairs fall into batches that different appliers hold at once)."""
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    try:
        pay_many(second, desk_at(second), 30)
        assert push_all(second.engine, central, "KPG", "L02").sent == 30
    finally:
        second.engine.dispose()
    pay_many(app, desk_at(app), 300)
    assert push_all(app.engine, central, "KPG", "L01").sent == 300
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
    assert pull_all(app.engine, central).outcomes == 300
    check_exactly_once(app.engine, central, judged=("applied", "conflict"), counter="L01")


def test_applier_connection_killed_before_its_commit(app, central, admin, link):
    """Everything of the batch written at central, then its backend gone: none of
    it counts, and the next run applies every event once."""
    pay_many(app, desk_at(app), 20)
    assert push_all(app.engine, central, "KPG", "L01").sent == 20

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


def test_incremental_pull_and_customer_refresh(app, central, link, pg_url):
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
    pulled = pull_all(app.engine, central, page=300)  # pages cut through one change number
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
    assert pull_all(app.engine, central).rows["bill"] == 1
    with app.engine.connect() as connection:
        assert connection.execute(select(Bill.status, Bill.payment_id).where(Bill.id == our_bill)).one() == (
            "paid", ours.payment_id)
    assert refresh_customer(app.engine, central, number) is True  # nor does a refresh undo it
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
    fresh = central_engine(pg_url, timeout_s=1)
    started = time.perf_counter()
    assert refresh_customer(app.engine, fresh, other) is True
    assert time.perf_counter() - started < 1.0
    fresh.dispose()
    assert period not in unpaid_periods(app, other)

    # and gives up quickly when central is away: the replica serves
    down = central_engine(DOWN, timeout_s=1)
    started = time.perf_counter()
    assert refresh_customer(app.engine, down, other) is False
    assert time.perf_counter() - started < 3
    assert sync_status(app.engine).last_error
    down.dispose()


def test_refresh_gives_up_when_the_network_goes_dark(app, central, pg_url):
    """Central answered before, then the network stops passing packets with the
    connection open; or a server takes connections and never answers: the
    refresh still gives up within about a second."""
    import socket

    silent = socket.create_server(("127.0.0.1", 0))  # the kernel accepts; nobody answers
    mute = central_engine(f"postgresql+psycopg://postgres@127.0.0.1:{silent.getsockname()[1]}/x", timeout_s=1)
    started = time.perf_counter()
    try:
        assert refresh_customer(app.engine, mute, owing_customers(app, 1)[0], timeout_ms=800) is False
        assert time.perf_counter() - started < 1.5
    finally:
        silent.close()
        mute.dispose()

    relay = Relay()
    engine = central_engine(relay.url(pg_url), timeout_s=1)
    number = owing_customers(app, 1)[0]
    try:
        assert refresh_customer(app.engine, engine, number) is True  # a pooled connection now
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
        engine.dispose()
