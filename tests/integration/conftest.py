"""Fixtures of the tests against a real PostgreSQL central store."""

import pytest

from counter.sync.worker import SyncLink
from tests.integration.sync_helpers import Admin, build_central, role_lock


@pytest.fixture
def admin(pg_url):
    """A superuser on the test database. At the end it drops the desk role if the
    tests made it and no other test database still uses it (roles are cluster-wide)."""
    superuser = Admin(pg_url)
    yield superuser
    with role_lock():
        superuser.drop_desk_role()
    superuser.close()


@pytest.fixture
def central(app, pg_url, admin):
    engine = build_central(app, pg_url, admin)
    yield engine
    engine.dispose()


@pytest.fixture
def link(app, central):
    return SyncLink(app.engine, central, "KPG", "L01", apply_here=False)
