"""Other charges in central's finance papers: a counter's payments with charges
reach a PostgreSQL central through its HTTP API, and the payments export
(`biaya_lain`, `kode_biaya`) and the central day report (component *Biaya
lain*) still add up to what central holds."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.central.applier import apply_pending
from counter.cli import main
from counter.models import Payment
from counter.services.payment import pay
from tests.conftest import AS_OF
from tests.integration.shift_helpers import clock_agrees
from tests.integration.test_charge_payments import customer

PARTS = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka", "biaya_lain")


@pytest.fixture
def paid(app, desk, central, link, till):
    """A charge alone, and bills with two charges, applied at central."""
    clock_agrees(app, desk)
    alone = pay(app.uow(), desk, customer(app, unpaid=0), [], "cash", tendered=50_000, charges=["BALIK-NAMA"])
    number = customer(app, unpaid=2)
    with app.uow() as uow:
        from counter.services.billing import quote

        periods = [b.period for b in quote(uow.session, number, AS_OF).bills]
    mixed = pay(app.uow(), desk, number, periods, "transfer", reference="TRF-9",
                charges=["GANTI-METER", "SAMBUNG-KEMBALI"])
    link.cycle()
    apply_pending(central)
    return alone, mixed


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_export_has_a_charge_column_and_still_adds_up(capsys, tmp_path, app, central, pg_url, paid):
    alone, mixed = paid
    code, out, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "central", "export", "payments",
                         "--url", pg_url, "--date", AS_OF.isoformat(), "--out", str(tmp_path), "--json")
    assert code == 0, err
    rows = list(csv.DictReader((tmp_path / f"pembayaran-{AS_OF.isoformat()}.csv").open(encoding="utf-8",
                                                                                        newline="")))
    for row in rows:
        assert sum(int(row[c]) for c in PARTS) == int(row["jumlah"]), row
    charges = [(r["no_bukti"], r["jenis_baris"], r["kode_biaya"], int(r["biaya_lain"])) for r in rows
               if r["kode_biaya"]]
    assert charges == [(alone.receipt_no, "charge", "BALIK-NAMA", 50_000),
                       (mixed.receipt_no, "charge", "GANTI-METER", 350_000),
                       (mixed.receipt_no, "charge", "SAMBUNG-KEMBALI", 150_000)]
    with Session(central) as s:
        taken = s.scalar(select(func.sum(Payment.total)).where(Payment.business_date == AS_OF,
                                                               Payment.status == "completed"))
    counted = [r for r in rows if r["dihitung"] == "1"]
    assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in counted) == taken \
        == json.loads(out)["total"] == alone.total + mixed.total


def test_the_central_day_report_lists_charges_as_a_component(capsys, tmp_path, app, central, pg_url, paid):
    code, out, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "central", "report", "day", "--url",
                         pg_url, "--date", AS_OF.isoformat(), "--out", str(tmp_path), "--json")
    assert code == 0, err
    pdf_path, csv_path = json.loads(out)["files"]
    table = {(r["section"], r["code"], r["label"]): r for r in csv.DictReader(io.StringIO(
        open(csv_path, encoding="utf-8").read()))}
    components = {label: int(r["amount"]) for (section, _, label), r in table.items()
                  if section == "komponen" and label not in ("jumlah_diterima", "keringanan_tidak_diterima")}
    assert components["biaya_lain"] == 550_000
    assert sum(components.values()) == int(table["komponen", "", "jumlah_diterima"]["amount"]) \
        == int(table["jumlah", "", "diterima"]["amount"]) == sum(p.total for p in paid)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Biaya lain" in text and "Perhatian" not in text
