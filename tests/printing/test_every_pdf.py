"""Every PDF the counter and central hand out, rendered to PNG with pdftoppm (as
a person would look at it): as many pictures as pypdf counts pages, none of them
blank, each page saying what it is and, on more than one page, which of how many."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable

import pytest
from PIL import Image
from pypdf import PdfReader

from counter.printing.central_day_pdf import central_day_pdf
from counter.printing.collective_receipt_pdf import summary_pdf
from counter.printing.day_report_pdf import closing_pdf, daily_receipts_pdf
from counter.printing.pdf_receipt import receipt_pdf
from counter.printing.plan_pdf import agreement_pdf, work_order_pdf
from counter.printing.refund_slip_pdf import slip_pdf
from tests.printing import day_samples, plan_samples, samples
from tests.printing.test_central_day import figures as central_day
from tests.printing.test_collective_receipt import summary
from tests.printing.test_refund_slip import slip

UTILITY = "Perumda Air Minum Demo Kupang"

KINDS: dict[str, tuple[Callable[[], bytes], str]] = {  # kind: (its PDF, what its first page says)
    "receipt 80 mm": (lambda: receipt_pdf(samples.plain_receipt()), "TOTAL"),
    "receipt A6, 19 months": (lambda: receipt_pdf(samples.many_months_receipt(), page="A6"), "Kasir"),
    "down payment A6": (lambda: receipt_pdf(samples.down_payment_receipt(), page="A6"), "Sisa diangsur"),
    "collective summary A6": (lambda: summary_pdf(summary(), page="A6"), "TOTAL"),
    "refund slip": (lambda: slip_pdf(slip()), "PENGEMBALIAN"),
    "plan agreement": (lambda: agreement_pdf(plan_samples.agreement()), "PERJANJIAN"),
    "unseal work order": (lambda: work_order_pdf(plan_samples.work_order()), "SURAT PERINTAH KERJA"),
    "daily receipts (LPP)": (lambda: daily_receipts_pdf(day_samples.day(), UTILITY), "LPP"),
    "closing report": (lambda: closing_pdf(day_samples.day(), UTILITY), "LAPORAN TUTUP KAS HARIAN"),
    "central day report": (lambda: central_day_pdf(central_day()), "Pusat"),
}


def rendered_pages(pdf: bytes, folder) -> list[Image.Image]:  # noqa: ANN001
    source = folder / "paper.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(source), str(folder / "page")], check=True,
                   capture_output=True, timeout=60)
    return [Image.open(path).convert("L") for path in sorted(folder.glob("page*.png"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_pdf_renders_page_by_page_and_says_what_it_is(kind, tmp_path) -> None:  # noqa: ANN001
    make, heading = KINDS[kind]
    pdf = make()
    reader = PdfReader(io.BytesIO(pdf))
    pages = rendered_pages(pdf, tmp_path)
    assert len(pages) == len(reader.pages) >= 1
    for picture in pages:
        assert picture.getextrema()[0] < 128, kind  # something printed in black on every page
    texts = [page.extract_text() for page in reader.pages]
    assert heading.lower() in texts[0].lower(), (kind, texts[0][:300])
    if len(pages) > 1:  # every page of a longer paper says which of how many
        for number, text in enumerate(texts, start=1):
            assert re.search(rf"(hal\.|halaman)\s*{number}\s*(dari|/)\s*{len(pages)}", text, re.IGNORECASE), (
                kind, number, text[-300:])
