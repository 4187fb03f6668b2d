"""How receipt PDFs break over pages: one bill fits one A6 page; the total, the
amount in words and the QR stay together; a continuation page repeats a short
head (receipt number, customer) and every page of a longer one says
"hal. X dari N". The 80 mm roll is always one page as tall as its content."""

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter.printing.collective_receipt_pdf import summary_pdf
from counter.printing.escpos_receipt import COMPACT_FROM, receipt_text
from counter.printing.pdf_receipt import receipt_pdf
from counter.printing.receipt import COMPONENT_LABELS
from counter.rules.money import in_words, parse_rupiah
from tests.printing.samples import hard_receipt, line, plain_receipt
from tests.printing.test_collective_receipt import LINES, summary
from tests.printing.test_receipt_pdf_content import amounts

LOGO = Path(__file__).parents[2] / "resources" / "logo.png"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
SAMPLES = {"plain": plain_receipt, "hard": hard_receipt}


def months(count: int, sample: str = "hard"):
    """A receipt of `count` bills, Jan 2024 onwards (the hard one: a 60-character
    name, a three-line address, offline, stamp duty and a reference)."""
    lines = tuple(line(f"{MONTHS[i % 12]} {2024 + i // 12}") for i in range(count))
    stamp = SAMPLES[sample]().stamp_duty
    total = sum(l.amount for l in lines) + stamp
    return SAMPLES[sample](lines=lines, total=total, tendered=total, change=0, total_in_words=in_words(total))


def pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("count", [1, 3, 19])
def test_the_80mm_roll_is_one_page_whatever_the_length(sample, count):
    (text,) = pages(receipt_pdf(months(count, sample), page="80mm"))
    assert "hal." not in text and text.count("Rekening ") == (count if count < COMPACT_FROM else 1)


@pytest.mark.parametrize("logo", [None, LOGO], ids=["no-logo", "logo"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_one_bill_fits_one_a6_page(sample, logo):
    receipt = dataclasses.replace(months(1, sample), meter_number="KPG-21-0045123", call_centre="0380-821234",
                                  head_office="Jl. Urip Sumoharjo No. 5, Kelurahan Oetete, Kota Kupang")
    (text,) = pages(receipt_pdf(receipt, page="A6", logo=logo))
    assert "TOTAL" in text and "Terbilang" in text and "Simpan struk ini" in text and "hal." not in text
    assert "LUNAS" in text and "Call center: 0380-821234" in text


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("count", [1, 3])
def test_total_words_and_proof_stay_on_one_page_and_no_bill_is_split(sample, count):
    texts = pages(receipt_pdf(months(count, sample), page="A6"))
    (last,) = [text for text in texts if "TOTAL" in text]
    assert "Terbilang:" in last and "Simpan struk ini" in last and "Kembali" in last
    assert last == texts[-1]
    for text in texts:  # a bill's month, its parts and its sum on the same page
        assert text.count("Rekening ") == text.count("Jumlah ") == text.count("Harga air ")
    assert sum(text.count("Rekening ") for text in texts) == count


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("count", [3, 19])
def test_every_page_says_which_of_how_many_and_continuations_repeat_the_head(sample, count):
    receipt = months(count, sample)
    texts = pages(receipt_pdf(receipt, page="A6"))
    total = len(texts)
    assert total >= 2
    for number, text in enumerate(texts, 1):
        assert text.endswith(f"{receipt.receipt_no} - hal. {number} dari {total}"), text[-80:]
    for text in texts[1:]:  # the short head, before anything else on the page
        head = f"{receipt.receipt_no} (lanjutan) {receipt.customer_number} {receipt.customer_name[:20]}"
        assert text.startswith(head), text[:120]


def test_a_two_page_receipt_says_page_2_of_2():
    counts = {count: len(pages(receipt_pdf(months(count), page="A6"))) for count in range(2, 8)}
    two = min(count for count, total in counts.items() if total == 2)
    texts = pages(receipt_pdf(months(two), page="A6"))
    assert texts[0].endswith("hal. 1 dari 2") and texts[1].endswith("hal. 2 dari 2")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("count", [1, 3])
def test_a6_pages_render_to_png(tmp_path, count):
    pdf = tmp_path / "struk.pdf"
    pdf.write_bytes(receipt_pdf(months(count), page="A6"))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "struk")], check=True,
                   capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob("struk*.png"))
    assert len(pngs) == len(pages(pdf.read_bytes()))
    assert all(png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 1000 for png in pngs)


def test_a_collective_summary_over_a6_pages_repeats_its_number_and_payer():
    many = tuple(dataclasses.replace(LINES[i % 3], customer_number=f"04-02-{i:06d}") for i in range(40))
    texts = pages(summary_pdf(summary(lines=many), page="A6"))
    assert len(texts) > 2
    for number, text in enumerate(texts, 1):
        assert text.endswith(f"hal. {number} dari {len(texts)}")
    for text in texts[1:]:
        assert text.startswith("0003/KOL/KPG-L01/XI/2025 (lanjutan) Perumahan Griya Asri")


@pytest.mark.parametrize("page", ["80mm", "A6"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_many_months_take_a_line_each_then_their_parts_summed_once_as_on_thermal(sample, page):
    receipt = months(19, sample)
    texts = pages(receipt_pdf(receipt, page=page))
    text = " ".join(texts)
    thermal = " ".join(receipt_text(receipt, paper="80mm").split())
    assert len(texts) <= 2 and "Rekening 19 bulan" in text and "Rekening 19 bulan" in thermal
    rows = re.findall(r"(\w{3} \d{4}) 21 m3 denda 10\.000 Rp ([\d.]+)", text)
    assert [month for month, _ in rows] == [line.label for line in receipt.lines]
    (listed,) = amounts(text, "Jumlah rekening")
    assert listed == sum(parse_rupiah(amount) for _, amount in rows) == sum(l.amount for l in receipt.lines)
    assert f"Rincian 19 bulan: {COMPONENT_LABELS['water_charge']}" in text and "Rincian 19 bulan:" in thermal
    parts = sum(amounts(text, words)[0] for words in COMPONENT_LABELS.values())
    assert parts == listed and listed + receipt.stamp_duty == amounts(text, "TOTAL")[0] == receipt.total
    last = texts[-1]
    assert "Jumlah rekening" in last and "Rincian" in last and "TOTAL" in last  # the sums stay with the total
