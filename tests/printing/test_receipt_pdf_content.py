"""What a PDF receipt says, read back with pypdf, in the thermal receipt's words:
the meter number, each part of a bill on a line of its own, LUNAS, the head
office and call centre, a down payment that adds up on its face; a voided
receipt's copy has no QR code and no proof-of-payment footer."""

import io
import re

import pytest
from pypdf import PdfReader

from counter.printing.escpos_receipt import receipt_text
from counter.printing.pdf_receipt import receipt_pdf
from counter.printing.receipt import COMPONENT_LABELS, PAID_MARK, VOID_FOOTER
from counter.rules.money import parse_rupiah
from tests.printing.samples import PLAN_NO, charge_receipt, down_payment_receipt, plain_receipt, term_receipt

PAGES = ("80mm", "A6")
PROOF = "Simpan struk ini sebagai bukti pembayaran yang sah"
HEAD_OFFICE = "Jl. Urip Sumoharjo No. 5, Kupang"
CALL_CENTRE = "0380-821234"


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def amounts(text: str, label: str) -> list[int]:
    """Every amount printed right of `label` (its sign kept)."""
    return [(-1 if sign else 1) * parse_rupiah(value)
            for sign, value in re.findall(rf"(?<![\w-]){re.escape(label)} (-?)Rp ([\d.]+)", text)]


def rectangles(data: bytes) -> int:
    """How many rectangles the pages draw: a QR code is hundreds of them."""
    return sum(page.get_contents().get_data().count(b" re") for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("page", PAGES)
def test_a_down_payment_under_relief_adds_up_on_its_face(page):
    receipt = down_payment_receipt()
    text = text_of(receipt_pdf(receipt, page=page))
    assert "Uang muka angsuran" in text and PLAN_NO in text
    assert "Rekening: Jul 2025, Agu 2025, Sep 2025" in text
    (before,) = amounts(text, "Tagihan 3 bulan")
    (waived,) = amounts(text, "Keringanan")  # once: on its line, not again above the total
    (deferred,) = amounts(text, "Sisa diangsur")
    (down,) = amounts(text, "Uang muka")
    (total,) = amounts(text, "TOTAL")
    assert (before, waived, deferred) == (617_500, -40_000, -404_250)
    assert before + waived + deferred == down == total == receipt.total
    assert PAID_MARK not in text  # a down payment settles nothing yet


@pytest.mark.parametrize("page", PAGES)
def test_a_bills_parts_are_lines_of_their_own_in_the_thermal_words_and_add_up(page):
    receipt = plain_receipt(meter_number="KPG-21-0045123")
    text = text_of(receipt_pdf(receipt, page=page))
    thermal = " ".join(receipt_text(receipt, paper="80mm").split())
    for words in COMPONENT_LABELS.values():
        assert len(amounts(text, words)) == 2 and words in thermal, words
    parts = [sum(amounts(text, words)[i] for words in COMPONENT_LABELS.values()) for i in (0, 1)]
    assert parts == amounts(text, "Jumlah") == [line.amount for line in receipt.lines]
    assert amounts(text, "TOTAL") == [sum(parts) + receipt.stamp_duty] == [receipt.total]
    assert "Meter KPG-21-0045123" in text and "m3 1203-1224 = 21 m3" in text and "m3 1203-1224 = 21 m3" in thermal


@pytest.mark.parametrize("page", PAGES)
def test_a_charge_under_relief_and_its_bill_add_up(page):
    receipt = charge_receipt()
    text = text_of(receipt_pdf(receipt, page=page))
    assert amounts(text, "Biaya buka segel") == [150_000] and amounts(text, "Keringanan") == [-75_000]
    assert sum(amounts(text, "Jumlah")) == amounts(text, "TOTAL")[0] == receipt.total


@pytest.mark.parametrize("page", PAGES)
def test_lunas_on_what_settles_what_it_pays_only(page):
    assert PAID_MARK in text_of(receipt_pdf(plain_receipt(), page=page))
    assert PAID_MARK not in text_of(receipt_pdf(term_receipt(), page=page))
    assert PAID_MARK not in text_of(receipt_pdf(plain_receipt(voided="Salah pelanggan"), page=page))


@pytest.mark.parametrize("page", PAGES)
def test_the_head_office_and_call_centre_at_the_foot_as_on_thermal(page):
    receipt = plain_receipt(head_office=HEAD_OFFICE, call_centre=CALL_CENTRE)
    text = text_of(receipt_pdf(receipt, page=page))
    thermal = " ".join(receipt_text(receipt, paper="80mm").split())
    for words in (f"Kantor pusat: {HEAD_OFFICE}", f"Call center: {CALL_CENTRE}"):
        assert words in text and words in thermal
    assert text.index(PROOF) < text.index("Kantor pusat") < text.index("Call center")
    assert "Kantor pusat" not in text_of(receipt_pdf(plain_receipt(), page=page))


@pytest.mark.parametrize("page", PAGES)
def test_a_voided_receipt_has_no_qr_code_and_no_proof_of_payment_footer(page):
    voided = receipt_pdf(plain_receipt(voided="Salah pelanggan", copy_number=1), page=page)
    text = text_of(voided)
    assert "DIBATALKAN - BUKAN BUKTI BAYAR" in text and "Alasan: Salah pelanggan" in text
    assert PROOF not in text and VOID_FOOTER in text
    assert rectangles(voided) < 20 < 100 < rectangles(receipt_pdf(plain_receipt(), page=page))
    one_bill = plain_receipt(voided="Salah pelanggan", lines=plain_receipt().lines[:1])
    assert len(PdfReader(io.BytesIO(receipt_pdf(one_bill, page=page))).pages) == 1
