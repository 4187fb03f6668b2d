"""Sync through the embedded (SQLite) central: the demo's path, no server."""

import dataclasses
import json
import shutil
import time

import pytest
from sqlalchemy import func, select

from counter.cli import main
from counter.errors import ApprovalRefused, InvalidInput
from counter.models import Bill, Conflict, Customer, CustomerCredit, InboxEvent, OutboxEvent, Payment
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.central.conflicts import customer_credit, list_conflicts, resolve_conflict
from counter.central.embedded import EmbeddedCentral
from counter.sync.state import CentralUnreachable, sync_status
from counter.sync.worker import SyncLink, SyncWorker, backoff
from tests.integration.test_plans import SUPERVISOR
from tests.conftest import AS_OF, make_app
from tests.integration.shift_helpers import clock_agrees, on_shift


def owing(app, months: int = 1) -> str:
    with app.uow() as uow:
        return uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active")
            .group_by(Customer.id).having(func.count() >= months).limit(1)
        ).one()


def pay_oldest(app, desk, number: str):
    """The customer's oldest bill paid in cash, into the cashier's shift (opened if need be)."""
    on_shift(app, desk)
    clock_agrees(app, desk)
    with app.uow() as uow:
        owed = quote(uow.session, number, desk.today()).oldest(1)
    return pay(app.uow(), desk, number, [owed.bills[0].period], "cash", tendered=owed.total)


def count(engine, model, *where) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).where(*where))


def test_payments_reach_the_embedded_central_and_come_back_judged(app, desk, capsys):
    results = [pay_oldest(app, desk, owing(app, 2)) for _ in range(2)]  # taken before central existed
    code = main(["--data-dir", str(app.config.store.data_dir), "sync", "--json"])
    status = json.loads(capsys.readouterr().out)
    assert code == 0 and status["state"] == "online" and status["queued"] == 0
    central = app.embedded_engine
    assert count(central, Payment) == 2
    assert count(central, InboxEvent, InboxEvent.status == "applied", InboxEvent.kind == "payment.created") == 2
    for result in results:
        with central.connect() as connection:
            paid = connection.execute(select(Bill.status).where(Bill.payment_id == result.payment_id)).scalars().all()
        assert paid == ["paid"]
    assert count(app.engine, OutboxEvent, OutboxEvent.outcome == "applied", OutboxEvent.kind == "payment.created") == 2


def test_status_without_central(tmp_path, app, desk):
    key = app.config.store.data_dir / "device.key"  # enrolled once; central is away now (nothing on port 1)
    key.write_text("ctr_" + "k" * 43 + "\n")
    key.chmod(0o600)
    offline = make_app(app.config.store.data_dir, "central.url=http://127.0.0.1:1", "central.timeout_ms=300")
    pay_oldest(app, desk, owing(app))
    with pytest.raises(CentralUnreachable):
        offline.sync_link().cycle()
    status = sync_status(offline.engine)
    assert (status.state, status.queued, status.label) == ("offline", 2, "OFFLINE")  # the shift's opening, the payment
    assert status.last_error and status.oldest_queued_at is not None
    offline.engine.dispose()


class Counter_:
    """A counter of the office: its own store, and the one embedded central it shares."""

    def __init__(self, app, central) -> None:  # noqa: ANN001
        self.app, self.central = app, central
        self.engine, self.config = app.engine, app.config

    def uow(self):  # noqa: ANN201
        return self.app.uow()

    def desk(self):  # noqa: ANN201
        return self.app.desk()

    def sync_link(self) -> SyncLink:
        return SyncLink(self.engine, self.central, self.config.desk.office, self.config.desk.counter)


@pytest.fixture
def two_counters(app, tmp_path):
    """Counters L01 and L02 of one office, each with its own store; L01's embedded
    central (in its data folder) is central for both."""
    second = tmp_path / "second"
    shutil.copytree(app.config.store.data_dir, second, ignore=shutil.ignore_patterns("central.sqlite*"))
    other = make_app(second, "desk.counter=L02", "desk.user=kasir2")
    one = Counter_(app, app.central)
    two = Counter_(other, EmbeddedCentral(app.embedded_engine, "KPG", "L02"))
    yield one, two
    for each in (app, other):
        each.engine.dispose()


def test_two_counters_paying_the_same_bill_offline(two_counters):
    from tests.conftest import clock_at

    one, two = two_counters
    desks = [dataclasses.replace(a.desk(), clock=clock_at(AS_OF)) for a in (one, two)]
    number = owing(one)
    first, second = (pay_oldest(a, d, number) for a, d in zip((one, two), desks))
    one.sync_link().cycle()
    two.sync_link().cycle()
    central = one.app.embedded_engine
    assert count(central, Payment) == 2  # the money taken twice is kept
    with central.connect() as connection:
        outcomes = dict(connection.execute(select(InboxEvent.counter, InboxEvent.status)).all())
        assert outcomes == {"L01": "applied", "L02": "conflict"}
        conflict = connection.execute(select(Conflict)).one()
        assert (conflict.kind, conflict.amount, conflict.payment_id) == ("bill_already_paid", second.total,
                                                                         second.payment_id)
        credit = connection.execute(select(CustomerCredit.amount)).scalar_one()
    assert credit == second.total == first.total
    two.sync_link().cycle()  # the outcome comes back to L02
    assert count(two.engine, OutboxEvent, OutboxEvent.outcome == "conflict") == 1

    [view] = list_conflicts(central)
    assert view.receipt_no == second.receipt_no and view.customer == number
    with pytest.raises(ApprovalRefused, match="bukan kepala unit"):
        resolve_conflict(central, view.id, "refund", Approval("kasir1", DEMO_PIN))
    with pytest.raises(ApprovalRefused, match="PIN salah"):
        resolve_conflict(central, view.id, "refund", Approval("kepala", "9999"))
    with pytest.raises(InvalidInput, match="accept"):
        resolve_conflict(central, view.id, "accept", SUPERVISOR)
    resolve_conflict(central, view.id, "refund", SUPERVISOR, note="uang dikembalikan tunai")
    with pytest.raises(InvalidInput, match="sudah diselesaikan"):
        resolve_conflict(central, view.id, "refund", SUPERVISOR)
    from sqlalchemy.orm import Session

    with Session(central) as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
        assert customer_credit(session, customer_id) == 0
    assert list_conflicts(central) == [] and list_conflicts(central, None)[0].status == "refunded"


def test_conflicts_from_the_command_line(two_counters, capsys):
    from tests.conftest import clock_at

    one, two = two_counters
    number = owing(one)
    for a in (one, two):
        pay_oldest(a, dataclasses.replace(a.desk(), clock=clock_at(AS_OF)), number)
        a.sync_link().cycle()
    data = ["--data-dir", str(one.config.store.data_dir)]
    database = ["--url", f"sqlite:///{one.app.embedded_central_path}"]
    assert main([*data, "central", "conflicts", "--json"]) == 0  # a supervisor at the counter: through the link
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["kind"] == "bill_already_paid"
    assert main([*data, "central", "conflicts", *database, "--json"]) == 0  # central's operator: its database
    [seen] = json.loads(capsys.readouterr().out)
    assert {k: seen[k] for k in ("id", "kind", "status", "amount", "customer", "receipt_no")} == {
        k: shown[k] for k in ("id", "kind", "status", "amount", "customer", "receipt_no")}
    for where in ([], database):
        assert main([*data, "central", "resolve", *where, "--id", str(shown["id"]), "--resolution", "keep"]) == 2
        assert "perlu persetujuan kepala unit" in capsys.readouterr().err
    assert main([*data, "central", "resolve", "--id", str(shown["id"]), "--resolution", "keep",
                 "--approver", "kepala", "--approver-pin", DEMO_PASSWORD]) == 0
    assert list_conflicts(one.app.embedded_engine, None)[0].status == "applied"


def test_the_worker_drains_the_outbox_and_stops_promptly(app, desk):
    worker = SyncWorker(app.sync_link(), interval_s=30)
    worker.start()
    pay_oldest(app, desk, owing(app))
    worker.wake()
    deadline = time.monotonic() + 10
    while sync_status(app.engine).queued and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    worker.stop()
    assert sync_status(app.engine).queued == 0 and time.monotonic() - started < 5


def test_backoff_doubles_with_jitter_and_is_capped():
    for failures, high in ((1, 2.0), (2, 4.0), (3, 8.0), (20, 120.0)):
        waits = [backoff(failures) for _ in range(50)]
        assert all(high / 2 <= w <= high for w in waits) and len(set(waits)) > 1


def test_the_central_applier_process_applies_and_stops_cleanly(app, desk):
    import signal
    import subprocess
    import sys

    pay_oldest(app, desk, owing(app))
    central = app.embedded_engine  # the embedded store, seeded
    from counter.sync.push import push_all

    push_all(app.engine, EmbeddedCentral(central, "KPG", "L01", apply=False))
    assert count(central, InboxEvent, InboxEvent.status == "pending") == 2  # the shift's opening, the payment
    url = f"sqlite:///{app.config.store.data_dir / 'central.sqlite'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "counter", "--data-dir", str(app.config.store.data_dir), "central", "run",
         "--url", url, "--interval", "0.1", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while count(central, InboxEvent, InboxEvent.status == "pending") and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1]) == {"applied": 2}
    assert count(central, Payment) == 1
