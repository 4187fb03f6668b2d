"""A paper receipt of an outage, entered afterwards, on paper: the receipt (thermal
58/80 mm and PDF) says which paper receipt it replaces; the day's LPP, closing
report and CSV name the paper number, in the late section when the day was closed."""

import csv
import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from counter.printing.day_report_csv import receipts_csv
from counter.printing.day_report_pdf import closing_pdf, daily_receipts_pdf
from counter.printing.escpos_receipt import receipt_bytes, receipt_text
from counter.printing.pdf_receipt import receipt_pdf
from tests.printing import day_samples
from tests.printing.samples import plain_receipt

PAPER = dict(paper_no="KM-2025/0117", paper_date=dt.date(2025, 11, 12))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("paper, columns", [("58mm", 32), ("80mm", 48)])
def test_the_thermal_receipt_says_which_paper_receipt_it_replaces(paper, columns):
    receipt = plain_receipt(**PAPER)
    text = receipt_text(receipt, paper)
    assert all(len(line) <= columns for line in text.splitlines() if not line.startswith("[QR:"))
    assert "Pengganti kuitansi manual no. KM-2025/0117" in flat(text)
    assert "tertanggal 12 Nov 2025" in text
    printed = receipt_bytes(receipt, paper).decode("ascii", errors="replace")
    assert "Pengganti kuitansi manual no." in printed and "KM-2025/0117" in printed
    assert "Pengganti" not in receipt_text(plain_receipt(), paper)  # any other receipt: nothing of the kind


@pytest.mark.parametrize("page", ["80mm", "A6"])
def test_the_pdf_receipt_says_which_paper_receipt_it_replaces(page):
    text = flat(pdf_text(receipt_pdf(plain_receipt(**PAPER), page=page)))
    assert "Pengganti kuitansi manual no. KM-2025/0117" in text and "tertanggal 12 Nov 2025" in text
    assert "Pengganti" not in pdf_text(receipt_pdf(plain_receipt(), page=page))


def with_paper(figures):  # noqa: ANN001, ANN201
    """The sample day with its second receipt and its first late one from a book of paper receipts."""
    receipts = list(figures.receipts)
    receipts[1] = dataclasses.replace(receipts[1], paper_no="KM-0101", status="completed")
    late = list(figures.late)
    late[0] = dataclasses.replace(late[0], paper_no="KM-0102", status="completed")
    return dataclasses.replace(figures, receipts=tuple(receipts), late=tuple(late))


def test_the_day_csv_has_the_paper_number():
    figures = with_paper(day_samples.day(n=12, late=2))
    rows = list(csv.DictReader(io.StringIO(receipts_csv(figures))))
    papers = {r["no_kuitansi"]: (r["bagian"], r["no_kuitansi_manual"]) for r in rows}
    assert papers[figures.receipts[1].receipt_no] == ("hari", "KM-0101")
    assert papers[figures.late[0].receipt_no] == ("terlambat", "KM-0102")
    assert sum(1 for r in rows if r["no_kuitansi_manual"]) == 2


def test_the_lpp_and_the_closing_report_name_the_paper_number():
    figures = with_paper(day_samples.day(n=12, late=2))
    lpp = pdf_text(daily_receipts_pdf(figures, "Perumda Air Minum Kota Kupang"))
    main, late = lpp.split("DITERIMA SETELAH TUTUP HARI", 1)
    assert "manual KM-0101" in main and "manual KM-0102" in late and "KM-0102" not in main
    closing = flat(pdf_text(closing_pdf(figures, "Perumda Air Minum Kota Kupang")))
    assert "manual KM-0102" in closing.split("DITERIMA SETELAH TUTUP HARI", 1)[1]


def test_the_closing_report_says_a_drawer_held_paper_receipts_of_other_days():
    figures = day_samples.day(n=12, late=0)
    shifts = (dataclasses.replace(figures.shifts[0], paper_cash=245_000),) + figures.shifts[1:]
    text = flat(pdf_text(closing_pdf(dataclasses.replace(figures, shifts=shifts), "PDAM")))
    assert "Tunai diterima termasuk Rp 245.000 dari kuitansi manual" in text
    assert "kuitansi manual" not in flat(pdf_text(closing_pdf(figures, "PDAM")))


@pytest.mark.parametrize("width", [32, 48])
def test_the_z_report_says_how_much_came_from_paper_receipts(width):
    from counter.printing.z_report import z_report_lines

    shift = dataclasses.replace(day_samples.day(n=12, late=0).shifts[0], paper_cash=245_000)
    lines = z_report_lines(shift, width)
    assert all(len(line) <= width for line in lines)
    line = next(line for line in lines if line.startswith("  dr kuitansi manual"))
    assert line.endswith("Rp 245.000")
    assert not any("kuitansi manual" in line for line in z_report_lines(dataclasses.replace(shift, paper_cash=0),
                                                                         width))
