"""Bills priced by the tariff at import: by readings only, a differing water
charge refused / repriced / kept, tariff versions by date; and `counter tariff price`.

The tariffs are BPSPAM Tirto Manunggal's (Kab. Magelang, "Daftar Tarif Air Bersih",
https://id.scribd.com/document/444940649/Tarif-Tirto-Manunggal), whose worked
example prices 52 m3 for its four groups; and a 10 m3 minimum as Bondowoso's
(Keputusan Bupati 188.45/262/430.4.2/2022)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.central.importing import import_into_central
from counter.central.store import central_engine, init_central
from counter.cli import main
from counter.errors import ImportRejected, InvalidInput
from counter.models import Bill, Customer, Office, TariffVersion
from counter.services.importing import import_files
from tests.conftest import make_app

TARIFFS = """code,name,standing_charge,minimum_m3,valid_from,blocks
R1,Rumah Tangga Golongan 1,4500,0,,10:100;20:200;30:300;1000:400
R2,Rumah Tangga Golongan 2,5500,0,,10:200;20:300;30:400;1000:500
S,Sosial,4500,0,,25:100;50:200;1000:300
B,Bisnis,7000,0,,25:300;40:400;1000:500
R1,Rumah Tangga Golongan 1,6000,10,2026-01-01,10:150;20:250;:450
"""
CUSTOMERS = """number,name,tariff_group
01-0001,Satu,R1
01-0002,Dua,R2
01-0003,Tiga,S
01-0004,Empat,B
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.fixture
def store(tmp_path):
    app = make_app(tmp_path / "store")
    import_files(app.uow(), tariffs=write(tmp_path, "tariffs.csv", TARIFFS),
                 customers=write(tmp_path, "customers.csv", CUSTOMERS))
    yield app
    app.engine.dispose()


def bills_of(app) -> dict[tuple[str, int], tuple[int, int, int, int]]:
    with app.uow() as uow:
        return {(c, b.period): (b.usage_m3, b.water_charge, b.standing_charge, b.admin_fee) for c, b in uow.session.execute(
            select(Customer.number, Bill).join(Bill, Bill.customer_id == Customer.id))}


def test_bills_with_readings_only_are_priced_by_the_tariff(store, tmp_path):
    """The source's 52 m3 for every group: R1 14.800 + 4.500, R2 20.000 + 5.500,
    S 8.100 + 4.500, B 19.500 + 7.000."""
    bills = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end\n"
                  "01-0001,2025-10,100,152\n01-0002,2025-10,0,52\n01-0003,2025-10,48,100\n01-0004,2025-10,1000,1052\n")
    summary = import_files(store.uow(), bills=bills)
    assert summary.bills_new == 4 and any("4 rekening dihitung" in w for w in summary.warnings)
    assert bills_of(store) == {("01-0001", 202510): (52, 14_800, 4_500, 0), ("01-0002", 202510): (52, 20_000, 5_500, 0),
                               ("01-0003", 202510): (52, 8_100, 4_500, 0), ("01-0004", 202510): (52, 19_500, 7_000, 0)}


def test_a_bill_is_priced_by_the_version_in_force_on_its_months_first_day(store, tmp_path):
    bills = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end,water_charge\n"
                  "01-0001,2025-12,0,5,\n01-0001,2026-01,5,10,\n01-0001,2026-02,10,35,\n")
    import_files(store.uow(), bills=bills)
    found = bills_of(store)
    assert found["01-0001", 202512] == (5, 500, 4_500, 0)  # the old tariff, no minimum
    assert found["01-0001", 202601] == (5, 1_500, 6_000, 0)  # the new one: 10 m3 minimum at 150
    assert found["01-0001", 202602] == (25, 10 * 150 + 10 * 250 + 5 * 450, 6_000, 0)


def test_a_differing_water_charge_is_refused_listing_each_line(store, tmp_path):
    bills = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end,water_charge,standing_charge,meter_fee,"
                  "admin_fee\n01-0001,2025-10,0,52,14800,4500,0,0\n01-0002,2025-10,0,52,0,5500,0,0\n"
                  "01-0003,2025-10,0,52,9000,4500,0,0\n")
    with pytest.raises(ImportRejected) as caught:
        import_files(store.uow(), bills=bills)
    message = str(caught.value)
    assert "bills.csv baris 3: water_charge 0 berbeda dari harga tarif R2 untuk 52 m3: 20000" in message
    assert "bills.csv baris 4: water_charge 9000 berbeda dari harga tarif S untuk 52 m3: 8100" in message
    assert "baris 2" not in message
    assert bills_of(store) == {}

    import_files(store.uow(), bills=bills, water_charges="reprice")
    assert bills_of(store)["01-0002", 202510][1] == 20_000 and bills_of(store)["01-0003", 202510][1] == 8_100


def test_the_files_figure_is_kept_when_told(store, tmp_path):
    bills = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end,water_charge,standing_charge,meter_fee,"
                  "admin_fee\n01-0003,2025-10,0,52,9000,4500,0,0\n")
    import_files(store.uow(), bills=bills, water_charges="keep")
    assert bills_of(store)["01-0003", 202510][1] == 9_000


def test_readings_going_backwards_are_refused_with_the_line(store, tmp_path):
    bills = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end\n01-0001,2025-10,100,152\n"
                  "01-0002,2025-10,152,100\n")
    with pytest.raises(ImportRejected, match="bills.csv baris 3: meter_end 100 lebih kecil dari meter_start 152"):
        import_files(store.uow(), bills=bills)
    assert bills_of(store) == {}


def test_a_tariff_without_blocks_and_overlapping_versions_are_refused(tmp_path):
    app = make_app(tmp_path / "store")
    try:
        tariffs = write(tmp_path, "t.csv", "code,name,valid_from,blocks\nR1,A,,10:100;:200\nR2,B,2026-01-01,\n"
                        "R1,A,2026-01-01,10:150;:250\nR1,A,2026-01-01,10:160;:260\n")
        with pytest.raises(ImportRejected) as caught:
            import_files(app.uow(), tariffs=tariffs)
        message = str(caught.value)
        assert "t.csv baris 3: blocks kosong" in message
        assert "t.csv baris 5: tarif R1 berlaku 2026-01-01 sudah ada di baris 4" in message
        with app.uow() as uow:
            assert uow.session.scalars(select(TariffVersion)).all() == []
    finally:
        app.engine.dispose()


def test_a_bill_before_a_groups_first_version_has_no_tariff(tmp_path):
    app = make_app(tmp_path / "store")
    try:
        tariffs = write(tmp_path, "t.csv", "code,name,valid_from,blocks\nN,Niaga,2026-01-01,10:100;:200\n")
        people = write(tmp_path, "c.csv", "number,name,tariff_group\n9,Toko,N\n")
        bills = write(tmp_path, "b.csv", "number,period,meter_start,meter_end\n9,2025-12,0,5\n9,2026-01,5,10\n")
        with pytest.raises(ImportRejected, match="b.csv baris 2: golongan tarif N tidak punya tarif"):
            import_files(app.uow(), tariffs=tariffs, customers=people, bills=bills)
    finally:
        app.engine.dispose()


def test_tariffs_reimport_unchanged_and_old_files_still_import(store, tmp_path):
    summary = import_files(store.uow(), tariffs=write(tmp_path, "tariffs.csv", TARIFFS))
    assert summary.tariffs_unchanged == 5 and summary.tariffs_updated == 0
    old = write(tmp_path, "old.csv", "code,name,blocks\nR2,Rumah Tangga Golongan 2,10:200;20:300;30:400;1000:500\n")
    assert import_files(store.uow(), tariffs=old).tariffs_unchanged == 1


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_central_prices_and_refuses_the_same(kind, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'central.sqlite'}" if kind == "sqlite" else request.getfixturevalue("pg_url")
    engine = central_engine(url, timeout_s=10)
    try:
        init_central(engine)
        with Session(engine) as s, s.begin():
            s.add(Office(code="KPG", name="Unit"))
        files = {"tariffs": write(tmp_path, "tariffs.csv", TARIFFS), "customers": write(tmp_path, "customers.csv", CUSTOMERS)}
        bad = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end,water_charge\n01-0001,2026-01,0,5,\n"
                    "01-0004,2025-10,0,52,1\n")
        with pytest.raises(ImportRejected, match="baris 3: water_charge 1 berbeda dari harga tarif B untuk 52 m3: 19500"):
            import_into_central(engine, office_code="KPG", bills=bad, **files)
        summary = import_into_central(engine, office_code="KPG", bills=bad, water_charges="reprice", **files)
        assert summary.bills_new == 2
        with Session(engine) as s:
            assert sorted(s.execute(select(Bill.water_charge, Bill.standing_charge)).all()) == [(1_500, 6_000),
                                                                                              (19_500, 7_000)]
            assert s.scalar(select(TariffVersion.blocks)) == [[10, 150], [20, 250], [None, 450]]
        again = import_into_central(engine, office_code="KPG", bills=bad, water_charges="reprice", **files)
        assert again.tariffs_unchanged == 5 and again.bills_unchanged == 2
    finally:
        engine.dispose()


# ---- counter tariff price ------------------------------------------------------------


def run(capsys, app, *args):
    code = main(["--data-dir", str(app.config.store.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_tariff_price_shows_every_block_and_the_fixed_charges(store, capsys):
    code, out, _ = run(capsys, store, "tariff", "price", "r2", "52", "--on", "2025-10-01")
    assert code == 0
    assert "11 s/d 20" in out and "> 30" in out and "Rp 11.000" in out and "Rp 25.500" in out
    code, out, _ = run(capsys, store, "tariff", "price", "R2", "52", "--on", "2025-10-01", "--json")
    priced = json.loads(out)
    assert [b["m3"] for b in priced["blocks"]] == [10, 10, 10, 22]
    assert (priced["water_charge"], priced["standing_charge"], priced["total"]) == (20_000, 5_500, 25_500)
    code, out, _ = run(capsys, store, "tariff", "price", "R1", "3", "--on", "2026-01-01", "--json")
    priced = json.loads(out)
    assert (priced["valid_from"], priced["billed_m3"], priced["water_charge"]) == ("2026-01-01", 10, 1_500)


@pytest.mark.parametrize("argv", [("R9", "5"), ("R1", "-5"), ("R1", "lima"), ("R1", "5", "--on", "kemarin"),
                                  ("R1",)])
def test_tariff_price_bad_input_exits_2_without_a_traceback(store, capsys, argv):
    code, out, err = run(capsys, store, "tariff", "price", *argv)
    assert code == 2 and "Traceback" not in err + out and err.strip()
