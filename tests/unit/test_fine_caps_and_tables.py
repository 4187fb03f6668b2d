"""Fine schemes per tariff group, a cap on every kind, and a published table of
fines (the fine at N months late) entered as a staged scheme."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import InvalidInput
from counter.rules.fines import FineScheme, FineSchemes, fine_for, stages_from_table

DUE = dt.date(2026, 10, 20)


def months_late(months: int) -> dt.date:
    """A day on which a bill due on DUE is `months` whole months late."""
    year, month = divmod(DUE.month - 1 + months, 12)
    return dt.date(DUE.year + year, month + 1, DUE.day + 1)


@pytest.mark.parametrize(("scheme", "fine"), [
    (FineScheme("flat", amount=30_000, maximum=25_000), 25_000),
    (FineScheme("staged", stages=((0, 20_000), (1, 20_000)), maximum=30_000), 30_000),
    (FineScheme("percent", percent_bp=1_000, minimum=2_000, maximum=50_000), 50_000),
    (FineScheme("flat", amount=30_000, maximum=0), 30_000),  # 0: no cap
])
def test_the_cap_applies_to_every_kind(scheme, fine):
    assert fine_for(1_000_000, DUE, months_late(2), scheme) == fine


def test_a_group_s_own_scheme_else_the_general_one():
    general, commercial = FineScheme("flat", amount=10_000), FineScheme("flat", amount=25_000)
    schemes = FineSchemes(general, {7: commercial})
    assert schemes.of(7) is commercial
    assert schemes.of(3) is general and schemes.of(None) is general


def test_a_published_table_becomes_the_increments():
    assert stages_from_table("0:5000,1:12500,3:22500") == ((0, 5_000), (1, 7_500), (3, 10_000))
    assert stages_from_table(" 0 : 5.000 , 2 : 5.000 ") == ((0, 5_000), (2, 0))  # a fine that stays is allowed


@pytest.mark.parametrize(("table", "message"), [
    ("0:12500,1:5000", "turun"),
    ("0:5000,1:7500,1:9000", "dua kali"),
    ("1:5000,0:7500", "urut"),
    ("", "kosong"),
    ("   ", "kosong"),
    ("0:5000,x:7500", "Tabel denda tidak valid"),
    ("0:5000,1", "Tabel denda tidak valid"),
    ("-1:5000", "Tabel denda tidak valid"),
    ("0:-5000", "Tabel denda tidak valid"),
])
def test_a_bad_table_is_refused_in_plain_words(table, message):
    with pytest.raises(InvalidInput, match=message):
        stages_from_table(table)


# ---- properties ---------------------------------------------------------------------------------

schemes = st.one_of(
    st.builds(lambda a, cap: FineScheme("flat", amount=a, maximum=cap),
              st.integers(0, 200_000), st.integers(0, 100_000)),
    st.builds(lambda stages, cap: FineScheme("staged", amount=0, stages=tuple(stages), maximum=cap),
              st.lists(st.tuples(st.integers(0, 36), st.integers(0, 50_000)), max_size=6), st.integers(0, 100_000)),
    st.builds(lambda bp, low, cap: FineScheme("percent", amount=0, percent_bp=bp, minimum=min(low, cap or low),
                                              maximum=cap),
              st.integers(0, 10_000), st.integers(0, 50_000), st.integers(0, 100_000)),
)


@given(schemes, st.integers(0, 50_000_000), st.integers(0, 60))
def test_a_fine_never_exceeds_the_cap(scheme, bill, late):
    fine = fine_for(bill, DUE, months_late(late), scheme)
    assert fine >= 0
    if scheme.maximum:
        assert fine <= scheme.maximum


tables = st.lists(st.tuples(st.integers(0, 36), st.integers(0, 40_000)), min_size=1, max_size=8,
                  unique_by=lambda row: row[0]).map(sorted).map(
    lambda rows: [(m, sum(step for _, step in rows[:i + 1])) for i, (m, _) in enumerate(rows)])


@given(tables, st.integers(0, 48))
def test_a_table_converted_to_stages_prices_each_month_as_the_table_says(table, late):
    text = ",".join(f"{m}:{fine}" for m, fine in table)
    scheme = FineScheme("staged", amount=0, stages=stages_from_table(text))
    reached = [fine for m, fine in table if m <= late]
    assert fine_for(100_000, DUE, months_late(late), scheme) == (reached[-1] if reached else 0)
