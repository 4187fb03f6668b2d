"""Helpers for the sync tests against a real PostgreSQL: a central store made
from a counter's demo store, payments in bulk, a TCP relay that can freeze,
and the exactly-once check that every fault test ends with."""

from __future__ import annotations

import dataclasses
import datetime as dt
import select as select_module
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select, text, update
from sqlalchemy.pool import NullPool

from counter.bootstrap import App
from counter.models import Bill, Customer, InboxEvent, OutboxEvent, Payment
from counter.services.context import Desk
from counter.services.payment import PaymentResult, pay
from counter.sync.applier import apply_pending
from counter.sync.central import DESK_ROLE, central_engine, init_central
from counter.sync.loading import load_reference_data
from tests.conftest import AS_OF, PG_ADMIN_URL, clock_at, make_app

WITA = dt.timezone(dt.timedelta(hours=8))


# ---- the central store ----------------------------------------------------------------


def build_central(app: App, pg_url: str, admin: Admin) -> Engine:
    """A central PostgreSQL store (`init_central`) holding the counter's reference data."""
    central = central_engine(pg_url)
    with role_lock():
        existed = admin.role_exists()
        init_central(central)
        if not existed:
            admin.mark_role()
    load_reference_data(app.engine, central)
    return central


class Admin:
    """A superuser connection to the test database, for what a test does behind
    the code's back: terminating backends, managing the desk role."""

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

    # The desk role is cluster-wide: tests on other databases (xdist workers) use it
    # too. Who makes it marks it; role changes happen under one advisory lock; the
    # role is dropped when the last database using it is done with it. A role the
    # tests did not make is never dropped.

    def role_exists(self, role: str = DESK_ROLE) -> bool:
        return bool(self.scalar("SELECT count(*) FROM pg_roles WHERE rolname = :r", r=role))

    def role_is_ours(self) -> bool:
        return self.scalar("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :r",
                           r=DESK_ROLE) == TEST_ROLE_MARK

    def role_state(self) -> tuple | None:
        """What a test may change of a desk role it did not make: login and password."""
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = :r"),
                                      {"r": DESK_ROLE}).first()

    def restore_role(self, state: tuple) -> None:
        login, password = state
        secret = "NULL" if password is None else "'" + password.replace("'", "''") + "'"  # the stored hash
        with self.engine.connect() as connection:  # no bind parameters: the hash has colons
            connection.exec_driver_sql(f"ALTER ROLE {DESK_ROLE} {'LOGIN' if login else 'NOLOGIN'} PASSWORD {secret}")

    def mark_role(self) -> None:
        self.execute(f"COMMENT ON ROLE {DESK_ROLE} IS '{TEST_ROLE_MARK}'")

    def drop_desk_role(self) -> None:
        """Drop the test-made desk role: its grants in this database first. Another
        database still granting it something keeps it; the last one drops it."""
        if not self.role_exists() or not self.role_is_ours():
            return
        self.execute(f"DROP OWNED BY {DESK_ROLE}")
        try:
            self.execute(f"DROP ROLE {DESK_ROLE}")
        except Exception:  # noqa: BLE001 - still used by another test's database: the last one drops it
            pass

    def close(self) -> None:
        self.engine.dispose()


TEST_ROLE_MARK = "made by the counter test suite"


@contextmanager
def role_lock() -> Iterator[None]:
    """Serialise changes to the cluster-wide desk role across test processes."""
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(730591124)"))
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(730591124)"))
    finally:
        engine.dispose()


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
    """Pay a customer's `bills` oldest bills by transfer."""
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
    """A TCP relay to the PostgreSQL server that can freeze: while frozen it
    passes no byte either way, as a network gone dark with the sockets open."""

    def __init__(self, port: int = 5432) -> None:
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.closed = threading.Event()
        self.sockets: list[socket.socket] = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self.closed.is_set():
                if self.frozen.is_set():
                    time.sleep(0.01)
                    continue
                ready, _, _ = select_module.select([a, b], [], [], 0.05)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except OSError:
            return
        finally:
            a.close()
            b.close()

    def url(self, pg_url: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(pg_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def close(self) -> None:
        self.closed.set()
        for sock in self.sockets:
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
