"""The rules of other charges: the rate in force (by date, a group's own row
first), a programme's discount (never below zero), the discount's written form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import InvalidInput
from counter.rules.charges import (
    ChargeRate, catalogue_for, charge_due, check_code, discounts_text, in_force, parse_discounts, percent_off,
)

D = dt.date
RATES = (
    ChargeRate("BUKA-SEGEL", "Biaya buka segel", 100_000, None, D(2024, 1, 1)),
    ChargeRate("BUKA-SEGEL", "Biaya buka segel", 150_000, None, D(2026, 1, 1)),
    ChargeRate("BUKA-SEGEL", "Biaya buka segel niaga", 250_000, "N1", D(2025, 1, 1)),
    ChargeRate("BALIK-NAMA", "Biaya balik nama", 50_000, None, D(2024, 1, 1)),
    ChargeRate("SAMBUNG-BARU", "Sambungan baru R1", 900_000, "R1", D(2024, 6, 1)),
)


def test_the_latest_version_in_force_on_the_day():
    assert in_force(RATES, "BUKA-SEGEL", "R2", D(2025, 12, 31)).amount == 100_000
    assert in_force(RATES, "BUKA-SEGEL", "R2", D(2026, 1, 1)).amount == 150_000
    assert in_force(RATES, "BUKA-SEGEL", "R2", D(2023, 12, 31)) is None


def test_a_groups_own_row_wins_over_the_row_for_every_group():
    assert in_force(RATES, "BUKA-SEGEL", "N1", D(2024, 6, 1)).amount == 100_000  # its own not yet in force
    assert in_force(RATES, "BUKA-SEGEL", "N1", D(2025, 1, 1)).amount == 250_000
    assert in_force(RATES, "BUKA-SEGEL", "N1", D(2026, 6, 1)).amount == 250_000  # still its own


def test_the_catalogue_of_a_group_lists_each_code_once():
    assert [(r.code, r.amount) for r in catalogue_for(RATES, "R1", D(2025, 11, 24))] == [
        ("BALIK-NAMA", 50_000), ("BUKA-SEGEL", 100_000), ("SAMBUNG-BARU", 900_000)]
    assert [r.code for r in catalogue_for(RATES, "R2", D(2025, 11, 24))] == ["BALIK-NAMA", "BUKA-SEGEL"]


def test_a_discount_halves_a_fee_rounded_half_up():
    due = charge_due(RATES[0], {"BUKA-SEGEL": 50}, "BUKA-SEGEL-2025")
    assert (due.list_amount, due.discount, due.amount, due.programme) == (100_000, 50_000, 50_000, "BUKA-SEGEL-2025")
    assert percent_off(25_001, 50) == 12_501
    assert charge_due(RATES[3], {"BUKA-SEGEL": 50}, "X").programme == ""  # not this charge's programme


@given(st.integers(0, 10**13), st.integers(0, 100))
def test_a_discount_never_makes_a_charge_negative(amount, pct):
    off = percent_off(amount, pct)
    assert 0 <= off <= amount
    assert (off == amount) if pct == 100 else off == (amount * pct + 50) // 100


@pytest.mark.parametrize("amount, pct", [(-1, 10), (100, -1), (100, 101), (100, True), (1.5, 10)])
def test_bad_figures_are_refused(amount, pct):
    with pytest.raises(InvalidInput):
        percent_off(amount, pct)


def test_discounts_as_written():
    assert parse_discounts("buka-segel:50, BALIK-NAMA:100%") == {"BALIK-NAMA": 100, "BUKA-SEGEL": 50}
    assert parse_discounts("") == {}
    assert discounts_text({"BUKA-SEGEL": 50, "BALIK-NAMA": 100}) == "BALIK-NAMA:100, BUKA-SEGEL:50"


@pytest.mark.parametrize("text, reason", [("BUKA-SEGEL", "KODE:PERSEN"), ("BUKA-SEGEL:150", "0-100"),
                                          ("BUKA-SEGEL:-5", "KODE:PERSEN"), ("A:1,A:2", "dua kali"),
                                          ("BUKA SEGEL:5", "tidak sah")])
def test_bad_discounts_are_refused_with_a_reason(text, reason):
    with pytest.raises(InvalidInput, match=reason):
        parse_discounts(text)


def test_codes():
    assert check_code(" balik-nama ") == "BALIK-NAMA"
    for bad in ("", "-A", "A B", "X" * 25, None, "ÄB"):
        with pytest.raises(InvalidInput, match="Kode biaya"):
            check_code(bad)
