"""Cash rounding and customer credit on the receipt: thermal (58 and 80 mm) and
PDF, each with lines that add up to the total and the total less the credit to
what was paid."""

import re

import pytest

from counter.printing.escpos_receipt import receipt_bytes, receipt_text
from counter.printing.pdf_receipt import receipt_pdf
from counter.rules.money import in_words
from tests.printing.samples import line, plain_receipt
from tests.printing.test_pdf import flat, text_of

AMOUNT = re.compile(r"(-?)Rp ([0-9.]+)$")


def rounded_receipt(**changes):
    """Two bills of Rp 121.250 and Rp 121.200, Rp 242.450, paid in cash as Rp 242.400."""
    first = line("Sep 2025")
    odd = first.__class__(**{**first.__dict__, "label": "Okt 2025", "water_charge": 91_250, "amount": 121_250})
    values = dict(lines=(first, odd), rounding=-50, total=242_400, tendered=250_000, change=7_600,
                  total_in_words=in_words(242_400))
    values.update(changes)
    return plain_receipt(**values)


def credit_receipt(**changes):
    """The same, Rp 50.000 of it from the customer's credit: Rp 192.450 left, paid as Rp 192.500."""
    values = dict(rounding=50, total=242_500, credit_used=50_000, tendered=200_000, change=7_500,
                  total_in_words=in_words(242_500))
    values.update(changes)
    return rounded_receipt(**values)


def amounts(text: str) -> dict[str, int]:
    """The amount on each line whose label is asked for: label -> signed Rupiah (the last such line)."""
    found = {}
    for row in text.splitlines():
        match = AMOUNT.search(row.rstrip())
        if match:
            label = row[:match.start()].strip()
            found[label] = int(match.group(2).replace(".", "")) * (-1 if match.group(1) else 1)
    return found


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_the_rounding_is_its_own_line_and_the_lines_add_up_to_the_total(paper):
    receipt = rounded_receipt()
    text = receipt_text(receipt, paper)
    width = {"58mm": 32, "80mm": 48}[paper]
    assert all(len(row) <= width for row in text.splitlines() if not row.startswith("[QR"))
    shown = amounts(text)
    assert shown["Pembulatan"] == -50 and shown["TOTAL"] == 242_400
    bills = [int(m.replace(".", "")) for m in re.findall(r"^\s+Jumlah\s+Rp ([0-9.]+)$", text, re.M)]
    assert bills == [121_200, 121_250]
    assert sum(bills) + shown["Pembulatan"] == shown["TOTAL"]
    assert shown["Kembali"] == shown["Diterima"] - shown["TOTAL"]
    assert "Kredit dipakai" not in text
    assert b"Pembulatan" in receipt_bytes(receipt, paper)  # the bytes the printer gets


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_credit_used_is_taken_off_the_total_and_the_rest_is_paid(paper):
    text = receipt_text(credit_receipt(), paper)
    shown = amounts(text)
    assert (shown["Pembulatan"], shown["TOTAL"], shown["Kredit dipakai"], shown["Sisa tagihan"]) == (
        50, 242_500, -50_000, 192_500)
    assert shown["TOTAL"] + shown["Kredit dipakai"] == shown["Sisa tagihan"]
    assert shown["Diterima"] - shown["Sisa tagihan"] == shown["Kembali"]
    rows = text.splitlines()
    order = [next(i for i, row in enumerate(rows) if row.startswith(label))
             for label in ("Pembulatan", "TOTAL", "Kredit dipakai", "Sisa tagihan", "Diterima", "Kembali")]
    assert order == sorted(order)


def test_no_rounding_and_no_credit_print_no_line():
    text = receipt_text(plain_receipt(), "80mm")
    assert "Pembulatan" not in text and "Kredit dipakai" not in text and "Sisa tagihan" not in text


@pytest.mark.parametrize("page", ["80mm", "A6"])
def test_the_pdf_shows_the_same_lines(page):
    text = flat(text_of(receipt_pdf(credit_receipt(), page=page)))
    assert "Pembulatan Rp 50" in text
    assert "TOTAL Rp 242.500" in text
    assert "Kredit dipakai -Rp 50.000" in text
    assert "Sisa tagihan Rp 192.500" in text
    plain = flat(text_of(receipt_pdf(plain_receipt(), page=page)))
    assert "Pembulatan" not in plain and "Kredit dipakai" not in plain
