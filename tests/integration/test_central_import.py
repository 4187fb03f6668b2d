"""`counter central import`: the billing system's CSV files straight into central's
database (PostgreSQL, and a SQLite central), all or nothing, idempotent, every
row written under a new change number that counters pull."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter.central.embedded import EmbeddedCentral
from counter.central.importing import import_into_central
from counter.central.service import caller_for, changes
from counter.central.store import central_engine, init_central
from counter.cli import main
from counter.errors import ImportRejected
from counter.models import (
    Bill,
    ChangeSequence,
    Counter,
    Customer,
    Office,
    TariffBlock,
    TariffGroup,
)
from counter.models.replication import REPLICATED
from counter.rules.text import key
from counter.sync.pull import END, END_UUID, pull_all
from tests.integration.sync_helpers import build_central

OPERATOR = ""
UUID_TABLES = {m.__tablename__ for m in REPLICATED if m.__table__.c.id.type.python_type is uuid.UUID}
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SAMPLE_FILES = ("--tariffs", str(SAMPLES / "tariffs.csv"), "--customers", str(SAMPLES / "customers.csv"),
                "--bills", str(SAMPLES / "bills.csv"))


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def central(request, tmp_path):
    """(url, engine) of an empty central with office KPG and its counter L01."""
    url = f"sqlite:///{tmp_path / 'central.sqlite'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = central_engine(url, timeout_s=10)
    init_central(engine)
    with Session(engine) as session, session.begin():
        office = Office(code="KPG", name="Unit Kupang")
        session.add(office)
        session.flush()
        session.add(Counter(office_id=office.id, code="L01", name="Loket 1"))
    yield url, engine
    engine.dispose()


@pytest.fixture(autouse=True)
def operator_folder(tmp_path):
    """The operator's own folder (--data-dir), not the one of whoever runs the tests."""
    folder = tmp_path / "operator"
    folder.mkdir()
    global OPERATOR
    OPERATOR = str(folder)


def run(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    """The command with --keep-file-figures unless told otherwise: the generated files'
    water charges are made up (pricing by the tariff: test_tariff_import.py)."""
    if "--reprice" not in argv and "--check" not in argv:
        argv = (*argv, "--keep-file-figures")
    argv = tuple(a for a in argv if a != "--check")
    code = main(["--data-dir", OPERATOR, "central", "import", "--url", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def change_number(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(ChangeSequence.value).where(ChangeSequence.name == "change"))


def snapshot(engine) -> tuple:
    """Everything an import may change, with change numbers."""
    with Session(engine) as s:
        return (
            change_number(engine),
            s.execute(select(TariffGroup.code, TariffGroup.name, TariffGroup.standing_charge, TariffGroup.change_seq)
                      .order_by(TariffGroup.id)).all(),
            s.execute(select(TariffBlock.tariff_group_id, TariffBlock.seq, TariffBlock.price_per_m3,
                             TariffBlock.change_seq).order_by(TariffBlock.id)).all(),
            s.execute(select(Customer.number_key, Customer.name, Customer.office_id, Customer.change_seq)
                      .order_by(Customer.id)).all(),
            s.execute(select(Bill.customer_id, Bill.period, Bill.water_charge, Bill.status, Bill.change_seq)
                      .order_by(Bill.id)).all(),
        )


def generated(tmp_path: Path, customers: int = 40, tariff: str = "R1", prefix: str = "77.01.") -> tuple[Path, Path]:
    """A customers file and a month of bills for them."""
    people = [["number", "name", "tariff_group", "address"]]
    bills = [["number", "period", "meter_start", "meter_end", "water_charge", "standing_charge", "meter_fee",
              "admin_fee"]]
    for i in range(customers):
        number = f"{prefix}{i:05d}"
        people.append([number, f"Pelanggan {i}", tariff, f"Jl. Uji No. {i}"])
        bills.append([number, "2025-11", 100 + i, 110 + i + i % 5, 31_000 + i, 10_000, 5_000, 2_500])
    return write_csv(tmp_path / "gen_customers.csv", people), write_csv(tmp_path / "gen_bills.csv", bills)


# ---- importing and re-importing ---------------------------------------------------------


def test_samples_import_with_change_numbers_and_a_second_run_changes_nothing(capsys, central):
    url, engine = central
    before = change_number(engine)
    code, out, err = run(capsys, url, *SAMPLE_FILES, "--office", "kpg", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["tariffs_new"], summary["customers_new"], summary["bills_new"]) == (9, 10, 30)
    seq = change_number(engine)
    assert seq == before + 1  # one change number for the whole import
    with Session(engine) as s:
        for model in (TariffGroup, TariffBlock, Customer, Bill):
            assert set(s.scalars(select(model.change_seq))) == {seq}, model
        office_id = s.scalar(select(Office.id).where(Office.code == "KPG"))
        assert set(s.scalars(select(Customer.office_id))) == {office_id}
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "paid")) > 0
        jose = s.execute(select(Customer.search_name, Customer.number_key).where(
            Customer.number_key == key("03.01.00126"))).one()
        assert jose.search_name.startswith("jose")
    first = snapshot(engine)

    code, out, err = run(capsys, url, *SAMPLE_FILES, "--office", "KPG", "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (again["tariffs_unchanged"], again["customers_unchanged"]) == (9, 10)
    assert again["bills_unchanged"] + again["bills_kept_paid"] == 30
    assert not any(again[k] for k in ("tariffs_new", "tariffs_updated", "customers_new", "customers_updated",
                                      "bills_new", "bills_updated", "bills_marked_paid"))
    assert snapshot(engine) == first  # not even a change number taken

    code, out, _ = run(capsys, url, *SAMPLE_FILES)
    assert code == 0 and "Tidak ada perubahan" in out
    assert snapshot(engine) == first


def test_changes_get_a_new_change_number_and_are_counted(capsys, central, tmp_path):
    url, engine = central
    people, bills = generated(tmp_path)
    assert run(capsys, url, "--tariffs", str(SAMPLES / "tariffs.csv"), "--customers", str(people),
               "--bills", str(bills), "--office", "KPG")[0] == 0
    first = change_number(engine)
    rows = list(csv.reader(people.read_text().splitlines()))
    rows[1][1] = "Nama Baru"
    write_csv(people, rows)
    billed = list(csv.reader(bills.read_text().splitlines()))
    billed[2][4] = "99999"  # water_charge of the second customer's bill
    billed.append(["77.01.00000", "2025-12", 200, 210, 41_000, 10_000, 5_000, 2_500])
    write_csv(bills, billed)
    code, out, err = run(capsys, url, "--customers", str(people), "--bills", str(bills), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["customers_updated"], summary["customers_unchanged"]) == (1, 39)
    assert (summary["bills_new"], summary["bills_updated"], summary["bills_unchanged"]) == (1, 1, 39)
    seq = change_number(engine)
    assert seq == first + 1
    with Session(engine) as s:
        assert s.scalar(select(Customer.change_seq).where(Customer.name == "Nama Baru")) == seq
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.change_seq == seq)) == 1
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.change_seq == seq)) == 2
        assert s.scalar(select(Bill.water_charge).where(Bill.change_seq == seq, Bill.period == 202511)) == 99_999
        # customers without --office keep theirs
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.office_id.is_(None))) == 0


def test_a_paid_bill_is_never_turned_unpaid_or_changed(capsys, central, tmp_path):
    url, engine = central
    assert run(capsys, url, *SAMPLE_FILES, "--office", "KPG")[0] == 0
    target = key("03.01.00125"), 202510
    with Session(engine) as s, s.begin():  # paid at a counter, as the applier records it
        customer_id = s.scalar(select(Customer.id).where(Customer.number_key == target[0]))
        s.execute(update(Bill).where(Bill.customer_id == customer_id, Bill.period == target[1])
                  .values(status="paid", payment_id=uuid.uuid4()))
    before = snapshot(engine)
    # the file still says unpaid: the bill stays paid
    code, out, err = run(capsys, url, *SAMPLE_FILES, "--json")
    assert code == 0, err
    assert json.loads(out)["bills_kept_paid"] >= 1
    assert snapshot(engine) == before
    # a different amount for it: refused, nothing written
    rows = list(csv.reader((SAMPLES / "bills.csv").read_text().splitlines()))
    line = next(i for i, r in enumerate(rows) if key(r[0]) == target[0] and r[1] == "2025-10")
    rows[line][5] = str(int(rows[line][5]) + 1000)
    rows.append(["03.01.00126", "2026-01", 10, 20, "", 31_000, 10_000, 5_000, 2_500, "", ""])
    bad = write_csv(tmp_path / "bills.csv", rows)
    code, _, err = run(capsys, url, "--bills", str(bad))
    assert code == 2
    assert f"bills.csv baris {line + 1}: rekening 03.01.00125 bulan 2025-10 sudah dibayar di loket; " \
           "tidak boleh diubah (berbeda: water_charge)" in err
    assert snapshot(engine) == before


def test_a_tariff_group_cannot_lose_blocks_at_central(capsys, central, tmp_path):
    url, engine = central
    assert run(capsys, url, "--tariffs", str(SAMPLES / "tariffs.csv"))[0] == 0
    before = snapshot(engine)
    fewer = write_csv(tmp_path / "tariffs.csv", [["code", "name", "blocks"], ["R1", "Rumah Tangga 1", "10:3100;:4300"]])
    code, _, err = run(capsys, url, "--tariffs", str(fewer))
    assert code == 2 and "tariffs.csv baris 2: golongan tarif R1 punya 4 blok di pusat" in err
    assert snapshot(engine) == before
    # more blocks, or other prices, are fine: changed in place
    more = write_csv(tmp_path / "tariffs.csv", [["code", "name", "blocks"],
                                               ["R1", "Rumah Tangga 1", "10:3100;20:4300;30:5500;40:6900;:7000"]])
    code, out, err = run(capsys, url, "--tariffs", str(more), "--json")
    assert code == 0, err
    assert json.loads(out)["tariffs_updated"] == 1
    with Session(engine) as s:
        blocks = s.execute(select(TariffBlock.seq, TariffBlock.up_to_m3, TariffBlock.change_seq)
                           .join(TariffGroup).where(TariffGroup.code == "R1").order_by(TariffBlock.seq)).all()
    assert [(b.seq, b.up_to_m3) for b in blocks] == [(1, 10), (2, 20), (3, 30), (4, 40), (5, None)]
    assert {b.change_seq for b in blocks[3:]} == {change_number(engine)}


# ---- bad input changes nothing ----------------------------------------------------------------


BAD = {
    "a bad row": ("bills", 3, "water_charge '31.000' bukan jumlah rupiah bulat"),
    "a customer of an unknown tariff": ("customers", 4, "golongan tarif 'R9' tidak dikenal"),
    "a bill of an unknown customer": ("bills", 42, "pelanggan '99.99.99999' tidak dikenal"),
    "a duplicate line": ("customers", 42, "nomor sambungan 77.01.00005 sudah ada di baris 7"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_changes_nothing(capsys, central, tmp_path, case):
    url, engine = central
    assert run(capsys, url, "--tariffs", str(SAMPLES / "tariffs.csv"), "--office", "KPG")[0] == 0
    people, bills = generated(tmp_path)
    people_rows = list(csv.reader(people.read_text().splitlines()))
    bill_rows = list(csv.reader(bills.read_text().splitlines()))
    if case == "a bad row":
        bill_rows[2][4] = "31.000"
    elif case == "a customer of an unknown tariff":
        people_rows[3][2] = "R9"
    elif case == "a bill of an unknown customer":
        bill_rows.append(["99.99.99999", "2025-11", 1, 2, 100, 0, 0, 0])
    else:
        people_rows.append(people_rows[6])
    write_csv(people, people_rows)
    write_csv(bills, bill_rows)
    before = snapshot(engine)
    code, _, err = run(capsys, url, "--customers", str(people), "--bills", str(bills), "--office", "KPG")
    kind, line, reason = BAD[case]
    assert code == 2
    assert "Impor dibatalkan, tidak ada data yang disimpan" in err
    assert f"gen_{kind}.csv baris {line}: {reason}" in err
    assert snapshot(engine) == before


def test_an_unknown_office_or_no_file_is_refused(capsys, central):
    url, engine = central
    before = snapshot(engine)
    code, _, err = run(capsys, url, *SAMPLE_FILES, "--office", "XYZ")
    assert code == 2 and "Kantor 'XYZ' tidak ada di pusat" in err
    code, _, err = run(capsys, url)
    assert code == 2 and "Sebutkan berkas" in err
    assert snapshot(engine) == before


def test_in_code_the_rejection_names_the_file_and_line(central, tmp_path):
    _, engine = central
    bad = write_csv(tmp_path / "customers.csv", [["number", "name", "tariff_group"], ["1", "A", "R1"]])
    with pytest.raises(ImportRejected, match="customers.csv baris 2: golongan tarif 'R1' tidak dikenal"):
        import_into_central(engine, customers=bad, office_code="KPG")


# ---- counters pull what was imported -----------------------------------------------------------------


def test_a_counter_pulls_imported_customers_and_bills(app, pg_url, tmp_path, capsys):
    central = build_central(app, pg_url)
    link = EmbeddedCentral(central, "KPG", "L01")
    pull_all(app.engine, link)
    people, bills = generated(tmp_path, customers=30, tariff="R1")
    code, out, err = run(capsys, pg_url, "--customers", str(people), "--bills", str(bills), "--office", "KPG",
                         "--json")
    assert code == 0, err
    assert (json.loads(out)["customers_new"], json.loads(out)["bills_new"]) == (30, 30)
    pull_all(app.engine, link)
    with Session(app.engine) as s:
        pulled = s.execute(select(Bill.water_charge, Bill.status).join(Customer)
                           .where(Customer.number_key.like("7701%")).order_by(Customer.number_key)).all()
    assert len(pulled) == 30 and pulled[0] == (31_000, "unpaid")
    # a changed unpaid bill reaches the counter too
    rows = list(csv.reader(bills.read_text().splitlines()))
    rows[1][4] = "45000"
    write_csv(bills, rows)
    assert run(capsys, pg_url, "--bills", str(bills))[0] == 0
    pull_all(app.engine, link)
    with Session(app.engine) as s:
        assert s.scalar(select(Bill.water_charge).join(Customer).where(
            Customer.number_key == key("77.01.00000"), Bill.period == 202511)) == 45_000
    central.dispose()


def test_a_customer_moved_to_another_office_takes_its_unpaid_bills_to_that_office(capsys, central, tmp_path):
    """Counters pull by change number: a customer moved by `--office` is republished
    with its unpaid bills, so the new office's counters, already in sync, get both."""
    url, engine = central
    with Session(engine) as s, s.begin():
        other = Office(code="SBU", name="Unit Sabu")
        s.add(other)
        s.flush()
        s.add(Counter(office_id=other.id, code="L01", name="Loket 1"))
    people, bills = generated(tmp_path, customers=4)
    rows = list(csv.reader(bills.read_text().splitlines()))
    rows += [[r[0], "2025-10", 90, 100, 21_000, 10_000, 5_000, 2_500] for r in rows[1:]]
    older = write_csv(tmp_path / "older_bills.csv", [rows[0], *rows[len(rows) // 2 + 1:]])
    assert run(capsys, url, "--tariffs", str(SAMPLES / "tariffs.csv"), "--customers", str(people),
               "--bills", str(bills), "--office", "KPG")[0] == 0
    assert run(capsys, url, "--bills", str(older))[0] == 0  # a month earlier, in an import of its own
    with Session(engine) as s, s.begin():  # one of the October bills paid at a KPG counter
        first = s.scalar(select(Customer.id).where(Customer.number_key == key("77.01.00000")))
        s.execute(update(Bill).where(Bill.customer_id == first, Bill.period == 202510)
                  .values(status="paid", payment_id=uuid.uuid4()))
    head = change_number(engine)
    sabu = caller_for(engine, "SBU", "L01")
    marks = {m.__tablename__: {"seq": head, "id": str(END_UUID) if m.__tablename__ in UUID_TABLES else END}
             for m in REPLICATED}  # a counter that has pulled everything up to `head`
    assert not changes(engine, sabu, marks)["tables"]  # SBU's counter is in sync: nothing of SBU's yet

    # the customers file alone, the first two customers, now of SBU
    moved = write_csv(tmp_path / "moved.csv", list(csv.reader(people.read_text().splitlines()))[:3])
    code, out, err = run(capsys, url, "--customers", str(moved), "--office", "SBU", "--json")
    assert code == 0, err
    assert json.loads(out)["customers_updated"] == 2
    seq = change_number(engine)
    assert seq == head + 1
    pulled = {t["table"]: t["rows"] for t in changes(engine, sabu, marks)["tables"]}
    assert sorted(r["number_key"] for r in pulled["customer"]) == [key("77.01.00000"), key("77.01.00001")]
    ids = {r["id"]: r["number_key"] for r in pulled["customer"]}
    got = sorted((ids[r["customer_id"]], r["period"], r["status"], r["change_seq"]) for r in pulled["bill"])
    assert got == [(key("77.01.00000"), 202511, "unpaid", seq),  # its paid October bill stays as it was
                   (key("77.01.00001"), 202510, "unpaid", seq), (key("77.01.00001"), 202511, "unpaid", seq)]
    with Session(engine) as s:  # the customers that stayed, and their bills, keep their change numbers
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.change_seq == seq)) == 3
    # the same move again changes nothing
    code, out, err = run(capsys, url, "--customers", str(moved), "--office", "SBU", "--json")
    assert code == 0 and json.loads(out)["customers_unchanged"] == 2
    assert change_number(engine) == seq


def test_a_chunk_at_a_time_gives_the_same_result_and_the_progress_adds_up(central, tmp_path, monkeypatch):
    """Bills are checked, and customers planned and written, a chunk at a time:
    with chunks of 7 rows, an import of 40 customers crosses every boundary."""
    from counter.central import importing

    _, engine = central
    monkeypatch.setattr(importing, "WRITE_CHUNK", 7)
    with Session(engine) as s, s.begin():
        s.add(Office(code="SBU", name="Unit Sabu"))
    people, bills = generated(tmp_path)
    steps = []
    summary = import_into_central(engine, tariffs=SAMPLES / "tariffs.csv", customers=people, bills=bills,
                                  office_code="KPG", progress=lambda *step: steps.append(step),
                                  water_charges="keep")
    assert (summary.customers_new, summary.bills_new) == (40, 40)
    assert [s[0] for s in steps][:2] == ["membaca", "membaca"]
    for name in ("memeriksa", "menulis"):
        mine = [(done, total) for step, done, total in steps if step == name]
        assert mine[-1][0] == mine[-1][1] and [d for d, _ in mine] == sorted(d for d, _ in mine), name
    first = change_number(engine)
    with Session(engine) as s:
        by_number = dict(s.execute(select(Customer.number_key, Customer.id)).all())
        assert {b.customer_id: b.water_charge for b in s.scalars(select(Bill))} == {
            by_number[key(f"77.01.{i:05d}")]: 31_000 + i for i in range(40)}

    # every customer moved, a name and a bill changed, a month more: in chunks again
    rows = list(csv.reader(people.read_text().splitlines()))
    rows[9][1] = "Nama Baru"
    write_csv(people, rows)
    billed = list(csv.reader(bills.read_text().splitlines()))
    billed[20][4] = "77777"
    billed += [[r[0], "2025-12", 1, 2, 500, 0, 0, 0] for r in billed[1:]]
    write_csv(bills, billed)
    summary = import_into_central(engine, customers=people, bills=bills, office_code="SBU", water_charges="keep")
    assert (summary.customers_updated, summary.bills_new, summary.bills_updated, summary.bills_unchanged) \
        == (40, 40, 1, 39)
    seq = change_number(engine)
    assert seq == first + 1
    with Session(engine) as s:
        sabu = s.scalar(select(Office.id).where(Office.code == "SBU"))
        assert set(s.scalars(select(Customer.office_id))) == {sabu}
        assert set(s.scalars(select(Bill.change_seq))) == {seq}  # the November bills too: moved with them
        assert s.scalar(select(Customer.search_name).where(Customer.name == "Nama Baru")) == "nama baru"
        assert s.scalar(select(Bill.water_charge).where(Bill.customer_id == by_number[key("77.01.00019")],
                                                        Bill.period == 202511)) == 77_777
    assert import_into_central(engine, customers=people, bills=bills, office_code="SBU", water_charges="keep").customers_unchanged == 40
    assert change_number(engine) == seq


def test_a_connection_number_that_reads_as_a_word_of_sql_is_found_again(central, tmp_path):
    """The look-ups send connection numbers as arrays: `null` must stay a number."""
    _, engine = central
    people = write_csv(tmp_path / "customers.csv", [["number", "name", "tariff_group"], ["null", "A", "R1"],
                                                     ["N-U-L-L 2", "B", "R1"]])
    first = import_into_central(engine, tariffs=SAMPLES / "tariffs.csv", customers=people, office_code="KPG")
    assert first.customers_new == 2
    again = import_into_central(engine, customers=people, office_code="KPG")
    assert (again.customers_new, again.customers_unchanged) == (0, 2)
