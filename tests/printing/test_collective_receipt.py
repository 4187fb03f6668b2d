"""The summary receipt of a collective payment: its ESC/POS bytes at 58 and 80
mm decoded back to text (no line wider than the paper, every connection with
its months, amount and own receipt number, the total, the tender and the
change), and its PDF read back with pypdf and rendered with pdftoppm."""

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
from counter.printing.collective_receipt import (CollectiveLine, CollectiveReceipt, layout, summary_bytes,
                                                 summary_text)
from counter.printing.collective_receipt_pdf import summary_pdf
from counter.rules.money import format_rupiah, in_words
from tests.printing.pdf_fonts import fonts
from tests.printing.samples import WITA
from tests.printing.test_escpos import decode
from tests.printing.test_refund_slip import on_one_line, pdf_text, printed_lines

LOGO = Path(__file__).parents[2] / "resources" / "logo.png"
PAPERS = [("58mm", 32), ("80mm", 48)]
LINES = (
    CollectiveLine("04-02-000041", "MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES", "3 bln: Sep 2025 - Nov 2025",
                   "KPG-L01-20251124-0007", 412_300),
    CollectiveLine("04-02-000042", "Yohanes Ndun", "1 bln: Nov 2025", "KPG-L01-20251124-0008", 98_700),
    CollectiveLine("04-02-000043", "Blok C-12 (kantor pemasaran)", "12 bln: Des 2024 - Nov 2025",
                   "KPG-L01-20251124-0009", 1_204_000),
)


def summary(**changes: object) -> CollectiveReceipt:
    total = sum(line.amount for line in changes.get("lines", LINES))
    base = CollectiveReceipt(
        utility_name="Perumda Air Minum Tirta Kupang", office_name="Unit Pelayanan Kota Kupang",
        office_address="Jl. Timor Raya No. 12, Oesapa, Kupang", counter_code="L01",
        cashier_name="Siti Nurhaliza Bessie", paid_at=dt.datetime(2025, 11, 24, 10, 5, 7, tzinfo=WITA),
        collective_no="0003/KOL/KPG-L01/XI/2025", label="Perumahan Griya Asri", lines=LINES, total=total,
        tendered=2_000_000, change=2_000_000 - total, method="Tunai", reference="",
        total_in_words=in_words(total))
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("paper, width", PAPERS)
def test_the_thermal_summary_lists_every_connection_and_fits_the_paper(paper, width):
    s = summary()
    lines = printed_lines(summary_bytes(s, paper))
    assert lines == summary_text(s, paper).splitlines()
    assert all(len(line) <= width and line.isascii() for line in lines), [l for l in lines if len(l) > width]
    title = lines.index("BUKTI PEMBAYARAN KOLEKTIF")
    assert lines[title - 1] == "-" * width and lines[title + 1] == f"No. {s.collective_no}"
    for index, line in enumerate(s.lines, 1):
        start = lines.index(f"{index}. {line.customer_number}")
        block = lines[start:start + 8]
        assert on_one_line(block, line.receipt_no) and on_one_line(block, line.months)
        assert any(row.startswith("   Jumlah") and row.endswith(format_rupiah(line.amount)) for row in block)
    assert "MARIA GONCALVES ARAUJO" in "\n".join(lines)  # transliterated, not dropped
    assert on_one_line(lines, "Perumahan Griya Asri")
    total = next(line for line in lines if line.startswith("TOTAL"))
    assert total.endswith(format_rupiah(s.total)) and len(total) == width
    assert next(line for line in lines if line.startswith("Jumlah sambungan")).endswith(" 3")
    assert next(line for line in lines if line.startswith("Diterima")).endswith("Rp 2.000.000")
    assert next(line for line in lines if line.startswith("Kembali")).endswith(format_rupiah(s.change))
    words = " ".join(" ".join(lines).split("Terbilang: ", 1)[1].split("Rincian", 1)[0].split())
    assert words == in_words(s.total) == "satu juta tujuh ratus lima belas ribu rupiah"
    assert "SALINAN" not in "\n".join(lines) and "DIBATALKAN" not in "\n".join(lines)


@pytest.mark.parametrize("paper, width", PAPERS)
def test_a_copy_a_voided_member_and_a_transfer_say_so(paper, width):
    voided = (dataclasses.replace(LINES[0], voided=True), *LINES[1:])
    s = summary(lines=voided, copy_number=2, copy_printed_at=dt.datetime(2025, 11, 24, 11, 0, tzinfo=WITA),
                copy_printed_by="kasir1", method="Transfer bank", reference="TRF-88123", tendered=1_715_000, change=0,
                label="")
    text = summary_text(s, paper)
    assert all(len(line) <= width for line in text.splitlines())
    assert "SALINAN ke-2" in text and "dicetak ulang 24 Nov 2025 11:00:00 WITA oleh kasir1" in " ".join(text.split())
    assert text.count("*** DIBATALKAN ***") == 1 and "Pembayar" not in text
    assert on_one_line(text.splitlines(), "TRF-88123")


def test_title_and_total_are_bold_and_the_total_double_height():
    data = summary_bytes(summary(), "58mm")
    assert b"\x1bE\x01" + b"BUKTI PEMBAYARAN KOLEKTIF" in data.replace(b"\x1ba\x01", b"")
    total = data.index(b"TOTAL")
    assert b"\x1bE\x01" in data[total - 12:total] and b"\x1b!" in data[total - 12:total]


def test_an_unknown_paper_is_refused_and_the_logo_prints_on_top():
    with pytest.raises(InvalidInput):
        summary_bytes(summary(), "110mm")
    with pytest.raises(InvalidInput):
        layout(summary(), 40)
    assert decode(summary_bytes(summary(), "80mm", logo=LOGO)).startswith("[IMAGE: 576x")


def test_the_pdf_reads_back_with_everything_the_thermal_summary_says():
    s = summary()
    text = pdf_text(summary_pdf(s))
    for expected in ("BUKTI PEMBAYARAN KOLEKTIF", f"No. {s.collective_no}", "Tanggal 24 Nov 2025",
                     "Jam 10:05:07 WITA", "Kasir Siti Nurhaliza Bessie", "Pembayar Perumahan Griya Asri",
                     "1. 04-02-000041 MARIA GONÇALVES ARAÚJO", "3 bln: Sep 2025 - Nov 2025",
                     "Struk KPG-L01-20251124-0007 Rp 412.300", "Struk KPG-L01-20251124-0009 Rp 1.204.000",
                     "Jumlah sambungan 3", "TOTAL Rp 1.715.000", "Diterima Rp 2.000.000", "Kembali Rp 285.000",
                     f"Terbilang: {s.total_in_words}"):
        assert expected in text, expected
    reader = PdfReader(io.BytesIO(summary_pdf(s, logo=LOGO)))
    assert len(reader.pages) == 1 and float(reader.pages[0].mediabox.width) == pytest.approx(80 * mm)
    _, used, embedded = fonts(reader.pages)
    assert embedded and used and all("DejaVuSans" in name for name in used), used
    assert reader.metadata.title == "Bukti pembayaran kolektif 0003/KOL/KPG-L01/XI/2025"


def test_many_connections_break_over_a6_pages_between_connections():
    many = tuple(dataclasses.replace(LINES[i % 3], customer_number=f"04-02-{i:06d}") for i in range(40))
    reader = PdfReader(io.BytesIO(summary_pdf(summary(lines=many), page="A6")))
    assert len(reader.pages) > 2
    for page in reader.pages:  # a connection's lines stay together: its number, months and receipt on one page
        text = page.extract_text()
        assert text.count(". 04-02-") == text.count("Struk KPG-") and text.rstrip().endswith(
            f"hal. {reader.pages.index(page) + 1} dari {len(reader.pages)}")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_pdf_renders_to_png(tmp_path):
    pdf = tmp_path / "kolektif.pdf"
    pdf.write_bytes(summary_pdf(summary(copy_number=1), logo=LOGO))
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(tmp_path / "kolektif")], check=True,
                   capture_output=True, timeout=60)
    [png] = tmp_path.glob("kolektif*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
