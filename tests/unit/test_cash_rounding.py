"""Cash rounding and credit applied to a receipt: the arithmetic (rules/settlement)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter.errors import InvalidInput
from counter.rules.money import MAX_AMOUNT
from counter.rules.payment_methods import PAYMENT_METHODS
from counter.rules.settlement import ROUNDING_UNITS, check_rounding_unit, rounding_for, settle

units = st.sampled_from(ROUNDING_UNITS)
owed = st.integers(min_value=0, max_value=MAX_AMOUNT)


@pytest.mark.parametrize(("amount", "unit", "rounding"), [
    (123_449, 100, -49), (123_450, 100, -50), (123_451, 100, 49), (123_400, 100, 0),
    (123_425, 50, -25), (123_426, 50, 24), (123_750, 500, -250), (123_751, 500, 249),
    (123_500, 1000, -500), (123_501, 1000, 499), (123_449, 0, 0), (0, 100, 0), (40, 100, -40),
])
def test_rounding_goes_to_the_nearest_multiple_and_a_half_goes_down(amount, unit, rounding):
    assert rounding_for(amount, unit) == rounding


@settings(deadline=None)  # a shared machine: time is not what is tested
@given(owed, units)
def test_rounding_reaches_a_multiple_and_moves_less_than_a_unit(amount, unit):
    rounding = rounding_for(amount, unit)
    if unit == 0:
        assert rounding == 0
    else:
        assert (amount + rounding) % unit == 0
        assert abs(rounding) < unit and 2 * abs(rounding) <= unit
        assert amount + rounding >= 0


@pytest.mark.parametrize("unit", [1, 10, 25, 99, 200, 5000, -100, "100", 1.0, True])
def test_a_unit_other_than_the_allowed_ones_is_refused_in_indonesian(unit):
    with pytest.raises(InvalidInput, match="Pembulatan tunai"):
        check_rounding_unit(unit)


def test_the_allowed_units():
    assert ROUNDING_UNITS == (0, 50, 100, 500, 1000)
    for unit in ROUNDING_UNITS:
        assert check_rounding_unit(unit) == unit


@settings(deadline=None)
@given(owed, st.data(), st.sampled_from(PAYMENT_METHODS), units)
def test_settlement_invariants(bills_and_duty, data, method, unit):
    credit = data.draw(st.integers(min_value=0, max_value=bills_and_duty))
    s = settle(bills_and_duty, credit, method, unit)
    assert s.total - s.rounding == bills_and_duty  # the receipt's lines add up to its total
    assert s.due == s.total - s.credit_used >= 0  # what the method pays: the total less the credit
    assert s.credit_used == credit
    if method != "cash" or unit == 0:
        assert s.rounding == 0  # transfer, QRIS and debit pay the exact amount
    else:
        assert abs(s.rounding) < unit and s.due % unit == 0


def test_credit_is_taken_before_the_cash_is_rounded():
    s = settle(123_450, 20_000, "cash", 100)
    assert (s.total, s.rounding, s.credit_used, s.due) == (123_400, -50, 20_000, 103_400)
    s = settle(123_451, 20_000, "qris", 100)
    assert (s.total, s.rounding, s.credit_used, s.due) == (123_451, 0, 20_000, 103_451)
    s = settle(50_000, 50_000, "cash", 100)  # the credit pays it all: nothing in cash
    assert (s.total, s.rounding, s.due) == (50_000, 0, 0)


@pytest.mark.parametrize(("credit", "message"), [
    (-1, "tidak boleh negatif"), (100_001, "melebihi tagihan"), (1.5, "angka bulat"), (True, "angka bulat"),
])
def test_bad_credit_is_refused(credit, message):
    with pytest.raises(InvalidInput, match=message):
        settle(100_000, credit, "cash", 100)


def test_the_setting_defaults_to_100_and_is_checked(tmp_path):
    from counter import config

    assert config.load(data_dir=tmp_path).payment.cash_rounding == 100
    assert config.load(data_dir=tmp_path, overrides=["payment.cash_rounding=500"]).payment.cash_rounding == 500
    assert config.load(data_dir=tmp_path, overrides=["payment.cash_rounding=0"]).payment.cash_rounding == 0
    for bad in ("30", "-100", "2000"):
        with pytest.raises(InvalidInput, match="Pembulatan tunai .* harus 0, 50, 100, 500 atau 1000"):
            config.load(data_dir=tmp_path, overrides=[f"payment.cash_rounding={bad}"])
    with pytest.raises(InvalidInput, match=r"\[payment\] tidak valid"):
        config.load(data_dir=tmp_path, overrides=["payment.cash_rounding=seratus"])
