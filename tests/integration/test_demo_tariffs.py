"""The demo's tariffs are real data: every group has a tariff version in force
over all its bills, each bill is what that tariff prices (`counter tariff price`
and reading-priced imports see the same figures), and commercial customers of
Niaga Besar have a fine scheme of their own."""

from __future__ import annotations

import json

from sqlalchemy import select

from counter.models import Bill, Customer, TariffGroup, TariffVersion
from counter.rules.tariff import price
from counter.services.billing import fine_schemes
from counter.services.tariffs import tariff_book
from tests.conftest import AS_OF
from tests.integration.test_setup import cli


def test_every_demo_group_has_a_tariff_version_from_before_its_first_bill(app):
    with app.uow() as uow:
        versions = uow.session.execute(select(TariffGroup.code, TariffVersion.valid_from, TariffVersion.admin_fee)
                                       .join(TariffVersion)).all()
        groups = set(uow.session.scalars(select(TariffGroup.code)))
        first = uow.session.scalar(select(Bill.period).order_by(Bill.period).limit(1))
    assert {code for code, _, _ in versions} == groups
    assert all(valid_from <= AS_OF and valid_from.year * 100 + valid_from.month <= first
               for _, valid_from, _ in versions)
    assert {fee for _, _, fee in versions} == {2_500}


def test_each_demo_bill_is_what_its_tariff_prices(app):
    with app.uow() as uow:
        book = tariff_book(uow.session)
        rows = uow.session.execute(
            select(Bill.period, Bill.usage_m3, Bill.water_charge, Bill.standing_charge, Bill.meter_fee,
                   Bill.admin_fee, TariffGroup.code)
            .join(Customer, Customer.id == Bill.customer_id).join(TariffGroup).where(Bill.id % 7 == 0)).all()
    assert len(rows) > 500 and {r.code for r in rows} == set(book.base)
    for r in rows:
        tariff = book.for_period(r.code, r.period)
        assert tariff.valid_from is not None  # a version, not the group's own columns
        assert r.water_charge == price(r.usage_m3, tariff).water_charge
        assert (r.standing_charge, r.meter_fee, r.admin_fee) == (
            tariff.standing_charge, tariff.meter_fee, tariff.admin_fee)


def test_counter_tariff_price_on_the_demo_shows_its_real_tariff(app, capsys):
    code, out, _ = cli(app, capsys, "tariff", "price", "R2", "25", "--on", AS_OF.isoformat(), "--json")
    priced = json.loads(out)
    assert code == 0 and priced["valid_from"] is not None
    assert (priced["water_charge"], priced["standing_charge"], priced["meter_fee"], priced["admin_fee"]) == (
        10 * 3_600 + 10 * 4_900 + 5 * 6_200, 12_500, 5_000, 2_500)


def test_niaga_besar_has_its_own_capped_fine_scheme(app):
    with app.uow() as uow:
        n2 = uow.session.scalar(select(TariffGroup.id).where(TariffGroup.code == "N2"))
        schemes = fine_schemes(uow.session, AS_OF)
    assert schemes.general.kind == "flat" and schemes.general.amount == 10_000
    assert set(schemes.by_group) == {n2}
    own = schemes.by_group[n2]
    assert own.kind == "staged" and own.maximum == 50_000
