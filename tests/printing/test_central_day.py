"""Central's day report across offices and channels, from plain figures: the
PDF read back (pdftotext -layout) says every office's and channel's totals and
the grand total, on A4 with DejaVu embedded, over pages when a utility has many
offices, the offices' title never alone at the foot of a page; an empty day
prints and says so; the CSV's rows add up to its totals for any figures, customer
credit and cash rounding included (hypothesis)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from counter.printing.central_day import CentralDay, ChannelDay, Components, OfficeDay, central_day_csv
from counter.printing.central_day_pdf import TITLE_TEXT, central_day_pdf
from counter.printing.day_figures import Tally
from counter.rules.money import format_rupiah
from tests.printing.pdf_fonts import fonts

WITA = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2026, 12, 7)
METHODS = ("cash", "debit", "qris", "transfer")


def office(n: int, closed: bool = False) -> OfficeDay:
    return OfficeDay(code=f"K{n:02d}", name=f"Unit Pelayanan {n}",
                     by_method=(Tally("cash", 100 + n, 12_345_600 + n), Tally("qris", 7, 890_000)),
                     voids=Tally("batal", 1, 45_000), refunds=Tally("pengembalian_uang", n % 2, 20_000 * (n % 2)),
                     deposits=Tally("setoran", 1 if closed else 0, 11_000_000 if closed else 0), bills=150 + n,
                     closed=closed)


def channel(code: str, count: int, total: int) -> ChannelDay:
    return ChannelDay(code=code, name=f"Kanal {code}", count=count, total=total,
                      reversed=Tally("dibatalkan", 1, 97_200), bills=count + 3, settled=code.startswith("BANK"))


def components(total: int) -> Components:
    water = total - 100_000
    return Components(water=water, standing=40_000, meter=20_000, admin=10_000, fines=20_000, terms=0,
                      down_payments=0, stamp_duty=10_000, waived=5_000)


def figures(offices: int = 3, channels: int = 2) -> CentralDay:
    made = tuple(office(n, closed=n % 3 == 0) for n in range(1, offices + 1))
    paid = tuple(channel(code, 40 + n, 123_456_789_000 + n) for n, code in
                 enumerate(("BANK-NTT", "TOKO-AIR", "POS-IND", "BANK-BRI")[:channels]))
    total = sum(o.total for o in made) + sum(c.total for c in paid)
    return CentralDay(DAY, dt.datetime(2026, 12, 7, 22, 5, tzinfo=WITA), "Perumda Air Minum Kota Contoh", made, paid,
                      components(total))


def layout(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                         timeout=60).stdout.decode()
    return out.split("\f")[:-1]


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


@needs_poppler
def test_the_pdf_says_every_office_and_channel_and_the_grand_total():
    day = figures()
    data = central_day_pdf(day)
    pages = layout(data)
    text = "\n".join(pages)
    assert TITLE_TEXT in text and "7 Des 2026" in text
    for o in day.offices:
        line = next(line for line in text.splitlines() if line.strip().startswith(o.code))
        assert o.name in line and ("BELUM ditutup" in line) != o.closed
    assert text.count("Jumlah diterima") == len(day.offices) + 1  # each office, and the components
    for o in day.offices:
        assert format_rupiah(o.total, symbol=False) in text
    for c in day.channels:
        assert c.code in text
        amount = format_rupiah(c.total, symbol=False)  # the name wraps under the code: the figures stand between
        words = next(line for line in text.splitlines() if amount in line).split()
        assert words[words.index(amount) - 2:words.index(amount) + 1] == [str(c.count), str(c.bills), amount]
    summary = next(line for line in text.splitlines() if line.strip().startswith("Jumlah keseluruhan"))
    assert summary.split()[2:] == [f"{day.count:,}".replace(",", "."), str(day.bills),
                                   format_rupiah(day.total, symbol=False)]
    reader = PdfReader(io.BytesIO(data))
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4, abs=1) for p in reader.pages)
    names, used, embedded = fonts(reader.pages)
    assert used and all("DejaVu" in name for name in used) and embedded
    assert all(f"Halaman {n} dari {len(pages)}" in page for n, page in enumerate(pages, 1))


@needs_poppler
def test_many_offices_run_over_pages_and_no_office_is_split():
    day = figures(offices=40, channels=4)
    pages = layout(central_day_pdf(day))
    assert len(pages) > 3
    for page in pages:  # an office's block stays on one page: its heading and its last line
        for o in day.offices:
            if f"{o.code} {o.name}" in page:
                after = page.split(f"{o.code} {o.name}", 1)[1]
                assert "Rekening dibayar" in after
    assert "Semua kantor: jumlah diterima" in "\n".join(pages)


@needs_poppler
@pytest.mark.parametrize("offices, channels", [(n, c) for n in (1, 2, 5) for c in range(5)])
def test_the_offices_title_is_never_alone_at_the_foot_of_a_page(offices, channels):
    """Whatever fills the first page, the title comes with the first office's block."""
    made = tuple(dataclasses.replace(office(n), rounding=-1_234, by_method=(
        *office(n).by_method, Tally("credit", 2, 60_083))) for n in range(1, offices + 1))
    day = dataclasses.replace(figures(offices, channels), offices=made)
    pages = layout(central_day_pdf(day))
    page = next(page for page in pages if "Per kantor (loket)" in page)
    assert "K01 Unit Pelayanan 1" in page.split("Per kantor (loket)", 1)[1]


@needs_poppler
def test_an_empty_day_prints_and_says_so():
    day = CentralDay(DAY, dt.datetime(2026, 12, 7, 22, tzinfo=WITA), "Pusat", (), (), Components(*[0] * 9))
    assert day.empty
    text = "\n".join(layout(central_day_pdf(day)))
    assert "Tidak ada pembayaran yang tercatat" in text
    assert "Belum ada kantor" in text and "Tidak ada kanal" in text


def test_an_office_with_nothing_is_listed_with_zeros():
    quiet = OfficeDay("OEB", "Unit Oebobo", (), Tally("batal", 0, 0), Tally("pengembalian_uang", 0, 0),
                      Tally("setoran", 0, 0), 0, False)
    day = CentralDay(DAY, dt.datetime(2026, 12, 7, 22, tzinfo=WITA), "Pusat", (quiet,), (), Components(*[0] * 9))
    assert day.empty
    rows = list(csv.reader(io.StringIO(central_day_csv(day))))
    assert ["kantor", "OEB", "diterima", "0", "0"] in rows
    assert not any(row[2] == "setoran" for row in rows)  # no deposit recorded: no row


tallies = st.builds(Tally, st.sampled_from((*METHODS, "credit")), st.integers(0, 10_000), st.integers(0, 10**12))
offices = st.lists(st.builds(
    OfficeDay, code=st.from_regex(r"[A-Z]{3}", fullmatch=True), name=st.text(max_size=30),
    by_method=st.lists(tallies, max_size=4, unique_by=lambda t: t.label).map(tuple),
    voids=st.builds(Tally, st.just("batal"), st.integers(0, 50), st.integers(0, 10**9)),
    refunds=st.builds(Tally, st.just("pengembalian_uang"), st.integers(0, 5), st.integers(0, 10**8)),
    deposits=st.builds(Tally, st.just("setoran"), st.integers(0, 3), st.integers(0, 10**12)),
    bills=st.integers(0, 10**5), closed=st.booleans(), rounding=st.integers(-10**6, 10**6)), max_size=6)
channel_days = st.lists(st.builds(
    ChannelDay, code=st.from_regex(r"[A-Z]{2,8}", fullmatch=True), name=st.text(max_size=30),
    count=st.integers(0, 10**5), total=st.integers(0, 10**13),
    reversed=st.builds(Tally, st.just("dibatalkan"), st.integers(0, 50), st.integers(0, 10**9)),
    bills=st.integers(0, 10**5), settled=st.booleans()), max_size=4)


@settings(max_examples=60)
@given(offices, channel_days)
def test_the_csv_rows_add_up_to_its_totals(made, paid):
    day = CentralDay(DAY, dt.datetime(2026, 12, 7, 22, tzinfo=WITA), "Pusat", tuple(made), tuple(paid),
                     Components(*[0] * 9))
    rows = list(csv.DictReader(io.StringIO(central_day_csv(day))))

    def amount(section: str, label: str) -> int:
        return sum(int(r["amount"]) for r in rows if r["section"] == section and r["label"] == label)

    def count(section: str, label: str) -> int:
        return sum(int(r["count"]) for r in rows if r["section"] == section and r["label"] == label)

    assert amount("kantor", "diterima") == sum(int(r["amount"]) for r in rows
                                               if r["section"] == "kantor" and r["label"] in (*METHODS, "credit"))
    assert count("kantor", "diterima") == sum(
        int(r["count"]) for r in rows if r["section"] == "kantor" and r["label"] in METHODS)  # credit: no payment
    assert amount("jumlah", "kredit_dipakai") == amount("kantor", "credit") == day.credit_used
    assert count("jumlah", "kredit_dipakai") == count("kantor", "credit")
    assert amount("jumlah", "uang_diterima") == day.total - day.credit_used
    assert amount("kantor", "pembulatan") == sum(o.rounding for o in made)
    assert amount("jumlah", "loket") == amount("kantor", "diterima") == day.counter_total
    assert amount("jumlah", "kanal") == amount("kanal", "diterima") == day.channel_total
    assert amount("jumlah", "diterima") == day.total == day.counter_total + day.channel_total
    assert count("jumlah", "diterima") == count("kantor", "diterima") + count("kanal", "diterima") == day.count
    assert count("jumlah", "rekening_dibayar") == count("kantor", "rekening_dibayar") + count(
        "kanal", "rekening_dibayar")
    assert all(not r["label"].startswith(("=", "+", "-", "@")) for r in rows)


def test_the_components_speak_the_receipts_words():
    from counter.printing.receipt import COMPONENT_LABELS

    text = " ".join(" ".join(layout(central_day_pdf(figures()))).split())
    section = text[text.index("Komponen Jumlah"):text.index("Jumlah diterima")]
    for words in COMPONENT_LABELS.values():
        assert f" {words} Rp" in section, words
    assert "Biaya beban" not in section
