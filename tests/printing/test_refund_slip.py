"""The refund slip (bukti pengembalian uang): its ESC/POS bytes at 58 and 80 mm
decoded back to text (no line wider than the paper, no number or amount split
over two lines, the amount and its words agree), and its PDF read back with
pypdf and rendered with pdftoppm."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from counter.errors import InvalidInput
from counter.printing.refund_slip import RefundSlip, layout, slip_bytes, slip_text
from counter.printing.refund_slip_pdf import slip_pdf
from counter.rules.money import format_rupiah, in_words
from tests.printing.pdf_fonts import fonts
from tests.printing.samples import WITA
from tests.printing.test_escpos import decode

LOGO = Path(__file__).parents[2] / "resources" / "logo.png"
PAPERS = [("58mm", 32), ("80mm", 48)]


def slip(**changes: object) -> RefundSlip:
    """A slip with a long accented name and address, and a large amount."""
    amount = changes.pop("amount", 1_234_500)
    base = RefundSlip(
        utility_name="Perumda Air Minum Tirta Kupang", office_name="Unit Pelayanan Kota Kupang",
        office_address="Jl. Timor Raya No. 12, Oesapa, Kupang", city="Kupang", counter_code="L01",
        cashier_name="Siti Nurhaliza Bessie", paid_at=dt.datetime(2025, 11, 24, 10, 5, 7, tzinfo=WITA),
        slip_no="0012/BPU/KPG-L01/XI/2025", customer_number="04-02-000041",
        customer_name="MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES",
        customer_address="Jl. Adisucipto Gg. Kenari RT 004 RW 002, Oesapa, Kelapa Lima", conflict_id=1207,
        months="Okt 2025", receipt_no="KPG-L02-20251124-0117", first_paid="KPG-L01-20251124-0093",
        amount=amount, amount_in_words=in_words(amount), approver_name="Yohanes Ndun")
    return dataclasses.replace(base, **changes)


def printed_lines(data: bytes) -> list[str]:
    text = decode(data)
    assert data.startswith(b"\x1b@") and text.endswith("[CUT]\n")
    return [line for line in text[:-len("[CUT]\n")].splitlines() if not line.startswith("[IMAGE")]


def on_one_line(lines: list[str], value: str) -> bool:
    return any(value in line for line in lines)


@pytest.mark.parametrize("paper, width", PAPERS)
def test_the_thermal_slip_fits_the_paper_and_splits_no_number(paper, width):
    s = slip()
    lines = printed_lines(slip_bytes(s, paper))
    assert lines == slip_text(s, paper).splitlines()
    assert all(len(line) <= width and line.isascii() for line in lines), [l for l in lines if len(l) > width]
    title = lines.index("BUKTI PENGEMBALIAN UANG")
    assert lines[title - 1] == "-" * width and lines[title + 1] == f"No. {s.slip_no}"
    for value in (s.slip_no, s.customer_number, s.receipt_no, s.first_paid, format_rupiah(s.amount),
                  "24 Nov 2025", "10:05:07 WITA"):
        assert on_one_line(lines, value), value
    assert "Konflik : 1207" in lines and "Rekening: Okt 2025" in lines
    total = next(line for line in lines if line.startswith("DIKEMBALIKAN"))
    assert total.endswith("Rp 1.234.500") and len(total) == width
    text = "\n".join(lines)
    words = " ".join(text.split("Terbilang: ", 1)[1].split("Disetujui", 1)[0].split())
    assert words == in_words(1_234_500) == "satu juta dua ratus tiga puluh empat ribu lima ratus rupiah"
    assert "Disetujui oleh: Yohanes Ndun" in " ".join(text.split())
    assert "MARIA GONCALVES ARAUJO" in text and '"MAMA ROSA"' in text  # transliterated, not dropped
    signing = next(i for i, line in enumerate(lines) if line.startswith("Diterima oleh,"))
    assert lines[signing].split() == ["Diterima", "oleh,", "Diserahkan", "oleh,"]
    assert lines[signing + 1].split() == ["Pelanggan", "Kasir"]
    assert lines[signing + 5].count("(") == 2  # two places to sign, room above them
    assert lines[signing + 6].split()[:2] == ["MARIA", "GONCALVES"] and "Siti" in lines[signing + 6]
    assert "SALINAN" not in text


@pytest.mark.parametrize("paper, width", PAPERS)
def test_title_and_amount_are_bold_and_the_amount_double_height(paper, width):
    data = slip_bytes(slip(), paper)
    assert b"\x1bE\x01" + b"BUKTI PENGEMBALIAN UANG" in data.replace(b"\x1ba\x01", b"")
    total = data.index(b"DIKEMBALIKAN")
    assert b"\x1bE\x01" in data[total - 12:total] and b"\x1b!" in data[total - 12:total]  # bold, double height


@pytest.mark.parametrize("paper, width", PAPERS)
def test_long_codes_go_on_a_line_of_their_own_not_over_two(paper, width):
    s = slip(slip_no="0001/BPU/KOTAKPG-LOKET01/XI/2025", receipt_no="KOTAKPG-LOKET01-20251124-0001",
             first_paid="KOTAKPG-LOKET02-20251124-0107", customer_number="99-99-123456789", amount=987_654_321_000)
    lines = slip_text(s, paper).splitlines()
    assert all(len(line) <= width for line in lines)
    for value in (s.slip_no, s.receipt_no, s.first_paid, s.customer_number, format_rupiah(s.amount)):
        assert on_one_line(lines, value), value
    if width == 32:  # beside their labels they would not fit: each on a line of its own
        assert lines[lines.index("No.") + 1] == s.slip_no
        assert lines[lines.index("Bayar ke-2:") + 1] == f"  {s.receipt_no}"
    else:
        assert f"No. {s.slip_no}" in lines and f"Bayar ke-2: {s.receipt_no}" in lines
    words = " ".join(" ".join(lines).split("Terbilang: ", 1)[1].split("Disetujui", 1)[0].split())
    assert words == in_words(987_654_321_000)


def test_a_number_wider_than_the_paper_breaks_only_after_a_slash_or_dash():
    s = slip(slip_no="0001/BPU/UNITKOTAKUPANG-LOKET01/XI/2025")
    lines = slip_text(s, "58mm").splitlines()
    start = lines.index("No.") + 1
    pieces = lines[start:start + 2]
    assert "".join(pieces) == s.slip_no and all(len(p) <= 32 and p[-1] in "/-" for p in pieces[:-1])


def test_a_copy_says_so_and_a_first_payment_elsewhere_is_named_so():
    s = slip(copy_number=2, copy_printed_at=dt.datetime(2025, 11, 24, 11, 0, tzinfo=WITA), copy_printed_by="kasir1",
             first_paid="", months="")
    text = slip_text(s, "58mm")
    assert "SALINAN ke-2" in text and "dicetak ulang 24 Nov 2025 11:00:00 WITA oleh kasir1" in " ".join(text.split())
    assert "Bayar ke-1: (loket/saluran lain)" in text.splitlines()
    assert "Rekening" not in text  # central did not say which month


def test_an_unknown_paper_is_refused():
    with pytest.raises(InvalidInput):
        slip_bytes(slip(), "110mm")
    with pytest.raises(InvalidInput):
        layout(slip(), 40)


def test_the_logo_prints_on_top():
    data = slip_bytes(slip(), "58mm", logo=LOGO)
    assert decode(data).startswith("[IMAGE: 384x")


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_pdf_reads_back_with_everything_the_thermal_slip_says():
    s = slip()
    text = pdf_text(slip_pdf(s))
    for expected in ("Perumda Air Minum Tirta Kupang", "Unit Pelayanan Kota Kupang", "BUKTI PENGEMBALIAN UANG",
                     f"No. {s.slip_no}", "Tanggal 24 Nov 2025", "Jam 10:05:07 WITA", "Loket L01",
                     "Kasir Siti Nurhaliza Bessie", f"No. Sambungan {s.customer_number}",
                     "MARIA GONÇALVES ARAÚJO DA COSTA", "Konflik 1207", "Rekening Okt 2025",
                     f"Bayar ke-1 {s.first_paid}", f"Bayar ke-2 {s.receipt_no}", "DIKEMBALIKAN Rp 1.234.500",
                     f"Terbilang: {s.amount_in_words}", "Disetujui oleh: Yohanes Ndun",
                     "Uang tersebut telah diterima tunai oleh pelanggan.", "Kupang, 24 Nov 2025",
                     "Diterima oleh,", "Diserahkan oleh,", "Pelanggan,", "Kasir,",
                     "Sah dengan tanda tangan pelanggan dan kasir"):
        assert expected in text, expected
    assert "SALINAN" not in text
    copy = pdf_text(slip_pdf(slip(copy_number=1, copy_printed_by="kasir1")))
    assert "SALINAN ke-1" in copy and "Dicetak ulang oleh kasir1" in copy


def test_the_pdf_is_one_80mm_page_in_dejavu():
    reader = PdfReader(io.BytesIO(slip_pdf(slip(), logo=LOGO)))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(80 * mm)
    assert 100 * mm < float(reader.pages[0].mediabox.height) < 300 * mm
    names, used, embedded = fonts(reader.pages)
    assert embedded and used and all("DejaVuSans" in name for name in used), used
    assert reader.metadata.title == "Bukti pengembalian uang 0012/BPU/KPG-L01/XI/2025"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_pdf_renders_to_png(tmp_path):
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(slip_pdf(slip(copy_number=1), logo=LOGO))
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / "slip")], check=True,
                   capture_output=True, timeout=60)
    [png] = tmp_path.glob("slip*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
