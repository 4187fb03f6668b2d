"""Central from the command line, as its operator and a counter's support person
use it: `central serve` as its own process, `central enrol` and `sync enrol`,
a sync through the API, `central revoke`; and what is refused."""

from __future__ import annotations

import json
import stat

import pytest
from sqlalchemy import func, select

from counter import config
from counter.central.store import central_engine, init_central, seed_embedded
from counter.cli import main
from counter.models import Customer, Payment
from counter.services.demo import DEMO_PASSWORD
from tests.central_server import ProcessServer
from counter.services.demo import DEMO_PIN
from tests.conftest import DEMO_CUSTOMERS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def central_file(app, tmp_path):
    """A central database (SQLite) made from the demo counter's store."""
    path = tmp_path / "central" / "central.sqlite"
    path.parent.mkdir()
    app.engine.dispose()
    seed_embedded(app.config.store.local_path, path)
    engine = central_engine(f"sqlite:///{path}")
    init_central(engine)
    engine.dispose()
    return path


def test_enrol_a_new_counter_sync_and_revoke(capsys, app, tmp_path, central_file, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)  # the desk user's PIN, for the acts with money
    database = f"sqlite:///{central_file}"
    server = ProcessServer(database, tmp_path / "central").start()
    try:
        code, out, _ = run(capsys, "--data-dir", str(tmp_path / "central"), "central", "enrol", "--url", database,
                           "--office", "kpg", "--counter", "l01", "--json")
        assert code == 0
        enrolment = json.loads(out)
        assert (enrolment["office"], enrolment["counter"]) == ("KPG", "L01")

        counter = tmp_path / "new-counter"
        code, out, _ = run(capsys, "--data-dir", str(counter), "sync", "enrol", server.url, enrolment["code"], "--json")
        assert code == 0, out
        assert json.loads(out)["key_kept_in"] == str(counter / "device.key")
        assert stat.S_IMODE((counter / "device.key").stat().st_mode) == 0o600
        settings = config.load(data_dir=counter, create=False)
        assert settings.central.url == server.url and (settings.desk.office, settings.desk.counter) == ("KPG", "L01")
        assert server.url not in (counter / "device.key").read_text()

        # the code was for one counter, once
        code, _, err = run(capsys, "--data-dir", str(tmp_path / "other"), "sync", "enrol", server.url, enrolment["code"])
        assert code == 2 and "sudah dipakai" in err

        code, out, _ = run(capsys, "--data-dir", str(counter), "sync", "now")
        assert code == 0
        with config_app(counter).uow() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Customer)) == DEMO_CUSTOMERS

        code, out, _ = run(capsys, "--data-dir", str(counter), "-o", "desk.user=kasir1", "shift", "open",
                           "--float", "100.000")
        assert code == 0, out

        code, _, _ = run(capsys, "--data-dir", str(tmp_path / "central"), "central", "revoke", "--url", database,
                         "--office", "KPG", "--counter", "L01")
        assert code == 0
        code, _, err = run(capsys, "--data-dir", str(counter), "sync", "now")
        assert code == 2 and "menolak kunci" in err
        code, out, _ = run(capsys, "--data-dir", str(counter), "sync", "status")
        assert "antre" in out and "menolak kunci" in out  # the shift's event waits, and the status says why
    finally:
        server.stop()


def config_app(folder):  # noqa: ANN001, ANN201
    from tests.conftest import make_app

    return make_app(folder)


def test_central_refuses_plain_http_beyond_loopback(capsys, tmp_path, central_file):
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "c"), "central", "serve", "--url",
                       f"sqlite:///{central_file}", "--listen", "0.0.0.0:8099")
    assert code == 2 and "TLS" in err
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "c"), "sync", "enrol", "http://10.1.2.3:8080", "AAAA")
    assert code == 2 and "tanpa TLS" in err


@pytest.mark.parametrize("url", ["postgresql://counter_desk:x@db/counter", "ftp://pusat", "pusat.example"])
def test_a_database_url_or_nonsense_as_central_url_is_refused(capsys, tmp_path, url):
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "c"), "-o", f"central.url={url}", "sync", "status")
    assert code == 2 and "API pusat" in err


def test_a_counter_not_enrolled_says_how(capsys, app):
    code, _, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "-o", "central.url=https://pusat.example",
                       "sync", "now")
    assert code == 2 and "counter sync enrol" in err


def test_payments_reach_central_through_the_api(capsys, app, tmp_path, central_file, monkeypatch):
    """The demo counter itself, enrolled: a payment taken offline arrives once."""
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    database = f"sqlite:///{central_file}"
    server = ProcessServer(database, tmp_path / "central").start()
    data = str(app.config.store.data_dir)
    try:
        code, out, _ = run(capsys, "--data-dir", str(tmp_path / "central"), "central", "enrol", "--url", database,
                           "--office", "KPG", "--counter", "L01", "--json")
        assert run(capsys, "--data-dir", data, "sync", "enrol", server.url, json.loads(out)["code"])[0] == 0
        assert run(capsys, "--data-dir", data, "shift", "open", "--float", "50.000")[0] == 0
        with app.uow() as uow:
            number = uow.session.scalar(select(Customer.number).where(Customer.status == "active")
                                        .order_by(Customer.id).limit(1))
        code, out, err = run(capsys, "--data-dir", data, "pay", number, "--method", "transfer", "--no-print",
                             "--json")
        assert code == 0, out
        for _ in range(2):  # the second sync sends nothing again
            code, out, err = run(capsys, "--data-dir", data, "sync", "now")
            assert code == 0, err
        engine = central_engine(database)
        with engine.connect() as connection:
            paid = connection.scalar(select(func.count()).select_from(Payment))
        engine.dispose()
        assert paid == 1
    finally:
        server.stop()


@pytest.mark.parametrize("url", ["notaurl", "mysql://x@db/counter", "postgresql://postgres@127.0.0.1:1/counter",
                                 "postgresql://postgres@127.0.0.1:5432/counter_no_such_database"])
def test_central_init_on_a_bad_database_says_so(capsys, tmp_path, url):
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "c"), "central", "init", "--url", url)
    assert code == 2 and err.startswith("Gagal: ") and "Traceback" not in out + err


def test_a_new_counter_registered_at_central_can_be_enrolled(capsys, monkeypatch, tmp_path, central_file):
    monkeypatch.setenv("COUNTER_CENTRAL_DATABASE", f"sqlite:///{central_file}")
    data = ["--data-dir", str(tmp_path / "central")]
    code, _, err = run(capsys, *data, "central", "enrol", "--office", "KPG", "--counter", "L07")
    assert code == 2 and "tidak terdaftar di pusat" in err
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PASSWORD)
    assert run(capsys, *data, "setup", "counter", "L07", "--name", "Loket 7", "--central", "--approver", "admin")[0] == 0
    code, out, _ = run(capsys, *data, "central", "enrol", "--office", "KPG", "--counter", "L07", "--json")
    assert code == 0 and json.loads(out)["counter"] == "L07"


@pytest.mark.parametrize("argv", [
    ("export", "payments", "--date", "2026-12-01"),
    ("report", "day", "--date", "2026-12-01"),
    ("channel", "list"),
    ("enrol", "--office", "KPG", "--counter", "L01"),
])
def test_a_database_that_holds_no_central_is_refused_and_left_as_it_was(capsys, tmp_path, pg_url, argv):
    """Only `central init` makes central's tables: a report or an enrolment
    pointed at the wrong database says so and creates nothing there."""
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "operator"), "central", *argv, "--url", pg_url,
                         "--out", str(tmp_path / "out")) if argv[0] in ("export", "report") else \
        run(capsys, "--data-dir", str(tmp_path / "operator"), "central", *argv, "--url", pg_url)
    assert code == 2
    assert "bukan basis data pusat counter" in out + err and "counter central init" in out + err
    assert "Traceback" not in out + err
    engine = central_engine(pg_url)
    with engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").scalar_one()
    engine.dispose()
    assert tables == 0
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_customer_is_read_from_a_sqlite_central_while_a_sync_holds_its_write_lock(central_file, app):
    """The desk's refresh before a payment reads while the applier writes: on the
    demo's SQLite central a read must not wait for the write lock (the desk would
    give up after central.timeout_ms and use its replica)."""
    import sqlite3
    import time

    from counter.central import service

    engine = central_engine(f"sqlite:///{central_file}")
    caller = service.caller_for(engine, "KPG", "L01")
    with engine.connect() as connection:
        number = connection.execute(select(Customer.number).limit(1)).scalar_one()
    writer = sqlite3.connect(central_file, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # a sync's applier, mid-transaction
    try:
        started = time.monotonic()
        answer = service.customer(engine, caller, number)
        assert time.monotonic() - started < 0.5
        assert answer["customer"] is not None and answer["bills"]
    finally:
        writer.rollback()
        writer.close()
        engine.dispose()
