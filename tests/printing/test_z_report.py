"""The shift's Z-report on 58 and 80 mm paper: the lines as text, and the ESC/POS
bytes decoded back to the same lines."""

from __future__ import annotations

import dataclasses
import re

import pytest

from counter.errors import InvalidInput
from counter.printing.z_report import z_report_bytes, z_report_lines
from counter.rules.cash import counted_total
from tests.printing.day_samples import day
from tests.printing.test_escpos import decode


@pytest.fixture(scope="module")
def shifts():
    return day(120, 3, open_shift=True).shifts  # L01 short by 2.000, L02 over by 500, L03 still open


def line_with(lines: list[str], start: str) -> str:
    return next(line for line in lines if line.startswith(start))


def count_line(lines: list[str], start: str) -> str:
    """A line of the count, its columns' padding read as single spaces."""
    return next(" ".join(line.split()) for line in lines if " ".join(line.split()).startswith(start))


@pytest.mark.parametrize("width", [32, 48])
def test_a_closed_shift(shifts, width):
    shift = shifts[0]
    lines = z_report_lines(shift, width)
    assert all(len(line) <= width and line.isascii() for line in lines), [line for line in lines if len(line) > width]
    assert lines[1].strip() == "LAPORAN Z - TUTUP SHIFT"
    text = "\n".join(lines)
    assert "Loket   : L01" in lines and "Tanggal : 24 Nov 2025" in lines
    assert "Kantor  : Unit Pelayanan Kota" in text and "Siti Nurhaliza Bessie" in text
    assert line_with(lines, "Buka") == "Buka    : 07:52:00 WITA"  # the date is on the line above
    assert line_with(lines, "Tutup") == "Tutup   : 15:45:00 WITA" and "SHIFT MASIH BUKA" not in text
    assert line_with(lines, "Jumlah kuitansi").endswith(" 39")
    assert line_with(lines, "Dibatalkan").endswith(" 1") and line_with(lines, "Cetak ulang").endswith(" 1")
    assert line_with(lines, "  Tunai (24)").endswith("Rp 3.369.000")
    assert line_with(lines, "  QRIS (7)").endswith("Rp 796.200")
    assert line_with(lines, "  Jumlah (39)").endswith("Rp 5.047.200")
    assert line_with(lines, "Modal awal").endswith("Rp 500.000")
    assert line_with(lines, "Tunai diterima").endswith("Rp 3.950.000")
    assert line_with(lines, "Kembalian").endswith("-Rp 581.000")
    assert line_with(lines, "Seharusnya di laci").endswith("Rp 3.869.000")
    assert shift.expected_cash == 3_869_000
    assert line_with(lines, "Dihitung").endswith("Rp 3.867.000")
    assert line_with(lines, "Selisih (KURANG)").endswith("-Rp 2.000")
    assert "Kembalian salah hitung" in text
    signatures = [line.split() for line in lines if line.startswith("Kasir ") and ":" not in line]
    assert signatures == [["Kasir", "Kepala", "Unit"]]
    assert lines[-2].startswith("(") and lines[-2].count("(") == 2  # two places to sign


@pytest.mark.parametrize("width", [32, 48])
def test_the_count_lists_only_denominations_counted_and_adds_up(shifts, width):
    shift = shifts[0]
    lines = z_report_lines(shift, width)
    counted = [line for line in lines if line.startswith("  Rp ") and " x " in line]
    assert counted == [line for line in counted if "=" in line]
    assert len(counted) == sum(1 for n in shift.counts.values() if n)
    assert count_line(lines, "Rp 100.000 x 38").endswith("= Rp 3.800.000")
    assert count_line(lines, "Rp 50.000 x 1").endswith("= Rp 50.000")
    assert not any(line.startswith("  Rp 20.000") for line in lines)  # none counted
    amounts = [int(line.rsplit("Rp ", 1)[1].replace(".", "")) for line in counted]
    assert sum(amounts) == counted_total(shift.counts) == shift.counted
    assert "Uang kertas" in lines and "Koin" not in lines


def test_over_exact_and_coins(shifts):
    over = z_report_lines(shifts[1], 48)
    assert line_with(over, "Selisih (LEBIH)").endswith("Rp 500")
    assert "Koin" in over and count_line(over, "Rp 500 x 1").endswith("= Rp 500")
    exact = dataclasses.replace(shifts[1], counted=shifts[1].expected_cash, variance_reason="")
    lines = z_report_lines(exact, 48)
    assert line_with(lines, "Selisih (PAS)").endswith("Rp 0") and not any(line.startswith("Alasan") for line in lines)


def test_a_shortfall_without_reason_says_so(shifts):
    lines = z_report_lines(dataclasses.replace(shifts[0], variance_reason=""), 32)
    assert "Alasan: (tidak diisi)" in lines


def test_an_open_shift_has_no_count(shifts):
    lines = z_report_lines(shifts[2], 32)
    assert "*** SHIFT MASIH BUKA ***" in [line.strip() for line in lines]
    assert not any(line.startswith(("Tutup", "Dihitung", "Selisih", "Hitungan", "Uang kertas")) for line in lines)
    assert line_with(lines, "Seharusnya di laci").endswith("Rp 16.529.500")


def test_closed_by_a_supervisor_and_on_the_next_day(shifts):
    late = shifts[0].closed_at.replace(day=25)
    lines = z_report_lines(dataclasses.replace(shifts[0], closed_by="kepala", closed_by_name="Paulus Fanggidae",
                                               closed_at=late), 48)
    assert "Oleh    : Paulus Fanggidae" in lines  # a person's name, not a login name
    assert line_with(lines, "Tutup").endswith("25 Nov 2025 15:45:00 WITA")


@pytest.mark.parametrize("paper, width", [("58mm", 32), ("80mm", 48)])
def test_bytes_decode_to_the_lines_with_bold_and_a_cut(shifts, paper, width):
    for shift in shifts:
        data = z_report_bytes(shift, paper)
        assert data.startswith(b"\x1b@")
        printed = decode(data)
        assert printed.endswith("[CUT]\n")
        assert printed[:-len("[CUT]\n")].splitlines() == z_report_lines(shift, width)
    data = z_report_bytes(shifts[0], paper)
    assert b"\x1bE\x01" + "LAPORAN Z - TUTUP SHIFT".center(width).rstrip().encode() + b"\n" in data
    bold_from = data.index(b"\x1bE\x01Dihitung")
    assert b"Selisih (KURANG)" in data[bold_from:data.index(b"\x1bE\x00", bold_from)]  # bold on through both
    assert b"\x1bE\x01Seharusnya di laci" in data


def test_unknown_paper_or_width_is_refused(shifts):
    with pytest.raises(InvalidInput):
        z_report_bytes(shifts[0], "110mm")
    with pytest.raises(InvalidInput):
        z_report_lines(shifts[0], 40)


def test_accents_are_transliterated(shifts):
    shift = dataclasses.replace(shifts[0], cashier_name="Ñoño Süßmann", variance_reason="uang “kurang” — ditanggung")
    lines = z_report_lines(shift, 48)
    assert all(line.isascii() for line in lines)
    assert "Kasir   : Nono Sussmann (kasir1)" in lines
    assert 'uang "kurang" - ditanggung' in " ".join(lines)


@pytest.mark.parametrize("width", [32, 48])
def test_a_refund_paid_from_the_drawer_is_its_own_line(shifts, width):
    """Money going out: 'Pengembalian uang' between the change and what the drawer should hold."""
    still_open = dataclasses.replace(shifts[2], refunds_paid=125_000)
    lines = z_report_lines(still_open, width)
    assert line_with(lines, "Pengembalian uang").endswith("-Rp 125.000")
    assert line_with(lines, "Seharusnya di laci").endswith("Rp 16.404.500")  # 16.529.500 less the refund
    order = [next(i for i, line in enumerate(lines) if line.startswith(label))
             for label in ("Modal awal", "Tunai diterima", "Kembalian", "Pengembalian uang", "Seharusnya di laci")]
    assert order == sorted(order)
    closed = dataclasses.replace(shifts[0], refunds_paid=25_000, expected_at_close=shifts[0].expected_cash - 25_000,
                                 counted=shifts[0].counted - 25_000)
    lines = z_report_lines(closed, width)
    assert line_with(lines, "Pengembalian uang").endswith("-Rp 25.000")
    assert line_with(lines, "Seharusnya di laci").endswith("Rp 3.844.000")
    assert line_with(lines, "Selisih (KURANG)").endswith("-Rp 2.000")
    assert not any(line.startswith("Pengembalian") for line in z_report_lines(shifts[0], width))  # none paid: no line


def big_shift(shift):
    """A busy counter: eight-digit amounts, every method and component, paper receipts, rounding and a refund."""
    from counter.printing.day_figures import Tally

    counts = {"100000": 138, "50000": 21, "20000": 3, "10000": 1, "5000": 1, "2000": 1, "1000": 1, "c1000": 12, "c500": 7}
    counted = counted_total(counts)
    return dataclasses.replace(
        shift, by_method=(Tally("cash", 124, 14_912_300), Tally("credit", 12, 1_250_000), Tally("debit", 18, 3_120_400),
                          Tally("qris", 57, 11_796_200), Tally("transfer", 34, 10_489_600)),
        components=(Tally("bills", 230, 38_120_000), Tally("terms", 14, 2_348_500), Tally("charges", 3, 760_000),
                    Tally("stamp_duty", 1, 10_000), Tally("rounding", 124, 330_000)),
        cash_taken=16_210_000, change_given=1_297_700, paper_cash=1_234_500, rounding=330_000,
        refunds_paid=1_250_000, credit_used=1_250_000, counts=counts, counted=counted,
        expected_at_close=counted + 2_000)


# What each amount of the Z-report stands for, as printed before it (at 58 mm some labels are short).
AMOUNT_LABELS = re.compile(
    r"(  (Tunai|Transfer bank|Transfer|Kartu debit|Debit|QRIS|Kredit pelanggan|Kredit) \([\d.]+\)"
    r"|    dr pembulatan|  Jumlah \([\d.]+\)|  Jumlah"
    r"|  (Rekening air|Rekening|Angsuran & uang muka|Angsuran & DP|Biaya lain|Meterai|Pembulatan)"
    r"|Modal awal|Tunai diterima|  dr kuitansi manual|  dr kuit\. manual|Kembalian|Pengembalian uang|Pengembalian"
    r"|Seharusnya di laci|Harus di laci|Dihitung|Selisih \((KURANG|LEBIH|PAS)\)"
    r"| *(Rp )?[\d.]+ +x +[\d.]+ +=)"
    r" +-?Rp [\d.]+")


@pytest.mark.parametrize("paper, width", [("58mm", 32), ("80mm", 48)])
@pytest.mark.parametrize("which", ["sample", "big"])
def test_every_amount_sits_on_its_labels_line(shifts, paper, width, which):
    """No amount wraps away from its label, the '=' of the count is one column, amounts end at the edge."""
    shift = big_shift(shifts[0]) if which == "big" else shifts[0]
    printed = decode(z_report_bytes(shift, paper))[:-len("[CUT]\n")].splitlines()
    assert printed == z_report_lines(shift, width)
    assert all(len(line) <= width for line in printed), [line for line in printed if len(line) > width]
    with_amounts = [line for line in printed if "Rp " in line and not line.startswith("Alasan")]
    assert with_amounts, printed
    for line in with_amounts:
        assert AMOUNT_LABELS.fullmatch(line), f"amount away from its label: {line!r}\n" + "\n".join(printed)
        assert len(line) == width, f"amount not right-aligned: {line!r}"
    counted = [line for line in printed if " x " in line and "=" in line]
    assert len(counted) == sum(1 for n in shift.counts.values() if n)
    assert len({line.index("=") for line in counted}) == 1, "\n".join(counted)
    amounts = [int(line.rsplit("Rp ", 1)[1].replace(".", "")) for line in counted]
    assert sum(amounts) == counted_total(shift.counts) == shift.counted
    if which == "big":  # all there, whole
        text = "\n".join(printed)
        for amount in ("Rp 14.912.300", "Rp 11.796.200", "Rp 10.489.600", "Rp 41.568.500", "Rp 2.348.500",
                       "Rp 1.234.500", "-Rp 1.250.000", "Rp 13.800.000"):
            assert amount in text, amount
