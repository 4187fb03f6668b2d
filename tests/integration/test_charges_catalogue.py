"""The catalogue of other charges: imported from CSV at a counter store and at
central (all or nothing, bad lines named), listed in force by group and date,
and pulled by counters like every replicated table."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.cli import main
from counter.models import ChargeType
from counter.services.importing import import_files
from counter.central.embedded import EmbeddedCentral
from counter.sync.pull import pull_all
from tests.conftest import make_app
from tests.integration.sync_helpers import build_central
from tests.integration.test_central_import import central as central_url  # noqa: F401 - a fixture
from tests.integration.test_tariff_import import write

TARIFFS = """code,name,blocks
R1,Rumah Tangga 1,10:3100;20:4300;:5500
R2,Rumah Tangga 2,10:3600;20:4900;:6200
N1,Niaga Kecil,10:6500;:7800
"""
CHARGES = """code,name,amount,tariff_group,valid_from
SAMBUNG-KEMBALI,Biaya penyambungan kembali,150000,,2024-01-01
BUKA-SEGEL,Biaya buka segel,100000,,2024-01-01
BUKA-SEGEL,Biaya buka segel,125000,,2026-01-01
BUKA-SEGEL,Biaya buka segel niaga,250000,N1,2024-01-01
SAMBUNG-BARU,Biaya sambungan baru,1500000,,2024-01-01
BALIK-NAMA,Biaya balik nama,50000,,2024-01-01
GANTI-METER,Biaya ganti meter,350000,,2024-01-01
DENDA-SEGEL,Denda merusak segel,500000,,2024-01-01
"""


@pytest.fixture
def store(tmp_path):
    app = make_app(tmp_path / "store")
    import_files(app.uow(), tariffs=write(tmp_path, "tariffs.csv", TARIFFS))
    yield app
    app.engine.dispose()


def run(capsys, app, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(app.config.store.data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(engine) -> list[tuple]:
    with Session(engine) as s:
        return s.execute(select(ChargeType.code, ChargeType.tariff_group_id, ChargeType.valid_from,
                                ChargeType.name, ChargeType.amount).order_by(ChargeType.id)).all()


def test_a_catalogue_is_imported_listed_in_force_and_imported_again_unchanged(capsys, store, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")  # the table on one line a row
    charges = write(tmp_path, "charges.csv", CHARGES)
    code, out, err = run(capsys, store, "import", "--charges", str(charges), "--json")
    assert code == 0, err
    assert json.loads(out)["charges_new"] == 8
    code, out, _ = run(capsys, store, "charges", "list", "--group", "r2", "--on", "2025-11-24", "--json")
    listed = {r["code"]: (r["amount"], r["tariff_group"]) for r in json.loads(out)}
    assert listed == {"BALIK-NAMA": (50_000, None), "BUKA-SEGEL": (100_000, None), "DENDA-SEGEL": (500_000, None),
                      "GANTI-METER": (350_000, None), "SAMBUNG-BARU": (1_500_000, None),
                      "SAMBUNG-KEMBALI": (150_000, None)}
    code, out, _ = run(capsys, store, "charges", "list", "--group", "N1", "--on", "2026-02-01", "--json")
    assert {r["code"]: r["amount"] for r in json.loads(out)}["BUKA-SEGEL"] == 250_000  # the group's own row
    code, out, _ = run(capsys, store, "charges", "list", "--group", "R1", "--on", "2026-02-01", "--json")
    assert {r["code"]: r["amount"] for r in json.loads(out)}["BUKA-SEGEL"] == 125_000  # the newer version
    code, out, _ = run(capsys, store, "charges", "list", "--on", "2026-02-01")
    assert code == 0 and "Biaya buka segel niaga" in out and "Rp 125.000" in out and "semua" in out
    code, out, _ = run(capsys, store, "import", "--charges", str(charges), "--json")
    assert (json.loads(out)["charges_new"], json.loads(out)["charges_unchanged"]) == (0, 8)
    changed = write(tmp_path, "changed.csv", "code,name,amount,valid_from\nBALIK-NAMA,Biaya balik nama,60000,2024-01-01\n")
    code, out, _ = run(capsys, store, "import", "--charges", str(changed))
    assert code == 0 and "1 biaya lain baru" not in out and "diperbarui" in out


@pytest.mark.parametrize("line, reason", [
    ("BALIK-NAMA,Biaya balik nama,-50000,,2025-01-01", "amount '-50000' negatif"),
    ("BALIK-NAMA,Biaya balik nama,50000.5,,2025-01-01", "bukan jumlah rupiah bulat"),
    ("BALIK-NAMA,Biaya balik nama,50.000,,2025-01-01", "bukan jumlah rupiah bulat"),
    ("BALIK-NAMA,Biaya balik nama,50000,R9,2025-01-01", "golongan tarif 'R9' tidak dikenal"),
    ("BUKA-SEGEL,Lagi,1,,2024-01-01", "sudah ada di baris 3 (dua versi pada tanggal yang sama)"),
    ("BALIK NAMA,Biaya balik nama,50000,,2025-01-01", "code 'BALIK NAMA' tidak sah"),
    ("BALIK-NAMA,,50000,,2025-01-01", "name kosong"),
    ("BALIK-NAMA,Biaya balik nama,50000,,kemarin", "valid_from 'kemarin' bukan tanggal"),
])
def test_a_bad_line_is_named_and_nothing_is_written(capsys, store, tmp_path, line, reason):
    charges = write(tmp_path, "charges.csv", CHARGES + line + "\n")
    code, out, err = run(capsys, store, "import", "--charges", str(charges))
    assert code == 2, out
    assert "Impor dibatalkan, tidak ada data yang disimpan" in err
    assert f"charges.csv baris 10: " in err and reason in err and "baris 7" not in err
    assert rows_of(store.engine) == []


def test_missing_columns_and_a_bad_group_or_date_to_list_are_refused(capsys, store, tmp_path):
    bad = write(tmp_path, "charges.csv", "code,name,valid_from\nBALIK-NAMA,Balik nama,2024-01-01\n")
    code, _, err = run(capsys, store, "import", "--charges", str(bad))
    assert code == 2 and "kolom wajib tidak ada: amount" in err
    code, _, err = run(capsys, store, "charges", "list", "--group", "R9")
    assert code == 2 and "Golongan tarif 'R9' tidak dikenal" in err and "Traceback" not in err
    code, _, err = run(capsys, store, "charges", "list", "--on", "24-11-2025")
    assert code == 2 and "tanggal tidak valid" in err


def test_a_group_of_the_tariffs_file_of_the_same_import_is_known(store, tmp_path):
    tariffs = write(tmp_path, "more.csv", "code,name,blocks\nK1,Instansi,10:6000;:9000\n")
    charges = write(tmp_path, "charges.csv", "code,name,amount,tariff_group,valid_from\n"
                    "GANTI-METER,Ganti meter instansi,400000,K1,2024-01-01\n")
    summary = import_files(store.uow(), tariffs=tariffs, charges=charges)
    assert (summary.tariffs_new, summary.charges_new) == (1, 1)


def central_import(capsys, tmp_path, url: str, *argv: str) -> tuple[int, str, str]:
    (tmp_path / "operator").mkdir(exist_ok=True)
    code = main(["--data-dir", str(tmp_path / "operator"), "central", "import", "--url", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_central_imports_the_catalogue_under_one_change_number_all_or_nothing(capsys, tmp_path, central_url):
    url, engine = central_url
    tariffs, charges = write(tmp_path, "tariffs.csv", TARIFFS), write(tmp_path, "charges.csv", CHARGES)
    bad = write(tmp_path, "bad.csv", CHARGES + "BALIK-NAMA,Biaya balik nama,-1,,2025-01-01\n")
    code, _, err = central_import(capsys, tmp_path, url, "--tariffs", str(tariffs), "--charges", str(bad))
    assert code == 2 and "bad.csv baris 10: amount '-1' negatif" in err
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ChargeType)) == 0
    code, out, err = central_import(capsys, tmp_path, url, "--tariffs", str(tariffs), "--charges", str(charges),
                                    "--json")
    assert code == 0, err
    assert json.loads(out)["charges_new"] == 8
    with Session(engine) as s:
        assert len(set(s.scalars(select(ChargeType.change_seq)))) == 1
    code, out, _ = central_import(capsys, tmp_path, url, "--charges", str(charges))
    assert code == 0 and "Tidak ada perubahan" in out


def test_a_counter_pulls_the_catalogue_from_central(app, pg_url, tmp_path, capsys):
    central = build_central(app, pg_url)
    link = EmbeddedCentral(central, "KPG", "L01")
    pull_all(app.engine, link)
    before = len(rows_of(app.engine))
    charges = write(tmp_path, "charges.csv", "code,name,amount,tariff_group,valid_from\n"
                    "PINDAH-METER,Biaya pindah letak meter,275000,R2,2025-01-01\n")
    code, _, err = central_import(capsys, tmp_path, pg_url, "--charges", str(charges))
    assert code == 0, err
    pull_all(app.engine, link)
    pulled = rows_of(app.engine)
    assert len(pulled) == before + 1 and pulled[-1][0] == "PINDAH-METER" and pulled[-1][4] == 275_000
    central.dispose()


def test_the_demo_has_a_small_catalogue(app):
    from counter.services.charges import catalogue

    with app.uow() as uow:
        r2 = {r.code: r.amount for r in catalogue(uow.session, "R2", app.today())}
        n1 = {r.code: r.amount for r in catalogue(uow.session, "N1", app.today())}
    assert r2 == {"BALIK-NAMA": 50_000, "BUKA-SEGEL": 100_000, "DENDA-SEGEL": 500_000, "GANTI-METER": 350_000,
                  "SAMBUNG-BARU": 1_500_000, "SAMBUNG-KEMBALI": 150_000}
    assert n1["BUKA-SEGEL"] == 250_000
