"""Pricing usage by a tariff's blocks (rules.tariff.price): properties, and
published tables of real utilities to the Rupiah."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.rules.tariff import Block, Tariff, price, water_charge

# BPSPAM Tirto Manunggal (Tembelang, Candimulyo, Kab. Magelang), "Daftar Tarif Air
# Bersih", https://id.scribd.com/document/444940649/Tarif-Tirto-Manunggal: blocks
# "1 s/d 10, 11 s/d 20, ..." (inclusive), a flat beban per group, no minimum.
TIRTO_MANUNGGAL = {
    "R1": Tariff("R1", (Block(10, 100), Block(20, 200), Block(30, 300), Block(1000, 400)), standing_charge=4_500),
    "R2": Tariff("R2", (Block(10, 200), Block(20, 300), Block(30, 400), Block(1000, 500)), standing_charge=5_500),
    "S": Tariff("S", (Block(25, 100), Block(50, 200), Block(1000, 300)), standing_charge=4_500),
    "B": Tariff("B", (Block(25, 300), Block(40, 400), Block(1000, 500)), standing_charge=7_000),
}


@pytest.mark.parametrize(("code", "shares", "water", "total"), [
    ("R1", [10, 10, 10, 22], 14_800, 19_300),
    ("R2", [10, 10, 10, 22], 20_000, 25_500),
    ("S", [25, 25, 2], 8_100, 12_600),
    ("B", [25, 15, 12], 19_500, 26_500),
])
def test_tirto_manunggal_worked_example_52_m3(code: str, shares: list[int], water: int, total: int) -> None:
    """The source's own "SIMULASI, Penggunaan Air 52 m3" for its four groups."""
    priced = price(52, TIRTO_MANUNGGAL[code])
    assert [line.m3 for line in priced.lines] == shares
    assert priced.water_charge == water
    assert priced.total == total


# Perumda Air Minum Kab. Bondowoso, Keputusan Bupati 188.45/262/430.4.2/2022
# ("Struktur Tarif Air Minum", GitHub dickyerfan/rkap view_TarifAirMinum.php):
# blocks 0-10 / 11-20 / >20 and a minimum use of 10 m3 (priced progressively, the
# minimum at the first block's rate).
BONDOWOSO = {
    "R1": Tariff("R1", (Block(10, 2_500), Block(20, 5_000), Block(None, 5_530)), minimum_m3=10),
    "R2": Tariff("R2", (Block(10, 3_500), Block(20, 5_510), Block(None, 5_670)), minimum_m3=10),
    "N1": Tariff("N1", (Block(10, 4_840), Block(20, 7_510), Block(None, 7_840)), minimum_m3=10),
}


@pytest.mark.parametrize(("code", "usage", "water"), [
    ("R1", 0, 25_000), ("R1", 5, 25_000), ("R1", 10, 25_000), ("R1", 15, 50_000), ("R1", 25, 102_650),
    ("R1", 52, 251_960), ("R2", 0, 35_000), ("R2", 15, 62_550), ("R2", 25, 118_450), ("R2", 52, 271_540),
    ("N1", 5, 48_400), ("N1", 15, 85_950), ("N1", 25, 162_700), ("N1", 52, 374_380),
])
def test_bondowoso_minimum_use(code: str, usage: int, water: int) -> None:
    priced = price(usage, BONDOWOSO[code])
    assert priced.water_charge == water
    assert priced.billed_m3 == max(usage, 10)


# PAM JAYA, Pergub DKI 11/2007 (PALYJA leaflet, https://id.scribd.com/document/358778621):
# per-group rates 0-10 / 11-20 / >20; K-III B with a 1/2" meter: beban tetap 7.550,
# pemeliharaan meter 4.400.
PAM_JAYA_3B = Tariff("3B", (Block(10, 4_900), Block(20, 6_000), Block(None, 7_450)),
                     standing_charge=7_550, meter_fee=4_400)
PAM_JAYA_4A = Tariff("4A", (Block(10, 6_825), Block(20, 8_150), Block(None, 9_800)))


@pytest.mark.parametrize(("tariff", "usage", "water"), [
    (PAM_JAYA_3B, 5, 24_500), (PAM_JAYA_3B, 15, 79_000), (PAM_JAYA_3B, 20, 109_000), (PAM_JAYA_3B, 25, 146_250),
    (PAM_JAYA_3B, 52, 347_400), (PAM_JAYA_4A, 15, 109_000), (PAM_JAYA_4A, 52, 463_350),
])
def test_pam_jaya_per_group_rates(tariff: Tariff, usage: int, water: int) -> None:
    assert price(usage, tariff).water_charge == water


def test_pam_jaya_full_bill() -> None:
    assert price(25, PAM_JAYA_3B).total == 158_200


def test_fixed_charges_are_added_even_at_zero_use() -> None:
    tariff = Tariff("X", (Block(None, 1_000),), standing_charge=5_000, meter_fee=2_000, admin_fee=2_500)
    assert price(0, tariff).total == 9_500


def test_a_tariff_without_blocks_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one block"):
        price(5, Tariff("X", ()))


# ---- properties --------------------------------------------------------------------


@st.composite
def tariffs(draw) -> Tariff:  # noqa: ANN001
    widths = draw(st.lists(st.integers(1, 40), min_size=0, max_size=5))
    limits, total = [], 0
    for width in widths:
        total += width
        limits.append(total)
    open_end = draw(st.booleans()) or not limits
    prices = draw(st.lists(st.integers(0, 20_000), min_size=len(limits) + open_end, max_size=len(limits) + open_end))
    blocks = [Block(limit, p) for limit, p in zip(limits + ([None] if open_end else []), prices)]
    return Tariff("T", tuple(blocks), minimum_m3=draw(st.integers(0, 30)),
                  standing_charge=draw(st.integers(0, 20_000)), meter_fee=draw(st.integers(0, 10_000)))


@given(tariffs(), st.integers(0, 500), st.integers(0, 500))
def test_price_never_falls_as_usage_rises(tariff: Tariff, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert price(low, tariff).water_charge <= price(high, tariff).water_charge


@given(tariffs(), st.integers(0, 500))
def test_minimum_use_is_billed(tariff: Tariff, usage: int) -> None:
    priced = price(usage, tariff)
    assert priced.billed_m3 == max(usage, tariff.minimum_m3)
    assert sum(line.m3 for line in priced.lines) == priced.billed_m3
    if usage <= tariff.minimum_m3:
        assert priced.water_charge == price(tariff.minimum_m3, tariff).water_charge


@given(tariffs(), st.integers(0, 500))
def test_each_m3_costs_its_blocks_price(tariff: Tariff, usage: int) -> None:
    """One m3 more costs exactly the price of the block that m3 falls in
    (limits inclusive: m3 number `limit` is still in the block)."""
    billed = max(usage, tariff.minimum_m3)
    step = price(billed + 1, tariff).water_charge - price(billed, tariff).water_charge
    number = billed + 1  # the m3 added
    expected = tariff.blocks[-1].price_per_m3
    for block in tariff.blocks:
        if block.up_to_m3 is None or number <= block.up_to_m3:
            expected = block.price_per_m3
            break
    assert step == expected


@given(tariffs(), st.integers(0, 500))
def test_agrees_with_water_charge(tariff: Tariff, usage: int) -> None:
    assert price(usage, tariff).water_charge == water_charge(usage, tariff.blocks, tariff.minimum_m3)
