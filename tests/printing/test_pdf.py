"""PDF receipts: text read back with pypdf, DejaVu embedded, page sizes, and
rendering with pdftoppm (the PNGs are for looking at)."""

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from counter.printing.pdf_receipt import font_dir, receipt_pdf
from counter.printing.receipt import format_moment
from counter.rules.money import format_rupiah
from tests.printing.pdf_fonts import fonts
from tests.printing.samples import WITA, hard_receipt, instalment_receipt, plain_receipt

PAGES = ("80mm", "A6")
LOGO = Path(__file__).parents[2] / "resources" / "logo.png"


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(data).pages)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces (wrapped lines rejoin)."""
    return " ".join(text.split())


@pytest.mark.parametrize("page", PAGES)
def test_the_hard_receipt_reads_back_with_accents_number_total_and_words(page):
    receipt = hard_receipt()
    text = flat(text_of(receipt_pdf(receipt, page=page)))
    assert "GONÇALVES ARAÚJO" in text
    assert "“MAMA ROSA” FERNANDES XIMENES" in text
    assert receipt.receipt_no in text
    assert "TOTAL" in text
    assert format_rupiah(8_308_000) in text
    assert format_rupiah(8_308_000) == "Rp 8.308.000"
    assert f"Terbilang: {receipt.total_in_words}" in text
    assert "delapan juta tiga ratus delapan ribu rupiah" in text
    assert "pusat tidak terjangkau" in text
    assert "24 Nov 2025 10:05:07 WITA" in text
    assert "TRX-778899" in text  # reference
    assert "Meterai" in text
    assert "Kel. Oesapa Selatan, Kec. Kelapa Lima" in text  # the long address, whole
    assert "Simpan struk ini sebagai bukti pembayaran yang sah" in text


@pytest.mark.parametrize("page", PAGES)
def test_content_follows_the_thermal_order(page):
    text = flat(text_of(receipt_pdf(hard_receipt(), page=page)))
    order = ["Perumda Air Minum Demo Kupang", "Kasir", "KPG-L01-20251124-0001", "pusat tidak terjangkau",
             "06-08-000205", "GONÇALVES", "N2 Niaga Besar", "Rekening Jul 2025", "Rekening Sep 2025",
             "Meterai", "TOTAL", "Transfer bank", "Terbilang", "Simpan struk"]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_a_plain_original_has_no_copy_or_offline_mark_and_no_stamp_duty():
    text = flat(text_of(receipt_pdf(plain_receipt())))
    assert "SALINAN" not in text
    assert "pusat tidak terjangkau" not in text
    assert "Meterai" not in text
    assert "Kembali" in text and format_rupiah(300_000 - plain_receipt().total) in text


@pytest.mark.parametrize("page", PAGES)
def test_a_copy_is_marked_with_its_number_time_and_who(page):
    reprinted = dt.datetime(2025, 11, 25, 8, 0, 0, tzinfo=WITA)
    receipt = plain_receipt(copy_number=2, copy_printed_at=reprinted, copy_printed_by="Budi Santoso")
    text = flat(text_of(receipt_pdf(receipt, page=page)))
    assert "SALINAN ke-2" in text
    assert "25 Nov 2025 08:00:00 WITA" in text
    assert "Budi Santoso" in text


def test_waived_amounts_are_shown_when_there_are_any():
    text = flat(text_of(receipt_pdf(plain_receipt(waived=10_000))))
    assert "Keringanan" in text and "Rp 10.000" in text


@pytest.mark.parametrize("page", PAGES)
def test_down_payment_and_term_are_label_and_amount_with_the_waived_amount(page):
    text = flat(text_of(receipt_pdf(instalment_receipt(), page=page)))
    assert "Uang muka 0001/ANGS/KPG/XI/2026 Rp 450.000" in text
    assert "Angsuran 2/3 0001/ANGS/KPG/XI/2026 Rp 312.500" in text
    assert "Keringanan -Rp 25.000" in text and "TOTAL Rp 737.500" in text
    assert not any(word in text for word in ("Rekening", "Meter", "Biaya air", "Jumlah"))


def images_of(data: bytes) -> list:
    return [image for page in read(data).pages for image in page.images]


@pytest.mark.parametrize("page", PAGES)
def test_the_logo_is_drawn_at_the_top(page):
    with_logo = receipt_pdf(plain_receipt(), page=page, logo=LOGO)
    (logo,) = images_of(with_logo)
    assert logo.image.size == (120, 120)
    def content(data: bytes) -> str:  # without A6 page footers: the logo moves the page breaks
        return flat(re.sub(r"KPG-L01-20251124-0001 - hal\. \d+", "", text_of(data)))
    assert content(with_logo) == content(receipt_pdf(plain_receipt(), page=page))
    assert images_of(receipt_pdf(plain_receipt(), page=page)) == []


def test_a_missing_logo_leaves_the_pdf_as_without_one(tmp_path, caplog):
    with caplog.at_level("WARNING"):
        assert receipt_pdf(plain_receipt(), logo=tmp_path / "nope.png") == receipt_pdf(plain_receipt())
    assert "nope.png" in caplog.text


@pytest.mark.parametrize("page", PAGES)
def test_dejavu_is_embedded(page):
    names, used, embedded = fonts(read(receipt_pdf(hard_receipt(), page=page)).pages)
    assert any("DejaVuSans" in name for name in names), names
    assert any("DejaVuSans-Bold" in name for name in names), names
    assert embedded, "no TrueType font program (FontFile2) embedded"
    # ReportLab always lists Helvetica as a resource; no text may be set in it
    assert used and all("DejaVuSans" in name for name in used), used


def test_80mm_page_is_80mm_wide_and_as_tall_as_its_content():
    short = read(receipt_pdf(plain_receipt(lines=plain_receipt().lines[:1]), page="80mm"))
    long = read(receipt_pdf(hard_receipt(), page="80mm"))
    for pdf in (short, long):
        assert len(pdf.pages) == 1
        assert float(pdf.pages[0].mediabox.width) == pytest.approx(226.77, abs=0.01)
        assert float(pdf.pages[0].mediabox.width) == pytest.approx(80 * mm)
    assert float(short.pages[0].mediabox.height) < float(long.pages[0].mediabox.height)
    assert 100 * mm < float(long.pages[0].mediabox.height) < 400 * mm


def test_a6_pages_are_a6_and_a_long_receipt_is_paginated():
    pdf = read(receipt_pdf(hard_receipt(), page="A6"))
    assert len(pdf.pages) >= 2  # three bills with a 60-character name do not fit one A6 page
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(297.6, abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(419.5, abs=0.1)
    assert "hal. 2" in pdf.pages[1].extract_text()


def test_an_unknown_page_is_refused():
    with pytest.raises(ValueError, match="A5"):
        receipt_pdf(plain_receipt(), page="A5")


def test_fonts_are_found_with_their_license():
    folder = font_dir()
    assert (folder / "DejaVuSans.ttf").is_file()
    assert (folder / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text()


@pytest.mark.parametrize(
    ("offset", "zone"), [(7, "WIB"), (8, "WITA"), (9, "WIT"), (0, "UTC+00:00")]
)
def test_date_time_in_indonesian_with_the_zone(offset, zone):
    moment = dt.datetime(2025, 8, 5, 7, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=offset)))
    assert format_moment(moment) == f"05 Agu 2025 07:03:09 {zone}"


def test_zone_names_from_zoneinfo_are_kept():
    from zoneinfo import ZoneInfo

    moment = dt.datetime(2025, 5, 1, 12, 0, tzinfo=ZoneInfo("Asia/Jayapura"))
    assert format_moment(moment) == "01 Mei 2025 12:00:00 WIT"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("receipt", [hard_receipt(copy_number=1), instalment_receipt()], ids=["hard", "instalment"])
def test_renders_to_png(tmp_path, page, receipt):
    pdf = tmp_path / f"receipt-{page}.pdf"
    pdf.write_bytes(receipt_pdf(receipt, page=page, logo=LOGO))
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / f"receipt-{page}")],
                   check=True, capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob(f"receipt-{page}*.png"))
    assert pngs and all(png.stat().st_size > 1000 for png in pngs)
    assert all(png.read_bytes().startswith(b"\x89PNG") for png in pngs)
