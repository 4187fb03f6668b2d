"""A cashier corrects a customer's phone number and household size: audited,
queued, applied at central for its own office only, and pulled by the office's
other counters; bad values change nothing. The desk and the command line show
the usage per person it implies, flagged where implausible."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter.central.embedded import EmbeddedCentral
from counter.cli import main
from counter.errors import InvalidInput, NotAllowed, NotFound
from counter.models import AuditRecord, Bill, Customer, InboxEvent, OutboxEvent, TariffGroup
from counter.rules.text import key
from counter.rules.usage import usage_per_person
from counter.services.billing import quote
from counter.services.customer_details import clean_phone, update_details
from counter.services.demo import DEMO_PIN
from tests.conftest import make_app


def _number(app) -> str:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.scalar(select(Customer.number).where(Customer.household_size > 0).order_by(Customer.id))


def _written(app) -> tuple:  # noqa: ANN001
    with app.engine.connect() as connection:
        return (connection.execute(select(Customer.phone, Customer.household_size).order_by(Customer.id)).all(),
                connection.scalar(select(func.count()).select_from(OutboxEvent)),
                connection.scalar(select(func.count()).select_from(AuditRecord)))


def test_a_correction_is_audited_queued_and_only_what_changed(app, desk):
    number = _number(app)
    done = update_details(app.uow(), desk, number, phone=" 0812-3456 7890 ", household_size=6)
    assert (done.phone, done.household_size, set(done.changed)) == ("081234567890", 6, {"phone", "household_size"})
    with app.uow() as uow:
        customer = uow.session.scalars(select(Customer).where(Customer.number == number)).one()
        assert (customer.phone, customer.household_size) == ("081234567890", 6)
        event = uow.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "customer.updated")).one()
        assert event.payload["phone"] == "081234567890" and event.payload["household_size"] == 6
        record = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "customer.updated")).one()
        assert record.subject == number and record.details["household_size"]["now"] == 6
    before = _written(app)
    again = update_details(app.uow(), desk, number, phone="081234567890", household_size=6)
    assert again.changed == () and _written(app) == before  # nothing new: nothing written
    only = update_details(app.uow(), desk, number, household_size=7)
    assert only.changed == ("household_size",) and only.phone == "081234567890"


@pytest.mark.parametrize("phone, size, says", [
    ("abc", None, "Nomor telepon"), ("1234567", None, "Nomor telepon"), ("+62 812 3456 7890 12345", None, "8-15"),
    ("０８１２３４５６７８９", None, "Nomor telepon"), ("0812345678\n9", None, "Nomor telepon"),
    (None, 0, "jiwa"), (None, 100, "jiwa"), (None, True, "jiwa"), (None, None, "Sebutkan"),
])
def test_bad_values_change_nothing(app, desk, phone, size, says):
    before = _written(app)
    with pytest.raises(InvalidInput, match=says):
        update_details(app.uow(), desk, _number(app), phone=phone, household_size=size)
    assert _written(app) == before


def test_an_unknown_customer_and_a_desk_without_the_right_are_refused(app, desk):
    import dataclasses

    with pytest.raises(NotFound):
        update_details(app.uow(), desk, "00-NOBODY-00", household_size=3)
    with pytest.raises(NotAllowed):
        update_details(app.uow(), dataclasses.replace(desk, role="admin"), _number(app), household_size=3)


def test_central_applies_it_and_the_offices_other_counter_pulls_it(app, desk, tmp_path):
    number = _number(app)
    second = tmp_path / "second"
    shutil.copytree(app.config.store.data_dir, second, ignore=shutil.ignore_patterns("central.sqlite*"))
    other = make_app(second, "desk.counter=L02", "desk.user=kasir2")
    other_link = type(app.sync_link())(other.engine, EmbeddedCentral(app.embedded_engine, "KPG", "L02"), "KPG", "L02")
    other_link.cycle()
    update_details(app.uow(), desk, number, phone="+6281234567890", household_size=9)
    app.sync_link().cycle()
    with app.embedded_engine.connect() as connection:
        assert connection.execute(select(Customer.phone, Customer.household_size).where(
            Customer.number == number)).one() == ("+6281234567890", 9)
        assert connection.scalar(select(InboxEvent.status).where(InboxEvent.kind == "customer.updated")) == "applied"
    other_link.cycle()
    with other.engine.connect() as connection:
        assert connection.execute(select(Customer.phone, Customer.household_size).where(
            Customer.number == number)).one() == ("+6281234567890", 9)
    other.engine.dispose()


def test_central_refuses_a_correction_it_would_refuse_at_the_counter(app, desk):
    from counter.central.applier import apply_pending
    from tests.integration.attack_helpers import envelope

    central = app.embedded_engine
    number = _number(app)
    bad = [{"customer": number, "cashier": desk.username, "phone": "abc"},
           {"customer": number, "cashier": desk.username, "household_size": 0},
           {"customer": "00-NOBODY-00", "cashier": desk.username, "household_size": 3},
           {"customer": number, "cashier": desk.username},
           {"customer": number, "cashier": "nobody", "household_size": 3}]
    app.central.push([envelope("customer.updated", {**p, "office": "KPG", "counter": "L01"}) for p in bad])
    apply_pending(central)
    with central.connect() as connection:
        assert connection.scalars(select(InboxEvent.status).where(
            InboxEvent.kind == "customer.updated")).all() == ["rejected"] * len(bad)
        assert connection.scalar(select(Customer.household_size).where(Customer.number == number)) != 0


def test_the_usage_per_person_is_shown_and_flagged(app, desk):
    number = _number(app)
    with app.uow() as uow:
        customer = uow.session.scalars(select(Customer).where(Customer.number == number)).one()
        latest = uow.session.execute(select(Bill.period, Bill.usage_m3).where(Bill.customer_id == customer.id)
                                     .order_by(Bill.period.desc())).first()
        group = uow.session.get(TariffGroup, customer.tariff_group_id)
        bounds = (group.usage_low_lpd, group.usage_high_lpd)
    update_details(app.uow(), desk, number, household_size=1)
    with app.uow() as uow:
        usage = quote(uow.session, number, desk.today()).customer.usage
    assert usage.period == latest.period and usage.usage_m3 == latest.usage_m3
    assert usage.per_person == usage_per_person(latest.usage_m3, latest.period, 1, *bounds)


@given(usage=st.integers(0, 500), period=st.integers(2000, 2100).map(lambda y: y * 100 + 2),
       people=st.integers(1, 99), low=st.integers(0, 100), high=st.integers(0, 2000))
def test_usage_per_person_rounds_down_and_flags_outside_the_bounds(usage, period, people, low, high):
    found = usage_per_person(usage, period, people, low, high)
    days = 29 if (period // 100) % 4 == 0 else 28  # February, 2000..2100 (2100 is not a leap year)
    days = 28 if period // 100 == 2100 else days
    assert found.litres_per_day * people * days <= usage * 1000 < (found.litres_per_day + 1) * people * days
    assert found.flag == ("low" if low and found.litres_per_day < low
                          else "high" if high and found.litres_per_day > high else "")
    assert usage_per_person(usage, period, 0, low, high) is None


def test_phone_numbers_keep_digits_and_a_leading_plus():
    assert clean_phone("(0380) 821-234") == "0380821234"
    assert clean_phone("+62 812.3456.7890") == "+6281234567890"
    assert clean_phone("  ") == ""


def test_the_command_line_corrects_and_shows_it(app, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    number = _number(app)
    folder = str(app.config.store.data_dir)
    assert main(["--data-dir", folder, "customer", "update", number, "--phone", "0812 1111 2222",
                 "--household", "4", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["household_size"] == 4
    assert main(["--data-dir", folder, "quote", number]) == 0
    out = capsys.readouterr().out
    assert "081211112222" in out and "Jiwa: 4" in out and "liter/orang/hari" in out
    for argv, says in ((["customer", "update", number], "--phone"),
                       (["customer", "update", number, "--household", "0"], "jiwa"),
                       (["customer", "update", number, "--phone", "12"], "Nomor telepon"),
                       (["customer", "update", "00-NOBODY-00", "--household", "2"], "tidak ditemukan")):
        assert main(["--data-dir", folder, *argv]) == 2
        captured = capsys.readouterr()
        assert says in captured.err + captured.out and "Traceback" not in captured.err
    with app.uow() as uow:
        assert uow.session.scalar(select(Customer.household_size).where(Customer.number_key == key(number))) == 4
