"""Cash rounding and customer credit in the closing: the shift's drawer and Z
report, the office day's figures, its CSV and its PDFs (LPP and closing)."""

import csv
import io
import shutil
import subprocess

import pytest

from counter.printing.day_report_csv import receipts_csv, summary_csv
from counter.printing.day_report_pdf import closing_pdf, daily_receipts_pdf
from counter.printing.z_report import z_report_text
from counter.services import day_report
from counter.services.shifts import open_shift_now
from tests.conftest import AS_OF
from tests.integration.test_rounding_and_credit import (
    CREDIT, cash, customer_whose_oldest, give_credit, opened, pay_with_credit, ready,
)
from tests.printing.test_pdf import flat, text_of


@pytest.fixture
def day_with_rounding_and_credit(app, desk):
    """Three receipts: cash rounded up by Rp 30, cash with Rp 30.000 of credit
    (rounded down by Rp 50), and QRIS with neither."""
    up = customer_whose_oldest(app, lambda t: True, 870)
    with_credit = customer_whose_oldest(app, lambda t: t > CREDIT, 450, skip=1)
    exact = customer_whose_oldest(app, lambda t: True, 430, skip=2)
    first = cash(app, desk, up)
    give_credit(app, with_credit)
    opened(app, desk, with_credit)
    second = pay_with_credit(app, desk, with_credit, CREDIT, tendered=500_000)
    from counter import application
    from tests.integration.test_rounding_and_credit import owed_oldest

    third = application.take_payment(app, ready(app, desk), exact, [owed_oldest(app, exact).bills[0].period], "qris")
    assert (first.rounding, second.rounding, third.rounding) == (30, -50, 0)
    return first, second, third


def test_the_shift_counts_the_rounding_in_its_cash_and_the_credit_apart(app, desk, day_with_rounding_and_credit):
    first, second, third = day_with_rounding_and_credit
    shift = open_shift_now(app.uow(), desk)
    assert shift.rounding == 30 - 50 and shift.credit_used == CREDIT
    methods = {t.label: (t.count, t.amount) for t in shift.by_method}
    assert methods == {"cash": (2, first.due + second.due), "qris": (1, third.total), "credit": (1, CREDIT)}
    assert sum(a for _, a in methods.values()) == first.total + second.total + third.total
    assert shift.expected_cash == shift.opening_float + first.due + second.due  # what came into the drawer
    for paper in ("58mm", "80mm"):
        text = z_report_text(shift, paper)
        assert "dr pembulatan" in text and "-Rp 20" in text
        assert "Kredit pelanggan (1)" in text and "bukan uang" in text
        assert "Jumlah (3)" in text


def test_the_day_lists_the_rounding_as_a_component_and_the_credit_as_no_cash(app, desk, day_with_rounding_and_credit):
    first, second, third = day_with_rounding_and_credit
    with app.uow() as uow:
        figures = day_report.consolidate(uow.session, "KPG", AS_OF, desk.zone)
    c = figures.components
    assert c.rounding == -20 and c.collected == figures.total == first.total + second.total + third.total
    assert sum(t.amount for t in figures.by_method) == figures.total
    assert figures.cash_total == first.due + second.due and figures.credit_used == CREDIT
    assert figures.to_deposit == figures.cash_total

    rows = list(csv.DictReader(io.StringIO(receipts_csv(figures))))
    by_number = {r["no_kuitansi"]: r for r in rows}
    row = by_number[second.receipt_no]
    assert (int(row["pembulatan"]), int(row["kredit_dipakai"]), int(row["total"])) == (-50, CREDIT, second.total)
    parts = ("air", "beban", "denda", "angsuran", "meterai", "pembulatan")
    assert all(sum(int(r[p]) for p in parts) == int(r["total"]) for r in rows)
    summary = {(r["section"], r["label"]): r for r in csv.DictReader(io.StringIO(summary_csv(figures)))}
    assert int(summary[("komponen", "pembulatan")]["amount"]) == -20
    assert int(summary[("ringkasan", "kredit_dipakai")]["amount"]) == CREDIT
    assert int(summary[("metode", "credit")]["count"]) == 1
    assert int(summary[("ringkasan", "tunai")]["amount"]) == first.due + second.due

    lpp = daily_receipts_pdf(figures, "Perumda Air Minum Demo Kupang")
    text = flat(text_of(lpp))
    assert "Pembulatan" in text and "Kredit" in text and "Kredit pelanggan" in text
    closing = flat(text_of(closing_pdf(figures, "Perumda Air Minum Demo Kupang")))
    assert "Pembulatan tunai -Rp 20" in closing
    assert "Kredit pelanggan dipakai : Rp 30.000 (bukan uang)" in closing
    assert "Kredit pelanggan 1 Rp 30.000 Jumlah 3 Rp" in closing  # the receipts counted once
    if shutil.which("pdftoppm"):  # the LPP as a picture, to look at
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-", "/tmp/lpp-settlement"],
                       input=lpp, check=True)
