"""Helpers for the sync tests against a real PostgreSQL: a central store made
from a counter's demo store, payments in bulk, a TCP relay that can freeze or
drop connections, and the exactly-once check that every fault test ends with."""

from __future__ import annotations

import dataclasses
import datetime as dt
import select as select_module
import shutil
import socket
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select, text, update

from counter.bootstrap import App
from counter.central.applier import apply_pending, pending_count
from counter.central.loading import load_reference_data
from counter.central.store import central_engine, init_central
from counter.models import Bill, Customer, InboxEvent, OutboxEvent, Payment
from counter.services.context import Desk
from counter.services.payment import PaymentResult, pay
from tests.conftest import AS_OF, clock_at, make_app
from tests.integration.shift_helpers import clock_agrees, on_shift

WITA = dt.timezone(dt.timedelta(hours=8))


# ---- the central store ----------------------------------------------------------------


def build_central(app: App, pg_url: str) -> Engine:
    """A central PostgreSQL store (`init_central`) holding the counter's reference data."""
    central = central_engine(pg_url)
    init_central(central)
    load_reference_data(app.engine, central)
    return central


class Admin:
    """A superuser connection to the test database, for what a test does behind
    the code's back: terminating backends."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as connection:
            return connection.scalar(text(sql), params)

    def execute(self, sql: str, **params: object) -> None:
        with self.engine.connect() as connection:
            connection.execute(text(sql), params)

    def terminate(self, pid: int) -> None:
        """Kill a backend and wait until it is gone."""
        assert self.scalar("SELECT pg_terminate_backend(:pid)", pid=pid)
        deadline = time.monotonic() + 5
        while self.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid", pid=pid):
            assert time.monotonic() < deadline, f"backend {pid} did not end"
            time.sleep(0.01)

    def close(self) -> None:
        self.engine.dispose()


def backend_pid(connection) -> int:  # noqa: ANN001 - a SQLAlchemy Connection on psycopg
    return connection.connection.dbapi_connection.info.backend_pid


# ---- the counter ----------------------------------------------------------------------


def desk_at(app: App, moment: dt.datetime | None = None) -> Desk:
    """`app`'s cashier with a fixed clock (AS_OF 10:00 WITA unless told)."""
    clock = (lambda: moment) if moment is not None else clock_at(AS_OF)
    return dataclasses.replace(app.desk(), clock=clock)


def counter_copy(app: App, folder: Path, *overrides: str) -> App:
    """Another counter: a copy of `app`'s store with its own settings."""
    app.engine.dispose()
    shutil.copytree(app.config.store.data_dir, folder)
    return make_app(folder, *overrides)


def owing_customers(app: App, limit: int = 400, min_bills: int = 1) -> list[str]:
    """Customers who can pay (not closed) with at least `min_bills` unpaid bills."""
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status != "closed")
            .group_by(Customer.id).having(func.count() >= min_bills)
            .order_by(Customer.number).limit(limit)
        ).all())


def unpaid_periods(app: App, number: str) -> list[int]:
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Bill.period).join(Customer, Customer.id == Bill.customer_id)
            .where(Customer.number == number, Bill.status == "unpaid").order_by(Bill.period)
        ).all())


def pay_oldest(app: App, desk: Desk, number: str, bills: int = 1) -> PaymentResult:
    """Pay a customer's `bills` oldest bills by transfer, into the cashier's shift
    (opened if need be; central needs no shift to apply a payment, so its events
    stay out of the outbox), dated as central's last answer (see shift_helpers)."""
    on_shift(app, desk)
    with app.engine.begin() as connection:  # the fault tests count the events of payments alone
        connection.execute(OutboxEvent.__table__.delete().where(
            OutboxEvent.kind.in_(("shift.opened", "shift.closed")), OutboxEvent.sent_at.is_(None)))
    clock_agrees(app, desk)
    return pay(app.uow(), desk, number, unpaid_periods(app, number)[:bills], method="transfer")


def pay_many(app: App, desk: Desk, count: int) -> list[PaymentResult]:
    """`count` payments of one bill each: customer after customer, round and round."""
    customers = owing_customers(app)
    done: list[PaymentResult] = []
    while len(done) < count:
        before = len(done)
        for number in customers:
            if len(done) == count:
                break
            if unpaid_periods(app, number):
                done.append(pay_oldest(app, desk, number))
        assert len(done) > before, "the demo ran out of unpaid bills"
    return done


def outbox(local: Engine) -> list[dict]:
    with local.connect() as connection:
        return [dict(r) for r in connection.execute(
            select(OutboxEvent.__table__).order_by(OutboxEvent.created_at, OutboxEvent.id)).mappings()]


def unsent(local: Engine) -> int:
    with local.connect() as connection:
        return connection.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None)))


def forget_sent(local: Engine, ids: list | None = None) -> None:
    """As if mark-sent had never happened (for all events, or for `ids`)."""
    statement = update(OutboxEvent.__table__).values(sent_at=None, outcome="", outcome_reason="")
    if ids is not None:
        statement = statement.where(OutboxEvent.id.in_(ids))
    with local.begin() as connection:
        connection.execute(statement)


# ---- both stores ----------------------------------------------------------------------


def inbox(central: Engine) -> list[dict]:
    with central.connect() as connection:
        return [dict(r) for r in connection.execute(
            select(InboxEvent.__table__).order_by(InboxEvent.received_at, InboxEvent.id)).mappings()]


def count(engine: Engine, table: str, where: str = "", **params: object) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            text(f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")), params)


def check_exactly_once(local: Engine, central: Engine, judged: tuple[str, ...] = ("applied",),
                       counter: str | None = None) -> None:
    """The invariant after any fault, once everything has drained: every outbox
    event is in the inbox exactly once and judged; every payment the counter
    took is at central exactly once, with its lines; with no conflicts, its
    bills name it. `counter`: central serves other counters too (their events
    and payments are not checked)."""
    events = outbox(local)
    assert all(e["sent_at"] is not None for e in events), "events left unsent"
    received = [r for r in inbox(central) if counter is None or r["counter"] == counter]
    assert len(received) == len({r["id"] for r in received})
    assert {r["id"] for r in received} == {e["id"] for e in events}, "events lost or foreign"
    assert {r["status"] for r in received} <= set(judged), {r["status"] for r in received}
    mine = {e["payload"]["payment_id"]: e["payload"] for e in events if e["kind"] == "payment.created"}
    with central.connect() as connection:
        totals = {str(k): v for k, v in connection.execute(select(Payment.id, Payment.total))}
        lines = {str(k): v for k, v in connection.execute(text(
            "SELECT payment_id, count(*) FROM payment_line GROUP BY payment_id"))}
        paid = {str(k): v for k, v in connection.execute(text(
            "SELECT payment_id, count(*) FROM bill WHERE payment_id IS NOT NULL GROUP BY payment_id"))}
    if counter is None:
        assert set(totals) == set(mine), "payments lost or foreign"
    assert {k: totals.get(k) for k in mine} == {k: p["total"] for k, p in mine.items()}
    assert {k: lines.get(k) for k in mine} == {k: len(p["lines"]) for k, p in mine.items()}
    if set(judged) == {"applied"}:  # no conflicts: every line paid its bill
        assert {k: paid.get(k) for k in mine} == {k: len(p["lines"]) for k, p in mine.items()}


# ---- the network ----------------------------------------------------------------------


class Relay:
    """A TCP relay to a server on this machine (central's API under uvicorn, or
    PostgreSQL) that can freeze: while frozen it passes no byte either way, as a
    network gone dark with the sockets open; hold the server's replies (requests
    still reach it); and drop every connection it carries at once, as a network
    that resets them."""

    def __init__(self, port: int = 5432) -> None:
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.replies_held = threading.Event()
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = [self.listener]
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=2)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
                self.pairs.append((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        """Bytes between client `a` and server `b`."""
        peers = {a: b, b: a}
        try:
            while not self.closed.is_set():
                if self.frozen.is_set():
                    time.sleep(0.01)
                    continue
                ready, _, _ = select_module.select([a] if self.replies_held.is_set() else [a, b], [], [], 0.05)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            a.close()
            b.close()
            with self.lock:
                if (a, b) in self.pairs:
                    self.pairs.remove((a, b))

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, pg_url: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(pg_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def drop(self) -> int:
        """Reset every connection the relay carries now (both ends see it end); how many."""
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    sock.close()  # linger 0: an RST, not a polite FIN
                except OSError:
                    pass
        return len(pairs)

    def close(self) -> None:
        self.closed.set()
        with self.lock:
            sockets = list(self.sockets)
        for sock in sockets:
            try:
                sock.close()
            except OSError:
                pass


def drain(central) -> dict[str, int]:
    """Run the applier until nothing is pending; the counts by outcome."""
    totals: dict[str, int] = {}
    while counts := apply_pending(central):
        for status, n in counts.items():
            totals[status] = totals.get(status, 0) + n
    return totals


def settle(central: Engine, timeout_s: float = 15.0) -> None:
    """Wait until central's own applier (in the API process) has judged every event."""
    deadline = time.monotonic() + timeout_s
    while pending_count(central):
        assert time.monotonic() < deadline, f"{pending_count(central)} events still pending after {timeout_s} s"
        time.sleep(0.05)
