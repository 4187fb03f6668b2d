"""Other charges in the closing papers: the shift's Z report and the day's
figures, LPP (PDF) and CSV list them as their own component, and every
component list still adds up to the total."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from counter.printing.day_report_csv import receipts_csv, summary_csv
from counter.printing.day_report_pdf import closing_pdf, daily_receipts_pdf
from counter.printing.z_report import z_report_text
from counter.services import day_report
from counter.services.payment import pay
from counter.services.shifts import open_shift_now
from counter.services.voids import void_payment
from tests.conftest import AS_OF
from tests.integration.test_charge_payments import SUPERVISOR, customer, sealed

pytestmark = pytest.mark.usefixtures("till")


@pytest.fixture
def paid(app, desk):
    """A change of name alone, bills with a meter replaced, an unseal with its fee, and a voided charge."""
    alone = pay(app.uow(), desk, customer(app, unpaid=0), [], "cash", tendered=50_000, charges=["BALIK-NAMA"])
    number = customer(app, unpaid=2)
    with app.uow() as uow:
        from counter.services.billing import quote

        periods = [b.period for b in quote(uow.session, number, AS_OF).bills]
    mixed = pay(app.uow(), desk, number, periods, "qris", charges=["GANTI-METER"])
    number, periods = sealed(app)
    unsealed = pay(app.uow(), desk, number, periods, "cash", tendered=10**8, unseal=True)
    voided = pay(app.uow(), desk, customer(app, unpaid=0), [], "debit", charges=["DENDA-SEGEL"])
    void_payment(app.uow(), desk, voided.receipt_no, "Salah pilih biaya", SUPERVISOR)
    return alone, mixed, unsealed


def test_the_shift_lists_charges_as_a_component_adding_up_to_its_receipts(app, desk, paid):
    shift = open_shift_now(app.uow(), desk)
    components = {t.label: t.amount for t in shift.components}
    charges = sum(c.amount for r in paid for c in r.quote.charges)
    assert components["charges"] == charges == 50_000 + 350_000 + paid[2].quote.charges[0].amount
    assert sum(components.values()) == sum(r.total for r in paid) == sum(t.amount for t in shift.by_method)
    text = z_report_text(shift, "58mm")
    assert "Per komponen:" in text and "Biaya lain" in text and "Rekening air" in text


def test_the_day_lists_charges_in_its_components_lpp_and_csv(app, desk, paid):
    with app.uow() as uow:
        figures = day_report.consolidate(uow.session, "KPG", AS_OF, desk.zone)
    charges = sum(c.amount for r in paid for c in r.quote.charges)
    assert figures.components.charges == charges
    assert figures.components.collected == figures.total == sum(r.total for r in paid)
    rows = {r.receipt_no: r for r in figures.receipts}
    assert rows[paid[0].receipt_no].months == "BALIK-NAMA" and rows[paid[0].receipt_no].charges == 50_000
    assert rows[paid[1].receipt_no].months.endswith(", GANTI-METER")
    for r in figures.receipts:  # every receipt's parts add up to its total
        assert r.water + r.fixed + r.fines + r.terms + r.charges + r.stamp_duty + r.rounding == r.total
    table = list(csv.DictReader(io.StringIO(receipts_csv(figures))))
    assert sum(int(r["biaya_lain"]) for r in table if r["status"] == "completed") == charges
    summary = {(r["section"], r["label"]): r for r in csv.DictReader(io.StringIO(summary_csv(figures)))}
    assert int(summary["komponen", "biaya_lain"]["amount"]) == charges
    assert int(summary["komponen", "jumlah_diterima"]["amount"]) == figures.total
    lpp = "".join(page.extract_text() for page in PdfReader(io.BytesIO(daily_receipts_pdf(figures, "PDAM"))).pages)
    assert "Biaya lain" in lpp and "50.000" in lpp
    closing = "".join(page.extract_text() for page in PdfReader(io.BytesIO(closing_pdf(figures, "PDAM"))).pages)
    assert "Biaya lain" in closing and "Perhatian" not in closing
