import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import BillSelectionError
from counter.rules.allocation import check_oldest_first
from counter.rules.fines import FineScheme, fine_for
from counter.rules.stamp_duty import StampDutyRule, stamp_duty
from counter.rules.tariff import Block, validate_blocks, water_charge

R2 = (Block(10, 3_600), Block(20, 4_900), Block(30, 6_200), Block(None, 7_800))


@pytest.mark.parametrize(
    ("usage", "minimum", "charge"),
    [
        (0, 10, 36_000),  # minimum usage billed
        (7, 10, 36_000),
        (10, 10, 36_000),
        (14, 10, 36_000 + 4 * 4_900),
        (25, 0, 36_000 + 49_000 + 5 * 6_200),
        (42, 0, 36_000 + 49_000 + 62_000 + 12 * 7_800),
        (7, 0, 7 * 3_600),
    ],
)
def test_block_tariff(usage, minimum, charge):
    assert water_charge(usage, R2, minimum) == charge


def test_usage_beyond_a_bounded_last_block_uses_its_price():
    assert water_charge(15, (Block(10, 1_000),)) == 15_000


@given(st.integers(0, 5_000), st.integers(0, 5_000))
def test_more_water_never_costs_less(a, b):
    low, high = sorted((a, b))
    assert water_charge(low, R2) <= water_charge(high, R2)


@pytest.mark.parametrize(
    "blocks",
    [(), (Block(None, 1), Block(10, 1)), (Block(20, 1), Block(10, 1)), (Block(10, -1),), (Block(0, 5),)],
)
def test_bad_tariffs_are_refused(blocks):
    with pytest.raises(ValueError):
        validate_blocks(blocks)


DUE = dt.date(2025, 10, 20)


def test_no_fine_on_or_before_the_due_date():
    scheme = FineScheme("flat", amount=10_000)
    assert fine_for(100_000, DUE, DUE, scheme) == 0
    assert fine_for(100_000, DUE, dt.date(2025, 10, 21), scheme) == 10_000


def test_exempt_customers_pay_no_fine():
    assert fine_for(100_000, DUE, dt.date(2026, 1, 1), FineScheme("flat", amount=10_000), exempt=True) == 0


def test_staged_fine_adds_a_stage_each_month():
    scheme = FineScheme("staged", stages=((0, 5_000), (1, 7_500)))
    assert fine_for(1, DUE, dt.date(2025, 10, 21), scheme) == 5_000
    assert fine_for(1, DUE, dt.date(2025, 11, 20), scheme) == 5_000
    assert fine_for(1, DUE, dt.date(2025, 11, 21), scheme) == 12_500
    assert fine_for(1, DUE, dt.date(2027, 1, 1), scheme) == 12_500


@pytest.mark.parametrize(("bill", "fine"), [(10_000, 2_000), (100_000, 10_000), (1_000_000, 50_000), (25_005, 2_501)])
def test_percentage_fine_is_clamped(bill, fine):
    scheme = FineScheme("percent", percent_bp=1_000, minimum=2_000, maximum=50_000)
    assert fine_for(bill, DUE, dt.date(2025, 11, 1), scheme) == fine


def test_bad_fine_schemes_are_refused():
    with pytest.raises(ValueError):
        FineScheme("weekly")
    with pytest.raises(ValueError):
        FineScheme("flat", amount=-1)
    with pytest.raises(ValueError):
        FineScheme("percent", percent_bp=1000, minimum=5_000, maximum=1_000)


def test_stamp_duty_only_above_the_threshold():
    rule = StampDutyRule()
    assert stamp_duty(5_000_000, rule) == 0
    assert stamp_duty(5_000_001, rule) == 10_000
    assert stamp_duty(2_000, StampDutyRule(threshold=1_000, amount=3_000)) == 3_000


UNPAID = [202508, 202509, 202510, 202511]


def test_oldest_first_selection():
    assert check_oldest_first(UNPAID, [202509, 202508]) == [202508, 202509]
    assert check_oldest_first(UNPAID, UNPAID) == UNPAID


@pytest.mark.parametrize(
    ("selected", "message"),
    [([], "minimal satu"), ([202509], "Agu 2025 belum dipilih"), ([202508, 202510], "Sep 2025"),
     ([202507], "tidak ada atau sudah lunas")],
)
def test_skipping_an_older_bill_is_refused(selected, message):
    with pytest.raises(BillSelectionError, match=message):
        check_oldest_first(UNPAID, selected)


@given(st.lists(st.integers(0, 11), unique=True, min_size=1))
def test_only_prefixes_are_accepted(indexes):
    periods = [202501 + i for i in range(12)]
    chosen = [periods[i] for i in indexes]
    is_prefix = sorted(indexes) == list(range(len(indexes)))
    try:
        check_oldest_first(periods, chosen)
        assert is_prefix
    except BillSelectionError:
        assert not is_prefix
