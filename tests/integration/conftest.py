"""Fixtures of the tests against a real PostgreSQL central store, reached as a
counter reaches it: central's HTTP API under uvicorn, with a device key."""

import pytest

from counter.sync.worker import SyncLink
from tests.central_server import ThreadServer
from tests.integration.sync_helpers import Admin, build_central


@pytest.fixture
def admin(pg_url):
    """A superuser on the test database (to terminate backends)."""
    superuser = Admin(pg_url)
    yield superuser
    superuser.close()


@pytest.fixture
def central(app, pg_url):
    """Central's PostgreSQL database, made from the counter's demo store."""
    engine = build_central(app, pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def server(central):
    """Central's API on 127.0.0.1. Its applier does not run by itself: the tests
    apply the inbox when they mean to (`drain`), so they can see each stage."""
    running = ThreadServer(central, apply=False)
    yield running
    running.stop()


@pytest.fixture
def link(app, server):
    """Counter L01 of office KPG, enrolled at central."""
    central = server.link("KPG", "L01")
    yield SyncLink(app.engine, central, "KPG", "L01")
    central.close()


@pytest.fixture
def till(app, desk):
    """The demo cashier's shift at L01 (an empty drawer): money is taken only into an open shift."""
    from counter.services.shifts import open_shift

    return open_shift(app.uow(), desk, 0)
