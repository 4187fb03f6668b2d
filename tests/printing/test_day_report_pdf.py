"""The day's PDFs read back with pdftotext -layout (one table row per text line):
the LPP's rows add up to the day's total with voids left out, the late section
stands apart with its own total, every page is numbered and headed; the closing
report says what the day's figures say, and an empty day prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import time

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from counter.printing.day_report_pdf import (LATE_TITLE, ROWS_PER_PAGE, closing_pdf, daily_receipts_pdf,
                                             method_label, short_rupiah)
from counter.rules.money import format_rupiah
from tests.printing.day_samples import UTILITY, day, empty_day
from tests.printing.pdf_fonts import fonts


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
RECEIPT_LINE = re.compile(r"^\s*(KPG-L\d\d-\d{8}-\d{4})\s+(\d\d:\d\d)\s+(L\d\d)\s")


def pages_text(data: bytes) -> list[str]:
    """Each page's text, laid out as printed."""
    assert data.startswith(b"%PDF-")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                         timeout=120).stdout.decode()
    return out.split("\f")[:-1]


def digits(text: str) -> int:
    return int(text.replace(".", ""))


def receipt_lines(text: str) -> list[tuple[str, int, bool]]:
    """(receipt number, total, voided) of every receipt row, in order."""
    rows = []
    for line in text.splitlines():
        if RECEIPT_LINE.match(line):
            words = line.split()
            voided = words[-1] == "BATAL"
            rows.append((words[0], digits(words[-2] if voided else words[-1]), voided))
    return rows


def sum_line(text: str, label: str) -> list[int]:
    """The amounts on the line that starts with `label`."""
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return [digits(word) for word in line[line.index(label) + len(label):].split()]


# ---------------------------------------------------------------- the LPP


def test_lpp_rows_add_up_to_the_day_total_without_the_voids():
    figures = day(120, 3)
    text = "\n".join(pages_text(daily_receipts_pdf(figures, UTILITY)))
    main = text[:text.index(LATE_TITLE)]
    rows = receipt_lines(main)
    assert [r[0] for r in rows] == [r.receipt_no for r in figures.receipts]
    assert [r[1] for r in rows] == [r.total for r in figures.receipts]
    voided = [r for r in rows if r[2]]
    assert [r[0] for r in voided] == [r.receipt_no for r in figures.receipts if r.status == "void"] and voided
    assert sum(r[1] for r in rows if not r[2]) == figures.total

    label = f"JUMLAH ({figures.count} kuitansi, tanpa yang BATAL)"
    done = [r for r in figures.receipts if r.status == "completed"]
    assert sum_line(main, label) == [sum(r.water for r in done), sum(r.fixed for r in done),
                                     sum(r.fines for r in done), sum(r.terms for r in done),
                                     sum(r.stamp_duty for r in done), figures.total]
    assert figures.total == 36_474_700
    assert re.search(rf"Jumlah penerimaan\s+{figures.count} kuitansi\s+{format_rupiah(figures.total)}", main)
    assert re.search(r"Dibatalkan \(BATAL, tidak dijumlahkan\)\s+3 kuitansi\s+Rp 476\.800", main)
    assert re.search(r"Tunai\s+72 kuitansi\s+Rp 25\.866\.500", main)


def test_lpp_heading_names_utility_office_date_made_and_status():
    first = pages_text(daily_receipts_pdf(day(30, 2), UTILITY))[0]
    for piece in ("LAPORAN PENERIMAAN PEMBAYARAN HARIAN (LPP)", UTILITY, "Unit Pelayanan Kota Kupang (KPG)",
                  "Tanggal: 24 Nov 2025", "Dibuat: 24 Nov 2025 17:02:09 WITA",
                  "Status: Ditutup oleh Paulus Fanggidae, 24 Nov 2025 16:30:00 WITA"):
        assert piece in first
    row = next(line for line in first.splitlines() if line.lstrip().startswith("KPG-L02-20251124-0001"))
    assert re.search(r"08:15\s+L02\s+kasir2\s+02-08-100013\s+Yohanes Ndun\s+Sep-Okt 2025\s+Tunai\s+"
                     r"219\.800\s+35\.000\s+10\.000\s+264\.800$", row), row
    assert "BELUM DITUTUP" in pages_text(daily_receipts_pdf(day(30, 2, closed=False), UTILITY))[0]


def test_lpp_late_receipts_stand_apart_with_their_own_total():
    figures = day(120, 3, late=3)
    text = "\n".join(pages_text(daily_receipts_pdf(figures, UTILITY)))
    assert text.count(LATE_TITLE) == 2  # the banner and its sum row
    banner = text.index(LATE_TITLE)
    main, late = text[:banner], text[banner:]
    late_numbers = {r.receipt_no for r in figures.late}
    assert not late_numbers & {r[0] for r in receipt_lines(main)}
    rows = receipt_lines(late)
    assert [r[0] for r in rows] == [r.receipt_no for r in figures.late]
    assert [r[2] for r in rows] == [False, False, True]
    assert "Tidak termasuk dalam jumlah dan tanda tangan laporan ini" in " ".join(late.split())
    assert sum_line(late, f"JUMLAH {LATE_TITLE}")[-1] == sum(r[1] for r in rows if not r[2]) == 404_300
    assert sum_line(main, f"JUMLAH ({figures.count} kuitansi, tanpa yang BATAL)")[-1] == figures.total


def test_lpp_without_late_receipts_has_no_late_section():
    text = "\n".join(pages_text(daily_receipts_pdf(day(40, 2, late=0), UTILITY)))
    assert LATE_TITLE not in text


def test_lpp_of_a_busy_day_runs_over_numbered_pages_each_with_its_header():
    figures = day(1_000, 4)
    data = daily_receipts_pdf(figures, UTILITY)
    texts = pages_text(data)
    assert len(texts) > 15
    for number, text in enumerate(texts, 1):
        assert f"Hal. {number} dari {len(texts)}" in text
        assert "LAPORAN PENERIMAAN PEMBAYARAN HARIAN (LPP)" in text
    table_pages = [text for text in texts if receipt_lines(text)]
    assert all(re.search(r"No\. kuitansi\s+Jam\s+Loket\s+Kasir", text) for text in table_pages)
    rows = receipt_lines("\n".join(texts))
    assert len(rows) == len(figures.receipts) + len(figures.late)
    assert sum(total for _, total, voided in rows[:len(figures.receipts)] if not voided) == figures.total

    reader = PdfReader(io.BytesIO(data))
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == \
        pytest.approx(landscape(A4))
    shown = text_fonts(reader)
    assert shown == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"} and embeds_dejavu(reader), shown


def test_the_sum_row_never_stands_alone_on_a_page():
    figures = day(ROWS_PER_PAGE, 2, late=0)  # a page-full of receipts, and the sum row after them
    texts = pages_text(daily_receipts_pdf(figures, UTILITY))
    last = next(text for text in texts if "JUMLAH (" in text)
    assert len(receipt_lines(last)) == 1 and len(receipt_lines(texts[0])) == ROWS_PER_PAGE - 1


def test_long_names_are_cut_to_their_column_not_over_the_next():
    figures = day(10, 1)
    text = "\n".join(pages_text(daily_receipts_pdf(figures, UTILITY)))
    assert "MARIA GONÇALVES ARA…" in text and "FERNANDES" not in text  # at 8 pt, in at least NAME_ROOM


def test_lpp_of_an_empty_day():
    text = "\n".join(pages_text(daily_receipts_pdf(empty_day(), UTILITY)))
    assert "Tidak ada penerimaan pada hari ini." in text
    assert re.search(r"Jumlah penerimaan\s+0 kuitansi\s+Rp 0", text)
    assert "Hal. 1 dari 1" in text and LATE_TITLE not in text


def test_ten_thousand_receipts_render_quickly():
    """The benchmark's office day: 10,000 receipts over 8 counters. About 1.4 s
    for both reports on a slow 2-core machine; the bound leaves room for a busy CI."""
    figures = day(10_000, 8)
    start = time.perf_counter()
    lpp = daily_receipts_pdf(figures, UTILITY)
    closing = closing_pdf(figures, UTILITY)
    elapsed = time.perf_counter() - start
    assert elapsed < 8, f"{elapsed:.1f} s"
    assert len(PdfReader(io.BytesIO(lpp)).pages) > 150
    assert closing.startswith(b"%PDF-")


def shown_sizes(data: bytes) -> list[tuple[float, str]]:
    """(font size, text) of every run of glyphs the pages show, read from the
    content streams' Tf operators (the text matrix does not scale them here)."""
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((size * tm[3] if tm[3] else size, text.strip()))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_lpp_body_is_at_least_8_pt_and_a_typical_day_takes_few_pages():
    figures = day(120, 3)
    data = daily_receipts_pdf(figures, UTILITY)
    runs = shown_sizes(data)
    rows = [(size, text) for size, text in runs if RECEIPT_LINE.match(text + " ") or text.startswith("KPG-")]
    assert len(rows) >= len(figures.receipts) and min(size for size, _ in rows) >= 8, sorted(rows)[:3]
    footer = ("LPP ", "Hal. ")
    assert min(size for size, text in runs if not text.startswith(footer)) >= 8
    assert ROWS_PER_PAGE >= 40  # the landscape page's height in rows
    assert len(PdfReader(io.BytesIO(data)).pages) <= 4  # 120 receipts, the summary and the late section


def test_a_day_with_every_optional_column_is_set_narrower_not_smaller_nor_off_the_page():
    figures = day(120, 3, late=0)
    rows = list(figures.receipts)
    for i in (3, 9, 14):  # other charges, cash rounding and customer credit: three more amount columns
        r = rows[i]
        rows[i] = dataclasses.replace(r, charges=150_000, rounding=-200, credit_used=12_500,
                                      total=r.total + 150_000 - 200)
    data = daily_receipts_pdf(dataclasses.replace(figures, receipts=tuple(rows)), UTILITY)
    text = "\n".join(pages_text(data))
    assert re.search(r"Biaya lain\s+Meterai\s+Pembulatan\s+Total\s+Kredit\s+Ket\.", text)
    assert min(size for size, text in shown_sizes(data) if not text.startswith(("LPP ", "Hal. "))) >= 8
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=data, capture_output=True,
                           check=True, timeout=60).stdout.decode()
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))  # where the words end, as drawn
    assert right <= landscape(A4)[0] - 8 * mm + 0.5


# ---------------------------------------------------------------- the closing report


def text_fonts(reader: PdfReader) -> set[str]:
    """The fonts that glyphs are shown in. (ReportLab selects Helvetica, showing
    nothing, where a drawing or a table starts: that is not text set in it.)"""
    shown = set()
    for page in reader.pages:
        names = {key: str(font.get_object()["/BaseFont"]) for key, font in page["/Resources"]["/Font"].items()}
        current = None
        content = page.get_contents().get_data().decode("latin-1")
        for match in re.finditer(r"(/[\w+]+)\s+[\d.]+\s+Tf|(\)\s*Tj|\]\s*TJ|\)\s*')", content):
            if match.group(1):
                current = names.get(match.group(1))
            else:
                shown.add(current)
    return shown


def embeds_dejavu(reader: PdfReader) -> bool:
    _, _, embedded = fonts(reader.pages)
    return any("DejaVuSans" in str(d["/FontName"]) for d in embedded)


def whole(data: bytes) -> str:
    """The text with runs of blanks as one space (wrapped labels rejoin)."""
    return " ".join(" ".join(pages_text(data)).split())


def test_closing_report_states_status_totals_components_and_breakdowns():
    figures = day(120, 3, open_shift=True)
    pages = pages_text(closing_pdf(figures, UTILITY))
    text = " ".join(" ".join(pages).split())
    assert "LAPORAN TUTUP KAS HARIAN" in text and "Tanggal 24 Nov 2025" in text
    assert "Status : DITUTUP" in text and "Ditutup oleh : Paulus Fanggidae (Kepala Unit)" in text
    assert "Waktu tutup : 24 Nov 2025 16:30:00 WITA" in text
    assert "Loket L03 lupa menutup shift, kasir sudah pulang" in text
    assert "L01 s.d. no. 40, L02 s.d. no. 40, L03 s.d. no. 40" in text
    assert f"Jumlah kuitansi : {figures.count}" in text
    assert f"Jumlah penerimaan : {format_rupiah(figures.total)}" in text
    assert f"Penerimaan tunai : {format_rupiah(figures.cash_total)}" in text
    c = figures.components
    for label, amount in (("Harga air", c.water), ("Beban tetap", c.fixed), ("Denda", c.fines),
                          ("Meterai", c.stamp_duty), ("Angsuran", c.terms), ("Uang muka", c.down_payments),
                          ("Jumlah diterima", c.collected), ("Keringanan (dihapus, tidak diterima)", c.waived)):
        assert f"{label} {format_rupiah(amount)}" in text, label
    assert c.collected == figures.total and c.waived == 185_000
    for tally in figures.by_counter:
        assert f"{tally.label} {tally.count} {format_rupiah(tally.amount)}" in text
    for tally in figures.by_tariff:  # by code and name
        assert f"{tally.label} {figures.tariff_names[tally.label]} {tally.count} {format_rupiah(tally.amount)}" in text
    assert f"Siti Nurhaliza Bessie 39 {format_rupiah(figures.by_cashier[0].amount)}" in text
    assert "QRIS 21 Rp 5.140.200" in text and "Tunai 72 Rp 25.866.500" in text
    assert len(pages) >= 2 and f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]


def test_closing_report_shifts_voids_reprints_conflicts_and_waiting():
    figures = day(120, 3, open_shift=True, waiting=True)
    text = whole(closing_pdf(figures, UTILITY))
    first, second, third = figures.shifts
    assert "Siti Nurhaliza Bessie, 07:52–15:45" in text
    assert (f"500.000 3.950.000 581.000 {first.expected_cash:,} {first.counted:,} -2.000".replace(",", ".")
            in text)
    assert "Alasan selisih: Kembalian salah hitung pada pelanggan terakhir" in text
    assert f"{second.expected_cash:,} {second.counted:,} 500".replace(",", ".") in text
    assert "Maria Lay, 07:52, masih buka" in text
    assert f"{third.expected_cash:,} MASIH BUKA".replace(",", ".") in text
    for void in figures.voids:
        assert f"{void.receipt_no} {void.counter_code}" in text
    voids = text[text.index("Pembatalan No. kuitansi"):text.index("Cetak ulang kuitansi")]
    assert "KPG-L03-20251124-0006 L03 Maria Lay" in voids and voids.count("Paulus") == 3  # the approver, by name
    assert "kasir" not in voids and "kepala" not in voids
    assert "Salah pilih pelanggan," in text and "kuitansi berikutnya" in text
    assert f"Jumlah 3 kuitansi {format_rupiah(sum(v.amount for v in figures.voids))}" in text
    assert f"{figures.reprints[0].label} Siti Nurhaliza Bessie 1" in text  # the receipt's cashier, by name
    assert "bayar_ganda 03-08-100039 menunggu 24 Nov 2025 11:07:30 WITA Rp 143.500" in text
    assert "Masih ada 3 peristiwa dari loket yang belum diterapkan di pusat" in text
    assert "Semua loket sudah terkirim" not in text
    assert "L02 24 Nov 2025 15:51:00 WITA 0 3" in text and "L03 24 Nov 2025 15:52:00 WITA 1 0" in text


def test_closing_report_deposit_signatures_and_late_section_after_them():
    figures = day(120, 3, late=3)
    text = whole(closing_pdf(figures, UTILITY))
    assert "Semua loket sudah terkirim." in text
    assert f"Jumlah setoran : {format_rupiah(figures.cash_total)} Bank : Bank NTT Cabang Kupang" in text
    assert "No. referensi : STR-20251124-0042" in text
    signatures = text.index("Dibuat oleh, Diperiksa oleh, Kepala Unit Bagian Keuangan Paulus Fanggidae")
    late = text.index(LATE_TITLE)
    assert late > signatures  # outside the signed figures
    assert "Tidak termasuk dalam jumlah dan tanda tangan laporan ini" in text[late:]
    for receipt in figures.late:
        assert receipt.receipt_no in text[late:] and receipt.receipt_no not in text[:late]
    assert "KPG-L03-20251124-0041 16:42 L03 Maria Lay 06-15-101586 Tunai BATAL Rp 221.900" in text
    assert "Jumlah (2 kuitansi) Rp 404.300" in text[late:]
    assert "Pembatalan setelah tutup hari" in text[late:]
    late_void = figures.late_voids[0]
    assert f"{late_void.receipt_no} L01 tutup hari atas 16:55 {format_rupiah(late_void.amount)}" in text[late:]
    assert "Siti Nurhaliza Paulus" in text[late:]  # the cashier's and the approver's names, wrapped
    assert "Dibatalkan setelah" in text[late:]


def test_closing_report_before_the_sign_off_without_deposit():
    figures = day(60, 2, closed=False, late=0, deposit=False)
    text = whole(closing_pdf(figures, UTILITY))
    assert "Status: BELUM DITUTUP" in text and "DITUTUP oleh" not in text
    assert f"Belum ada setoran. Tunai untuk disetor: {format_rupiah(figures.to_deposit)}" in text
    assert LATE_TITLE not in text


def test_closing_report_of_an_empty_day():
    text = whole(closing_pdf(empty_day(), UTILITY))
    assert text.count("Tidak ada penerimaan") == 2  # both charts
    assert "Per loket: tidak ada penerimaan." in text
    assert "Tidak ada pembatalan." in text and "Tidak ada konflik." in text
    assert "Tidak ada kuitansi yang dicetak ulang." in text
    assert "Jumlah penerimaan : Rp 0" in text


def test_charts_label_axes_in_short_rupiah():
    text = whole(closing_pdf(day(120, 3), UTILITY))
    assert "08.00" in text and "15.00" in text  # the hours
    assert re.search(r"\b10 jt\b", text) and "21,3 jt" in text  # an axis tick and L03's bar


def test_short_rupiah():
    assert [short_rupiah(v) for v in (0, 950, 1_000, 500_000, 1_250_000, 10_210_000, 327_730_000,
                                      2_400_000_000)] == ["0", "950", "1 rb", "500 rb", "1,25 jt", "10,2 jt",
                                                          "328 jt", "2,4 M"]


def test_closing_report_flags_components_that_do_not_add_up():
    figures = day(30, 2)
    broken = dataclasses.replace(figures, components=dataclasses.replace(figures.components, water=0))
    assert "Perhatian: jumlah komponen" in whole(closing_pdf(broken, UTILITY))
    assert "Perhatian" not in whole(closing_pdf(figures, UTILITY))


def test_closing_report_is_a4_portrait_in_dejavu():
    reader = PdfReader(io.BytesIO(closing_pdf(day(60, 2), UTILITY)))
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4) for p in reader.pages)
    shown = text_fonts(reader)
    assert shown == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"} and embeds_dejavu(reader), shown


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_renders_to_png(tmp_path):
    figures = day(120, 3, open_shift=True, waiting=True)
    for name, data in (("lpp", daily_receipts_pdf(figures, UTILITY)), ("closing", closing_pdf(figures, UTILITY)),
                       ("empty", closing_pdf(empty_day(), UTILITY))):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True, capture_output=True, timeout=60)
    assert len(list(tmp_path.glob("*.png"))) >= 5


def test_a_counter_never_heard_from_that_day_is_named_not_all_sent():
    figures = day(120, 3, late=0)
    silent = dataclasses.replace(figures.waiting[1], last_received_at=None, pending=0)
    figures = dataclasses.replace(figures, waiting=(figures.waiting[0], silent, *figures.waiting[2:]))
    assert figures.silent_counters == (silent.counter_code,)
    text = whole(closing_pdf(figures, UTILITY))
    assert "Semua loket sudah terkirim" not in text
    assert f"Belum ada kabar dari loket {silent.counter_code} sejak hari ini mulai" in text


def test_refunds_leave_the_deposit_and_late_cash_has_a_supplementary_one():
    figures = day(120, 3, late=3)
    deposit = dataclasses.replace(figures.deposit, amount=figures.cash_total - 25_000)
    extra = dataclasses.replace(deposit, amount=figures.late_cash - 1_000, reference="STR-SUSULAN-1", seq=2)
    figures = dataclasses.replace(figures, refunds=25_000, deposit=deposit, supplementary=(extra,))
    assert figures.late_cash > 0 and figures.to_deposit == figures.cash_total - 25_000
    text = whole(closing_pdf(figures, UTILITY))
    assert "Pengembalian uang : -Rp 25.000" in text
    assert f"Tunai untuk disetor : {format_rupiah(figures.to_deposit)}" in text
    assert "Selisih setoran dan tunai" not in text  # the deposit is the cash less the refund
    assert f"Susulan 1 : {format_rupiah(extra.amount)}, Bank NTT Cabang Kupang, STR-SUSULAN-1" in text
    assert f"Tunai terlambat : {format_rupiah(figures.late_cash)}" in text and "Belum disetor : Rp 1.000" in text


def test_refunds_paid_from_drawers_are_a_column_of_the_shifts_and_a_line_of_the_cash():
    figures = day(120, 3, late=0)
    first = figures.shifts[0]
    paid_back = dataclasses.replace(first, refunds_paid=25_000, expected_at_close=first.expected_cash - 25_000,
                                    counted=first.counted - 25_000)
    deposit = dataclasses.replace(figures.deposit, amount=figures.cash_total - 25_000)
    figures = dataclasses.replace(figures, shifts=(paid_back, *figures.shifts[1:]), refunds=25_000, deposit=deposit)
    data = closing_pdf(figures, UTILITY)
    lines = "\n".join(pages_text(data)).splitlines()
    head = next(i for i, line in enumerate(lines) if line.split()[:3] == ["Loket", "Modal", "awal"])
    assert lines[head].split()[-4:] == ["Kembalian", "Seharusnya", "Dihitung", "Selisih"]
    assert lines[head - 1].split() == ["Pengembalian"] and lines[head + 1].split() == ["uang"]  # between them
    text = whole(data)
    assert "Seharusnya = modal awal + tunai diterima − kembalian − pengembalian uang" in text
    assert (f"500.000 3.950.000 581.000 25.000 {paid_back.expected_cash:,} {paid_back.counted:,} -2.000"
            .replace(",", ".") in text)
    second = figures.shifts[1]
    assert f"{second.cash_taken:,} {second.change_given:,} 0 {second.expected_cash:,}".replace(",", ".") in text
    assert "Pengembalian uang : -Rp 25.000" in text
    assert f"Tunai untuk disetor : {format_rupiah(figures.to_deposit)}" in text
    plain = whole(closing_pdf(day(120, 3, late=0), UTILITY))  # no refund that day: no column, no line
    assert "Pengembalian" not in plain


def test_closing_report_names_people_in_full_and_is_made_by_the_head_who_closed():
    figures = day(120, 3, late=0)
    text = whole(closing_pdf(figures, UTILITY))
    assert "Ditutup oleh : Paulus Fanggidae (Kepala Unit)" in text
    assert "Dicatat oleh : Paulus Fanggidae" in text  # the deposit
    assert f"{figures.reprints[0].label} Siti Nurhaliza Bessie 1" in text
    signatures = text[text.index("Dibuat oleh,"):]
    assert signatures.startswith("Dibuat oleh, Diperiksa oleh, Kepala Unit Bagian Keuangan Paulus Fanggidae")
    assert "Kasir" not in signatures.split("Halaman")[0]
    assert not re.search(r"\b(kepala|kasir\d)\b", text)  # no login name anywhere
    before = whole(closing_pdf(day(60, 2, closed=False, late=0, deposit=False), UTILITY))
    assert "Dibuat oleh, Diperiksa oleh, Kepala Unit Bagian Keuangan (" in before  # to be signed by hand


def test_closing_report_lists_non_cash_receipts_with_their_references_for_the_bank():
    figures = day(120, 3, late=0)
    rows = list(figures.receipts)
    blank = next(n for n, r in enumerate(rows) if r.method == "qris" and r.status == "completed")
    rows[blank] = dataclasses.replace(rows[blank], reference="")
    figures = dataclasses.replace(figures, receipts=tuple(rows))
    text = "\n".join(pages_text(closing_pdf(figures, UTILITY)))
    section = text[text.index("Penerimaan non-tunai"):text.index("Dibuat oleh,")]
    paid = [r for r in figures.receipts if r.status == "completed" and r.method != "cash"]
    assert len(paid) == 45
    for r in paid:
        reference = r.reference or r"\(tanpa referensi\)"
        assert re.search(rf"{r.receipt_no}\s+\d\d:\d\d\s+{method_label(r.method)}\s+{reference}\s+"
                         rf"{format_rupiah(r.total, symbol=False)}\n", section), r.receipt_no
    assert not any(r.receipt_no in section for r in figures.receipts if r.method == "cash" or r.status == "void")
    assert re.search(rf"Jumlah \(45 kuitansi\)\s+{format_rupiah(sum(r.total for r in paid), symbol=False)}",
                     section)
    assert "1 kuitansi tanpa nomor referensi" in section


def test_closing_report_splits_this_years_bills_from_older_arrears_and_counts_them():
    figures = day(120, 3, late=0)
    current, arrears = figures.bill_years
    assert arrears.count and current.count and figures.bills_paid == current.count + arrears.count
    text = whole(closing_pdf(figures, UTILITY))
    assert f"Rekening dibayar : {figures.bills_paid} lembar" in text
    assert f"Rekening tahun berjalan (2025) {current.count} {format_rupiah(current.amount)}" in text
    assert f"Tunggakan tahun lalu (s.d. 2024) {arrears.count} {format_rupiah(arrears.amount)}" in text
    assert f"Jumlah {figures.bills_paid} {format_rupiah(current.amount + arrears.amount)}" in text


def test_closing_report_shift_table_holds_the_covered_shifts_and_the_others_come_late():
    figures = day(120, 3, late=3)
    later = dataclasses.replace(figures.shifts[0], shift_id="S-L04-1", counter_code="L04", cashier="kasir4",
                                cashier_name="Agustinus Foeh",
                                opened_at=figures.closing.closed_at + dt.timedelta(minutes=5),
                                closed_at=figures.closing.closed_at + dt.timedelta(minutes=65))
    figures = dataclasses.replace(figures, late_shifts=(later,))
    text = whole(closing_pdf(figures, UTILITY))
    late = text.index(LATE_TITLE)
    assert "Agustinus Foeh" not in text[:late]
    shifts = text[late:][text[late:].index("Shift yang tidak tercakup tutup hari"):]
    assert "L04 Agustinus Foeh, 16:35–17:35" in shifts
