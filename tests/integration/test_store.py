import datetime as dt
import hashlib
import sqlite3

from sqlalchemy import func, select, text

from counter.models import Bill, Customer, TariffGroup
from counter.rules.tariff import water_charge
from counter.services.demo import GROUPS, create_demo
from counter.services.lookup import find_customers
from counter.store import migrate
from counter.store.engine import sqlite_engine
from tests.conftest import AS_OF, DEMO_CUSTOMERS, make_app


def test_local_store_is_durable_wal(app):
    with app.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_store_written_by_an_older_version_opens(tmp_path):
    """A store at the first revision, with a customer in it, opens and is migrated."""
    path = tmp_path / "counter.sqlite"
    engine = sqlite_engine(path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO tariff_group (id, code, name, category, minimum_m3, standing_charge,"
                                " meter_fee, fine_exempt) VALUES (1, 'R1', 'Rumah Tangga 1', '', 10, 0, 0, 0)"))
        connection.execute(text(
            "INSERT INTO customer (number, number_key, meter_no, meter_key, name, address, village, district,"
            " tariff_group_id, status, household_size, fine_exempt, search_name, search_place) VALUES"
            " ('01-01-000001', '0101000001', '', '', 'Yohanes Ndun', 'Jl. Timor Raya', 'Oesapa', 'Kelapa Lima',"
            " 1, 'active', 5, 0, 'yohanes ndun', 'jl timor raya oesapa kelapa lima')"))
    engine.dispose()
    app = make_app(tmp_path)
    assert migrate.current_revision(app.engine) == migrate.head_revision()
    with app.uow() as uow:
        assert [s.number for s in find_customers(uow.session, "ndun oesapa")] == ["01-01-000001"]


def test_demo_bills_are_priced_by_the_tariff_rules(app):
    specs = {g.code: g for g in GROUPS}
    with app.uow() as uow:
        rows = uow.session.execute(
            select(Bill.usage_m3, Bill.water_charge, Bill.meter_start, Bill.meter_end, TariffGroup.code)
            .join(Customer, Customer.id == Bill.customer_id).join(TariffGroup)
            .where(Bill.id % 97 == 0)
        ).all()
    assert len(rows) > 50
    for usage, charge, start, end, code in rows:
        spec = specs[code]
        assert charge == water_charge(usage, spec.blocks, spec.minimum_m3)
        assert end - start == usage >= 0


def test_demo_is_realistic(app):
    with app.uow() as uow:
        s = uow.session
        customers = s.scalar(select(func.count()).select_from(Customer))
        periods = s.scalars(select(Bill.period).distinct().order_by(Bill.period)).all()
        overdue = s.scalar(select(func.count(func.distinct(Bill.customer_id)))
                           .where(Bill.status == "unpaid", Bill.due_date < AS_OF))
        statuses = dict(s.execute(select(Customer.status, func.count()).group_by(Customer.status)).all())
        groups = s.scalar(select(func.count()).select_from(TariffGroup))
    assert customers == DEMO_CUSTOMERS and len(periods) == 24 and periods[-1] == 202511
    assert 0.3 < overdue / customers < 0.5
    assert statuses["sealed"] > 0 and statuses["active"] > customers / 2
    assert groups >= 6


def fingerprint(folder) -> str:
    db = sqlite3.connect(folder / "counter.sqlite")
    digest = hashlib.sha256()
    for table in ("customer", "bill"):
        for row in db.execute(f"SELECT * FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
    db.close()
    return digest.hexdigest()


def test_demo_is_deterministic_from_its_seed(tmp_path):
    digests = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        app = make_app(tmp_path / name)
        create_demo(app.uow(), customers=150, seed=seed, as_of=dt.date(2025, 11, 24))
        app.engine.dispose()
        digests.append(fingerprint(tmp_path / name))
    assert digests[0] == digests[1] != digests[2]


def test_demo_refuses_a_store_with_data(app):
    import pytest

    from counter.errors import InvalidInput

    with pytest.raises(InvalidInput, match="sudah berisi"):
        create_demo(app.uow(), customers=10)


def test_the_migrations_make_exactly_the_tables_the_models_describe(app):
    """Alembic finds nothing to change between the migrated store and the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from counter.models import Base

    with app.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ignored = {"customer_names", "customer_words", "customer_trigram"}  # FTS5 tables made by SQL, not models
    real = [d for d in differences if not (d[0] == "remove_table" and (d[1].name in ignored
                                                                     or d[1].name.startswith(tuple(ignored))))]
    assert real == []


def test_a_store_with_payments_upgrades_across_every_later_migration(tmp_path):
    """SQLite cannot copy a table that others reference by foreign key: every
    migration after the first must add to a store that already took money."""
    engine = sqlite_engine(tmp_path / "counter.sqlite")
    migrate.upgrade(engine, "0006")
    statements = [
        "INSERT INTO office (id, code, name, address, utility_name, change_seq) VALUES (1, 'KPG', 'Unit', '', '', 0)",
        "INSERT INTO counter (id, office_id, code, name, change_seq) VALUES (1, 1, 'L01', 'Loket 1', 0)",
        "INSERT INTO app_user (id, username, full_name, role, office_id, active, change_seq)"
        " VALUES (1, 'kasir1', 'Kasir', 'cashier', 1, 1, 0)",
        "INSERT INTO tariff_group (id, code, name, category, minimum_m3, standing_charge, meter_fee, fine_exempt,"
        " change_seq) VALUES (1, 'R1', 'Rumah Tangga 1', '', 10, 0, 0, 0, 0)",
        "INSERT INTO customer (id, number, number_key, meter_no, meter_key, name, address, village, district,"
        " tariff_group_id, office_id, status, household_size, fine_exempt, search_name, search_place, change_seq)"
        " VALUES (1, '01', '01', '', '', 'Yohanes Ndun', '', '', '', 1, 1, 'active', 5, 0, 'yohanes ndun', '', 0)",
        "INSERT INTO bill (id, customer_id, period, meter_start, meter_end, usage_m3, water_charge, standing_charge,"
        " meter_fee, admin_fee, due_date, status, payment_id, change_seq) VALUES (1, 1, 202510, 0, 10, 10, 30000,"
        " 0, 0, 0, '2025-10-20', 'paid', X'01', 0)",
        "INSERT INTO payment (id, receipt_no, office_id, counter_id, cashier_id, customer_id, paid_at, business_date,"
        " method, subtotal, stamp_duty, total, tendered, change, reference, status, taken_offline, reprint_count)"
        " VALUES (X'01', 'KPG-L01-20251124-0001', 1, 1, 1, 1, '2025-11-24 02:00:00', '2025-11-24', 'cash', 30000,"
        " 0, 30000, 30000, 0, '', 'completed', 0, 0)",
        "INSERT INTO payment_line (payment_id, seq, kind, bill_id, period, water_charge, standing_charge, meter_fee,"
        " admin_fee, fine, amount) VALUES (X'01', 1, 'bill', 1, 202510, 30000, 0, 0, 0, 0, 30000)",
        "INSERT INTO audit_log (at, user_id, counter_id, action, subject, details)"
        " VALUES ('2025-11-24 02:00:00', 1, 1, 'payment', 'KPG-L01-20251124-0001', '{}')",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status, void_reason FROM payment")).one() == ("completed", "")
        assert len(connection.execute(text("SELECT receipt_key FROM office")).scalar()) == 64
    engine.dispose()
