"""Shared fixtures: a real SQLite store with a small demo utility in it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Device keys go to a 0600 file, never into the keyring of whoever runs the tests.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# Cheap PIN hashes (services.approval.CHEAP) keep the suite fast; read once, when counter is first
# imported, so before any import of it below. tests/unit/test_pin_hash.py checks the real cost.
os.environ["COUNTER_TEST_CHEAP_HASH"] = "1"

from hypothesis import settings as hypothesis_settings  # noqa: E402

# A loaded 2-core CI machine must not fail a property test on time alone.
hypothesis_settings.register_profile("ci", deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

from counter import config  # noqa: E402
from counter.bootstrap import App  # noqa: E402
from counter.services.context import Desk  # noqa: E402
from counter.services.demo import create_demo  # noqa: E402

# The demo's "today": 24 Nov 2025, after the 20th, so November's bill is overdue.
AS_OF = dt.date(2025, 11, 24)
DEMO_CUSTOMERS = 400


def make_app(data_dir: Path, *overrides: str) -> App:
    return App(config.load(data_dir=data_dir, overrides=list(overrides)))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store built once per test session; tests get a copy."""
    folder = tmp_path_factory.mktemp("demo-template")
    app = make_app(folder)
    create_demo(app.uow(), customers=DEMO_CUSTOMERS, seed=7, as_of=AS_OF)
    app.engine.dispose()
    return folder


@pytest.fixture
def app(demo_template: Path, tmp_path: Path) -> App:
    folder = tmp_path / "counter"
    shutil.copytree(demo_template, folder)
    application = make_app(folder)
    yield application
    application.engine.dispose()


def clock_at(day: dt.date, hour: int = 10):
    """A clock fixed at `hour`:00 local time (WITA, UTC+8) on `day`."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return lambda: moment


@pytest.fixture
def desk(app: App) -> Desk:
    """The demo cashier at counter L01, on AS_OF at 10:00 local time."""
    import dataclasses

    return dataclasses.replace(app.desk(), clock=clock_at(AS_OF))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped PostgreSQL test is a failure: the server must be there."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    postgres = [r for r in skipped if "postgres" in getattr(r, "keywords", {})]
    if postgres:
        reporter.write_line(f"CI: {len(postgres)} PostgreSQL test(s) were skipped; failing the run.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---- PostgreSQL ---------------------------------------------------------------------

PG_ADMIN_URL = os.environ.get("COUNTER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def pg_url() -> str:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards).
    Skips when no server answers; CI fails on such a skip (see pytest_sessionfinish)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 2})
    name = f"counter_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001
        admin.dispose()
        pytest.skip(f"no PostgreSQL server: {error}")
    yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the PostgreSQL server is marked `postgres`."""
    for item in items:
        if "pg_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
