"""A counters' login made for one office sees only that office's customers,
bills and plans, and can send events and audit records only as that office
(row-level security on a real PostgreSQL)."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from counter.cli import main
from counter.models import AuditRecord, Bill, Customer, InboxEvent, Payment, PaymentLine
from counter.sync.central import DESK_ROLE, central_engine, desk_login
from counter.sync.state import CentralUnreachable
from counter.sync.worker import SyncLink
from tests.integration.sync_helpers import count, desk_at, drain, owing_customers, pay_oldest, role_lock

PASSWORD = f"desk-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def two_offices(central, admin):
    """Central with a second office (SOE) and one customer with a bill in it."""
    with central.begin() as c:
        c.execute(text("INSERT INTO office (code, name, address, utility_name, receipt_key, change_seq)"
                       " VALUES ('SOE', 'Unit Soe', '', '', repeat('a', 64), 0)"))
        office = c.execute(text("SELECT id FROM office WHERE code = 'SOE'")).scalar()
        c.execute(text("INSERT INTO counter (office_id, code, name, change_seq) VALUES (:o, 'L01', 'Loket 1', 0)"),
                  {"o": office})
        group = c.execute(text("SELECT min(id) FROM tariff_group")).scalar()
        customer = c.execute(text(
            "INSERT INTO customer (number, number_key, meter_no, meter_key, name, address, village, district,"
            " tariff_group_id, office_id, status, household_size, fine_exempt, search_name, search_place,"
            " change_seq) VALUES ('99-01-000001', '9901000001', '', '', 'Orang Soe', '', '', '', :g, :o,"
            " 'active', 4, false, 'orang soe', '', 0) RETURNING id"), {"g": group, "o": office}).scalar()
        c.execute(text("INSERT INTO bill (customer_id, period, meter_start, meter_end, usage_m3, water_charge,"
                       " standing_charge, meter_fee, admin_fee, due_date, status, change_seq) VALUES"
                       " (:c, 202510, 0, 10, 10, 30000, 5000, 2000, 2500, '2025-10-20', 'unpaid', 0)"),
                  {"c": customer})
    roles = []
    with role_lock():
        for office_code in ("KPG", "SOE"):
            roles.append(desk_login(central, office_code, PASSWORD))
    yield roles
    with role_lock():
        for role in roles:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE IF EXISTS {role}")


def login(central, role: str):
    return central_engine(make_url(central.url.render_as_string(hide_password=False))
                          .set(username=role, password=PASSWORD).render_as_string(hide_password=False))


def test_each_office_login_sees_only_its_own_customers_and_bills(app, central, two_offices):
    kpg, soe = (login(central, role) for role in two_offices)
    try:
        pay_oldest(app, desk_at(app), owing_customers(app, 1)[0])  # one payment, one audit record
        pushed, _ = SyncLink(app.engine, kpg, "KPG", "L01", False).cycle()  # a whole sync as KPG's login
        assert pushed.sent == 1 and count(central, "audit_log") == 1
        with central.connect() as c:
            all_customers = c.scalar(select(func.count()).select_from(Customer))
            kpg_customers = c.scalar(text("SELECT count(*) FROM customer WHERE office_id ="
                                          " (SELECT id FROM office WHERE code = 'KPG')"))
            kpg_bills = c.scalar(text("SELECT count(*) FROM bill JOIN customer ON customer.id = bill.customer_id"
                                      " WHERE customer.office_id = (SELECT id FROM office WHERE code = 'KPG')"))
        with kpg.connect() as c:
            assert c.scalar(select(func.count()).select_from(Customer)) == kpg_customers == all_customers - 1
            assert c.scalar(select(func.count()).select_from(Bill)) == kpg_bills
            assert c.scalar(select(func.count()).where(Customer.number == "99-01-000001")) == 0
        with soe.connect() as c:
            assert c.execute(select(Customer.name)).scalars().all() == ["Orang Soe"]
            assert c.scalar(select(func.count()).select_from(Bill)) == 1
        drain(central)  # the day's figures: each office reads its own payments only
        for engine, payments in ((kpg, 1), (soe, 0)):
            with engine.connect() as c:
                assert c.scalar(select(func.count()).select_from(Payment)) == payments
                assert c.scalar(select(func.count()).select_from(PaymentLine)) == payments
    finally:
        kpg.dispose()
        soe.dispose()


def test_an_office_login_cannot_send_as_another_office(central, two_offices):
    soe = login(central, two_offices[1])
    now = dt.datetime.now(dt.timezone.utc)
    event = dict(id=uuid.uuid4(), office="KPG", counter="L01", kind="payment.created", payload={}, created_at=now,
                 received_at=now, status="pending", reason="", processed_at=None)
    try:
        with soe.begin() as c, pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(insert(InboxEvent.__table__), event)
        with soe.begin() as c:  # as itself it may
            c.execute(insert(InboxEvent.__table__), {**event, "office": "SOE"})
        kpg_counter = 1
        record = dict(chain=kpg_counter, seq=1, prev_hash="0" * 64, hash="f" * 64, at=now, user_id=None,
                      counter_id=kpg_counter, action="payment", subject="palsu", details={})
        append = (postgresql.insert(AuditRecord.__table__).inline()
                  .on_conflict_do_nothing(index_elements=["chain", "seq"]))
        with soe.begin() as c, pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(append, [record])
    finally:
        soe.dispose()


def test_desk_login_from_the_command_line_and_bad_input(app, central, two_offices, capsys):
    url = central.url.render_as_string(hide_password=False)
    data = ["--data-dir", str(app.config.store.data_dir)]
    with role_lock():
        assert main([*data, "central", "desk-login", "--url", url, "--office", "SOE", "--desk-password", PASSWORD,
                     "--json"]) == 0
    assert f'"{DESK_ROLE}_soe"' in capsys.readouterr().out
    assert main([*data, "central", "desk-login", "--url", url, "--office", "XYZ", "--desk-password", PASSWORD]) == 2
    assert "tidak ada di pusat" in capsys.readouterr().err
    assert main([*data, "central", "desk-login", "--url", url, "--office", "SOE", "--desk-password", "x'; --"]) == 2


def test_sslmode_in_the_central_url_reaches_the_driver(app, central):
    """The URL's sslmode is the driver's: `require` against a server without TLS is refused, not ignored."""
    url = make_url(central.url.render_as_string(hide_password=False))
    insisting = central_engine(url.update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False))
    try:
        with pytest.raises(OperationalError, match="SSL"):
            insisting.connect().close()
        with pytest.raises(CentralUnreachable):
            SyncLink(app.engine, insisting, "KPG", "L01", False).cycle()
    finally:
        insisting.dispose()
    plain = central_engine(url.update_query_dict({"sslmode": "disable"}).render_as_string(hide_password=False))
    with plain.connect() as c:
        assert c.scalar(text("SELECT 1")) == 1
    plain.dispose()


def test_a_user_added_at_central_reaches_the_counter(app, central, monkeypatch, capsys):
    from counter.models import User
    from counter.services.approval import Approval, sign_in
    from counter.services.demo import DEMO_PIN

    url = central.url.render_as_string(hide_password=False)
    monkeypatch.setenv("COUNTER_SECRET", "pin-7777")  # the new user's PIN
    assert main(["--data-dir", str(app.config.store.data_dir), "-o", f"central.url={url}", "setup", "user",
                 "kasir7", "--name", "Kasir Tujuh", "--role", "cashier", "--password", "--central",
                 "--approver", "admin", "--approver-pin", DEMO_PIN]) == 0
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).where(User.username == "kasir7")) == 0
    SyncLink(app.engine, central, "KPG", "L01", False).cycle()
    signed = sign_in(app.uow(), desk_at(app), Approval("kasir7", "pin-7777"))
    assert (signed.username, signed.role) == ("kasir7", "cashier")
