"""A quote with other charges: its lines add up to the total, stamp duty is
reckoned on the whole, and choosing fewer bills keeps the charges."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from counter.rules.charges import ChargeDue, percent_off
from counter.rules.stamp_duty import StampDutyRule, stamp_duty
from counter.services.billing import BillDue, CustomerDetail, Quote

CUSTOMER = CustomerDetail(1, "01-01-000001", "", "Yohanes", "", "", "", "R2", "Rumah Tangga 2", "sealed", 4)
RULE = StampDutyRule(threshold=5_000_000, amount=10_000)
amounts = st.integers(0, 3_000_000)


def bill(n: int, amount: int, fine: int) -> BillDue:
    return BillDue(n, 202501 + n, 0, 10, 10, amount, 0, 0, 0, fine, dt.date(2025, 1, 20))


@st.composite
def quotes(draw):
    bills = tuple(bill(n, draw(amounts), draw(st.integers(0, 50_000))) for n in range(draw(st.integers(0, 6))))
    charges = []
    for n in range(draw(st.integers(0, 4))):
        listed, pct = draw(amounts), draw(st.integers(0, 100))
        charges.append(ChargeDue(f"C{n}", f"Biaya {n}", listed, percent_off(listed, pct), "P" if pct else ""))
    base = Quote(CUSTOMER, dt.date(2025, 11, 24), bills, stamp_duty(sum(b.amount for b in bills), RULE), RULE)
    return base.with_charges(charges)


@given(quotes(), st.integers(0, 6))
def test_the_lines_add_up_to_the_total_and_stamp_duty_is_on_the_whole(quote, count):
    for q in (quote, quote.oldest(count)):
        lines = [b.amount for b in q.bills] + [c.amount for c in q.charges]
        assert all(amount >= 0 for amount in lines)  # a discount never makes a charge negative
        assert q.subtotal == sum(lines)
        assert q.stamp_duty == stamp_duty(sum(lines), RULE)
        assert q.total == q.subtotal + q.stamp_duty
    assert quote.oldest(count).charges == quote.charges
