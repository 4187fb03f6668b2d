"""Layout rules every thermal receipt keeps, checked on the decoded ESC/POS bytes
of every kind of receipt at 58 mm (32 columns) and 80 mm (48 columns): the money
lines above TOTAL add up to it on the receipt's face, no line is wider than the
paper, an identifier is never split, an amount never leaves its label."""

from __future__ import annotations

import re

import pytest

from counter.printing.escpos_receipt import receipt_bytes
from tests.printing.samples import (charge_receipt, down_payment_receipt, hard_receipt, many_months_receipt,
                                    plain_receipt, term_receipt)
from tests.printing.test_escpos import decode
from tests.printing.test_receipt_settlement import credit_receipt, rounded_receipt

AMOUNT = re.compile(r"(-?)Rp ([0-9.]+)$")
PAPERS = {"58mm": 32, "80mm": 48}
SUBTOTALS = ("Jumlah", "Uang muka")  # the last money line of a block: what its lines above come to

KINDS = {
    "bill": plain_receipt,
    "several bills and stamp duty": hard_receipt,
    "instalment term": term_receipt,
    "down payment with relief": down_payment_receipt,
    "other charge with discount": charge_receipt,
    "rounding": rounded_receipt,
    "credit used": credit_receipt,
    "many months": many_months_receipt,
}


def printed(receipt, paper: str) -> list[str]:
    """The receipt's lines as the printer prints them (decoded from its bytes)."""
    return decode(receipt_bytes(receipt, paper)).splitlines()


def amount_of(line: str) -> tuple[str, int] | None:
    """(label, signed Rupiah) of a money line, None for any other line."""
    match = AMOUNT.search(line.rstrip())
    if match is None:
        return None
    return line[:match.start()].strip(), int(match.group(2).replace(".", "")) * (-1 if match.group(1) else 1)


def blocks(lines: list[str]) -> list[list[str]]:
    """The lines between the customer and TOTAL, in blocks: a line at the margin starts one."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Tarif"))
    end = next(i for i, line in enumerate(lines) if line.startswith("TOTAL"))
    found: list[list[str]] = []
    for line in lines[start + 1:end]:
        if not line.strip("-"):
            continue
        if line.startswith(" ") and found:
            found[-1].append(line)
        elif not line.startswith(" "):
            found.append([line])
    return found


def check_adds_up(lines: list[str]) -> None:
    """Each block's money lines come to its subtotal (its last line, when one of SUBTOTALS); a
    `Rincian` block breaks down the block above it; the rest, signed, add up to TOTAL."""
    addends, previous = [], None
    for block in blocks(lines):
        money = [found for line in block if (found := amount_of(line))]
        if block[0].startswith("Rincian"):
            assert previous is not None and sum(a for _, a in money) == previous, block
            continue
        if money and money[-1][0].startswith(SUBTOTALS) and len(money) > 1:
            assert sum(a for _, a in money[:-1]) == money[-1][1], block
            addends.append(money[-1][1])
            previous = money[-1][1]
        else:
            addends.extend(a for _, a in money)
    total = amount_of(next(line for line in lines if line.startswith("TOTAL")))[1]
    assert sum(addends) == total, (addends, total)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_money_lines_add_up_to_the_total_and_no_line_is_too_wide(kind, paper):
    lines = printed(KINDS[kind](), paper)
    check_adds_up(lines)
    assert all(len(line) <= PAPERS[paper] for line in lines if not line.startswith("[QR")), lines


@pytest.mark.parametrize("paper", PAPERS)
def test_a_down_payment_names_the_months_its_plan_covers_and_what_was_waived(paper):
    lines = printed(down_payment_receipt(), paper)
    text = "\n".join(lines)
    assert all(month in text for month in ("Jul 2025", "Agu 2025", "Sep 2025"))
    shown = dict(found for line in lines if (found := amount_of(line)))
    assert shown["Keringanan"] == -40_000 and shown["Sisa diangsur"] == -404_250
    assert shown["Uang muka"] == 173_250 == shown["TOTAL"]
    assert sum(1 for line in lines if line.startswith("Keringanan") or line.strip().startswith("Keringanan")) == 1


@pytest.mark.parametrize("paper", PAPERS)
def test_a_voided_copy_carries_no_qr_and_no_proof_of_payment_footer(paper):
    copy = plain_receipt(voided="salah pelanggan", copy_number=1)
    text = "\n".join(printed(copy, paper))
    assert "DIBATALKAN - BUKAN BUKTI BAYAR" in text
    assert "[QR" not in text and b"\x1d(k" not in receipt_bytes(copy, paper)
    assert "bukti pembayaran yang sah" not in " ".join(text.split())
    assert "Struk ini telah dibatalkan" in text
    assert "[QR" in "\n".join(printed(plain_receipt(copy_number=1), paper))


def identifiers(receipt) -> list[str]:
    """The numbers a receipt prints that someone reads back or types in elsewhere."""
    found = [receipt.receipt_no, receipt.customer_number, receipt.meter_number, receipt.work_order_no,
             receipt.reference, *(line.plan_no for line in receipt.lines)]
    return [value for value in found if value]


@pytest.mark.parametrize("kind", KINDS)
def test_58mm_never_splits_an_identifier_or_an_amount(kind):
    receipt = KINDS[kind]()
    lines = printed(receipt, "58mm")
    for value in identifiers(receipt):
        assert len(value) <= 32, f"{value}: a number format wider than 58 mm paper"
        assert any(value in line for line in lines), (value, lines)
    for line in lines:
        if "Rp " in line and not line.startswith("[QR"):
            label, _ = amount_of(line) or (None, None)
            assert label, f"an amount away from its label: {line!r}"
    assert any(line.endswith("Kasir: Siti Nurhaliza Bessie") or line == "Kasir: Siti Nurhaliza Bessie"
               for line in lines), lines


def test_a_long_receipt_number_goes_whole_under_its_label():
    lines = printed(down_payment_receipt(), "58mm")
    at = lines.index("No. struk:")
    assert lines[at + 1].strip() == "KPGK-L01-20261124-0001"


def bill_section(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("Tarif"))
    end = next(i for i, line in enumerate(lines) if line.startswith("TOTAL"))
    return lines[start + 2:end]


@pytest.mark.parametrize("paper", PAPERS)
def test_many_months_print_compactly_a_line_or_two_a_month_and_their_parts_once(paper):
    receipt = many_months_receipt(19)
    lines = printed(receipt, paper)
    section = bill_section(lines)
    assert len(section) <= 2 * 19 + 10, section  # was 7 lines a month
    assert len(lines) <= (90 if paper == "58mm" else 70)
    for bill in receipt.lines:  # each month on a line of its own, with its amount
        (month,) = [line for line in section if line.strip().startswith(bill.label)]
        assert amount_of(month) == (month[:month.index("Rp")].strip(), bill.amount)
    text = "\n".join(section)
    for words, part in (("Harga air", "water_charge"), ("Beban", "standing_charge"),
                        ("Pemeliharaan meter", "meter_fee"), ("Administrasi", "admin_fee"), ("Denda", "fine")):
        (shown,) = [found for line in section if (found := amount_of(line)) and found[0] == words]
        assert shown[1] == sum(getattr(bill, part) for bill in receipt.lines), words
    assert "m3 1203-1224" not in text and "Rekening 19 bulan" in text
    check_adds_up(lines)


@pytest.mark.parametrize("paper", PAPERS)
def test_three_months_keep_the_detailed_layout(paper):
    section = bill_section(printed(hard_receipt(), paper))
    assert sum(1 for line in section if line.strip().startswith("Harga air")) == 3


@pytest.mark.parametrize("paper", PAPERS)
def test_a_bill_shows_each_part_on_its_own_line_in_the_words_every_output_uses(paper):
    from counter.printing.receipt import COMPONENT_LABELS

    receipt = plain_receipt()
    lines = printed(receipt, paper)
    october = lines[lines.index("Okt 2025"):]
    bill = receipt.lines[1]
    for part, words in COMPONENT_LABELS.items():
        assert amount_of(next(line for line in october if line.strip().startswith(words))) == (
            words, getattr(bill, part))
    assert (bill.standing_charge, bill.meter_fee) == (12_500, 5_000)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_meter_number_the_head_office_and_the_call_centre(paper):
    lines = printed(plain_receipt(meter_number="KPG-21-0045123", head_office="Jl. Soekarno No. 1, Kupang",
                                  call_centre="(0380) 821234"), paper)
    assert "Meter   : KPG-21-0045123" in lines
    text = " ".join(" ".join(lines).split())
    assert "Kantor pusat: Jl. Soekarno No. 1, Kupang" in text and "Call center: (0380) 821234" in lines
    plain = "\n".join(printed(plain_receipt(), paper))
    assert "Meter " not in plain and "Kantor pusat" not in plain and "Call center" not in plain


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind, marked", [("bill", True), ("several bills and stamp duty", True),
                                          ("other charge with discount", True), ("many months", True),
                                          ("down payment with relief", False), ("instalment term", False)])
def test_lunas_on_a_receipt_that_settles_what_it_pays(kind, marked, paper):
    lines = printed(KINDS[kind](), paper)
    assert ("*** LUNAS ***" in [line.strip() for line in lines]) is marked
    voided = printed(KINDS[kind](voided="salah pelanggan"), paper)
    assert not any("LUNAS" in line for line in voided)


def test_an_amount_stays_beside_its_label_when_a_long_number_ends_the_label():
    from counter.printing.escpos_receipt import row

    lines = row("Uang muka 0001/ANGS/KPG-L01/XI/2026", "Rp 450.000", 32)
    assert lines == ["Uang muka             Rp 450.000", "0001/ANGS/KPG-L01/XI/2026"]
