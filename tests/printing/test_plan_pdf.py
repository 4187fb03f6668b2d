"""Instalment-plan PDFs: the agreement and the unseal work order read back with
pypdf, DejaVu embedded, A4 pages numbered, long plans and names, and rendering
with pdftoppm (the PNGs are for looking at)."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from counter.printing.plan_documents import month_label
from counter.printing.plan_pdf import agreement_pdf, format_date, letter_date, work_order_pdf
from counter.rules.money import MONTHS_ID, in_words
from tests.printing.pdf_fonts import fonts
from tests.printing.plan_samples import LONG_NAME, agreement, work_order


def pages(data: bytes) -> list:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data)).pages


def text_of(data: bytes) -> str:
    """All the text with line breaks and runs of spaces as single spaces (wrapped lines rejoin)."""
    return " ".join(" ".join(page.extract_text() for page in pages(data)).split())


def in_order(text: str, *pieces: str) -> bool:
    positions = [text.index(piece) for piece in pieces]
    return positions == sorted(positions)


def test_agreement_reads_back_parties_bills_totals_schedule_and_conditions():
    doc = agreement()
    text = text_of(agreement_pdf(doc))
    assert "SURAT PERJANJIAN ANGSURAN TUNGGAKAN REKENING AIR" in text
    assert "Nomor: 0001/ANGS/KPG/XI/2026" in text
    assert "Ñoño Süßmann" in text and "06-08-000205" in text and "R2 Rumah Tangga 2" in text
    assert "Jl. Samratulangi III No. 226, RT 005/RW 10, Airmata, Kota Lama" in text
    assert "Yohanes Benu, S.T., Kepala Unit, Unit Pelayanan Kota Kupang" in text
    assert "dalam rangka program Pemutihan Denda 2026" in text
    assert "1. Juli 2026 Rp 98.700 Rp 10.000 Rp 5.000 Rp 103.700" in text  # a bill row
    assert "Jumlah Rp 400.800 Rp 40.000 Rp 10.000 Rp 430.800" in text  # the bills' totals row
    assert (doc.principal, doc.fines, doc.waived, doc.total) == (400_800, 40_000, 10_000, 430_800)
    assert "Jumlah yang harus dibayar Rp 430.800" in text
    assert f"Terbilang: {in_words(doc.total)}" in text
    assert "Uang muka 24 November 2026 Rp 86.160" in text
    assert "Angsuran 1 20 Desember 2026 Rp 57.440" in text and "Angsuran 6 20 Mei 2027 Rp 57.440" in text
    assert "1. PIHAK KEDUA membayar uang muka" in text and "4. Meter air dibuka segelnya" in text
    assert "Kupang, 24 November 2026" in text
    assert in_order(text, "Perumda Air Minum Demo Kupang", "SURAT PERJANJIAN", "PIHAK PERTAMA", "Ñoño",
                    "Pemutihan", "Oktober 2026", "Rincian", "Angsuran 6", "Ketentuan", "Kupang, 24 November 2026",
                    "Pelanggan,", "PIHAK PERTAMA Kepala Unit, Yohanes Benu, S.T.")


def test_an_ordinary_plan_names_no_programme():
    text = text_of(agreement_pdf(agreement(programme="")))
    assert "program" not in text
    text = text_of(work_order_pdf(work_order(programme="")))
    assert "program" not in text and "KPG-L01-20261124-0007" in text


def test_dates_are_in_indonesian():
    import datetime as dt

    assert format_date(dt.date(2026, 12, 20)) == "20 Des 2026"
    assert format_date(dt.date(2027, 8, 1)) == "1 Agu 2027"
    assert letter_date(dt.date(2026, 12, 20)) == "20 Desember 2026"  # letters write the month in full
    assert letter_date(dt.date(2027, 5, 1)) == "1 Mei 2027"
    assert month_label(202510) == "Oktober 2025" and month_label(202601) == "Januari 2026"


SHORT_MONTH = re.compile(r"\b(" + "|".join(m for m in MONTHS_ID if m != "Mei") + r")\b")


@pytest.mark.parametrize("make", [lambda: agreement_pdf(agreement(60, 24)), lambda: work_order_pdf(work_order())],
                         ids=["agreement", "work order"])
def test_letters_write_no_abbreviated_month(make):
    text = text_of(make())
    assert not SHORT_MONTH.search(text), SHORT_MONTH.search(text)


def test_a_work_order_a_supervisor_approved_is_issued_in_their_name():
    order = work_order(issued_by="Yohanes Benu, S.T.", issuer_title="Kepala Unit", recorded_by="Siti Nurhaliza Bessie")
    text = text_of(work_order_pdf(order))
    assert in_order(text, "Tanda tangan petugas", "Dicatat oleh, Kasir, Siti Nurhaliza Bessie",
                    "Kupang, 24 November 2026 Yang menerbitkan, Kepala Unit, Yohanes Benu, S.T.")
    assert len(pages(work_order_pdf(order))) == 1
    plain = text_of(work_order_pdf(work_order()))  # nobody approved: the cashier issues it, as what they are
    assert "Yang menerbitkan, Kasir, Siti Nurhaliza Bessie" in plain and "Dicatat oleh" not in plain


def test_work_order_reads_back_customer_reason_and_fill_in_section():
    text = text_of(work_order_pdf(work_order()))
    assert "SURAT PERINTAH KERJA (SPK) BUKA SEGEL" in text
    assert "Nomor: 0001/SPK-BS/KPG/XI/2026" in text
    assert "Diterbitkan : 24 November 2026 10:05:07 WITA" in text
    assert "06-08-000205" in text and "Ñoño Süßmann" in text and "MTR-2019-004417" in text
    assert "Jl. Samratulangi III No. 226, RT 005/RW 10, Airmata, Kota Lama" in text
    assert ("uang muka angsuran tunggakan menurut Surat Perjanjian Angsuran No. 0001/ANGS/KPG/XI/2026 "
            "dalam rangka program Pemutihan Denda 2026, dengan bukti pembayaran No. KPG-L01-20261124-0007") in text
    assert "Dibuka segel meter air pelanggan tersebut di atas" in text
    for label in ("Tanggal dikerjakan", "Stand meter (m³)", "Nama petugas", "Tanda tangan petugas"):
        assert label in text
    assert in_order(text, "Tanda tangan petugas", "Kupang, 24 November 2026", "Yang menerbitkan,", "Siti Nurhaliza Bessie")
    assert "Halaman 1 dari 1" in text


@pytest.mark.parametrize("make", [lambda: agreement_pdf(agreement()), lambda: work_order_pdf(work_order())],
                         ids=["agreement", "work order"])
def test_pages_are_a4_and_dejavu_is_embedded_and_used(make):
    all_pages = pages(make())
    for page in all_pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)
    names, used, embedded = fonts(all_pages)
    assert any("DejaVuSans-Bold" in name for name in used), used
    assert embedded, "no TrueType font program (FontFile2) embedded"
    # ReportLab always lists Helvetica as a resource; no text may be set in it
    assert used and all("DejaVuSans" in name for name in used), used


def test_sixty_bills_flow_over_pages_with_the_header_repeated_and_pages_numbered():
    doc = agreement(60, 24)
    data = agreement_pdf(doc)
    texts = [" ".join(page.extract_text().split()) for page in pages(data)]
    count = len(texts)
    assert count >= 3
    for number, text in enumerate(texts, 1):
        assert f"Halaman {number} dari {count}" in text
        assert "Perjanjian angsuran 0001/ANGS/KPG/XI/2026" in text
    bill_pages = [text for text in texts if "November 2021" in text or "Oktober 2026 Rp" in text]
    assert len(bill_pages) == 2 and all("No. Bulan Pokok Denda Keringanan Jumlah" in t for t in bill_pages)
    whole = " ".join(texts)
    assert all(f" {n}. " in whole for n in range(1, 61))
    assert "Jumlah Rp 6.096.000 Rp 600.000 Rp 100.000 Rp 6.596.000" in whole
    assert "Angsuran 24 20 November 2028" in whole
    assert "Halaman 1 dari" in texts[0] and "PIHAK PERTAMA" in texts[-1]  # the signatures stay together


def test_a_90_character_name_wraps_and_is_all_there():
    assert len(LONG_NAME) == 90
    agreement_text = text_of(agreement_pdf(agreement(customer_name=LONG_NAME, customer_signatory=LONG_NAME)))
    assert agreement_text.count(LONG_NAME) == 2  # the parties and under the signature
    order_text = text_of(work_order_pdf(work_order(customer_name=LONG_NAME)))
    assert LONG_NAME in order_text
    lines = [line for page in pages(work_order_pdf(work_order(customer_name=LONG_NAME)))
             for line in page.extract_text().splitlines()]
    assert not any(LONG_NAME in line for line in lines), "the name should wrap onto a second line"


def test_markup_characters_in_names_print_as_written():
    text = text_of(agreement_pdf(agreement(customer_name="A & B <Toko> Sejahtera")))
    assert "A & B <Toko> Sejahtera" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_renders_to_png(tmp_path):
    (tmp_path / "agreement.pdf").write_bytes(agreement_pdf(agreement(60, 24, customer_name=LONG_NAME)))
    (tmp_path / "order.pdf").write_bytes(work_order_pdf(work_order()))
    for name in ("agreement", "order"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True, capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) >= 4 and all(png.read_bytes().startswith(b"\x89PNG") for png in pngs)
