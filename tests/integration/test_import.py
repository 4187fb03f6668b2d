"""CSV import of tariffs, customers and bills, against a real SQLite store."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter.cli import main
from counter.errors import ImportRejected, InvalidInput
from counter.models import AuditRecord, Bill, Customer, Office, TariffBlock, TariffGroup
from counter.rules.money import MAX_AMOUNT
from counter.rules.period import due_date
from counter.rules.tariff import Block, water_charge
from counter.rules.text import fold, key
from counter.services.billing import quote
from counter.services import importer
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD
from counter.services.importing import ImportSummary, import_files
from counter.services.lookup import find_customers
from counter.services.payment import pay
from tests.conftest import make_app

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ON = dt.date(2025, 11, 24)

ADMIN = Approval("admin", DEMO_PASSWORD)  # a demo store has an admin: changing its data needs their PIN


# ---- helpers ---------------------------------------------------------------------


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding=encoding, newline="")
    return path


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def import_samples(app, **overrides) -> ImportSummary:
    files = {"tariffs": SAMPLES / "tariffs.csv", "customers": SAMPLES / "customers.csv", "bills": SAMPLES / "bills.csv"}
    files.update(overrides)
    return import_files(app.uow(), office_code="KPG", due_day=20, **files)


def snapshot(app) -> tuple:
    """Everything an import may change, to compare before and after."""
    with app.uow() as uow:
        s = uow.session
        counts = tuple(s.scalar(select(func.count()).select_from(t))
                       for t in (TariffGroup, TariffBlock, Customer, Bill)) + (
            s.scalar(select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "import")),)
        customers = tuple(s.execute(select(Customer.number_key, Customer.name, Customer.status, Customer.address,
                                           Customer.tariff_group_id).order_by(Customer.id)).all())
        bills = tuple(s.execute(select(Bill.customer_id, Bill.period, Bill.water_charge, Bill.status, Bill.due_date)
                                .order_by(Bill.id)).all())
        tariffs = tuple(s.execute(select(TariffGroup.code, TariffGroup.name, TariffGroup.standing_charge)
                                  .order_by(TariffGroup.id)).all())
    return counts, customers, bills, tariffs


@pytest.fixture
def empty(tmp_path):
    application = make_app(tmp_path / "store")
    yield application
    application.engine.dispose()


@pytest.fixture
def loaded(empty):
    """An empty store with the sample files imported."""
    import_samples(empty)
    return empty


# ---- the samples -------------------------------------------------------------------


def test_samples_import_into_an_empty_store(empty):
    summary = import_samples(empty)
    assert (summary.tariffs_new, summary.customers_new, summary.bills_new) == (9, 10, 30)
    assert str(summary).startswith("9 golongan tarif baru; 10 pelanggan baru; 30 rekening baru")
    assert any("KPG" in w for w in summary.warnings)  # no office yet: customers without one
    with empty.uow() as uow:
        s = uow.session
        customers = s.scalars(select(Customer).order_by(Customer.id)).all()
        assert len(customers) == 10 and {c.office_id for c in customers} == {None}
        for c in customers:  # the derived columns agree with what was imported
            assert c.number_key == key(c.number) and c.meter_key == key(c.meter_no)
            assert c.search_name == fold(c.name)
            assert c.search_place == fold(f"{c.address} {c.village} {c.district}")
        sealed = s.scalars(select(Customer).where(Customer.number == "02.02.01877")).one()
        assert sealed.status == "sealed" and sealed.household_size == 7  # "segel" in the file
        r1 = s.scalars(select(TariffGroup).where(TariffGroup.code == "R1")).one()
        assert [(b.up_to_m3, b.price_per_m3) for b in r1.blocks] == [(10, 3100), (20, 4300), (30, 5500), (None, 6900)]
        assert s.scalars(select(TariffGroup.fine_exempt).where(TariffGroup.code == "S1")).one() is True
        # every sample bill is priced by its group's blocks
        for bill, group in s.execute(select(Bill, TariffGroup).join(Customer, Customer.id == Bill.customer_id)
                                     .join(TariffGroup, TariffGroup.id == Customer.tariff_group_id)):
            blocks = [Block(b.up_to_m3, b.price_per_m3) for b in group.blocks]
            assert bill.water_charge == water_charge(bill.usage_m3, blocks, group.minimum_m3)
            assert bill.standing_charge == group.standing_charge and bill.payment_id is None
        rolled = s.scalars(select(Bill).join(Customer).where(Customer.number == "03.01.00126", Bill.period == 202508)).one()
        assert (rolled.meter_start, rolled.meter_end, rolled.usage_m3) == (9995, 4, 9)  # meter roll-over
        audit = s.scalars(select(AuditRecord).where(AuditRecord.action == "import")).one()
        assert audit.details["customers_new"] == 10


def test_samples_import_when_the_office_exists(empty):
    with empty.uow().writing() as uow:
        uow.session.add(Office(code="KPG", name="Unit Pelayanan Kota Kupang"))
        uow.commit()
    summary = import_samples(empty)
    assert summary.warnings == ()
    with empty.uow() as uow:
        office_id = uow.session.scalar(select(Office.id).where(Office.code == "KPG"))
        assert set(uow.session.scalars(select(Customer.office_id))) == {office_id}


def test_imported_customers_are_found_by_text_accent_insensitively(loaded):
    with loaded.uow() as uow:
        s = uow.session
        assert [c.number for c in find_customers(s, "jose soares")] == ["03.01.00126"]
        assert [c.name for c in find_customers(s, "goncalves")] == ["Anastasia Gonçalves Belo"]
        assert [c.name for c in find_customers(s, "GONÇALVES oebufu")] == ["Anastasia Gonçalves Belo"]
        assert "MARIA FERNANDES" in [c.name for c in find_customers(s, "maria lasiana")]
        assert [c.number for c in find_customers(s, "030100126")] == ["03.01.00126"]  # number, without dots
        assert [c.number for c in find_customers(s, "A2304001208")] == ["05.04.01208"]  # meter number


def test_imported_customers_are_quotable(loaded):
    with loaded.uow() as uow:
        q = quote(uow.session, "03.04.00310", ON)
        sealed = quote(uow.session, "02-02-01877", ON)
        settled = quote(uow.session, "03.01.00126", ON)
    assert [b.period for b in q.bills] == [202509, 202510]  # August was paid elsewhere
    assert [b.principal for b in q.bills] == [91_200 + 12_500 + 5_000 + 2_500, 80_100 + 12_500 + 5_000 + 2_500]
    assert q.bills[0].due_date == dt.date(2025, 9, 20) and q.customer.tariff_code == "R2"
    assert sealed.customer.status == "sealed" and len(sealed.bills) == 3
    assert settled.bills == ()


# ---- re-import -------------------------------------------------------------------------


def test_reimport_is_idempotent(loaded):
    before = snapshot(loaded)
    summary = import_samples(loaded)
    assert (summary.tariffs_new, summary.tariffs_updated, summary.tariffs_unchanged) == (0, 0, 9)
    assert (summary.customers_new, summary.customers_updated, summary.customers_unchanged) == (0, 0, 10)
    assert (summary.bills_new, summary.bills_updated, summary.bills_unchanged, summary.bills_kept_paid) == (0, 0, 13, 17)
    after = snapshot(loaded)
    assert after[1:] == before[1:] and after[0][:4] == before[0][:4]  # only one more audit record


def test_reimport_updates_customers_tariffs_and_unpaid_bills(loaded, tmp_path):
    customers = rows_of(sample("customers.csv"))
    customers[1][2] = "José da Costa Soares Pereira"  # name
    customers[3][7] = "tutup_sementara"  # status of MARIA FERNANDES
    customers[5][6] = "R2"  # tariff group of Selfina
    customers.append(["07.01.00001", "", "Naomi Ndoen", "Jl. Kejora No. 9", "Oebobo", "Oebobo", "r1", "aktif", "3", "ya"])
    tariffs = rows_of(sample("tariffs.csv"))
    assert tariffs[3][0] == "R1"
    tariffs[3][4] = "11000"  # standing charge
    tariffs[3][7] = "10:3200;20:4400;:7000"  # fewer blocks
    bills = rows_of(sample("bills.csv"))
    header = bills[0]
    october = next(r for r in bills if r[0] == "03.04.00310" and r[1] == "2025-10")
    october[header.index("water_charge")] = "80000"  # a correction of an unpaid bill
    september = next(r for r in bills if r[0] == "03.04.00310" and r[1] == "2025-09")
    september[header.index("status")] = "lunas"  # paid at a bank since
    bills.append(["07.01.00001", "202510", "0", "12", "", "40000", "11000", "5000", "2500", "", ""])
    summary = import_files(loaded.uow(), tariffs=write(tmp_path, "tariffs.csv", csv_text(tariffs)),
                           customers=write(tmp_path, "customers.csv", csv_text(customers)),
                           bills=write(tmp_path, "bills.csv", csv_text(bills)), office_code="KPG", due_day=25,
                           water_charges="keep")  # the bills as priced before the tariff changed
    assert (summary.tariffs_updated, summary.tariffs_unchanged) == (1, 8)
    assert (summary.customers_new, summary.customers_updated, summary.customers_unchanged) == (1, 3, 7)
    assert (summary.bills_new, summary.bills_updated, summary.bills_marked_paid) == (1, 1, 1)
    assert "1 pelanggan baru, 3 diperbarui, 7 tetap" in str(summary)
    assert "1 ditandai lunas" in str(summary)
    with loaded.uow() as uow:
        s = uow.session
        assert [c.name for c in find_customers(s, "pereira")] == ["José da Costa Soares Pereira"]
        assert s.scalar(select(Customer.status).where(Customer.number == "03.04.00310")) == "temporarily_closed"
        r1 = s.scalars(select(TariffGroup).where(TariffGroup.code == "R1")).one()
        assert r1.standing_charge == 11000 and [(b.seq, b.up_to_m3) for b in r1.blocks] == [(1, 10), (2, 20), (3, None)]
        naomi = s.scalars(select(Customer).where(Customer.number_key == "070100001")).one()
        assert naomi.fine_exempt is True and naomi.tariff_group_id == r1.id and naomi.meter_key == ""
        new_bill = s.scalars(select(Bill).where(Bill.customer_id == naomi.id)).one()
        assert new_bill.usage_m3 == 12 and new_bill.due_date == due_date(202510, 25) == dt.date(2025, 10, 25)
        q = quote(s, "03.04.00310", ON)
        assert [(b.period, b.water_charge) for b in q.bills] == [(202510, 80000)]
        paid = s.scalars(select(Bill).join(Customer).where(Customer.number == "03.04.00310", Bill.period == 202509)).one()
        assert paid.status == "paid" and paid.payment_id is None


def test_columns_left_out_keep_what_is_stored(loaded, tmp_path):
    path = write(tmp_path, "customers.csv", "NUMBER;Name;Tariff Group\n02-02-01877;Marthen Manafe Sr.;R3\n")
    summary = import_files(loaded.uow(), customers=path, office_code="KPG")
    assert (summary.customers_updated, summary.customers_new) == (1, 0)
    with loaded.uow() as uow:
        c = uow.session.scalars(select(Customer).where(Customer.number_key == "020201877")).one()
        assert (c.number, c.name, c.status, c.household_size, c.village) == ("02-02-01877", "Marthen Manafe Sr.", "sealed", 7, "Penfui")


def test_bom_semicolons_header_case_and_local_words(empty, tmp_path):
    tariffs = write(tmp_path, "tariffs.csv", "\ufeffCODE;Name;Blocks\nR1;Rumah Tangga 1;\"10:3100;:4300\"\nS1;Sosial;10:2000|:2500|\n")
    customers = write(tmp_path, "customers.csv",
                      "\ufeffNumber;Name;Tariff_Group;Status;Fine_Exempt\r\n"
                      "01-01-000001;Ana Lay;R1;Aktif;tidak\r\n\r\n01-01-000002;Bene Kase;S1;Tutup Sementara;1\r\n")
    bills = write(tmp_path, "bills.csv",
                  "number;period;meter_start;meter_end;water_charge;standing_charge;meter_fee;admin_fee;due_date;status\n"
                  "01-01-000001;202510;100;112;39600;10000;5000;2500;25/10/2025;Belum Lunas\n"
                  "0101000002;2025-10;7;7;20000;5000;5000;2500;;LUNAS\n")
    summary = import_files(empty.uow(), tariffs=tariffs, customers=customers, bills=bills, office_code="", due_day=20,
                           water_charges="keep")
    assert (summary.tariffs_new, summary.customers_new, summary.bills_new) == (2, 2, 2)
    with empty.uow() as uow:
        s = uow.session
        assert dict(s.execute(select(Customer.name, Customer.status)).all()) == {"Ana Lay": "active", "Bene Kase": "temporarily_closed"}
        assert dict(s.execute(select(Bill.period + Bill.usage_m3, Bill.due_date)).all()) == {
            202510 + 12: dt.date(2025, 10, 25), 202510: dt.date(2025, 10, 20)}
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "paid")) == 1
        s1 = s.scalars(select(TariffGroup).where(TariffGroup.code == "S1")).one()
        assert [(b.up_to_m3, b.price_per_m3) for b in s1.blocks] == [(10, 2000), (None, 2500)]


def test_unknown_columns_are_ignored_with_a_note(empty, tmp_path):
    path = write(tmp_path, "tariffs.csv", "code,name,blocks,remarks\nR1,Rumah Tangga,:3000,lama\n")
    summary = import_files(empty.uow(), tariffs=path)
    assert summary.tariffs_new == 1 and "remarks" in str(summary)


# ---- bad rows: nothing is written --------------------------------------------------------


def _edit(name: str, line: int, column: str, value: str) -> str:
    """The sample `name` with one cell changed (`line` counts the header as 1)."""
    rows = rows_of(sample(name))
    rows[line - 1][rows[0].index(column)] = value
    return csv_text(rows)


def _append(name: str, row: list[str]) -> str:
    return sample(name) + csv_text([row])


BAD = {
    "unknown tariff": ("customers.csv", lambda: _edit("customers.csv", 7, "tariff_group", "R9"), 7,
                       "golongan tarif 'R9' tidak dikenal"),
    "bad amount": ("bills.csv", lambda: _edit("bills.csv", 5, "water_charge", "1.5"), 5,
                   "water_charge '1.5' bukan jumlah rupiah bulat"),
    "negative amount": ("bills.csv", lambda: _edit("bills.csv", 9, "admin_fee", "-3"), 9, "admin_fee '-3'"),
    "absurd amount": ("bills.csv", lambda: _edit("bills.csv", 9, "meter_fee", str(MAX_AMOUNT + 1)), 9, "terlalu besar"),
    "bad period": ("bills.csv", lambda: _edit("bills.csv", 3, "period", "2025-13"), 3, "bulan rekening '2025-13' tidak sah"),
    "bad due date": ("bills.csv", lambda: _edit("bills.csv", 3, "due_date", "2025-02-30"), 3, "due_date '2025-02-30'"),
    "usage mismatch": ("bills.csv", lambda: _edit("bills.csv", 2, "usage_m3", "15"), 2, "usage_m3 15 tidak sama"),
    "meter going back": ("bills.csv", lambda: _edit("bills.csv", 5, "usage_m3", ""), 5,
                         "meter_end 4 lebih kecil dari meter_start 9995"),
    "unknown customer": ("bills.csv", lambda: _append("bills.csv", ["99.99.99999", "2025-10", "1", "2", "", "1",
                                                                     "1", "1", "1", "", ""]), 32,
                         "pelanggan '99.99.99999' tidak dikenal"),
    "duplicate customer": ("customers.csv", lambda: _edit("customers.csv", 11, "number", "0301-00125"), 11,
                           "nomor sambungan 0301-00125 sudah ada di baris 2"),
    "duplicate bill": ("bills.csv", lambda: _edit("bills.csv", 3, "period", "202508"), 3,
                       "rekening 03.01.00125 bulan 2025-08 sudah ada di baris 2"),
    "duplicate tariff": ("tariffs.csv", lambda: _edit("tariffs.csv", 4, "code", "s1"), 4, "kode S1 sudah ada di baris 2"),
    "bad blocks": ("tariffs.csv", lambda: _edit("tariffs.csv", 4, "blocks", "10:3100;:4300;30:5500"), 4,
                   "hanya blok terakhir yang boleh tanpa batas"),
    "decreasing blocks": ("tariffs.csv", lambda: _edit("tariffs.csv", 4, "blocks", "20:3100;10:4300"), 4,
                          "terus naik"),
    "bad status": ("customers.csv", lambda: _edit("customers.csv", 2, "status", "dicabut"), 2, "status 'dicabut' tidak dikenal"),
    "empty name": ("customers.csv", lambda: _edit("customers.csv", 2, "name", "  "), 2, "name kosong"),
    "control character": ("customers.csv", lambda: _edit("customers.csv", 2, "name", "Ana\nLay"), 2, "karakter kontrol"),
    "too many cells": ("customers.csv", lambda: sample("customers.csv").replace("Oesapa,Kelapa Lima,R1", "Oesapa,Kelapa,Lima,R1"), 3,
                       "berisi 11 kolom, baris judul 10 kolom"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_row_in_any_file_rejects_everything(loaded, tmp_path, case):
    name, make, line, reason = BAD[case]
    folder = tmp_path / "bad"
    files = {n: write(folder, f"{n}.csv", sample(f"{n}.csv")) for n in ("tariffs", "customers", "bills")}
    # good rows that would change the store if anything were written
    write(folder, "customers.csv", sample("customers.csv").replace("Yohanes Ndun", "Yohanes Ndun Baru"))
    write(folder, name, make())
    before = snapshot(loaded)
    with pytest.raises(ImportRejected) as caught:
        import_files(loaded.uow(), office_code="KPG", **files)
    message = str(caught.value)
    assert f"{name} baris {line}: " in message and reason in message, message
    assert message.startswith("Impor dibatalkan, tidak ada data yang disimpan")
    assert snapshot(loaded) == before


def test_a_bill_paid_at_this_counter_cannot_be_changed(app, desk, tmp_path, till):
    """The demo store: pay a bill at the counter, then import a changed copy of it."""
    with app.uow() as uow:
        customer, bill = uow.session.execute(
            select(Customer, Bill).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active").order_by(Customer.id, Bill.period).limit(1)
        ).one()
        uow.session.expunge_all()  # keep the loaded values after the session closes
    pay(app.uow(), desk, customer.number, [bill.period], "cash", 10_000_000)
    header = "number,period,meter_start,meter_end,usage_m3,water_charge,standing_charge,meter_fee,admin_fee,due_date,status\n"

    def row(water: int, status: str) -> str:
        return (f"{customer.number},{bill.period},{bill.meter_start},{bill.meter_end},{bill.usage_m3},{water},"
                f"{bill.standing_charge},{bill.meter_fee},{bill.admin_fee},{bill.due_date.isoformat()},{status}\n")

    before = snapshot(app)
    path = write(tmp_path, "bills.csv", header + row(bill.water_charge + 1000, "unpaid"))
    with pytest.raises(ImportRejected, match=r"bills.csv baris 2: rekening .* sudah dibayar di loket ini; "
                                             r"tidak boleh diubah \(berbeda: water_charge\)"):
        import_files(app.uow(), bills=path, office_code="KPG", approval=ADMIN)
    assert snapshot(app) == before
    # the same bill as the central system still has it (unpaid there): left paid here
    summary = import_files(app.uow(), bills=write(tmp_path, "bills.csv", header + row(bill.water_charge, "unpaid")),
                           approval=ADMIN)
    assert summary.bills_kept_paid == 1 and summary.bills_updated == 0
    with app.uow() as uow:
        stored = uow.session.get(Bill, bill.id)
        assert stored.status == "paid" and stored.payment_id is not None


def test_a_bill_paid_elsewhere_cannot_be_changed_either(loaded, tmp_path):
    path = write(tmp_path, "bills.csv", _edit("bills.csv", 2, "water_charge", "1"))  # August of 03.01.00125: paid
    with pytest.raises(ImportRejected, match=r"bills.csv baris 2: rekening 03.01.00125 bulan 2025-08 sudah lunas"):
        import_files(loaded.uow(), bills=path)


def test_many_bad_rows_are_listed_up_to_twenty(empty, tmp_path):
    rows = ["code,name,blocks"] + [f"G{i},Golongan {i},10:{i}.5" for i in range(30)]
    with pytest.raises(ImportRejected) as caught:
        import_files(empty.uow(), tariffs=write(tmp_path, "tariffs.csv", "\n".join(rows)))
    lines = str(caught.value).splitlines()
    assert lines[0].endswith("30 kesalahan:")
    assert lines[1].startswith("tariffs.csv baris 2: blok tarif '10:0.5': harga '0.5'")
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "... dan 10 kesalahan lain."
    assert len(caught.value.problems) == 20


def test_every_reason_of_a_row_is_named(empty, tmp_path):
    tariffs = write(tmp_path, "tariffs.csv", "code,name,blocks\nR1,Rumah,:3000\n")
    customers = write(tmp_path, "customers.csv", "number,name,tariff_group\n01,Ana,R1\n")
    path = write(tmp_path, "bills.csv", "number,period,meter_start,meter_end,water_charge,standing_charge,meter_fee,admin_fee\n"
                                        "01,2025-1,x,5,1.5,-3,abc,1e5\n")
    with pytest.raises(ImportRejected) as caught:
        import_files(empty.uow(), tariffs=tariffs, customers=customers, bills=path)
    message = str(caught.value)
    for part in ("bulan rekening '2025-1'", "meter_start 'x'", "water_charge '1.5'", "standing_charge '-3'",
                 "meter_fee 'abc'", "admin_fee '1e5'"):
        assert part in message
    assert message.count("bills.csv baris 2") == 1


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "customers.csv: berkas kosong"),
    (b"\xef\xbb\xbf\r\n  \n", "customers.csv: berkas kosong"),
    (b"number,name,tariff_group\n", "customers.csv: tidak ada baris data (hanya baris judul)"),
    (b"number,nama,golongan\n01,Ana,R1\n", "customers.csv: kolom wajib tidak ada: name, tariff_group"),
    (b"number,name,name,tariff_group\n01,Ana,Ana,R1\n", "kolom 'name' muncul dua kali"),
    ("number,name,tariff_group\n01,Ren\u00e9,R1\n".encode("latin-1"), "customers.csv: bukan teks UTF-8 (byte tidak sah di baris 2)"),
    ("number,name,tariff_group\n".encode("utf-16"), "customers.csv: berkas berformat UTF-16"),
])
def test_unusable_files_get_one_clear_message(empty, tmp_path, content, reason):
    with pytest.raises(ImportRejected) as caught:
        import_files(empty.uow(), customers=write(tmp_path, "customers.csv", content))
    assert reason in str(caught.value)


def test_a_missing_file_is_named(empty, tmp_path):
    with pytest.raises(ImportRejected, match="bills.csv: berkas tidak ditemukan"):
        import_files(empty.uow(), bills=tmp_path / "bills.csv")


def test_an_unreadable_customers_file_does_not_make_every_bill_unknown(empty, tmp_path):
    with pytest.raises(ImportRejected) as caught:
        import_samples(empty, customers=write(tmp_path, "customers.csv", b""))
    assert str(caught.value).splitlines()[1:] == ["customers.csv: berkas kosong"]


# ---- junk never imports --------------------------------------------------------------------


@pytest.fixture(scope="module")
def junk_store(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("junk") / "store")
    import_samples(application)
    yield application
    application.engine.dispose()


def _is_whole_rupiah(text: str) -> bool:
    stripped = text.strip()
    return bool(re.fullmatch(r"[0-9]{1,15}", stripped)) and int(stripped) <= MAX_AMOUNT


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
       .filter(lambda t: not _is_whole_rupiah(t) and t.strip() != ""),  # an empty charge is priced by the tariff
       column=st.sampled_from(["water_charge", "standing_charge", "meter_fee", "admin_fee"]))
def test_junk_in_an_amount_cell_never_imports(junk_store, tmp_path_factory, junk, column):
    rows = rows_of(sample("bills.csv"))
    rows[9][rows[0].index(column)] = junk
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    path = write(tmp_path_factory.mktemp("j"), "bills.csv", out.getvalue())
    before = snapshot(junk_store)
    with pytest.raises(ImportRejected) as caught:
        import_files(junk_store.uow(), bills=path)
    assert "bills.csv baris 10: " in str(caught.value)
    assert snapshot(junk_store) == before


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")))
def test_a_junk_file_is_rejected_cleanly(junk_store, tmp_path_factory, content):
    path = write(tmp_path_factory.mktemp("f"), "customers.csv", b"number,name,tariff_group\n" + content + b"\n01,,R1\n")
    with pytest.raises(ImportRejected):
        import_files(junk_store.uow(), customers=path)


# ---- command line ------------------------------------------------------------------------------


def test_command_line_import(tmp_path, capsys):
    data_dir = tmp_path / "counter"
    args = ["--data-dir", str(data_dir), "import", "--tariffs", str(SAMPLES / "tariffs.csv"),
            "--customers", str(SAMPLES / "customers.csv"), "--bills", str(SAMPLES / "bills.csv")]
    assert main(args) == 0
    assert "10 pelanggan baru" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["customers_unchanged"] == 10 and again["bills_new"] == 0
    bad = write(tmp_path, "customers.csv", _edit("customers.csv", 7, "tariff_group", "R9"))
    assert main(["--data-dir", str(data_dir), "import", "--customers", str(bad)]) == 2
    assert "customers.csv baris 7: golongan tarif 'R9' tidak dikenal" in capsys.readouterr().err


# ---- scale ------------------------------------------------------------------------------------------


def test_thousands_of_rows_import_in_batches_and_reimport_unchanged(empty, tmp_path):
    count = 5_000  # more than one batch; the speed at 100,000 is measured in bench/import_csv.py
    customers = io.StringIO()
    customers.write("number;meter_no;name;address;village;district;tariff_group;status;household_size\n")
    for i in range(count):
        customers.write(f"09-{i % 40:02d}-{i:06d};M{i:09d};Pelanggan {i} {'Araújo' if i % 7 == 0 else 'Ndun'};"
                        f"\"Jl. Timor Raya No. {i % 250}; RT {i % 40:03d}\";Oesapa;Kelapa Lima;R{1 + i % 3};aktif;4\n")
    bills = io.StringIO()
    bills.write("number,period,meter_start,meter_end,water_charge,standing_charge,meter_fee,admin_fee\n")
    for i in range(count):
        bills.write(f"09-{i % 40:02d}-{i:06d},2025-10,{i % 5000},{i % 5000 + 12},39600,10000,5000,2500\n")
    paths = {"customers": write(tmp_path, "customers.csv", customers.getvalue()),
             "bills": write(tmp_path, "bills.csv", bills.getvalue())}
    tariffs = SAMPLES / "tariffs.csv"
    summary = import_files(empty.uow(), tariffs=tariffs, water_charges="keep", **paths)
    assert (summary.customers_new, summary.bills_new) == (count, count)
    again = import_files(empty.uow(), tariffs=tariffs, water_charges="keep", **paths)
    assert (again.customers_unchanged, again.bills_unchanged) == (count, count)
    with empty.uow() as uow:
        found = find_customers(uow.session, "araujo 4004")
        assert "09-04-004004" in [f.number for f in found]


def test_the_old_module_name_still_imports():
    assert (importer.import_files, importer.ImportSummary) == (import_files, ImportSummary)


@pytest.mark.parametrize("due_day", [0, 29, 31])
def test_due_day_follows_the_rule_of_the_setting(empty, due_day):
    with pytest.raises(InvalidInput, match="harus 1 sampai 28"):
        import_files(empty.uow(), bills=SAMPLES / "bills.csv", due_day=due_day)


def test_summary_reads_well_and_serialises():
    summary = ImportSummary(files=("bills.csv",), bills_new=2880, bills_marked_paid=5, bills_kept_paid=3)
    assert str(summary) == "2.880 rekening baru, 5 ditandai lunas, 3 sudah lunas (tidak diubah)"
    assert dataclasses.asdict(summary)["bills_new"] == 2880
    assert str(ImportSummary()) == "tidak ada data"
