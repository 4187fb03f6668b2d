"""The months-late examples of docs/configuration.md, as the fine rules count them."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.rules.fines import FineScheme, fine_for

SCHEME = FineScheme("staged", amount=0, stages=((0, 5000), (1, 7500), (3, 10000)))


@pytest.mark.parametrize("paid, fine", [
    (dt.date(2026, 10, 20), 0), (dt.date(2026, 10, 21), 5000), (dt.date(2026, 11, 20), 5000),
    (dt.date(2026, 11, 21), 12500), (dt.date(2027, 1, 21), 22500),
])
def test_the_documented_table_of_a_bill_due_on_20_october(paid, fine):
    assert fine_for(100_000, dt.date(2026, 10, 20), paid, SCHEME) == fine


def test_a_due_day_the_next_month_lacks():
    due = dt.date(2027, 1, 31)
    assert fine_for(100_000, due, dt.date(2027, 2, 28), SCHEME) == 5000  # 0 months late
    assert fine_for(100_000, due, dt.date(2027, 3, 1), SCHEME) == 12500  # 1 month late
